package dev.rowpipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalServerExtension.class)
class FireboltQueryTest {

    /** NULL, tab, newline, quote, backslash, emoji, arrays: written in Firebolt's literal syntax. */
    private static final String HOSTILE = "SELECT 1 AS id, NULL::INT AS nothing, 'tab\\there' AS tab, 'line\\nbreak' AS nl, "
            + "'It\\'s' AS quote, 'a\\\\b' AS backslash, '\uD83D\uDE80 rocket' AS emoji, [1, 2] AS ints, "
            + "['a', NULL, 'q''s'] AS strs, true AS flag, 2.5::DOUBLE AS dbl, 12.34::DECIMAL(10, 2) AS dec, "
            + "DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 12:34:56' AS ts";

    private static String token;

    @BeforeAll
    static void login(LocalServer server) throws Exception {
        token = Http.token(server);
    }

    @Test
    void jsonIsTheDefaultFormat(LocalServer s) throws Exception {
        HttpResponse<String> r = Http.run(s, token, "", HOSTILE);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(""));
        JsonNode j = Http.json(r);
        assertEquals("id", j.get("meta").get(0).get("name").asText());
        assertEquals("Nullable(Int32)", j.get("meta").get(0).get("type").asText());
        assertEquals("Nullable(Array(String))", j.get("meta").get(8).get("type").asText());
        assertEquals("Nullable(Decimal(10, 2))", j.get("meta").get(11).get("type").asText());
        assertEquals("Nullable(DateTime)", j.get("meta").get(13).get("type").asText());
        JsonNode row = j.get("data").get(0);
        assertTrue(row.get("nothing").isNull());
        assertEquals("tab\there", row.get("tab").asText());
        assertEquals("line\nbreak", row.get("nl").asText());
        assertEquals("It's", row.get("quote").asText());
        assertEquals("a\\b", row.get("backslash").asText());
        assertEquals("\uD83D\uDE80 rocket", row.get("emoji").asText());
        assertEquals("[1,2]", row.get("ints").toString());
        assertEquals("[\"a\",null,\"q's\"]", row.get("strs").toString());
        assertTrue(row.get("flag").asBoolean());
        assertEquals("2024-02-29", row.get("d").asText());
        assertEquals("2024-02-29 12:34:56", row.get("ts").asText());
        assertEquals(1, j.get("rows").asInt());
        assertTrue(j.get("statistics").has("elapsed"));
        assertTrue(j.get("statistics").has("rows_read"));
        assertTrue(j.get("statistics").has("bytes_read"));
    }

    @Test
    void jsonCompactRowsAreArraysUnderEachSpelling(LocalServer s) throws Exception {
        for (String format : new String[] {"JSON_Compact", "JSONCompact", "FB_JSONCompact"}) {
            HttpResponse<String> r = Http.run(s, token, "output_format=" + format, HOSTILE);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode row = Http.json(r).get("data").get(0);
            assertTrue(row.isArray(), format);
            assertEquals(1, row.get(0).asInt());
            assertTrue(row.get(1).isNull());
            assertEquals("It's", row.get(4).asText());
            assertEquals("[\"a\",null,\"q's\"]", row.get(8).toString());
        }
    }

    @Test
    void tabSeparatedWithNamesAndTypesEscapesValues(LocalServer s) throws Exception {
        HttpResponse<String> r = Http.run(s, token, "output_format=TabSeparatedWithNamesAndTypes", HOSTILE);
        assertEquals(200, r.statusCode(), r.body());
        String[] lines = r.body().split("\n", -1);
        assertEquals(4, lines.length, r.body());
        assertEquals("id\tnothing\ttab\tnl\tquote\tbackslash\temoji\tints\tstrs\tflag\tdbl\tdec\td\tts", lines[0]);
        assertTrue(lines[1].startsWith("Nullable(Int32)\tNullable(Int32)\tNullable(String)"), lines[1]);
        assertEquals("1\t\\N\ttab\\there\tline\\nbreak\tIt's\ta\\\\b\t\uD83D\uDE80 rocket\t[1,2]\t['a',NULL,'q\\'s']\t1\t2.5\t12.34"
                + "\t2024-02-29\t2024-02-29 12:34:56", lines[2]);
        assertEquals("", lines[3]);
    }

    @Test
    void unknownFormatIs400(LocalServer s) throws Exception {
        HttpResponse<String> r = Http.run(s, token, "output_format=XML", "SELECT 1");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("XML"));
    }

    @Test
    void errorsAre400WithDuckDbText(LocalServer s) throws Exception {
        HttpResponse<String> r = Http.run(s, token, "", "SELECT * FROM no_such_table");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("no_such_table"), r.body());
        assertEquals(404, Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.enginePort("local_engine")
                + "/?database=no_such_db")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))).statusCode());
    }

    @Test
    void literalsReadTheFireboltWay(LocalServer s) throws Exception {
        HttpResponse<String> r = Http.run(s, token, "output_format=JSON_Compact",
                "SELECT 'It\\'s' AS a, 'It''s' AS b, 'ends in \\\\' AS c, '-- not a comment' AS d /* 'x */, \"select\" FROM (SELECT 1 AS \"select\")");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode row = Http.json(r).get("data").get(0);
        assertEquals("It's", row.get(0).asText());
        assertEquals("It's", row.get(1).asText());
        assertEquals("ends in \\", row.get(2).asText());
        assertEquals("-- not a comment", row.get(3).asText());
        assertEquals(1, row.get(4).asInt());
    }

    @Test
    void ingestFlowFromTheSeed(LocalServer s) throws Exception {
        HttpResponse<String> ext = Http.run(s, token, "", "CREATE EXTERNAL TABLE IF NOT EXISTS ex_page_views ("
                + "view_id BIGINT, user_id INT, url TEXT, view_time TIMESTAMP, duration_ms INT, revenue DECIMAL(10, 2)) "
                + "URL = 's3://rowpipe-samples/page_views/parquet/' "
                + "CREDENTIALS = ( AWS_KEY_ID = '******' AWS_SECRET_KEY = '******' ) "
                + "OBJECT_PATTERN = '*.parquet' TYPE = (PARQUET)");
        assertEquals(200, ext.statusCode(), ext.body());
        assertEquals("", ext.body());
        HttpResponse<String> fact = Http.run(s, token, "", "CREATE FACT TABLE IF NOT EXISTS page_views (\n"
                + "  view_id LONG, user_id INTEGER, url STRING, view_time TIMESTAMP, duration_ms INT, revenue DECIMAL(10, 2)\n"
                + ") PRIMARY INDEX view_id, user_id");
        assertEquals(200, fact.statusCode(), fact.body());
        HttpResponse<String> insert = Http.run(s, token, "", "INSERT INTO page_views SELECT * FROM ex_page_views");
        assertEquals(200, insert.statusCode(), insert.body());
        JsonNode count = Http.json(Http.run(s, token, "output_format=JSON_Compact", "SELECT count(*) FROM page_views"));
        assertEquals(200, count.get("data").get(0).get(0).asLong());

        HttpResponse<String> csv = Http.run(s, token, "", "CREATE EXTERNAL TABLE ex_csv (view_id BIGINT, user_id INT, url TEXT, "
                + "view_time TIMESTAMP, duration_ms INT, revenue DOUBLE) URL = 's3://rowpipe-samples/page_views/csv/' "
                + "OBJECT_PATTERN = '*.csv' TYPE = (CSV) SKIP_HEADER_ROWS = 1");
        assertEquals(200, csv.statusCode(), csv.body());
        HttpResponse<String> json = Http.run(s, token, "", "CREATE EXTERNAL TABLE ex_json (view_id BIGINT, url TEXT) "
                + "URL = 's3://rowpipe-samples/page_views/json/' OBJECT_PATTERN = '*.json' TYPE = (JSON)");
        assertEquals(200, json.statusCode(), json.body());
        JsonNode joined = Http.json(Http.run(s, token, "output_format=JSON_Compact",
                "SELECT count(*) FROM ex_csv c JOIN ex_json j USING (view_id) JOIN page_views p USING (view_id) WHERE c.url = j.url"));
        assertEquals(200, joined.get("data").get(0).get(0).asLong());

        HttpResponse<String> dim = Http.run(s, token, "", "CREATE DIMENSION TABLE dims (id INT, tags Array(Text), note Nullable(String))");
        assertEquals(200, dim.statusCode(), dim.body());
        assertEquals(200, Http.run(s, token, "", "INSERT INTO dims VALUES (1, ['x', 'y'], NULL)").statusCode());
        JsonNode tables = Http.json(Http.run(s, token, "output_format=JSON_Compact",
                "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'local_db' AND table_schema = 'public' AND table_name = 'dims'"));
        assertEquals(1, tables.get("rows").asInt());
        JsonNode meta = Http.json(Http.run(s, token, "", "SELECT tags FROM dims")).get("meta").get(0);
        assertEquals("Nullable(Array(String))", meta.get("type").asText());
    }

    @Test
    void severalStatementsReturnTheLastResult(LocalServer s) throws Exception {
        HttpResponse<String> r = Http.run(s, token, "output_format=JSON_Compact",
                "CREATE TABLE multi (x INT); INSERT INTO multi VALUES (7); SELECT x FROM multi;");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(7, Http.json(r).get("data").get(0).get(0).asInt());
    }

    private static final String SLOW = "SELECT sum(hash(a.range * b.range)) FROM range(1000000000) a, range(1000) b";

    @Test
    void cancelStopsARunningQuery(LocalServer s) throws Exception {
        CompletableFuture<HttpResponse<String>> running = Http.CLIENT.sendAsync(
                Http.query(s, token, "query_id=q-cancel-1", SLOW).build(), HttpResponse.BodyHandlers.ofString());
        HttpRequest cancel = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.enginePort("local_engine")
                + "/cancel?query_id=q-cancel-1")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            status = Http.CLIENT.send(cancel, HttpResponse.BodyHandlers.ofString()).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status);
        HttpResponse<String> r = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("q-cancel-1' was cancelled"), r.body());
        assertEquals(400, Http.CLIENT.send(cancel, HttpResponse.BodyHandlers.ofString()).statusCode(), "already ended");
    }

    @Test
    void maxExecutionTimeCancelsSlowQueries(LocalServer s) throws Exception {
        HttpResponse<String> r = Http.run(s, token, "max_execution_time=1&query_id=q-timeout", SLOW);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("max_execution_time"), r.body());
        assertEquals(400, Http.run(s, token, "max_execution_time=soon", "SELECT 1").statusCode());
    }

    @Test
    void unknownSessionSettingsAreAccepted(LocalServer s) throws Exception {
        assertEquals(200, Http.run(s, token, "time_zone=UTC&advanced_mode=1", "SELECT 1").statusCode());
    }

    @Test
    void createTableAsSelectKeepsConcatenation(LocalServer s) throws Exception {
        HttpResponse<String> r = Http.run(s, token, "", "CREATE TABLE concat_ctas AS SELECT 'a' || 'b' AS ab, 1 <= 2 AS le");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode row = Http.json(Http.run(s, token, "output_format=JSON_Compact", "SELECT ab, le FROM concat_ctas"))
                .get("data").get(0);
        assertEquals("ab", row.get(0).asText());
        assertTrue(row.get(1).asBoolean());
    }

    @Test
    void qualifiedNamesAsFireboltReadsThem(LocalServer s) throws Exception {
        assertEquals(200, Http.run(s, token, "", "CREATE TABLE qualified (x INT)").statusCode());
        assertEquals(200, Http.run(s, token, "", "INSERT INTO public.qualified VALUES (1)").statusCode());
        assertEquals(200, Http.run(s, token, "", "INSERT INTO \"local_db\".\"public\".\"qualified\" VALUES (2)").statusCode());
        for (String name : List.of("qualified", "public.qualified", "\"public\".\"qualified\"", "local_db.public.qualified",
                "\"local_db\".\"public\".\"qualified\"")) {
            HttpResponse<String> r = Http.run(s, token, "output_format=JSON_Compact", "SELECT count(*) FROM " + name);
            assertEquals(200, r.statusCode(), name + ": " + r.body());
            assertEquals(2, Http.json(r).get("data").get(0).get(0).asInt(), name);
        }
        // <database>.t (the database read as a schema), another database, and TD's databases are not Firebolt names.
        for (String name : List.of("local_db.qualified", "\"local_db\".\"qualified\"", "other.public.qualified",
                "sample_datasets.www_access")) {
            HttpResponse<String> r = Http.run(s, token, "", "SELECT count(*) FROM " + name);
            assertEquals(400, r.statusCode(), name + ": " + r.body());
            assertTrue(r.body().contains("does not exist") || r.body().contains("is not the database of this request"),
                    r.body());
        }
    }

    @Test
    void insertAnswersAnEmptyBody(LocalServer s) throws Exception {
        // Firebolt reports no row count for an INSERT: its statistics (elapsed, rows_read, bytes_read) come only
        // with a result body, and an INSERT has none.
        assertEquals(200, Http.run(s, token, "", "CREATE TABLE counted (x INT)").statusCode());
        HttpResponse<String> r = Http.run(s, token, "", "INSERT INTO counted VALUES (1), (2)");
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }
}
