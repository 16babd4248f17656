package dev.rowpipe.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            "WITH q AS (SELECT 1) INSERT INTO t SELECT * FROM q", "FROM s INSERT OVERWRITE TABLE t SELECT *"}) {
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
}
