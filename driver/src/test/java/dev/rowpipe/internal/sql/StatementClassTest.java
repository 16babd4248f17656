package dev.rowpipe.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementClassTest {
    private static StatementClass of(String sql) {
        return StatementClass.of(sql, true);
    }

    @Test
    void readsAreTheStatementsThatOnlyLook() {
        for (String sql : new String[] {"SELECT 1", "  select * from t", "-- Metabase:: user\nSELECT 1",
            "/* c */ WITH q AS (SELECT 1) SELECT * FROM q", "(SELECT 1) UNION ALL (SELECT 2)", "VALUES (1)",
            "SHOW TABLES", "DESCRIBE t", "EXPLAIN SELECT 1", "WITH q AS (SELECT 'INSERT') SELECT * FROM q"}) {
            assertEquals(StatementClass.READ, of(sql), sql);
            assertFalse(of(sql).writes(), sql);
        }
        assertEquals(StatementClass.SESSION, of("SET time_zone = 'UTC'"));
        assertEquals(StatementClass.SESSION, of("USE db"));
        assertFalse(of("SET a = 1").writes());
    }

    @Test
    void writesAreEverythingElse() {
        for (String sql : new String[] {"INSERT INTO t VALUES (1)", "insert into t select * from u", "UPDATE t SET a = 1",
            "DELETE FROM t", "TRUNCATE TABLE t", "CREATE TABLE t AS SELECT 1", "CREATE TABLE t AS (SELECT 1)",
            "WITH q AS (SELECT 1) INSERT INTO t SELECT * FROM q", "FROM s INSERT OVERWRITE TABLE t SELECT *",
            "SELECT * INTO t2 FROM t", "EXPLAIN ANALYZE INSERT INTO t SELECT 1", "explain analyze delete from t"}) {
            assertEquals(StatementClass.WRITE_ROWS, of(sql), sql);
            assertTrue(of(sql).writes(), sql);
        }
        for (String sql : new String[] {"CREATE TABLE t (a INT)", "CREATE VIEW v AS SELECT 1", "DROP TABLE t",
            "ALTER TABLE a SWAP WITH b", "START ENGINE e", "VACUUM t", "", "-- only a comment", "'text'"}) {
            assertEquals(StatementClass.OTHER, of(sql), sql);
            assertTrue(of(sql).writes(), sql);
        }
    }

    @Test
    void insertValuesCountsItsTuples() {
        assertEquals(1, StatementClass.insertValuesRows("INSERT INTO t (id, name) VALUES (11, 'new')", true));
        assertEquals(3, StatementClass.insertValuesRows(
                "insert into db.public.\"t\" values (1, 'a), (b'), (2, '\\')'),(3, NULL);", true));
        assertEquals(2, StatementClass.insertValuesRows("INSERT INTO TABLE t VALUES (1) , -- two\n (2)", true));
        assertEquals(1, StatementClass.insertValuesRows("INSERT INTO t VALUES (ARRAY[1, 2], (3))", false));
        // Anything the tuples do not fully describe is not counted.
        for (String sql : new String[] {"INSERT INTO t SELECT 1", "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING",
            "INSERT INTO t VALUES (1), ", "INSERT INTO t VALUES (1", "INSERT INTO t VALUES 1", "UPDATE t SET a = 1",
            "INSERT INTO t (a VALUES (1)", "SELECT 'INSERT INTO t VALUES (1)'"}) {
            assertEquals(-1, StatementClass.insertValuesRows(sql, true), sql);
        }
    }

    @Test
    void provablyReadOnlyAreReadsWithNoWriteAnywhere() {
        for (String sql : List.of("SELECT 1", "select * from t;", "  -- Metabase:: a\n/* x */ SELECT 1 ;  -- end",
                "(SELECT 1) UNION (SELECT 2)", "WITH x AS (SELECT 1) SELECT * FROM x", "SHOW TABLES", "DESCRIBE t",
                "DESC t", "EXPLAIN SELECT 1", "EXPLAIN ANALYZE SELECT count(*) FROM t",
                "SELECT 'INSERT INTO t VALUES (1)' AS s", "SELECT \"insert\" FROM t", "SELECT 1 -- ; DROP TABLE t",
                "SELECT replace(s, 'a', 'b') FROM t", "SELECT 'it''s', 'a\\\\b'")) {
            assertTrue(StatementClass.isProvablyReadOnly(sql), sql);
        }
    }

    @Test
    void everythingElseIsNotProvablyReadOnly() {
        for (String sql : List.of("INSERT INTO t VALUES (1)", "/* SELECT */ INSERT INTO t SELECT 1", "",
                "  -- only a comment", "SELECT 1; INSERT INTO t VALUES (2)", "SELECT 1; SELECT 2",
                "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "SELECT * INTO t2 FROM t",
                "EXPLAIN ANALYZE INSERT INTO t SELECT 1", "CREATE TABLE t AS SELECT 1", "SET a = 1",
                "VACUUM t", "RESET a", "'SELECT'", "\"SELECT\" 1", "START ENGINE e", "COPY t FROM 's3://x'",
                // Read with backslash escapes the literal runs to the end; read without, a second statement follows.
                "SELECT 'a\\' ; DELETE FROM t WHERE '1' = '1'",
                // And the other way round: with backslash escapes the quote is escaped and DELETE is code.
                "SELECT 'a\\'' ; DELETE FROM t; --'")) {
            assertFalse(StatementClass.isProvablyReadOnly(sql), sql);
        }
    }

    @Test
    void theResendCheckIsStricterThanTheClass() {
        // Reads by their first word, but not shown to only read: a write further on, a second statement, or a
        // first word the re-send check does not take.
        for (String sql : List.of("SELECT 1; SELECT 2", "VALUES (1)",
                "SELECT * FROM (DELETE FROM t RETURNING *) AS gone")) {
            assertEquals(StatementClass.READ, of(sql), sql);
            assertFalse(StatementClass.isProvablyReadOnly(sql), sql);
        }
    }
}
