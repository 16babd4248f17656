package dev.rowpipe.local.firebolt;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FireboltSqlTest {

    private static final Set<String> SCHEMAS = Set.of("local_db", "other_db", "sample_datasets", "main",
            "information_schema");

    private final FireboltSql sql = new FireboltSql(Path.of("/data/s3"));

    private List<String> rewrite(String firebolt) {
        return sql.rewrite(firebolt, "local_db", SCHEMAS);
    }

    private String one(String firebolt) {
        List<String> out = rewrite(firebolt);
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
    void nulCharactersBecomeChrZero() {
        // DuckDB's parser would end the literal at a raw NUL ("unterminated string literal").
        assertEquals("SELECT ('a' || chr(0) || 'x''' || chr(0) || '')", one("SELECT 'a\\0x\\'\\0'"));
    }

    @Test
    void commentsAndQuotedIdentifiersAreLeftAlone() {
        assertEquals("SELECT \"it\\'s\" -- don't\n", one("SELECT \"it\\'s\" -- don't\n"));
        assertEquals("SELECT /* it's */ 1", one("SELECT /* it's */ 1"));
        assertEquals("SELECT \"a\"\"b\"", one("SELECT `a\"b`"));
    }

    @Test
    void statementsSplitOutsideLiterals() {
        assertEquals(List.of("SELECT ';'", " SELECT 2"), rewrite("SELECT ';'; SELECT 2;  -- end"));
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
                () -> rewrite("CREATE EXTERNAL TABLE x (a INT) URL = 'http://x/' TYPE = (CSV)"));
        assertTrue(e.getMessage().contains("s3://"));
        assertThrows(IllegalArgumentException.class,
                () -> rewrite("CREATE EXTERNAL TABLE x (a INT) URL = 's3://b/../../etc/' TYPE = (CSV)"));
        assertThrows(IllegalArgumentException.class,
                () -> rewrite("CREATE EXTERNAL TABLE x (a INT) URL = 's3://b/' TYPE = (AVRO)"));
        assertThrows(IllegalArgumentException.class, () -> rewrite("SELECT 'unterminated"));
    }

    @Test
    void createTableAsSelectKeepsOperatorsWhole() {
        assertEquals("CREATE TABLE t AS SELECT 'a' || 'b' AS ab, 1 <= 2 AS le, 1 <> 2 AS ne, 'x''y' AS q",
                one("CREATE TABLE t AS SELECT 'a' || 'b' AS ab, 1 <= 2 AS le, 1 <> 2 AS ne, 'x\\'y' AS q"));
        assertEquals("CREATE TABLE IF NOT EXISTS t AS SELECT a||b FROM s WHERE x>=1",
                one("CREATE TABLE IF NOT EXISTS t AS SELECT a||b FROM s WHERE x>=1"));
        assertEquals("CREATE TABLE \"local_db\".t AS (SELECT 1)", one("CREATE TABLE public.t AS (SELECT 1)"));
    }

    @Test
    void tablesAreQualifiedAsFireboltDoes() {
        assertEquals("SELECT * FROM t", one("SELECT * FROM t"));
        assertEquals("SELECT * FROM \"local_db\".t", one("SELECT * FROM public.t"));
        assertEquals("SELECT * FROM \"local_db\".\"t\"", one("SELECT * FROM \"local_db\".\"public\".\"t\""));
        assertEquals("SELECT * FROM \"local_db\".t", one("SELECT * FROM LOCAL_DB.PUBLIC.t"));
        assertEquals("SELECT \"local_db\".t.a, t.b FROM \"local_db\".t", one("SELECT public.t.a, t.b FROM public.t"));
        assertEquals("INSERT INTO \"local_db\".t VALUES (1)", one("INSERT INTO local_db.public.t VALUES (1)"));
        assertEquals("CREATE TABLE \"local_db\".t (a BIGINT)", one("CREATE FACT TABLE public.t (a LONG) PRIMARY INDEX a"));
        // alias.column is left alone.
        assertEquals("SELECT x.a FROM t x", one("SELECT x.a FROM t x"));
        // The catalog of the connected database reads as information_schema itself.
        assertTrue(one("SELECT table_name FROM local_db.information_schema.tables").contains("FROM (SELECT * REPLACE"));
    }

    @Test
    void namesTheServiceRejectsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rewrite("SELECT * FROM local_db.t"));
        assertTrue(e.getMessage().contains("Schema 'local_db' does not exist"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rewrite("SELECT * FROM other_db.public.t"));
        assertTrue(e.getMessage().contains("'other_db' is not the database of this request"), e.getMessage());
        // TD's databases share the DuckDB file but are not Firebolt schemas.
        assertThrows(IllegalArgumentException.class, () -> rewrite("SELECT * FROM sample_datasets.www_access"));
        assertThrows(IllegalArgumentException.class, () -> rewrite("SELECT * FROM \"local_db\".\"t\""));
    }
}
