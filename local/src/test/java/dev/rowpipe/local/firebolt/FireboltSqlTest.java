package dev.rowpipe.local.firebolt;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FireboltSqlTest {

    private final FireboltSql sql = new FireboltSql(Path.of("/data/s3"));

    private String one(String firebolt) {
        List<String> out = sql.rewrite(firebolt);
        assertEquals(1, out.size(), out.toString());
        return out.get(0);
    }

    @Test
    void literalsBecomeStandard() {
        assertEquals("SELECT 'It''s'", one("SELECT 'It\\'s'"));
        assertEquals("SELECT 'It''s'", one("SELECT 'It''s'"));
        assertEquals("SELECT 'a\\b'", one("SELECT 'a\\\\b'"));
        assertEquals("SELECT 'x\ny\tz'", one("SELECT 'x\\ny\\tz'"));
        // A value ending in a backslash, bound the way Firebolt's driver binds it.
        assertEquals("SELECT 'ends\\' = 'x'", one("SELECT 'ends\\\\' = 'x'"));
    }

    @Test
    void commentsAndQuotedIdentifiersAreLeftAlone() {
        assertEquals("SELECT \"it\\'s\" -- don't\n", one("SELECT \"it\\'s\" -- don't\n"));
        assertEquals("SELECT /* it's */ 1", one("SELECT /* it's */ 1"));
        assertEquals("SELECT \"a\"\"b\"", one("SELECT `a\"b`"));
    }

    @Test
    void statementsSplitOutsideLiterals() {
        assertEquals(List.of("SELECT ';'", " SELECT 2"), sql.rewrite("SELECT ';'; SELECT 2;  -- end"));
    }

    @Test
    void factAndDimensionTablesDropTheirIndexes() {
        assertEquals("CREATE TABLE IF NOT EXISTS t (a BIGINT NOT NULL, b VARCHAR, c DECIMAL(10,2), d INTEGER[], e VARCHAR NULL)",
                one("CREATE FACT TABLE IF NOT EXISTS t (a LONG NOT NULL, b TEXT, c Decimal(10, 2), d Array(Int), e Nullable(String) NULL) "
                        + "PRIMARY INDEX a, b PARTITION BY c"));
        assertEquals("CREATE TABLE d (x TIMESTAMP, y DOUBLE, z BOOLEAN, w DATE)",
                one("create dimension table d (x DateTime, y Double, z Boolean, w Date)"));
        assertEquals("CREATE TABLE n (a VARCHAR[][])", one("CREATE TABLE n (a ARRAY(ARRAY(TEXT)))"));
    }

    @Test
    void externalTablesBecomeViewsOverLocalFiles() {
        assertEquals("CREATE VIEW IF NOT EXISTS ex AS SELECT CAST(id AS BIGINT) AS id, CAST(name AS VARCHAR) AS name "
                        + "FROM read_parquet('/data/s3/bucket/dir/*.parquet')",
                one("CREATE EXTERNAL TABLE IF NOT EXISTS ex (id LONG, name TEXT) URL = 's3://bucket/dir/' "
                        + "CREDENTIALS = (AWS_KEY_ID = '**' AWS_SECRET_KEY = '**') OBJECT_PATTERN = '*.parquet' TYPE = (PARQUET)"));
        String csv = one("CREATE EXTERNAL TABLE c (id INT) URL = 's3://b/p/' OBJECT_PATTERN = '*.csv' TYPE = (CSV) SKIP_HEADER_ROWS = 1");
        assertEquals("CREATE VIEW c AS SELECT CAST(id AS INTEGER) AS id FROM read_csv('/data/s3/b/p/*.csv', header = true, "
                + "columns = {'id': 'INTEGER'})", csv);
        assertTrue(one("CREATE EXTERNAL TABLE j (id INT) URL = 's3://b/' OBJECT_PATTERN = '*.json' TYPE = JSON")
                .contains("read_json('/data/s3/b/*.json', columns = {'id': 'INTEGER'})"));
    }

    @Test
    void badExternalTablesAreRejectedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sql.rewrite("CREATE EXTERNAL TABLE x (a INT) URL = 'http://x/' TYPE = (CSV)"));
        assertTrue(e.getMessage().contains("s3://"));
        assertThrows(IllegalArgumentException.class,
                () -> sql.rewrite("CREATE EXTERNAL TABLE x (a INT) URL = 's3://b/../../etc/' TYPE = (CSV)"));
        assertThrows(IllegalArgumentException.class,
                () -> sql.rewrite("CREATE EXTERNAL TABLE x (a INT) URL = 's3://b/' TYPE = (AVRO)"));
        assertThrows(IllegalArgumentException.class, () -> sql.rewrite("SELECT 'unterminated"));
    }
}
