package dev.rowpipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.local.firebolt2.Firebolt2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The system engine, the session headers and the engine statements of Firebolt 2.0. */
@ExtendWith(Firebolt2Extension.class)
class Firebolt2SessionTest {

    private static final List<String> SESSION_HEADERS = List.of("Firebolt-Update-Parameters",
            "Firebolt-Remove-Parameters", "Firebolt-Reset-Session", "Firebolt-Update-Endpoint");

    private static Firebolt2 fb;
    private static String token;

    @BeforeAll
    static void signIn(LocalServer server) throws Exception {
        fb = server.firebolt2();
        token = Http2.signIn(fb);
    }

    private static void assertNoSessionHeaders(HttpResponse<String> r) {
        for (String h : SESSION_HEADERS) {
            assertTrue(r.headers().allValues(h).isEmpty(), h + " on a " + r.statusCode() + " answer");
        }
    }

    /** The shape every 2.0 error body has. */
    private static JsonNode assertErrorBody(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode j = Http.json(r);
        for (String k : List.of("query_id", "request_id", "query_label")) {
            assertTrue(j.get("query").has(k), k);
        }
        JsonNode e = j.get("errors").get(0);
        for (String k : List.of("code", "name", "severity", "source", "description", "resolution", "helpLink", "location")) {
            assertTrue(e.has(k), k + " in " + e);
        }
        assertNoSessionHeaders(r);
        return e;
    }

