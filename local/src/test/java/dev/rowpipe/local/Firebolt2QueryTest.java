package dev.rowpipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.local.firebolt2.Firebolt2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queries on a 2.0 user engine: output formats, literals, errors after rows, query history, cancel, timeouts. */
@ExtendWith(Firebolt2Extension.class)
class Firebolt2QueryTest {

    /** Standard literals: a backslash is an ordinary character, only the quote is doubled. */
    private static final String TYPES = "SELECT 1 AS i, 30000000000 AS b, 1.5::REAL AS r, 2.25::DOUBLE AS d, "
            + "12.34::DECIMAL(10, 2) AS n, 'It''s a\\b' AS t, true AS f, DATE '2024-02-29' AS dt, "
            + "TIMESTAMP '2024-02-29 12:34:56.5' AS ts, '\\x0a\\xff'::BLOB AS by_, [1, NULL] AS ai, "
            + "['a', 'b c', NULL, ''] AS at, NULL::INT AS nothing, 'tab\there' AS tab";

    private static final String SLOW = "SELECT sum(hash(a.range * b.range)) FROM range(1000000000) a, range(1000) b";

    private static Firebolt2 fb;
    private static String token;

    @BeforeAll
    static void signIn(LocalServer server) throws Exception {
        fb = server.firebolt2();
        token = Http2.signIn(fb);
    }

    private static HttpResponse<String> run(String params, String sql) throws Exception {
        return Http2.engine(fb, "local_engine", token, params, sql);
    }

