package dev.rowpipe.internal.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOnlySqlTest {

    @Test
    void readsAreReadOnly() {
        for (String sql : List.of("SELECT 1", "select * from t;", "  -- Metabase:: a\n/* x */ SELECT 1 ;  -- end",
                "(SELECT 1) UNION (SELECT 2)", "WITH x AS (SELECT 1) SELECT * FROM x", "SHOW TABLES", "DESCRIBE t",
                "DESC t", "EXPLAIN SELECT 1", "EXPLAIN ANALYZE SELECT count(*) FROM t",
                "SELECT 'INSERT INTO t VALUES (1)' AS s", "SELECT \"insert\" FROM t", "SELECT 1 -- ; DROP TABLE t",
                "SELECT replace(s, 'a', 'b') FROM t", "SELECT 'it''s', 'a\\\\b'")) {
            assertTrue(ReadOnlySql.isReadOnly(sql), sql);
        }
    }

    @Test
    void everythingElseIsNot() {
        for (String sql : List.of("INSERT INTO t VALUES (1)", "/* SELECT */ INSERT INTO t SELECT 1", "",
                "  -- only a comment", "SELECT 1; INSERT INTO t VALUES (2)", "SELECT 1; SELECT 2",
                "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "SELECT * INTO t2 FROM t",
                "EXPLAIN ANALYZE INSERT INTO t SELECT 1", "CREATE TABLE t AS SELECT 1", "SET a = 1",
                "VACUUM t", "'SELECT'", "\"SELECT\" 1", "START ENGINE e", "COPY t FROM 's3://x'",
                // Read with backslash escapes the literal runs to the end; read without, a second statement follows.
                "SELECT 'a\\' ; DELETE FROM t WHERE '1' = '1'",
                // And the other way round: with backslash escapes the quote is escaped and DELETE is code.
                "SELECT 'a\\'' ; DELETE FROM t; --'")) {
            assertFalse(ReadOnlySql.isReadOnly(sql), sql);
        }
    }
}