    @Test
    void useDatabaseAnswersUpdateParameters() throws Exception {
        HttpResponse<String> r = Http2.system(fb, token, "", "USE DATABASE \"local_db\"");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("database=local_db"), r.headers().allValues("Firebolt-Update-Parameters"));
        assertEquals("", r.body());
        // Unquoted names fold to lower case.
        assertEquals(List.of("database=local_db"),
                Http2.system(fb, token, "", "use database LOCAL_DB;").headers().allValues("Firebolt-Update-Parameters"));
    }

    @Test
    void anUnknownDatabaseIsA400ErrorBodyWithoutSessionHeaders() throws Exception {
        HttpResponse<String> r = Http2.system(fb, token, "query_label=lbl-1", "USE DATABASE nope");
        JsonNode e = assertErrorBody(r, 400);
        assertEquals("Database \"nope\" does not exist or not authorized", e.get("description").asText());
        assertEquals("ERROR", e.get("severity").asText());
        assertEquals("lbl-1", Http.json(r).get("query").get("query_label").asText());
        assertErrorBody(Http2.system(fb, token, "database=nope", "SELECT 1"), 400);
        assertErrorBody(Http2.engine(fb, "local_engine", token, "database=nope", "SELECT 1"), 400);
    }

    @Test
    void useEngineResetsTheSessionAndMovesTheEndpoint() throws Exception {
        HttpResponse<String> r = Http2.system(fb, token, "database=local_db", "USE ENGINE local_engine");
        assertEquals(200, r.statusCode(), r.body());
        String endpoint = r.headers().firstValue("Firebolt-Update-Endpoint").orElseThrow();
        assertEquals(fb.userEngineEndpoint("local_engine") + "?engine=local_engine&account_id=" + fb.accountId(), endpoint);
        assertTrue(r.headers().firstValue("Firebolt-Reset-Session").isPresent());
        // The endpoint, with its parameters, takes queries.
        HttpResponse<String> q = Http.send(Http2.post(endpoint, token, "database=local_db",
                "SELECT count(*) AS n FROM page_views_sample"));
        assertEquals(200, q.statusCode(), q.body());
        assertEquals("100", Http2.tsv(q).get(2)[0]);

        JsonNode e = assertErrorBody(Http2.system(fb, token, "", "USE ENGINE \"nope\""), 400);
        assertEquals("Engine \"nope\" does not exist or not authorized", e.get("description").asText());
        assertErrorBody(Http2.engine(fb, "local_engine", token, "engine=local_engine_2", "SELECT 1"), 400);
    }

    @Test
    void setAnswersUpdateParametersOnePerValueAndRefusesUnknownSettings() throws Exception {
        HttpResponse<String> r = Http2.system(fb, token, "", "SET time_zone = 'Europe/Berlin'");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("time_zone=Europe/Berlin"), r.headers().allValues("Firebolt-Update-Parameters"));
        assertEquals(List.of("time_zone"), Http2.system(fb, token, "", "SET time_zone TO DEFAULT")
                .headers().allValues("Firebolt-Remove-Parameters"));
        assertEquals("UnknownSetting", assertErrorBody(Http2.system(fb, token, "", "SET no_such_setting = 1"), 400)
                .get("name").asText());
        assertErrorBody(Http2.system(fb, token, "", "SET time_zone = 'Mars/Olympus'"), 400);
        assertErrorBody(Http2.system(fb, token, "", "SET database = 'local_db'"), 400);
        // The official driver validates a SET by sending SELECT 1 with the parameter: an unknown one fails.
        assertEquals(200, Http2.system(fb, token, "time_zone=UTC", "SELECT 1").statusCode());
        assertErrorBody(Http2.system(fb, token, "no_such_setting=1", "SELECT 1"), 400);
        assertErrorBody(Http2.engine(fb, "local_engine", token, "query_id=mine", "SELECT 1"), 400);
    }

    @Test
    void theTimeZoneSettingChangesTimestamptzText() throws Exception {
        String sql = "SELECT TIMESTAMPTZ '2024-01-01 12:00:00+00' AS t";
        assertEquals("2024-01-01 12:00:00+00", Http2.tsv(Http2.engine(fb, "local_engine", token, "", sql)).get(2)[0]);
        assertEquals("2024-01-01 13:00:00+01", Http2.tsv(Http2.engine(fb, "local_engine", token,
                "time_zone=Europe/Berlin", sql)).get(2)[0]);
    }

    @Test
    void requestsAreOneStatementWithAKnownProtocolVersion() throws Exception {
        assertEquals("MultipleStatements", assertErrorBody(Http2.engine(fb, "local_engine", token, "",
                "SELECT 1; SELECT 2"), 400).get("name").asText());
        assertEquals(200, Http2.engine(fb, "local_engine", token, "", "SELECT 1;").statusCode());
        assertErrorBody(Http2.engine(fb, "local_engine", token, "", "  -- nothing\n"), 400);
        assertErrorBody(Http.send(Http2.post(fb.userEngineEndpoint("local_engine"), token, "", "SELECT 1")
                .setHeader("Firebolt-Protocol-Version", "1.0")), 400);
        assertErrorBody(Http2.engine(fb, "local_engine", token, "output_format=XML", "SELECT 1"), 400);
        assertEquals("NoDatabaseSelected", assertErrorBody(Http2.engine(fb, "local_engine", token, "",
                "CREATE TABLE nowhere (a INT)"), 400).get("name").asText());
    }

    @Test
    void errorsCarryDuckDbsLocation() throws Exception {
        JsonNode e = assertErrorBody(Http2.engine(fb, "local_engine", token, "", "SELECT 1 FROM\n  nowhere_table"), 400);
        assertTrue(e.get("description").asText().contains("nowhere_table"), e.toString());
        assertEquals(2, e.get("location").get("failingLine").asInt(), e.toString());
        assertErrorBody(Http2.engine(fb, "local_engine", token, "", "SELEC 1"), 400);
    }

    @Test
    void theSystemEngineRunsMetadataButNoTableData() throws Exception {
        HttpResponse<String> meta = Http2.system(fb, token, "database=local_db",
                "SELECT table_name, table_type FROM information_schema.tables WHERE table_name = 'page_views_sample'");
        assertEquals(200, meta.statusCode(), meta.body());
        assertEquals("page_views_sample", Http2.tsv(meta).get(2)[0]);
        for (String sql : List.of("SELECT * FROM page_views_sample", "SELECT * FROM public.page_views_sample",
                "SELECT * FROM local_db.public.page_views_sample")) {
            JsonNode e = assertErrorBody(Http2.system(fb, token, "database=local_db", sql), 400);
            assertEquals("SystemEngineRestriction", e.get("name").asText(), sql + ": " + e);
        }
        assertEquals("SystemEngineRestriction", assertErrorBody(Http2.system(fb, token, "database=local_db",
                "CREATE TABLE t (a INT)"), 400).get("name").asText());
        assertErrorBody(Http2.system(fb, token, "", "BEGIN TRANSACTION"), 400);
        assertErrorBody(Http2.system(fb, token, "max_execution_time=5", "SELECT 1"), 400);
        HttpResponse<String> dbs = Http2.system(fb, token, "", "SELECT catalog_name FROM information_schema.databases "
                + "ORDER BY 1");
        assertEquals(200, dbs.statusCode(), dbs.body());
        assertEquals(List.of("catalog_name", "text null", "firebolt", "local_db"),
                Http2.tsv(dbs).stream().map(l -> l[0]).toList());
    }

    @Test
    void startAndStopEngineChangeInformationSchemaEngines() throws Exception {
        String status = "SELECT status, url, auto_start FROM information_schema.engines WHERE engine_name = 'local_engine_2'";
        List<String[]> before = Http2.tsv(Http2.system(fb, token, "", status));
        assertEquals("STOPPED", before.get(2)[0]);
        assertEquals(fb.userEngineEndpoint("local_engine_2"), before.get(2)[1]);
        assertEquals("t", before.get(2)[2]);
        // A health check that must not wake the engine is refused while it is stopped.
        HttpResponse<String> ignored = Http2.engine(fb, "local_engine_2", token, "auto_start_stop_control=ignore", "SELECT 1");
        assertEquals("EngineNotRunning", assertErrorBody(ignored, 400).get("name").asText());
        assertEquals("STOPPED", Http2.tsv(Http2.system(fb, token, "", status)).get(2)[0]);

        HttpResponse<String> start = Http2.system(fb, token, "", "START ENGINE local_engine_2");
        assertEquals(200, start.statusCode(), start.body());
        assertEquals("RUNNING", Http2.tsv(Http2.system(fb, token, "", status)).get(2)[0]);
        assertEquals(200, Http2.engine(fb, "local_engine_2", token, "auto_start_stop_control=ignore", "SELECT 1").statusCode());

        assertEquals(200, Http2.system(fb, token, "", "STOP ENGINE local_engine_2").statusCode());
        assertEquals("STOPPED", Http2.tsv(Http2.system(fb, token, "", status)).get(2)[0]);
        // AUTO_START: an ordinary query starts it again and waits for it.
        HttpResponse<String> woken = Http2.engine(fb, "local_engine_2", token, "", "SELECT 42");
        assertEquals(200, woken.statusCode(), woken.body());
        assertEquals("42", Http2.tsv(woken).get(2)[0]);
        assertEquals("RUNNING", Http2.tsv(Http2.system(fb, token, "", status)).get(2)[0]);
        assertErrorBody(Http2.system(fb, token, "", "START ENGINE nope"), 400);
        assertErrorBody(Http2.engine(fb, "local_engine", token, "", "STOP ENGINE local_engine_2"), 400);
        assertEquals("NotSupported", assertErrorBody(Http2.system(fb, token, "", "CREATE DATABASE x"), 400)
                .get("name").asText());
    }

    @Test
    void informationSchemaUsesStandardTypeNames() throws Exception {
        HttpResponse<String> create = Http2.engine(fb, "local_engine", token, "database=local_db",
                "CREATE TABLE IF NOT EXISTS typed (i INT NOT NULL, b BIGINT, r REAL, d DOUBLE PRECISION, "
                        + "n NUMERIC(10, 2), t TEXT, f BOOLEAN, dt DATE, ts TIMESTAMP, tz TIMESTAMPTZ, bt BYTEA, "
                        + "a ARRAY(INT))");
        assertEquals(200, create.statusCode(), create.body());
        HttpResponse<String> r = Http2.system(fb, token, "database=local_db", "SELECT column_name, data_type, "
                + "is_nullable, table_schema, table_catalog FROM information_schema.columns WHERE table_name = 'typed' "
                + "ORDER BY ordinal_position");
        assertEquals(200, r.statusCode(), r.body());
        List<String[]> rows = Http2.tsv(r);
        assertEquals(List.of("int", "bigint", "real", "double precision", "numeric(10, 2)", "text", "boolean",
                "date", "timestamp", "timestamptz", "bytea", "array(int)"),
                rows.subList(2, rows.size()).stream().map(l -> l[1]).toList());
        assertEquals("NO", rows.get(2)[2]);
        assertEquals("YES", rows.get(3)[2]);
        assertEquals("public", rows.get(2)[3]);
        assertEquals("local_db", rows.get(2)[4]);
        HttpResponse<String> schemata = Http2.system(fb, token, "database=local_db",
                "SELECT schema_name FROM information_schema.schemata ORDER BY 1");
        assertEquals(List.of("information_schema", "public"),
                Http2.tsv(schemata).subList(2, 4).stream().map(l -> l[0]).toList());
        // Without a database the per-database views are empty.
        assertEquals(2, Http2.tsv(Http2.system(fb, token, "", "SELECT * FROM information_schema.tables")).size());
        assertFalse(Http2.system(fb, token, "", "SELECT * FROM information_schema.nope").statusCode() == 200);
    }
}