    @Test
    void tabSeparatedIsTheDefaultWithStandardTypeNames() throws Exception {
        HttpResponse<String> r = run("", TYPES);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(""));
        List<String[]> lines = Http2.tsv(r);
        assertEquals(3, lines.size(), r.body());
        assertEquals(List.of("i", "b", "r", "d", "n", "t", "f", "dt", "ts", "by_", "ai", "at", "nothing", "tab"),
                List.of(lines.get(0)));
        assertEquals(List.of("int null", "bigint null", "real null", "double precision null", "numeric(10, 2) null",
                "text null", "boolean null", "date null", "timestamp null", "bytea null", "array(int null) null",
                "array(text null) null", "int null", "text null"), List.of(lines.get(1)));
        assertEquals(List.of("1", "30000000000", "1.5", "2.25", "12.34", "It's a\\\\b", "t", "2024-02-29",
                "2024-02-29 12:34:56.5", "\\x0aff", "{1,NULL}", "{a,\"b c\",NULL,\"\"}", "\\N", "tab\\there"),
                List.of(lines.get(2)));
    }

    @Test
    void jsonCompactWritesBigintsAndNumericsAsStrings() throws Exception {
        HttpResponse<String> r = run("output_format=JSON_Compact", TYPES);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = Http.json(r);
        assertEquals("bigint null", j.get("meta").get(1).get("type").asText());
        JsonNode row = j.get("data").get(0);
        assertTrue(row.get(0).isInt());
        assertEquals("30000000000", row.get(1).textValue());
        assertEquals(1.5, row.get(2).asDouble());
        assertEquals("12.34", row.get(4).textValue());
        assertEquals("It's a\\b", row.get(5).textValue());
        assertTrue(row.get(6).booleanValue());
        assertEquals("\\x0aff", row.get(9).textValue());
        assertEquals("[1,null]", row.get(10).toString());
        assertTrue(row.get(12).isNull());
        assertEquals(1, j.get("rows").asInt());
        assertTrue(j.get("statistics").has("elapsed"));
    }

    @Test
    void jsonCompactLimitedStopsAtTenThousandRows() throws Exception {
        JsonNode j = Http.json(run("output_format=JSON_CompactLimited", "SELECT range FROM range(10005)"));
        assertEquals(10_000, j.get("data").size());
        assertEquals(10_000, Http.json(run("output_format=JSON_Compact", "SELECT range FROM range(10000)"))
                .get("data").size());
    }

    @Test
    void jsonLinesCompactStreamsStartDataFinish() throws Exception {
        HttpResponse<String> r = run("output_format=JSONLines_Compact&query_label=lines-1",
                "SELECT range AS x, 'v' || range AS s FROM range(2500)");
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> lines = lines(r);
        JsonNode start = lines.get(0);
        assertEquals("START", start.get("message_type").asText());
        assertEquals("[{\"name\":\"x\",\"type\":\"bigint null\"},{\"name\":\"s\",\"type\":\"text null\"}]",
                start.get("result_columns").toString());
        assertEquals("lines-1", start.get("query_label").asText());
        assertFalse(start.get("query_id").asText().isEmpty());
        assertFalse(start.get("request_id").asText().isEmpty());
        int rows = 0;
        for (JsonNode data : lines.subList(1, lines.size() - 1)) {
            assertEquals("DATA", data.get("message_type").asText());
            rows += data.get("data").size();
        }
        assertEquals(2500, rows);
        assertEquals(5, lines.size(), "START, three DATA lines of at most 1000 rows, FINISH");
        JsonNode finish = lines.get(lines.size() - 1);
        assertEquals("FINISH_SUCCESSFULLY", finish.get("message_type").asText());
        assertEquals(2500, finish.get("statistics").get("result_rows").asLong());
        assertTrue(r.body().endsWith("\n"));

        // A statement without a result still gets START and FINISH: an empty body would look cut.
        List<JsonNode> ddl = lines(run("output_format=JSONLines_Compact&database=local_db",
                "CREATE TABLE IF NOT EXISTS lines_ddl (a INT)"));
        assertEquals(List.of("START", "FINISH_SUCCESSFULLY"), ddl.stream().map(l -> l.get("message_type").asText()).toList());
    }

    @Test
    void anErrorAfterRowsEndsEachFormatWithAnErrorNeverData() throws Exception {
        String sql = "SELECT range AS x FROM range(10)";
        HttpResponse<String> lines = run("output_format=JSONLines_Compact&rowpipe_fault=error-after-rows%3D3", sql);
        assertEquals(200, lines.statusCode());
        List<JsonNode> l = lines(lines);
        assertEquals("DATA", l.get(1).get("message_type").asText());
        assertEquals(3, l.get(1).get("data").size());
        JsonNode finish = l.get(2);
        assertEquals("FINISH_WITH_ERRORS", finish.get("message_type").asText());
        assertEquals("injected fault", finish.get("errors").get(0).get("description").asText());
        assertTrue(finish.has("statistics"));

        HttpResponse<String> json = run("output_format=JSON_Compact&rowpipe_fault=error-after-rows%3D3", sql);
        JsonNode j = Http.json(json);
        assertEquals(3, j.get("data").size());
        assertEquals("injected fault", j.get("errors").get(0).get("description").asText());
        assertFalse(j.has("rows"));

        List<String[]> tsv = Http2.tsv(run("rowpipe_fault=error-after-rows%3D3", sql));
        assertEquals(6, tsv.size());
        assertEquals("Line 1, Column 1: injected fault", tsv.get(5)[0]);

        // The server-wide setting applies to 2.0 engines too.
        List<JsonNode> none = lines(run("output_format=JSONLines_Compact&rowpipe_fault=error-after-rows%3D0", sql));
        assertEquals(List.of("START", "FINISH_WITH_ERRORS"), none.stream().map(n -> n.get("message_type").asText()).toList());
    }

    @Test
    void backslashesAreOrdinaryUnlessStandardConformingStringsIsOff() throws Exception {
        assertEquals("a\\\\b", Http2.tsv(run("", "SELECT 'a\\b' AS v")).get(2)[0]);
        assertEquals("a\\\\", Http2.tsv(run("", "SELECT 'a\\' AS v")).get(2)[0]);
        assertEquals("It's", Http2.tsv(run("standard_conforming_strings=false", "SELECT 'It\\'s' AS v")).get(2)[0]);
    }

    @Test
    void publicNamesTheSessionDatabase() throws Exception {
        for (String name : List.of("page_views_sample", "public.page_views_sample", "local_db.public.page_views_sample",
                "\"public\".\"page_views_sample\"")) {
            HttpResponse<String> r = run("database=local_db", "SELECT count(*) FROM " + name);
            assertEquals(200, r.statusCode(), name + ": " + r.body());
            assertEquals("100", Http2.tsv(r).get(2)[0]);
        }
        // As on Firebolt: a database is not a schema, and a query reads only the database it is sent to.
        assertEquals("ObjectNotFound", Http2.error(run("database=local_db", "SELECT * FROM local_db.page_views_sample"))
                .get("name").asText());
        assertEquals("ObjectNotFound", Http2.error(run("database=local_db",
                "SELECT * FROM firebolt.public.page_views_sample")).get("name").asText());
        HttpResponse<String> aliased = run("database=local_db", "SELECT t.table_name FROM information_schema.tables t "
                + "WHERE t.table_name = 'page_views_sample'");
        assertEquals("page_views_sample", Http2.tsv(aliased).get(2)[0], aliased.body());
        HttpResponse<String> qualified = run("database=local_db", "SELECT tables.table_name FROM "
                + "local_db.information_schema.tables WHERE tables.table_name = 'page_views_sample'");
        assertEquals("page_views_sample", Http2.tsv(qualified).get(2)[0], qualified.body());
    }

    @Test
    void queryHistoryIsWrittenAsynchronouslyAndRecordsTheLabel() throws Exception {
        HttpResponse<String> r = run("query_label=history-1", "SELECT 7");
        assertEquals(200, r.statusCode());
        String lookup = "SELECT query_id, status, query_text FROM information_schema.engine_query_history "
                + "WHERE query_label = 'history-1' ORDER BY status";
        // Written a moment later: a client retries the lookup, as it must on the real service.
        List<String[]> rows = Http2.tsv(run("", lookup));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rows.size() < 4 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
            rows = Http2.tsv(run("", lookup));
        }
        assertEquals(4, rows.size(), "a STARTED_EXECUTION and an ENDED_SUCCESSFULLY row");
        assertEquals("ENDED_SUCCESSFULLY", rows.get(2)[1]);
        assertEquals("STARTED_EXECUTION", rows.get(3)[1]);
        assertEquals(rows.get(2)[0], rows.get(3)[0]);
        assertEquals("SELECT 7", rows.get(2)[2]);
    }

    @Test
    void cancelFindsTheQueryByLabelAndStopsIt() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = Http.CLIENT.sendAsync(Http2.post(
                fb.userEngineEndpoint("local_engine"), token, "query_label=slow-1", SLOW).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = queryIdByLabel("slow-1");
        assertNotNull(id, "the running query shows up in engine_query_history");
        HttpResponse<String> cancel = Http.send(Http2.post(fb.userEngineEndpoint("local_engine") + "/cancel", token,
                "query_id=" + id, ""));
        assertEquals(200, cancel.statusCode(), cancel.body());
        HttpResponse<String> r = slow.get(30, TimeUnit.SECONDS);
        assertEquals(400, r.statusCode());
        assertEquals("QueryCancelled", Http2.error(r).get("name").asText());
        assertEquals(id, Http.json(r).get("query").get("query_id").asText());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fb.isQueryRunning(id) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertEquals(400, Http.send(Http2.post(fb.userEngineEndpoint("local_engine") + "/cancel", token,
                "query_id=" + id, "")).statusCode(), "no longer running");
        assertEquals(404, Http.send(Http2.post(fb.userEngineEndpoint("local_engine") + "/cancel", token,
                "query_id=never-ran", "")).statusCode());
        assertEquals(404, Http.send(Http2.post(fb.systemEngineEndpoint().replace("/query", "/cancel"), token,
                "query_id=" + id, "")).statusCode(), "no cancel on the system engine");
    }

    /** The official driver's lookup, retried because the history is written asynchronously. */
    private static String queryIdByLabel(String label) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            List<String[]> rows = Http2.tsv(run("", "select query_id from information_schema.engine_query_history "
                    + "where status = 'STARTED_EXECUTION' and query_label = '" + label + "'"));
            if (rows.size() > 2) {
                return rows.get(2)[0];
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return null;
    }

    @Test
    void maxExecutionTimeCancelsOnTheServer() throws Exception {
        HttpResponse<String> r = run("max_execution_time=1", SLOW);
        assertEquals(400, r.statusCode());
        JsonNode e = Http2.error(r);
        assertEquals("QueryTimeout", e.get("name").asText());
        assertTrue(e.get("description").asText().contains("max_execution_time of 1 s"), e.toString());
        assertEquals(400, run("max_execution_time=soon", "SELECT 1").statusCode());
    }

    private static List<JsonNode> lines(HttpResponse<String> r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            out.add(Exchanges.JSON.readTree(line));
        }
        return out;
    }
}
