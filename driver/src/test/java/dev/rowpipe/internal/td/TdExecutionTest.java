package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.DriverVersion;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.StatementResult;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class TdExecutionTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeTd td = new FakeTd();

    @AfterEach
    void closeSessions() {
        td.closeAll();
    }

    /** The attribution line every issued query starts with, form-encoded. */
    static final String COMMENT = URLEncoder.encode("-- client: rowpipe-jdbc/" + DriverVersion.full() + "\n",
            StandardCharsets.UTF_8);

    static final String ISSUED = "{\"job_id\":\"42\",\"type\":\"hive\",\"database\":\"mydb\",\"url\":\"x\"}";
    static final String SCHEMA = "{\"job_id\":\"42\",\"status\":\"success\",\"num_records\":2,"
            + "\"hive_result_schema\":\"[[\\\"cnt\\\",\\\"bigint\\\"],[\\\"s\\\",\\\"varchar\\\"]]\","
            + "\"debug\":{\"stderr\":\"\",\"cmdout\":\"\"}}";

    /** The kill is sent from a driver thread (CancelCalls): polled for, with a bound. */
    private void awaitKill() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!td.paths().contains("POST /v3/job/kill/42")) {
            assertTrue(System.nanoTime() < deadline, "no job/kill within 10 s: " + td.paths());
            Thread.sleep(5);
        }
    }

    static String status(String s) {
        return "{\"job_id\":\"42\",\"status\":\"" + s + "\",\"created_at\":\"2012-09-17 21:00:00 UTC\"}";
    }

    static byte[] msgpackRows() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(2).packLong(7).packString("a\uD83D\uDE00");
        p.packArrayHeader(2).packNil().packString("b");
        p.close();
        return p.toByteArray();
    }

    static Buffer gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return new Buffer().write(out.toByteArray());
    }

    /** Polls in the first second (50+100+200+400 ms of backoff: four) ask job/show; later ones job/status. */
    static final int SHOW_POLLS = 4;

    private void scriptSuccess(int runningPolls) throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/show/42", status("queued"));
        for (int i = 0; i < SHOW_POLLS - 1; i++) {
            td.onJson("/v3/job/show/42", status("running"));
        }
        for (int i = SHOW_POLLS - 1; i < runningPolls; i++) {
            td.onJson("/v3/job/status/42", status("running"));
        }
        td.onJson("/v3/job/status/42", status("success"));
        td.onJson("/v3/job/show/42", SCHEMA);
        td.on("/v3/job/result/42", new MockResponse.Builder().code(200).body(gzip(msgpackRows())).build());
    }

    @Test
    void selectIssuesPollsWithBackoffAndStreamsRows() throws Exception {
        scriptSuccess(7);
        TdSession session = td.session(server, "");
        Execution exec = session.newExecution("SELECT count(1) AS cnt, s FROM t WHERE s = 'x'",
                ExecutionOptions.DEFAULT);
        assertNull(exec.id());
        StatementResult result = exec.start();
        assertEquals("42", exec.id());
        assertEquals("Treasure Data job ID: 42", result.warning());
        assertEquals(List.of("cnt", "s"), result.columns().stream().map(c -> c.name()).toList());

        // Backoff: initial 50 ms doubling to the 2000 ms cap; no real waiting.
        assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L), td.delays);
        assertEquals("POST /v3/job/issue/hive/mydb", td.paths().get(0));
        assertEquals(List.of("GET /v3/job/show/42", "GET /v3/job/show/42", "GET /v3/job/show/42",
                "GET /v3/job/show/42", "GET /v3/job/status/42"), td.paths().subList(1, 6));
        assertEquals(5, td.paths().stream().filter(p -> p.equals("GET /v3/job/status/42")).count());
        assertEquals(List.of("GET /v3/job/show/42", "GET /v3/job/result/42"),
                td.paths().subList(td.paths().size() - 2, td.paths().size()));

        RecordedRequest issue = td.requests.get(0);
        assertTrue(issue.getBody().utf8().startsWith("query=" + COMMENT
                + "SELECT+count%281%29+AS+cnt%2C+s+FROM+t+WHERE+s+%3D+%27x%27&priority=0&domain_key=rowpipe-"),
                issue.getBody().utf8());
        assertTrue(issue.getHeaders().get("Content-Type").startsWith("application/x-www-form-urlencoded"));
        for (RecordedRequest r : td.requests) {
            assertEquals("TD1 " + FakeTd.KEY, r.getHeaders().get("Authorization"), r.getRequestLine());
        }
        assertEquals("msgpack.gz", td.last("/v3/job/result/42").getUrl().queryParameter("format"));

        RowBuffer row = new RowBuffer(2);
        try (var cursor = result.cursor()) {
            assertTrue(cursor.next(row));
            assertEquals(7, row.longValue(0));
            assertEquals("a\uD83D\uDE00", row.text(1));
            assertTrue(cursor.next(row));
            assertTrue(row.isNull(0));
            assertEquals("b", row.text(1));
            assertFalse(cursor.next(row));
        }
        session.close();
    }

    @Test
    void aJobDoneByTheFirstPollCostsThreeRequests() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/show/42", SCHEMA);
        td.on("/v3/job/result/42", new MockResponse.Builder().code(200).body(gzip(msgpackRows())).build());
        TdSession session = td.session(server, "");
        StatementResult result = session.newExecution("SELECT 1", null).start();
        assertEquals(List.of("POST /v3/job/issue/hive/mydb", "GET /v3/job/show/42", "GET /v3/job/result/42"),
                td.paths());
        assertEquals(List.of("cnt", "s"), result.columns().stream().map(c -> c.name()).toList());
        result.cursor().close();
    }

    @Test
    void aJobFailingWithinTheFirstSecondReportsStderrFromThePollItself() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/show/42", status("running"), "{\"job_id\":\"42\",\"status\":\"error\","
                + "\"hive_result_schema\":\"\",\"debug\":{\"stderr\":\"Table not found 'nope'\"}}");
        TdSession session = td.session(server, "");
        SQLException e = assertThrows(SQLException.class, () -> session.newExecution("SELECT 1", null).start());
        assertEquals("42000", e.getSQLState());
        assertTrue(e.getMessage().contains("Table not found 'nope'"), e.getMessage());
        assertEquals(List.of("POST /v3/job/issue/hive/mydb", "GET /v3/job/show/42", "GET /v3/job/show/42"),
                td.paths());
    }

    @Test
    void jobOptionsGoIntoTheIssueRequest() throws Exception {
        td.onJson("/v3/job/issue/presto/mydb", ISSUED);
        td.onJson("/v3/job/show/42", SCHEMA);
        td.on("/v3/job/result/42", new MockResponse.Builder().code(200)
                .body("[1,\"x\"]\n[2,\"y\"]\n").build());
        TdSession session = td.session(server, ";type=presto;priority=-1;retry_limit=2;pool_name=p%201"
                + ";result_format=json;poll_initial_ms=10;poll_max_ms=30");
        StatementResult result = session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
        assertTrue(td.last("/v3/job/issue/presto/mydb").getBody().utf8().matches(java.util.regex.Pattern.quote(
                "query=" + COMMENT + "SELECT+1&priority=-1&retry_limit=2&pool_name=p+1&domain_key=rowpipe-")
                + "[0-9a-f-]{36}"),
                td.last("/v3/job/issue/presto/mydb").getBody().utf8());
        assertEquals("json", td.last("/v3/job/result/42").getUrl().queryParameter("format"));
        assertEquals(List.of(10L), td.delays);
        RowBuffer row = new RowBuffer(2);
        assertTrue(result.cursor().next(row));
        assertEquals(1, row.longValue(0));
        assertTrue(result.cursor().next(row));
        assertEquals(2, row.longValue(0));
        assertFalse(result.cursor().next(row));
        result.cursor().close();
    }

    private static final MockResponse ANSWER_LOST = new MockResponse.Builder()
            .onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build();

    private void scriptQuickSuccess() throws Exception {
        td.onJson("/v3/job/show/42", SCHEMA);
        td.on("/v3/job/result/42", new MockResponse.Builder().code(200).body(gzip(msgpackRows())).build());
    }

    private static String domainKey(RecordedRequest issue) {
        String body = issue.getBody().utf8();
        return body.substring(body.indexOf("&domain_key=") + "&domain_key=".length());
    }

    private long count(String path) {
        return td.paths().stream().filter(path::equals).count();
    }

    @Test
    void everyExecutionIssuesWithADomainKeyOfItsOwn() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        scriptQuickSuccess();
        TdSession session = td.session(server, "");
        session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start().cursor().close();
        String first = domainKey(td.last("/v3/job/issue/hive/mydb"));
        session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start().cursor().close();
        String second = domainKey(td.last("/v3/job/issue/hive/mydb"));
        assertTrue(first.matches("rowpipe-[0-9a-f-]{36}"), first);
        assertFalse(first.equals(second), "a new key per execution");
    }

    @Test
    void aLostIssueAnswerIsRecoveredByDomainKeyWithoutIssuingTwice() throws Exception {
        td.on("/v3/job/issue/hive/mydb", ANSWER_LOST, FakeTd.json(200, ISSUED));
        td.onJson("/v3/job/status_by_domain_key/*", status("running"));
        scriptQuickSuccess();
        TdSession session = td.session(server, "");
        StatementResult result = session.newExecution("INSERT INTO t SELECT 1", ExecutionOptions.DEFAULT).start();
        result.cursor().close();
        assertEquals(1, count("POST /v3/job/issue/hive/mydb"), td.paths().toString());
        RecordedRequest lookup = td.requests.get(1);
        assertEquals("GET /v3/job/status_by_domain_key/" + domainKey(td.requests.get(0)),
                lookup.getMethod() + " " + lookup.getUrl().encodedPath());
        assertTrue(td.paths().contains("GET /v3/job/result/42"), "went on with the job it found");
        assertEquals("Treasure Data job ID: 42", result.warning());
    }

    @Test
    void aLostIssueAnswerWithNoJobBehindItIsSentAgainWithTheSameKey() throws Exception {
        td.on("/v3/job/issue/hive/mydb", ANSWER_LOST, FakeTd.json(200, ISSUED));
        td.on("/v3/job/status_by_domain_key/*", FakeTd.json(404, "{\"error\":\"Resource not found\"}"));
        scriptQuickSuccess();
        TdSession session = td.session(server, "");
        session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start().cursor().close();
        assertEquals(List.of("POST /v3/job/issue/hive/mydb", "GET /v3/job/status_by_domain_key/"
                + domainKey(td.requests.get(0)), "POST /v3/job/issue/hive/mydb"), td.paths().subList(0, 3));
        assertEquals(domainKey(td.requests.get(0)), domainKey(td.requests.get(2)), "the same key both times");
    }

    @Test
    void aConflictOnTheDomainKeyContinuesWithTheJobThatHoldsIt() throws Exception {
        // An earlier attempt (its 503 was a lie, or a proxy re-sent it) created job 42.
        td.on("/v3/job/issue/hive/mydb", FakeTd.json(503, "{\"error\":\"busy\"}"),
                FakeTd.json(409, "{\"error\":\"Domain key already exists\",\"severity\":\"error\","
                        + "\"details\":{\"conflicts_with\":\"42\"}}"));
        scriptQuickSuccess();
        TdSession session = td.session(server, "");
        StatementResult result = session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
        result.cursor().close();
        assertEquals(2, count("POST /v3/job/issue/hive/mydb"), "503 is retried for the issue too");
        assertFalse(td.paths().stream().anyMatch(p -> p.contains("status_by_domain_key")), td.paths().toString());
        assertTrue(td.paths().contains("GET /v3/job/result/42"));
    }

    @Test
    void aGatewayTimeoutOnIssueLooksTheJobUp() throws Exception {
        td.on("/v3/job/issue/hive/mydb", FakeTd.json(504, "gateway timeout"), FakeTd.json(200, ISSUED));
        td.onJson("/v3/job/status_by_domain_key/*", status("queued"));
        scriptQuickSuccess();
        TdSession session = td.session(server, "");
        session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start().cursor().close();
        assertEquals(1, count("POST /v3/job/issue/hive/mydb"), td.paths().toString());
        assertTrue(td.paths().contains("GET /v3/job/result/42"));
    }

    @Test
    void anIssueWhoseAnswerIsAlwaysLostFailsAfterTheRetries() throws Exception {
        td.on("/v3/job/issue/hive/mydb", ANSWER_LOST);
        td.on("/v3/job/status_by_domain_key/*", FakeTd.json(404, "{\"error\":\"Resource not found\"}"));
        TdSession session = td.session(server, ";retries=2");
        SQLException e = assertThrows(SQLException.class,
                () -> session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start());
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("domain_key"), e.getMessage());
        assertEquals(3, count("POST /v3/job/issue/hive/mydb"), td.paths().toString());
    }

    @Test
    void failedJobReportsStderr() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/show/42", status("running"), status("running"), status("running"), status("running"));
        td.onJson("/v3/job/status/42", status("running"), status("error"));
        td.onJson("/v3/job/show/42", "{\"job_id\":\"42\",\"status\":\"error\",\"debug\":{\"cmdout\":\"...\","
                + "\"stderr\":\"FAILED: SemanticException [Error 10001]: Line 1:14 Table not found 'nope'\"}}");
        TdSession session = td.session(server, "");
        SQLException e = assertThrows(SQLException.class,
                () -> session.newExecution("SELECT * FROM nope", null).start());
        assertEquals("42000", e.getSQLState());
        assertTrue(e.getMessage().contains("Table not found 'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("42"), e.getMessage());
        assertFalse(td.paths().contains("POST /v3/job/kill/42"), "a failed job is not killed");
    }

    @Test
    void killedJobIsCancelled() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/show/42", status("killed"));
        TdSession session = td.session(server, "");
        SQLException e = assertThrows(SQLException.class, () -> session.newExecution("SELECT 1", null).start());
        assertEquals("HY008", e.getSQLState());
        assertTrue(e.getMessage().contains("killed"));
    }

    @Test
    void unknownStatusIsBoundedByJobTimeoutAndTheJobIsKilled() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/show/42", status("pondering"));
        td.onJson("/v3/job/status/42", status("pondering"));
        td.onJson("/v3/job/kill/42", "{\"former_status\":\"running\",\"job_id\":\"42\"}");
        TdSession session = td.session(server, ";job_timeout=5");
        SQLException e = assertThrows(SQLException.class, () -> session.newExecution("SELECT 1", null).start());
        assertEquals("HYT00", e.getSQLState());
        assertTrue(e.getMessage().contains("pondering"), e.getMessage());
        awaitKill();
        assertEquals(1, td.paths().stream().filter(p -> p.equals("POST /v3/job/kill/42")).count());
        long waited = td.delays.stream().mapToLong(Long::longValue).sum();
        assertTrue(waited >= 5000 && waited < 8000, "waited " + waited);
    }

    @Test
    void queryTimeoutAlsoBoundsPolling() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/show/42", status("running"));
        td.onJson("/v3/job/status/42", status("running"));
        td.onJson("/v3/job/kill/42", "{\"former_status\":\"running\",\"job_id\":\"42\"}");
        TdSession session = td.session(server, ";job_timeout=600");
        SQLException e = assertThrows(SQLException.class,
                () -> session.newExecution("SELECT 1", new ExecutionOptions(3, 0, 0)).start());
        assertEquals("HYT00", e.getSQLState());
        awaitKill();
    }

    @Test
    void unknownStatusWithoutAnyTimeoutStillEnds() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/show/42", status("pondering"));
        td.onJson("/v3/job/status/42", status("pondering"));
        td.onJson("/v3/job/kill/42", "{\"former_status\":\"running\",\"job_id\":\"42\"}");
        TdSession session = td.session(server, ";poll_max_ms=600000");
        SQLException e = assertThrows(SQLException.class, () -> session.newExecution("SELECT 1", null).start());
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("unknown status 'pondering'"), e.getMessage());
        awaitKill();
    }

    @Test
    void statementWithoutResultColumnsIsAnUpdateCount() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/status/42", status("success"));
        td.onJson("/v3/job/show/42", "{\"job_id\":\"42\",\"status\":\"success\",\"num_records\":17,"
                + "\"hive_result_schema\":\"[]\"}");
        TdSession session = td.session(server, "");
        StatementResult result = session.newExecution("INSERT INTO t SELECT * FROM u", null).start();
        assertFalse(result.hasRows());
        assertEquals(17, result.updateCount());
        assertEquals("Treasure Data job ID: 42", result.warning());
        assertFalse(td.paths().contains("GET /v3/job/result/42"));
    }

    @Test
    void aWriteTdDidNotCountIsSuccessNoInfo() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/status/42", status("success"));
        td.onJson("/v3/job/show/42", "{\"job_id\":\"42\",\"status\":\"success\",\"hive_result_schema\":null}");
        TdSession session = td.session(server, "");
        assertEquals(java.sql.Statement.SUCCESS_NO_INFO,
                session.newExecution("INSERT INTO t SELECT * FROM u", null).start().updateCount());
    }

    private String resultFormatAsked(String schema, String settings) throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/show/42", "{\"job_id\":\"42\",\"status\":\"success\",\"num_records\":0,"
                + "\"hive_result_schema\":\"[[\\\"d\\\",\\\"" + schema + "\\\"]]\"}");
        td.on("/v3/job/result/42", new MockResponse.Builder().code(200).body("").build());
        TdSession session = td.session(server, settings);
        session.newExecution("SELECT d FROM t", null).start().cursor().close();
        return td.last("/v3/job/result/42").getUrl().queryParameter("format");
    }

    @Test
    void aResultWithAWideDecimalIsDownloadedAsTextUnlessAFormatWasChosen() throws Exception {
        assertEquals("json", resultFormatAsked("decimal(38,9)", ""));
    }

    @Test
    void aResultWithANarrowDecimalKeepsMsgpack() throws Exception {
        assertEquals("msgpack.gz", resultFormatAsked("decimal(12,2)", ""));
    }

    @Test
    void aChosenFormatIsKeptForWideDecimalsToo() throws Exception {
        assertEquals("msgpack", resultFormatAsked("decimal(38,9)", ";result_format=msgpack"));
    }

    @Test
    void ddlWithoutSchemaOrCountIsZero() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/status/42", status("success"));
        td.onJson("/v3/job/show/42", "{\"job_id\":\"42\",\"status\":\"success\",\"hive_result_schema\":null,"
                + "\"num_records\":null}");
        TdSession session = td.session(server, "");
        StatementResult result = session.newExecution("CREATE TABLE x (a int)", null).start();
        assertEquals(0, result.updateCount());
    }

    @Test
    void swapStatementUsesTheSwapEndpoint() throws Exception {
        td.onJson("/v3/table/swap/mydb/a/my%20t", "{\"database\":\"mydb\",\"table1\":\"a\",\"table2\":\"my t\"}");
        TdSession session = td.session(server, "");
        StatementResult result = session.newExecution("  alter TABLE mydb.a Swap With `my t`;", null).start();
        assertEquals(0, result.updateCount());
        assertEquals(List.of("POST /v3/table/swap/mydb/a/my%20t"), td.paths());
        assertEquals("TD1 " + FakeTd.KEY, td.requests.get(0).getHeaders().get("Authorization"));
    }

    @Test
    void aSwapBehindAClientCommentStillUsesTheSwapEndpoint() throws Exception {
        td.onJson("/v3/table/swap/mydb/a/b", "{\"database\":\"mydb\",\"table1\":\"a\",\"table2\":\"b\"}");
        TdSession session = td.session(server, "");
        // TD's own clients prepend a comment naming themselves; the swap is still the driver's to do.
        Execution exec = session.newExecution("-- client: pytd/1.0\nALTER TABLE a /* x */ SWAP WITH b", null);
        assertEquals(0, exec.start().updateCount());
        assertEquals(List.of("POST /v3/table/swap/mydb/a/b"), td.paths());
    }

    @Test
    void cancelWhilePollingWakesTheSleepAndKillsTheJob() throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/status/42", status("running"));
        td.onJson("/v3/job/kill/42", "{\"former_status\":\"running\",\"job_id\":\"42\"}");
        TdSession session = td.session(server, "", (handle, millis) -> {
            polling.countDown();
            return handle.sleep(TimeUnit.MINUTES.toMillis(10));
        });
        Execution exec = session.newExecution("SELECT 1", null);
        CompletableFuture<StatementResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return exec.start();
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(polling.await(10, TimeUnit.SECONDS));
        exec.cancel();
        Throwable failure = assertThrows(Exception.class, () -> run.get(10, TimeUnit.SECONDS)).getCause().getCause();
        assertEquals("HY008", ((SQLException) failure).getSQLState());
        exec.stopped().get(10, TimeUnit.SECONDS);
        assertTrue(td.paths().contains("POST /v3/job/kill/42"));
        SQLException again = assertThrows(SQLException.class, exec::start);
        assertEquals("HY010", again.getSQLState());
    }

    @Test
    void aSecondCancelSendsNoSecondKill() throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/status/42", status("running"));
        td.onJson("/v3/job/kill/42", "{\"former_status\":\"running\",\"job_id\":\"42\"}");
        TdSession session = td.session(server, "", (handle, millis) -> {
            polling.countDown();
            return handle.sleep(TimeUnit.MINUTES.toMillis(10));
        });
        Execution exec = session.newExecution("SELECT 1", null);
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            SQLException e = assertThrows(SQLException.class, exec::start);
            // HY008 here; the JDBC layer reports HYT00 when the cancel was its query timeout (StatementTest).
            assertEquals("HY008", e.getSQLState());
            assertTrue(e.getMessage().contains("Treasure Data job 42"), e.getMessage());
        });
        assertTrue(polling.await(10, TimeUnit.SECONDS));
        exec.cancel();
        exec.cancel(); // the timeout's cancel and a close racing it
        run.get(10, TimeUnit.SECONDS);
        exec.stopped().get(10, TimeUnit.SECONDS);
        assertEquals(1, td.paths().stream().filter(p -> p.equals("POST /v3/job/kill/42")).count());
    }

    /**
     * A cancel while job/issue is in flight cuts its answer off, so the job id never arrives: the job TD may have
     * created is found by the execution's domain_key and killed, on a driver thread.
     */
    @Test
    void aCancelThatCutsTheIssueAnswerKillsTheJobFoundByItsDomainKey() throws Exception {
        td.on("/v3/job/issue/hive/mydb", new MockResponse.Builder().code(200).body(ISSUED)
                .headersDelay(10, TimeUnit.SECONDS).build());
        td.onJson("/v3/job/status_by_domain_key/*", "{\"job_id\":\"42\",\"status\":\"running\"}");
        td.onJson("/v3/job/kill/42", "{\"former_status\":\"running\",\"job_id\":\"42\"}");
        TdSession session = td.session(server, "");
        Execution exec = session.newExecution("SELECT 1", null);
        CompletableFuture<SQLException> run = CompletableFuture.supplyAsync(() -> assertThrows(SQLException.class,
                exec::start));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!td.paths().contains("POST /v3/job/issue/hive/mydb")) {
            assertTrue(System.nanoTime() < deadline, "the issue was not sent");
            Thread.sleep(5);
        }
        exec.cancel();
        assertEquals("HY008", run.get(10, TimeUnit.SECONDS).getSQLState());
        exec.stopped().get(10, TimeUnit.SECONDS);
        String key = td.last("/v3/job/issue/hive/mydb").getBody().utf8().replaceAll(".*domain_key=", "");
        assertTrue(td.paths().contains("GET /v3/job/status_by_domain_key/" + key), td.paths().toString());
        assertTrue(td.paths().contains("POST /v3/job/kill/42"), td.paths().toString());
    }

    @Test
    void cancelBeforeStartFailsAtOnceWithoutIssuing() throws Exception {
        TdSession session = td.session(server, "");
        Execution exec = session.newExecution("SELECT 1", null);
        exec.cancel();
        SQLException e = assertThrows(SQLException.class, exec::start);
        assertEquals("HY008", e.getSQLState());
        assertTrue(td.requests.isEmpty());
    }

    @Test
    void cancelWhileStreamingAbortsTheDownloadAndKills() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/status/42", status("success"));
        td.onJson("/v3/job/show/42", SCHEMA);
        td.onJson("/v3/job/kill/42", "{\"former_status\":\"success\",\"job_id\":\"42\"}");
        StringBuilder body = new StringBuilder("[1,\"a\"]\n");
        for (int i = 0; i < 2000; i++) {
            body.append("[2,\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"]\n");
        }
        td.on("/v3/job/result/42", new MockResponse.Builder().code(200).body(body.toString())
                .throttleBody(8, 5, TimeUnit.SECONDS).build());
        TdSession session = td.session(server, ";result_format=json");
        Execution exec = session.newExecution("SELECT 1", null);
        StatementResult result = exec.start();
        RowBuffer row = new RowBuffer(2);
        assertTrue(result.cursor().next(row));
        assertEquals("a", row.text(1));
        CompletableFuture<SQLException> reader = CompletableFuture.supplyAsync(() -> {
            try {
                while (result.cursor().next(row)) {
                    // Drains until the cancel cuts the body.
                }
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        exec.cancel();
        SQLException e = reader.get(10, TimeUnit.SECONDS);
        // The cut download fails as cut (the JDBC layer turns it into HY008); it never looks like a clean end.
        assertNotNull(e, "a cancelled download ended like a complete result");
        exec.stopped().get(10, TimeUnit.SECONDS);
        assertTrue(td.paths().contains("POST /v3/job/kill/42"));
        result.cursor().close();
    }

    @Test
    void rejectedKeyIs28000WithoutTheKey() throws Exception {
        td.on("/v3/job/issue/hive/mydb", FakeTd.json(401,
                "{\"error\":\"Unauthorized\",\"text\":\"bad key " + FakeTd.KEY + "\",\"severity\":\"error\"}"));
        TdSession session = td.session(server, "");
        SQLException e = assertThrows(SQLException.class, () -> session.newExecution("SELECT 1", null).start());
        assertEquals("28000", e.getSQLState());
        assertFalse(e.getMessage().contains(FakeTd.KEY), e.getMessage());
        assertFalse(e.getMessage().contains("0123456789abcdef"), e.getMessage());
        assertTrue(e.getMessage().contains("Unauthorized"), e.getMessage());
    }

    @Test
    void statusIsRetriedOn503HonouringRetryAfter() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/show/42", status("running"), status("running"), status("running"), status("running"));
        td.on("/v3/job/status/42", new MockResponse.Builder().code(503).setHeader("Retry-After", "0")
                .body("busy").build(), FakeTd.json(200, status("success")));
        td.onJson("/v3/job/show/42", "{\"status\":\"success\",\"hive_result_schema\":\"[]\",\"num_records\":0}");
        TdSession session = td.session(server, ";retry_backoff_ms=30000");
        long start = System.nanoTime();
        StatementResult result = session.newExecution("SELECT 1", null).start();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0, result.updateCount());
        assertEquals(2, td.paths().stream().filter(p -> p.equals("GET /v3/job/status/42")).count());
        // Without Retry-After the 30 s backoff would have waited at least 15 s.
        assertTrue(tookMillis < 10_000, "took " + tookMillis + " ms");
    }

    @Test
    void issueIsNotRetriedOn500() throws Exception {
        td.on("/v3/job/issue/hive/mydb", FakeTd.json(500, "{\"error\":\"Internal Server Error\","
                + "\"message\":\"boom\"}"), FakeTd.json(200, ISSUED));
        TdSession session = td.session(server, "");
        SQLException e = assertThrows(SQLException.class, () -> session.newExecution("SELECT 1", null).start());
        // A server failure of one statement is HY000 (HttpErrors), never 08xxx: pools would evict the connection.
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertEquals(List.of("POST /v3/job/issue/hive/mydb"), td.paths());
    }

    @Test
    void truncatedResultIsAnError() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/status/42", status("success"));
        td.onJson("/v3/job/show/42", SCHEMA);
        Buffer whole = gzip(msgpackRows());
        byte[] bytes = whole.readByteArray();
        td.on("/v3/job/result/42", new MockResponse.Builder().code(200)
                .body(new Buffer().write(bytes, 0, bytes.length - 6)).build());
        TdSession session = td.session(server, "");
        StatementResult result = session.newExecution("SELECT 1", null).start();
        RowBuffer row = new RowBuffer(2);
        SQLException e = assertThrows(SQLException.class, () -> {
            while (result.cursor().next(row)) {
                // Reads until the broken end.
            }
        });
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("row"), e.getMessage());
    }

    /**
     * No result format marks its end: a download that stops between two rows is caught by the job's num_records,
     * as is a result with a row more than announced.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aResultWithOtherThanTheAnnouncedRowsIsAnError(int announced) throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/status/42", status("success"));
        td.onJson("/v3/job/show/42", SCHEMA.replace("\"num_records\":2", "\"num_records\":" + announced));
        td.on("/v3/job/result/42", new MockResponse.Builder().code(200).body(gzip(msgpackRows())).build());
        TdSession session = td.session(server, "");
        StatementResult result = session.newExecution("SELECT 1", null).start();
        RowBuffer row = new RowBuffer(2);
        int read = 0;
        SQLException e = null;
        try {
            while (result.cursor().next(row)) {
                read++;
            }
        } catch (SQLException failure) {
            e = failure;
        }
        assertTrue(e != null, "read " + read + " rows of a result announced with " + announced + " without an error");
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("num_records"), e.getMessage());
        assertEquals(Math.min(announced, 2), read);
        assertEquals("08S01", assertThrows(SQLException.class, () -> result.cursor().next(row)).getSQLState(),
                "the failure stays");
    }

    @Test
    void resultDownloadErrorIsReported() throws Exception {
        td.onJson("/v3/job/issue/hive/mydb", ISSUED);
        td.onJson("/v3/job/status/42", status("success"));
        td.onJson("/v3/job/show/42", SCHEMA);
        td.on("/v3/job/result/42", FakeTd.json(404, "{\"error\":\"Not Found\",\"text\":\"Result not found\"}"));
        TdSession session = td.session(server, "");
        SQLException e = assertThrows(SQLException.class, () -> session.newExecution("SELECT 1", null).start());
        assertTrue(e.getMessage().contains("Result not found"), e.getMessage());
    }
}
