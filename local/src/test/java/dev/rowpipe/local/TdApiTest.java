package dev.rowpipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalServerExtension.class)
class TdApiTest {

    private static JsonNode get(LocalServer s, String path) throws Exception {
        HttpResponse<String> r = Http.send(Http.td(s, path).GET());
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    static String issue(LocalServer s, String type, String db, String query) throws Exception {
        HttpResponse<String> r = Http.send(Http.td(s, "/v3/job/issue/" + type + "/" + db)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + Http.enc(query) + "&priority=1&retry_limit=2&pool_name=p")));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = Http.json(r);
        assertEquals(type, j.get("type").asText());
        assertEquals(db, j.get("database").asText());
        assertTrue(j.get("url").asText().startsWith("http"));
        return j.get("job_id").asText();
    }

    static JsonNode await(LocalServer s, String jobId) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode status;
        do {
            status = get(s, "/v3/job/status/" + jobId);
        } while (!List.of("success", "error", "killed").contains(status.get("status").asText()) && System.nanoTime() < deadline);
        return status;
    }

    @Test
    void wrongOrMissingKeyIs401Json(LocalServer s) throws Exception {
        for (HttpRequest.Builder b : List.of(
                HttpRequest.newBuilder(URI.create(s.apiUrl() + "/v3/database/list")),
                HttpRequest.newBuilder(URI.create(s.apiUrl() + "/v3/database/list")).header("Authorization", "TD1 1/nope"),
                HttpRequest.newBuilder(URI.create(s.apiUrl() + "/v3/database/list")).header("Authorization", "Bearer " + s.demoApiKey()))) {
            HttpResponse<String> r = Http.send(b.GET());
            assertEquals(401, r.statusCode());
            JsonNode j = Http.json(r);
            assertTrue(j.has("error") && j.has("text"));
            assertEquals("error", j.get("severity").asText());
        }
    }

    @Test
    void databasesAndTables(LocalServer s) throws Exception {
        JsonNode dbs = get(s, "/v3/database/list").get("databases");
        assertEquals(1, dbs.size(), dbs.toString());
        assertEquals("sample_datasets", dbs.get(0).get("name").asText());
        assertTrue(dbs.get(0).get("count").asLong() >= 4000, "both sample tables are counted");
        assertEquals("administrator", dbs.get(0).get("permission").asText());
        assertTrue(dbs.get(0).has("created_at"));

        JsonNode list = get(s, "/v3/table/list/sample_datasets");
        assertEquals("sample_datasets", list.get("database").asText());
        JsonNode www = null;
        for (JsonNode t : list.get("tables")) {
            if (t.get("name").asText().equals("www_access")) {
                www = t;
            }
        }
        assertEquals("log", www.get("type").asText());
        assertEquals(2000, www.get("count").asLong());
        assertEquals("[[\"host\",\"string\"],[\"path\",\"string\"],[\"method\",\"string\"],[\"referer\",\"string\"],"
                + "[\"code\",\"long\"],[\"agent\",\"string\"],[\"size\",\"long\"],[\"user\",\"string\"]]", www.get("schema").asText());
        assertEquals(404, Http.send(Http.td(s, "/v3/table/list/nope").GET()).statusCode());
    }

    @Test
    void swapExchangesTables(LocalServer s) throws Exception {
        String job = issue(s, "presto", "sample_datasets",
                "CREATE TABLE swap_a AS SELECT 1 AS x; CREATE TABLE swap_b AS SELECT 2 AS x UNION ALL SELECT 3");
        assertEquals("success", await(s, job).get("status").asText());
        HttpResponse<String> r = Http.send(Http.td(s, "/v3/table/swap/sample_datasets/swap_a/swap_b")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("swap_a", Http.json(r).get("table1").asText());
        String count = issue(s, "presto", "sample_datasets", "SELECT count(*) FROM swap_a");
        await(s, count);
        assertEquals("2\n", Http.send(Http.td(s, "/v3/job/result/" + count + "?format=tsv").GET()).body());
    }

    @Test
    void jobRunsToSuccessAndShowsItsSchema(LocalServer s) throws Exception {
        String id = issue(s, "presto", "sample_datasets",
                "SELECT code, count(*) AS cnt FROM www_access GROUP BY code ORDER BY code");
        JsonNode status = await(s, id);
        assertEquals("success", status.get("status").asText());
        assertEquals(id, status.get("job_id").asText());
        assertFalse(status.get("start_at").isNull());
        assertFalse(status.get("end_at").isNull());
        assertTrue(status.get("created_at").asText().endsWith(" UTC"));
        JsonNode show = get(s, "/v3/job/show/" + id);
        assertEquals("presto", show.get("type").asText());
        assertEquals("sample_datasets", show.get("database").asText());
        assertEquals("[[\"code\",\"bigint\"],[\"cnt\",\"bigint\"]]", show.get("hive_result_schema").asText());
        assertEquals(3, show.get("num_records").asLong());
        assertTrue(show.get("result_size").asLong() > 0);
        assertEquals(1, show.get("priority").asInt());
        assertEquals(2, show.get("retry_limit").asInt());
        assertTrue(show.has("organization") && show.get("organization").isNull());
        assertTrue(show.get("debug").has("cmdout"));
        assertEquals("", show.get("debug").get("stderr").asText());
    }

    @Test
    void failingJobReportsTheReason(LocalServer s) throws Exception {
        String id = issue(s, "hive", "sample_datasets", "SELECT * FROM no_such_table");
        assertEquals("error", await(s, id).get("status").asText());
        JsonNode show = get(s, "/v3/job/show/" + id);
        assertTrue(show.get("debug").get("stderr").asText().contains("no_such_table"), show.toString());
        assertEquals(404, Http.send(Http.td(s, "/v3/job/result/" + id + "?format=json").GET()).statusCode());
        assertEquals(404, Http.send(Http.td(s, "/v3/job/show/999999999999").GET()).statusCode());
    }

    @Test
    void killCancelsARunningJob(LocalServer s) throws Exception {
        String id = issue(s, "trino", "sample_datasets",
                "SELECT sum(hash(a.range * b.range)) FROM range(1000000000) a, range(1000) b");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!get(s, "/v3/job/status/" + id).get("status").asText().equals("running") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        HttpResponse<String> r = Http.send(Http.td(s, "/v3/job/kill/" + id).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, r.statusCode());
        assertEquals("running", Http.json(r).get("former_status").asText());
        assertEquals(id, Http.json(r).get("job_id").asText());
        assertEquals("killed", await(s, id).get("status").asText());
    }

    @Test
    void hiveLiteralsUseBackslashEscapes(LocalServer s) throws Exception {
        String id = issue(s, "hive", "sample_datasets", "SELECT 'It\\'s' AS a, 'x' 'y' AS b");
        await(s, id);
        assertEquals("It's\txy\n", Http.send(Http.td(s, "/v3/job/result/" + id + "?format=tsv").GET()).body());
        String presto = issue(s, "presto", "sample_datasets", "SELECT 'It''s' AS a, 'a\\b' AS b");
        await(s, presto);
        assertEquals("It's\ta\\\\b\n", Http.send(Http.td(s, "/v3/job/result/" + presto + "?format=tsv").GET()).body());
    }

    @Test
    void everyResultFormat(LocalServer s) throws Exception {
        String id = issue(s, "presto", "sample_datasets", "SELECT * FROM (VALUES "
                + "(1, 'plain', 1.5, NULL, [1, 2], DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05', true), "
                + "(2, 'with,comma \"q\"', -2.25, 'tab\there', [3], DATE '2024-12-31', TIMESTAMP '2024-12-31 23:59:59', false)) "
                + "t(id, s, d, n, arr, day, ts, flag) ORDER BY id");
        assertEquals("success", await(s, id).get("status").asText());
        assertEquals("[[\"id\",\"integer\"],[\"s\",\"varchar\"],[\"d\",\"decimal(3,2)\"],[\"n\",\"varchar\"],"
                + "[\"arr\",\"array(integer)\"],[\"day\",\"date\"],[\"ts\",\"timestamp\"],[\"flag\",\"boolean\"]]",
                get(s, "/v3/job/show/" + id).get("hive_result_schema").asText());

        HttpResponse<byte[]> gz = Http.sendBytes(Http.td(s, "/v3/job/result/" + id + "?format=msgpack.gz").GET());
        assertEquals(200, gz.statusCode());
        assertEquals("application/octet-stream", gz.headers().firstValue("content-type").orElse(""));
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes();
        HttpResponse<byte[]> mp = Http.sendBytes(Http.td(s, "/v3/job/result/" + id + "?format=msgpack").GET());
        assertArrayEquals(plain, mp.body());
        List<Value> rows = new ArrayList<>();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(plain)) {
            while (u.hasNext()) {
                rows.add(u.unpackValue());
            }
        }
        assertEquals(2, rows.size());
        assertEquals("[1,\"plain\",1.5,null,[1,2],\"2024-01-02\",\"2024-01-02 03:04:05\",true]", rows.get(0).toJson());
        assertTrue(rows.get(0).asArrayValue().get(0).isIntegerValue());
        assertTrue(rows.get(0).asArrayValue().get(4).isArrayValue());

        String json = Http.send(Http.td(s, "/v3/job/result/" + id + "?format=json").GET()).body();
        // A decimal column (d is decimal(3,2)) is text at its scale in the text formats, a double in msgpack.
        assertEquals("[1,\"plain\",\"1.50\",null,[1,2],\"2024-01-02\",\"2024-01-02 03:04:05\",true]\n"
                + "[2,\"with,comma \\\"q\\\"\",\"-2.25\",\"tab\\there\",[3],\"2024-12-31\",\"2024-12-31 23:59:59\",false]\n", json);
        String csv = Http.send(Http.td(s, "/v3/job/result/" + id + "?format=csv").GET()).body();
        assertEquals("1,plain,1.50,,\"[1,2]\",2024-01-02,2024-01-02 03:04:05,true\n"
                + "2,\"with,comma \"\"q\"\"\",-2.25,tab\there,[3],2024-12-31,2024-12-31 23:59:59,false\n", csv);
        String tsv = Http.send(Http.td(s, "/v3/job/result/" + id + "?format=tsv").GET()).body();
        assertEquals("1\tplain\t1.50\t\\N\t[1,2]\t2024-01-02\t2024-01-02 03:04:05\ttrue\n"
                + "2\twith,comma \"q\"\t-2.25\ttab\\there\t[3]\t2024-12-31\t2024-12-31 23:59:59\tfalse\n", tsv);
        // Results can be read again.
        assertEquals(json, new String(Http.sendBytes(Http.td(s, "/v3/job/result/" + id + "?format=json").GET()).body(),
                StandardCharsets.UTF_8));
        assertEquals(422, Http.send(Http.td(s, "/v3/job/result/" + id + "?format=xml").GET()).statusCode());
    }

    @Test
    void aDomainKeyIssuesOneJobAndFindsItAgain(LocalServer s) throws Exception {
        String key = "test-" + java.util.UUID.randomUUID();
        HttpResponse<String> missing = Http.send(Http.td(s, "/v3/job/status_by_domain_key/" + key).GET());
        assertEquals(404, missing.statusCode(), missing.body());
        String form = "query=" + Http.enc("SELECT 42 AS answer") + "&domain_key=" + Http.enc(key);
        HttpResponse<String> first = Http.send(Http.td(s, "/v3/job/issue/presto/sample_datasets")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(200, first.statusCode(), first.body());
        String jobId = Http.json(first).get("job_id").asText();

        // The same key again, as a client does after a lost answer: 409 naming the job, and no second job.
        HttpResponse<String> again = Http.send(Http.td(s, "/v3/job/issue/presto/sample_datasets")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(409, again.statusCode(), again.body());
        JsonNode conflict = Http.json(again);
        assertEquals(jobId, conflict.get("details").get("conflicts_with").asText());
        assertEquals("error", conflict.get("severity").asText());
        assertTrue(conflict.get("error").asText().contains("already exists"), again.body());

        JsonNode byKey = get(s, "/v3/job/status_by_domain_key/" + key);
        assertEquals(jobId, byKey.get("job_id").asText());
        assertTrue(byKey.has("status"));
        assertEquals("success", await(s, jobId).get("status").asText());
        assertEquals("success", get(s, "/v3/job/status_by_domain_key/" + key).get("status").asText());
    }

    @Test
    void badIssueRequests(LocalServer s) throws Exception {
        assertEquals(400, Http.send(Http.td(s, "/v3/job/issue/pig/sample_datasets")
                .POST(HttpRequest.BodyPublishers.ofString("query=x"))).statusCode());
        assertEquals(404, Http.send(Http.td(s, "/v3/job/issue/presto/nope")
                .POST(HttpRequest.BodyPublishers.ofString("query=x"))).statusCode());
        assertEquals(422, Http.send(Http.td(s, "/v3/job/issue/presto/sample_datasets")
                .POST(HttpRequest.BodyPublishers.ofString("priority=1"))).statusCode());
    }

    private static String result(LocalServer s, String id, String format) throws Exception {
        HttpResponse<String> r = Http.send(Http.td(s, "/v3/job/result/" + id + "?format=" + format).GET());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static List<Value> msgpackRows(byte[] body) throws Exception {
        List<Value> rows = new ArrayList<>();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(body)) {
            while (u.hasNext()) {
                rows.add(u.unpackValue());
            }
        }
        return rows;
    }

    @Test
    void decimalsAreWrittenAsTdWritesThem(LocalServer s) throws Exception {
        for (String type : List.of("presto", "hive")) {
            String id = issue(s, type, "sample_datasets", "SELECT CAST(12.5 AS DECIMAL(12,2)) AS price, "
                    + "CAST('12345678901.123456789' AS DECIMAL(38,9)) AS big, CAST(NULL AS DECIMAL(5,1)) AS none");
            assertEquals("success", await(s, id).get("status").asText());
            assertEquals("[[\"price\",\"decimal(12,2)\"],[\"big\",\"decimal(38,9)\"],[\"none\",\"decimal(5,1)\"]]",
                    get(s, "/v3/job/show/" + id).get("hive_result_schema").asText(), type);
            assertEquals("12.50\t12345678901.123456789\t\\N\n", result(s, id, "tsv"), type);
            assertEquals("12.50,12345678901.123456789,\n", result(s, id, "csv"), type);
            assertEquals("[\"12.50\",\"12345678901.123456789\",null]\n", result(s, id, "json"), type);
            // msgpack carries decimals as doubles (floats, like double columns).
            byte[] plain = Http.sendBytes(Http.td(s, "/v3/job/result/" + id + "?format=msgpack").GET()).body();
            byte[] gz = Http.sendBytes(Http.td(s, "/v3/job/result/" + id + "?format=msgpack.gz").GET()).body();
            assertArrayEquals(plain, new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), type);
            List<Value> rows = msgpackRows(plain);
            assertEquals(1, rows.size());
            List<Value> row = rows.get(0).asArrayValue().list();
            assertTrue(row.get(0).isFloatValue(), row.toString());
            assertEquals(12.5, row.get(0).asFloatValue().toDouble());
            assertEquals(12345678901.123456789, row.get(1).asFloatValue().toDouble());
            assertTrue(row.get(2).isNilValue());
        }
    }

    @Test
    void insertAndCreateTableAsReportTheRowsTheyWrote(LocalServer s) throws Exception {
        for (String type : List.of("presto", "hive")) {
            String table = "written_" + type;
            String create = issue(s, type, "sample_datasets",
                    "CREATE TABLE " + table + " AS SELECT code FROM www_access WHERE code IN (200, 404)");
            JsonNode created = await(s, create);
            assertEquals("success", created.get("status").asText(), created.toString());
            String count = issue(s, "presto", "sample_datasets", "SELECT count(*) FROM " + table);
            await(s, count);
            long rows = Long.parseLong(result(s, count, "tsv").trim());
            assertTrue(rows > 0);
            assertEquals(rows, created.get("num_records").asLong(), type + " CREATE TABLE AS");
            assertEquals(rows, get(s, "/v3/job/show/" + create).get("num_records").asLong());

            String insert = issue(s, type, "sample_datasets", "INSERT INTO " + table + " VALUES (1), (2), (3)");
            JsonNode inserted = await(s, insert);
            assertEquals("success", inserted.get("status").asText(), inserted.toString());
            assertEquals(3, inserted.get("num_records").asLong(), type + " INSERT");
            assertEquals(3, get(s, "/v3/job/show/" + insert).get("num_records").asLong());
            assertEquals("", result(s, insert, "tsv"));
        }
    }

    @Test
    void doubleQuotesAreStringsInHiveAndIdentifiersInPresto(LocalServer s) throws Exception {
        String hive = issue(s, "hive", "sample_datasets", "SELECT \"time\" AS t FROM www_access LIMIT 1");
        assertEquals("success", await(s, hive).get("status").asText());
        assertEquals("time\n", result(s, hive, "tsv"));
        assertEquals("[[\"t\",\"string\"]]", get(s, "/v3/job/show/" + hive).get("hive_result_schema").asText());
        String presto = issue(s, "presto", "sample_datasets", "SELECT \"time\" AS t FROM www_access LIMIT 1");
        assertEquals("success", await(s, presto).get("status").asText());
        assertEquals("[[\"t\",\"bigint\"]]", get(s, "/v3/job/show/" + presto).get("hive_result_schema").asText());
        String backquote = issue(s, "presto", "sample_datasets", "SELECT `time` FROM www_access LIMIT 1");
        assertEquals("error", await(s, backquote).get("status").asText());
        assertTrue(get(s, "/v3/job/show/" + backquote).get("debug").get("stderr").asText()
                .contains("backquoted identifiers are not supported"));
    }

    @Test
    void qualifiedNamesAsTdReadsThem(LocalServer s) throws Exception {
        for (String[] ok : List.of(
                new String[] {"hive", "SELECT count(*) FROM sample_datasets.www_access"},
                new String[] {"hive", "SELECT count(*) FROM `sample_datasets`.`www_access`"},
                new String[] {"presto", "SELECT count(*) FROM sample_datasets.www_access"},
                new String[] {"presto", "SELECT count(*) FROM td.sample_datasets.www_access"},
                new String[] {"trino", "SELECT count(*) FROM \"td\".\"sample_datasets\".\"www_access\""})) {
            String id = issue(s, ok[0], "sample_datasets", ok[1]);
            assertEquals("success", await(s, id).get("status").asText(), String.join(": ", ok));
        }
        for (String[] bad : List.of(
                new String[] {"hive", "SELECT count(*) FROM td.sample_datasets.www_access"},
                new String[] {"presto", "SELECT count(*) FROM hive.sample_datasets.www_access"},
                // Firebolt's databases share the DuckDB file; TD does not know them.
                new String[] {"presto", "SELECT count(*) FROM local_db.page_views_sample"})) {
            String id = issue(s, bad[0], "sample_datasets", bad[1]);
            assertEquals("error", await(s, id).get("status").asText(), String.join(": ", bad));
            assertTrue(get(s, "/v3/job/show/" + id).get("debug").get("stderr").asText().contains("does not exist"),
                    String.join(": ", bad));
        }
    }
}
