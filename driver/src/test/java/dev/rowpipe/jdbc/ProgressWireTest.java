package dev.rowpipe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.ProgressListener;
import dev.rowpipe.api.QueryProgress;
import dev.rowpipe.api.QueryProgress.State;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Progress listeners through the JDBC layer against scripted services: events in order, on the driver's thread,
 * never blocking the statement, a throwing listener logged and harmless; the connection's listener, the
 * registered one, statement options and the application name.
 */
class ProgressWireTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final Scripted service = new Scripted();
    private final RowpipeDriver driver = new RowpipeDriver();
    private final List<Connection> opened = new ArrayList<>();

    @AfterEach
    void close() throws SQLException {
        for (Connection c : opened) {
            c.close();
        }
        RowpipeDriver.unregisterProgressListener("wire-test");
    }

    /** Per path, a queue of answers (the last repeats); every request recorded. */
    static final class Scripted extends Dispatcher {
        final Map<String, ConcurrentLinkedDeque<MockResponse>> answers = new ConcurrentHashMap<>();
        final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

        Scripted on(String path, MockResponse... responses) {
            answers.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(responses));
            return this;
        }

        Scripted json(String path, String... bodies) {
            for (String b : bodies) {
                on(path, new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                        .body(b).build());
            }
            return this;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            ConcurrentLinkedDeque<MockResponse> q = answers.get(request.getUrl().encodedPath());
            if (q == null || q.isEmpty()) {
                return new MockResponse.Builder().code(404).body("{\"error\":\"no script\"}").build();
            }
            return q.size() > 1 ? q.pollFirst() : q.peekFirst();
        }

        RecordedRequest last(String path) {
            RecordedRequest found = null;
            for (RecordedRequest r : requests) {
                if (r.getUrl().encodedPath().equals(path)) {
                    found = r;
                }
            }
            return found;
        }
    }

    /** Collects events with the thread they came on. */
    static final class Recorder implements ProgressListener {
        final List<QueryProgress> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onProgress(QueryProgress progress) {
            threads.add(Thread.currentThread().getName());
            events.add(progress);
        }

        List<State> states() {
            return events.stream().map(QueryProgress::state).toList();
        }

        QueryProgress last() {
            return events.get(events.size() - 1);
        }

        /** Waits (polling) until {@code count} statements have had their last event. */
        void awaitEnds(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (events.stream().filter(e -> e.state().isTerminal()).count() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no last event within 20 s: " + states());
                }
                Thread.sleep(5);
            }
        }
    }

    private Connection td(String params) throws SQLException {
        service.json("/v3/database/list", "{\"databases\":[{\"name\":\"mydb\",\"count\":1}]}");
        server.setDispatcher(service);
        Properties info = new Properties();
        info.setProperty("apikey", "1/abc");
        Connection c = driver.connect("jdbc:td://127.0.0.1:" + server.getPort() + "/mydb;useSSL=false;"
                + "poll_initial_ms=1;poll_max_ms=4;retry_backoff_ms=1" + params, info);
        opened.add(c);
        return c;
    }

    private Connection firebolt(String params) throws SQLException {
        service.json("/auth/v1/login", "{\"access_token\":\"tok\",\"expires_in\":3600,\"refresh_token\":\"refresh-1\","
                + "\"token_type\":\"Bearer\"}");
        service.json("/core/v1/account/engines:getURLByDatabaseName",
                "{\"engine_url\":\"127.0.0.1:" + server.getPort() + "\"}");
        server.setDispatcher(service);
        Properties info = new Properties();
        info.setProperty("user", "me+" + System.nanoTime() + "@example.com");
        info.setProperty("password", "pw");
        // The scripted answers are plain bodies (compressed answers are FireboltCompressionWireTest's).
        Connection c = driver.connect("jdbc:firebolt://127.0.0.1:" + server.getPort() + "/db?ssl=false"
                + "&compress=none&retry_backoff_ms=1" + params, info);
        opened.add(c);
        return c;
    }

    private static final String ISSUED = "{\"job_id\":\"42\",\"type\":\"hive\",\"database\":\"mydb\"}";

    private static String show(String status) {
        return "{\"job_id\":\"42\",\"status\":\"" + status + "\",\"duration\":3,\"cpu_time\":null,"
                + "\"result_size\":0,\"num_records\":0,\"debug\":{\"cmdout\":\"\",\"stderr\":\"\"}}";
    }

    private static final String SUCCESS = "{\"job_id\":\"42\",\"status\":\"success\",\"duration\":7,"
            + "\"cpu_time\":1234,\"result_size\":55,\"num_records\":2,"
            + "\"hive_result_schema\":\"[[\\\"n\\\",\\\"bigint\\\"]]\",\"debug\":{\"stderr\":\"\"}}";

    private static Buffer rows(long... values) throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        for (long v : values) {
            p.packArrayHeader(1).packLong(v);
        }
        p.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(p.toByteArray());
        }
        return new Buffer().write(out.toByteArray());
    }

    private void scriptTdJob(String... statuses) throws Exception {
        service.json("/v3/job/issue/hive/mydb", ISSUED);
        for (String s : statuses) {
            service.json("/v3/job/show/42", s.startsWith("{") ? s : show(s));
        }
        service.on("/v3/job/result/42", new MockResponse.Builder().code(200).body(rows(7, 8)).build());
    }

    private static List<Long> readAll(ResultSet rs) throws SQLException {
        List<Long> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getLong(1));
        }
        return out;
    }

    @Test
    void treasureDataEventsFollowTheJobInOrderOnTheDriversThread() throws Exception {
        scriptTdJob("queued", "booting", "running", "running", SUCCESS);
        Recorder recorder = new Recorder();
        try (Statement st = td("").createStatement()) {
            st.unwrap(RowpipeStatement.class).setProgressListener(recorder);
            try (ResultSet rs = st.executeQuery("SELECT n FROM t")) {
                assertEquals(List.of(7L, 8L), readAll(rs));
            }
        }
        recorder.awaitEnds(1);
        assertEquals(List.of(State.SUBMITTED, State.QUEUED, State.QUEUED, State.RUNNING, State.RUNNING,
                State.FINISHED), recorder.states());
        assertEquals(java.util.Arrays.asList(null, "queued", "booting", "running", "running", "success"),
                recorder.events.stream().map(QueryProgress::serviceStatus).toList());
        for (QueryProgress e : recorder.events) {
            assertEquals("Treasure Data", e.service());
            assertEquals("42", e.queryId());
            assertNull(e.message());
        }
        QueryProgress finished = recorder.last();
        assertEquals(2, finished.resultRows());
        assertEquals(55, finished.resultBytes());
        assertEquals(1234, finished.cpuTime());
        assertEquals(Duration.ofSeconds(7), finished.serverElapsed());
        assertEquals(-1, finished.rowsRead());
        assertEquals(Duration.ofSeconds(3), recorder.events.get(1).serverElapsed());
        for (int i = 1; i < recorder.events.size(); i++) {
            assertTrue(recorder.events.get(i).elapsed().compareTo(recorder.events.get(i - 1).elapsed()) >= 0);
        }
        String test = Thread.currentThread().getName();
        recorder.threads.forEach(t -> assertEquals("rowpipe-progress", t, "never on the statement's thread " + test));
    }

    @Test
    void aFailedJobEndsFailedWithItsReasonAndAKilledOneCancelled() throws Exception {
        scriptTdJob("running", "{\"job_id\":\"42\",\"status\":\"error\",\"debug\":{\"stderr\":\"Table not found"
                + " 'nope'\"}}");
        Recorder recorder = new Recorder();
        Connection c = td("");
        c.unwrap(RowpipeConnection.class).setProgressListener(recorder);
        try (Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM nope"));
            assertEquals("42000", e.getSQLState());
        }
        recorder.awaitEnds(1);
        assertEquals(List.of(State.SUBMITTED, State.RUNNING, State.FAILED), recorder.states());
        assertEquals("error", recorder.last().serviceStatus());
        assertTrue(recorder.last().message().contains("Table not found 'nope'"), recorder.last().message());

        service.answers.clear();
        scriptTdJob("running", "killed");
        try (Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT 1"));
            assertEquals("HY008", e.getSQLState());
        }
        recorder.awaitEnds(2);
        assertEquals(List.of(State.SUBMITTED, State.RUNNING, State.CANCELLED), recorder.states().subList(3, 6));
        assertEquals("killed", recorder.last().serviceStatus());
    }

    @Test
    void aTimedOutJobEndsCancelledWithTheTimeoutsMessage() throws Exception {
        scriptTdJob("running");
        service.json("/v3/job/kill/42", "{\"former_status\":\"running\",\"job_id\":\"42\"}");
        Recorder recorder = new Recorder();
        try (Statement st = td("").createStatement()) {
            st.unwrap(RowpipeStatement.class).setProgressListener(recorder);
            st.setQueryTimeout(1);
            assertThrows(SQLTimeoutException.class, () -> st.executeQuery("SELECT 1"));
        }
        recorder.awaitEnds(1);
        QueryProgress last = recorder.last();
        assertEquals(State.CANCELLED, last.state());
        assertEquals("running", last.serviceStatus(), "the last status TD reported");
        assertTrue(last.message().contains("timed out"), last.message());
        assertEquals(1, recorder.states().stream().filter(State::isTerminal).count());
    }

    @Test
    void fireboltJsonReportsTheServersStatisticsAtTheEnd() throws Exception {
        service.on("/", new MockResponse.Builder().code(200).body("{\"meta\":[{\"name\":\"n\",\"type\":\"Int64\"}],"
                + "\"data\":[[1],[2]],\"rows\":2,\"statistics\":{\"elapsed\":0.25,\"rows_read\":1000,"
                + "\"bytes_read\":8000}}").build());
        Recorder recorder = new Recorder();
        try (Statement st = firebolt("&output_format=JSON_Compact").createStatement()) {
            st.unwrap(RowpipeStatement.class).setProgressListener(recorder);
            try (ResultSet rs = st.executeQuery("SELECT n FROM t")) {
                assertEquals(List.of(1L, 2L), readAll(rs));
            }
            recorder.awaitEnds(1);
            assertEquals(List.of(State.SUBMITTED, State.RUNNING, State.FINISHED), recorder.states());
            QueryProgress end = recorder.last();
            assertEquals("Firebolt", end.service());
            assertEquals(st.unwrap(RowpipeStatement.class).getLastQueryId(), end.queryId());
            assertEquals(1000, end.rowsRead());
            assertEquals(8000, end.bytesRead());
            assertEquals(2, end.resultRows());
            assertEquals(Duration.ofMillis(250), end.serverElapsed());
            assertNull(end.serviceStatus());
        }
    }

    @Test
    void fireboltTsvHasOnlyTheRowCountAndAFailureEndsFailed() throws Exception {
        service.on("/", new MockResponse.Builder().code(200).body("n\nInt64\n1\n2\n3\n").build());
        Recorder recorder = new Recorder();
        Connection c = firebolt("");
        c.unwrap(RowpipeConnection.class).setProgressListener(recorder);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n FROM t")) {
            assertEquals(List.of(1L, 2L, 3L), readAll(rs));
        }
        recorder.awaitEnds(1);
        assertEquals(List.of(State.SUBMITTED, State.RUNNING, State.FINISHED), recorder.states());
        assertEquals(3, recorder.last().resultRows());
        assertEquals(-1, recorder.last().rowsRead());
        assertNull(recorder.last().serverElapsed());

        service.answers.clear();
        service.on("/", new MockResponse.Builder().code(200).body("n\nInt64\n1\nCode: 241. DB::Exception: Memory "
                + "limit exceeded\n").build());
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n FROM t")) {
            assertTrue(rs.next());
            assertThrows(SQLException.class, rs::next);
        }
        recorder.awaitEnds(2);
        assertEquals(List.of(State.SUBMITTED, State.RUNNING, State.FAILED), recorder.states().subList(3, 6));
        assertTrue(recorder.last().message().contains("Memory limit exceeded"), recorder.last().message());
    }

    @Test
    void aThrowingListenerIsLoggedOnceAsAWarningAndNeverReachesTheStatement() throws Exception {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.rowpipe.jdbc.ProgressDelivery");
        Level before = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        try {
            List<State> seen = new CopyOnWriteArrayList<>();
            ProgressListener throwing = e -> {
                seen.add(e.state());
                throw new IllegalStateException("listener bug");
            };
            Connection c = td("");
            for (int i = 0; i < 2; i++) {
                service.answers.remove("/v3/job/show/42");
                scriptTdJob("running", SUCCESS);
                try (Statement st = c.createStatement()) {
                    st.unwrap(RowpipeStatement.class).setProgressListener(throwing);
                    try (ResultSet rs = st.executeQuery("SELECT n FROM t")) {
                        assertEquals(List.of(7L, 8L), readAll(rs));
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (seen.stream().filter(State::isTerminal).count() < 2 || logged.size() < seen.size()) {
                assertTrue(System.nanoTime() < deadline, "events " + seen + ", logged " + logged.size());
                Thread.sleep(5);
            }
            assertEquals(List.of(State.SUBMITTED, State.RUNNING, State.FINISHED, State.SUBMITTED, State.RUNNING,
                    State.FINISHED), seen, "every event is still delivered after a throw");
            assertEquals(1, logged.stream().filter(r -> r.getLevel() == Level.WARNING).count());
            assertEquals(Level.WARNING, logged.get(0).getLevel());
            assertTrue(logged.get(0).getMessage().contains("SUBMITTED of Treasure Data 42"), logged.get(0).getMessage());
            assertEquals("listener bug", logged.get(0).getThrown().getMessage());
            assertEquals(seen.size() - 1, logged.stream().filter(r -> r.getLevel() == Level.FINE).count());
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(true);
            logger.setLevel(before);
        }
    }

    @Test
    void aStalledListenerNeverBlocksTheStatement() throws Exception {
        scriptTdJob("queued", "running", SUCCESS);
        CountDownLatch release = new CountDownLatch(1);
        Recorder recorder = new Recorder();
        ProgressListener stalled = e -> {
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            recorder.onProgress(e);
        };
        try (Statement st = td("").createStatement()) {
            st.unwrap(RowpipeStatement.class).setProgressListener(stalled);
            try (ResultSet rs = st.executeQuery("SELECT n FROM t")) {
                assertEquals(List.of(7L, 8L), readAll(rs));
            }
            assertEquals(List.of(), recorder.events, "the statement ended while its listener was still stalled");
        } finally {
            release.countDown();
        }
        recorder.awaitEnds(1);
        assertEquals(List.of(State.SUBMITTED, State.QUEUED, State.RUNNING, State.FINISHED), recorder.states());
    }

    @Test
    void theConnectionsListenerIsTheDefaultAndARegisteredOneReachesToolStatements() throws Exception {
        Recorder registered = new Recorder();
        RowpipeDriver.registerProgressListener("wire-test", registered);
        Connection c = td(";progress_listener=wire-test");
        assertEquals(registered, c.unwrap(RowpipeConnection.class).getProgressListener());
        scriptTdJob(SUCCESS);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n FROM t")) {
            readAll(rs);
        }
        registered.awaitEnds(1);
        Recorder own = new Recorder();
        try (Statement st = c.createStatement()) {
            st.unwrap(RowpipeStatement.class).setProgressListener(own);
            assertEquals(own, st.unwrap(RowpipeStatement.class).getProgressListener());
            try (ResultSet rs = st.executeQuery("SELECT n FROM t")) {
                readAll(rs);
            }
        }
        own.awaitEnds(1);
        assertEquals(List.of(State.SUBMITTED, State.FINISHED), own.states());
        assertEquals(2, registered.states().size(), "the statement's own listener replaces the connection's");

        try (Statement st = c.createStatement()) {
            st.execute("SET td.priority = 1");
        }
        Thread.sleep(50);
        assertEquals(2, registered.states().size(), "a statement the driver answers itself has no events");

        SQLException unknown = assertThrows(SQLException.class, () -> td(";progress_listener=nobody"));
        assertEquals("08001", unknown.getSQLState());
        assertTrue(unknown.getMessage().contains("'nobody'") && unknown.getMessage().contains("wire-test"),
                unknown.getMessage());
    }

    @Test
    void applicationNameComesFromThePropertyThenFromClientInfo() throws Exception {
        Connection c = td(";application_name=Nightly%20ETL");
        assertEquals("Nightly ETL", c.getClientInfo("ApplicationName"));
        scriptTdJob(SUCCESS);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n FROM t")) {
            readAll(rs);
        }
        assertTrue(issuedQuery().startsWith("-- client: rowpipe-jdbc/"), issuedQuery());
        assertTrue(issuedQuery().endsWith(" app: Nightly ETL\nSELECT n FROM t"), issuedQuery());
        c.setClientInfo("ApplicationName", "DBeaver 24.1");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n FROM t")) {
            readAll(rs);
        }
        assertTrue(issuedQuery().endsWith(" app: DBeaver 24.1\nSELECT n FROM t"), issuedQuery());
        c.setClientInfo("ApplicationName", null);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n FROM t")) {
            readAll(rs);
        }
        assertFalse(issuedQuery().contains(" app: "), issuedQuery());
    }

    private String issuedQuery() {
        String body = service.last("/v3/job/issue/hive/mydb").getBody().utf8();
        String query = body.substring("query=".length(), body.indexOf('&'));
        return java.net.URLDecoder.decode(query, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void statementOptionsAreCheckedAndSentForThatStatement() throws Exception {
        Connection c = td(";priority=-1");
        scriptTdJob(SUCCESS);
        try (Statement st = c.createStatement()) {
            RowpipeStatement rs = st.unwrap(RowpipeStatement.class);
            rs.setStatementOption("PRIORITY", "2");
            rs.setStatementOption("pool_name", "adhoc");
            assertEquals("2", rs.getStatementOption("priority"));
            try (ResultSet r = st.executeQuery("SELECT n FROM t")) {
                readAll(r);
            }
            String body = service.last("/v3/job/issue/hive/mydb").getBody().utf8();
            assertTrue(body.contains("&priority=2&pool_name=adhoc&domain_key="), body);
            rs.setStatementOption("priority", null);
            assertNull(rs.getStatementOption("priority"));
            try (ResultSet r = st.executeQuery("SELECT n FROM t")) {
                readAll(r);
            }
            body = service.last("/v3/job/issue/hive/mydb").getBody().utf8();
            assertTrue(body.contains("&priority=-1&pool_name=adhoc&domain_key="), body);

            SQLException bad = assertThrows(SQLException.class, () -> rs.setStatementOption("priority", "9"));
            assertEquals("HY024", bad.getSQLState());
            assertTrue(bad.getMessage().contains("-2 to 2"), bad.getMessage());
            SQLException unknown = assertThrows(SQLException.class, () -> rs.setStatementOption("type", "presto"));
            assertTrue(unknown.getMessage().contains("priority, retry_limit, pool_name, engine_version"),
                    unknown.getMessage());
        }
        try (Statement st = c.createStatement()) {
            assertNull(st.unwrap(RowpipeStatement.class).getStatementOption("priority"), "per statement only");
        }
        try (Statement fb = firebolt("").createStatement()) {
            SQLException none = assertThrows(SQLException.class,
                    () -> fb.unwrap(RowpipeStatement.class).setStatementOption("priority", "1"));
            assertTrue(none.getMessage().contains("no statement options"), none.getMessage());
        }
        assertNotEquals(0, service.requests.size());
    }
}
