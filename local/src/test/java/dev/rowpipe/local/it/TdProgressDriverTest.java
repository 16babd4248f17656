package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowpipe.api.ProgressListener;
import dev.rowpipe.api.QueryProgress;
import dev.rowpipe.api.QueryProgress.State;
import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.jdbc.RowpipeStatement;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Progress of slow jobs (the local server keeps every job queued, then running, for a while), the last state of a
 * killed or cancelled job, and what a job carries to TD: the attribution comment and the job options.
 */
@ExtendWith(TdProgressDriverTest.SlowJobs.class)
class TdProgressDriverTest {
    private static final long QUEUED_MS = 400;
    private static final long RUNNING_MS = 1200;

    /** Every job of this class's server is slow. */
    static final class SlowJobs extends LocalServerExtension {
        @Override
        protected LocalServer.Builder configure(LocalServer.Builder builder) {
            return super.configure(builder).tdJobDelays(QUEUED_MS, RUNNING_MS);
        }
    }

    static final class Recorder implements ProgressListener {
        final List<QueryProgress> events = new CopyOnWriteArrayList<>();

        @Override
        public void onProgress(QueryProgress progress) {
            events.add(progress);
        }

        List<State> states() {
            return events.stream().map(QueryProgress::state).toList();
        }

        /** The states with repeats folded: SUBMITTED, QUEUED, RUNNING, FINISHED. */
        List<State> distinctStates() {
            return states().stream().distinct().toList();
        }

        QueryProgress await(Predicate<QueryProgress> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (QueryProgress e : events) {
                    if (wanted.test(e)) {
                        return e;
                    }
                }
                Thread.sleep(10);
            }
            throw new AssertionError("no such event within 30 s; got " + events);
        }

        QueryProgress awaitEnd() throws InterruptedException {
            return await(e -> e.state().isTerminal());
        }
    }

    static Connection connect(LocalServer server, String type, String... extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("apikey", server.demoApiKey());
        p.setProperty("type", type);
        p.setProperty("poll_initial_ms", "20");
        p.setProperty("poll_max_ms", "100");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return DriverManager.getConnection(server.tdJdbcUrl(), p);
    }

    /** {@code GET /v3/job/show/ID} as TD's console would read it. */
    static JsonNode show(LocalServer server, String jobId) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.apiUrl() + "/v3/job/show/" + jobId))
                .header("Authorization", "TD1 " + server.demoApiKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void aSlowJobReportsQueuedThenRunningThenFinished(LocalServer server) throws Exception {
        Recorder recorder = new Recorder();
        try (Connection c = connect(server, "trino", "application_name", "progress-it");
             Statement st = c.createStatement()) {
            st.unwrap(RowpipeStatement.class).setProgressListener(recorder);
            try (ResultSet rs = st.executeQuery("SELECT count(*) AS n FROM www_access")) {
                assertTrue(rs.next());
                assertEquals(2000, rs.getLong(1));
            }
            QueryProgress end = recorder.awaitEnd();
            assertEquals(List.of(State.SUBMITTED, State.QUEUED, State.RUNNING, State.FINISHED),
                    recorder.distinctStates());
            assertTrue(recorder.states().stream().filter(s -> s == State.RUNNING).count() >= 2,
                    "running is reported at every poll: " + recorder.states());
            String jobId = st.unwrap(RowpipeStatement.class).getLastQueryId();
            recorder.events.forEach(e -> assertEquals(jobId, e.queryId()));
            assertEquals("success", end.serviceStatus());
            assertEquals(1, end.resultRows());
            assertTrue(end.resultBytes() > 0, end.toString());
            assertTrue(end.elapsed().compareTo(Duration.ofMillis(QUEUED_MS + RUNNING_MS)) >= 0, end.toString());
            assertEquals("queued", recorder.events.get(1).serviceStatus());

            String query = show(server, jobId).get("query").asText();
            assertTrue(query.matches("-- client: rowpipe-jdbc/\\d+\\.\\d+\\S* app: progress-it\n"
                    + "SELECT count\\(\\*\\) AS n FROM www_access"), query);
        }
    }

    @Test
    void aJobKilledElsewhereEndsCancelledWithStatusKilled(LocalServer server) throws Exception {
        Recorder recorder = new Recorder();
        try (Connection c = connect(server, "hive"); Statement st = c.createStatement();
             Connection other = connect(server, "hive")) {
            st.unwrap(RowpipeStatement.class).setProgressListener(recorder);
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM nasdaq")) {
                    rs.next();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            QueryProgress running = recorder.await(e -> e.state() == State.RUNNING);
            other.unwrap(TreasureDataApi.class).killJob(running.queryId());
            ExecutionException e = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
            SQLException sql = assertInstanceOf(SQLException.class, e.getCause().getCause(), e.toString());
            assertEquals("HY008", sql.getSQLState());
            QueryProgress end = recorder.awaitEnd();
            assertEquals(State.CANCELLED, end.state());
            assertEquals("killed", end.serviceStatus());
            assertTrue(end.message().contains("was killed"), end.message());
            assertEquals(1, recorder.states().stream().filter(State::isTerminal).count());
            assertEquals("killed", other.unwrap(TreasureDataApi.class).jobStatus(end.queryId()).status());
        }
    }

    @Test
    void aCancelledJobEndsCancelledAndIsKilledOnTheServer(LocalServer server) throws Exception {
        Recorder recorder = new Recorder();
        try (Connection c = connect(server, "presto"); Statement st = c.createStatement()) {
            st.unwrap(RowpipeStatement.class).setProgressListener(recorder);
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try (ResultSet rs = st.executeQuery("SELECT 1")) {
                    rs.next();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            QueryProgress queued = recorder.await(e -> e.state() == State.QUEUED);
            st.cancel();
            assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
            QueryProgress end = recorder.awaitEnd();
            assertEquals(State.CANCELLED, end.state());
            assertTrue(end.message().contains("cancelled"), end.message());
            TreasureDataApi api = c.unwrap(TreasureDataApi.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!api.jobStatus(queued.queryId()).status().equals("killed")) {
                assertTrue(System.nanoTime() < deadline, "the job was not killed");
                Thread.sleep(20);
            }
        }
    }

    @Test
    void jobOptionsReachTheJobPerConnectionSetAndStatement(LocalServer server) throws Exception {
        try (Connection c = connect(server, "presto", "priority", "-1", "pool_name", "conn_pool");
             Statement st = c.createStatement()) {
            RowpipeStatement rs = st.unwrap(RowpipeStatement.class);
            st.execute("SELECT 1");
            JsonNode first = show(server, rs.getLastQueryId());
            assertEquals(-1, first.get("priority").asInt());
            assertEquals("conn_pool", first.get("pool_name").asText());

            st.execute("SET td.priority = 2");
            st.execute("SELECT 1");
            assertEquals(2, show(server, rs.getLastQueryId()).get("priority").asInt());

            rs.setStatementOption("pool_name", "adhoc");
            rs.setStatementOption("retry_limit", "3");
            st.execute("SELECT 1");
            JsonNode third = show(server, rs.getLastQueryId());
            assertEquals(2, third.get("priority").asInt());
            assertEquals("adhoc", third.get("pool_name").asText());
            assertEquals(3, third.get("retry_limit").asInt());
        }
    }
}
