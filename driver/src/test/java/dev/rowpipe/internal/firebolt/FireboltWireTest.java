package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.api.EngineStatus;
import dev.rowpipe.api.FireboltEngines;
import dev.rowpipe.internal.http.HttpErrors;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.testing.PomVersion;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FireboltWireTest {
    private static final String PASSWORD = "pa55-w0rd!secret";
    private static final String RUNNING = "ENGINE_STATUS_SUMMARY_RUNNING";
    private static final String SERVING = "ENGINE_STATUS_RUNNING_REVISION_SERVING";
    private static final String STOPPED = "ENGINE_STATUS_SUMMARY_STOPPED";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeFirebolt fake = new FakeFirebolt();
    private final FakeFirebolt.FakePacer pacer = new FakeFirebolt.FakePacer();
    /** One cache per test (JUnit makes an instance per test), shared by the connections a test opens. */
    private final TokenCache tokens = new TokenCache();

    @BeforeEach
    void setUp() {
        server.setDispatcher(fake);
        fake.endpoint = "127.0.0.1:" + server.getPort();
    }

    private FireboltSession open(String extra) throws SQLException {
        FireboltBackend backend = new FireboltBackend(pacer, tokens);
        Properties info = new Properties();
        info.setProperty("user", "me@example.com");
        info.setProperty("password", PASSWORD);
        Settings settings = Settings.build(backend.parseUrl("jdbc:firebolt://127.0.0.1:" + server.getPort()
                + "/db?ssl=false&retry_backoff_ms=1" + extra), info, FireboltProperties.ALL);
        return (FireboltSession) backend.open(settings);
    }

    private static List<List<String>> readAll(StatementResult result) throws SQLException {
        List<List<String>> rows = new java.util.ArrayList<>();
        try (var cursor = result.cursor()) {
            RowBuffer row = new RowBuffer(result.columns().size());
            while (cursor.next(row)) {
                List<String> values = new java.util.ArrayList<>();
                for (int i = 0; i < row.width(); i++) {
                    values.add(row.isNull(i) ? null : dev.rowpipe.internal.convert.ValueReader.getString(row, i, result.columns().get(i).type()));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    @Test
    void loginEngineLookupAndQueryWire() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.text(200, "x\ty\nInt32\tString\n1\ta\n2\t\\N\n"));
        try (FireboltSession session = open("")) {
            Execution execution = session.newExecution("SELECT x, y FROM t", new ExecutionOptions(7, 0, 0));
            StatementResult result = execution.start();
            assertEquals(List.of(List.of("1", "a"), java.util.Arrays.asList("2", null)), readAll(result));
            assertEquals("x", result.columns().get(0).name());
            assertEquals("Int32", result.columns().get(0).type().typeName());

            RecordedRequest login = fake.at("/auth/v1/login").get(0);
            assertEquals("POST", login.getMethod());
            assertEquals("application/json; charset=UTF-8".replace(" ", ""),
                    login.getHeaders().get("Content-Type").replace(" ", ""));
            JsonNode body = Json.MAPPER.readTree(FakeFirebolt.body(login));
            assertEquals("me@example.com", body.get("username").asText());
            assertEquals(PASSWORD, body.get("password").asText());
            assertEquals(2, body.size());

            RecordedRequest lookup = fake.at("/core/v1/account/engines:getURLByDatabaseName").get(0);
            assertEquals("GET", lookup.getMethod());
            assertEquals("db", lookup.getUrl().queryParameter("database_name"));
            assertEquals("Bearer tok1", lookup.getHeaders().get("Authorization"));

            RecordedRequest query = fake.at("/").get(0);
            HttpUrl url = query.getUrl();
            assertEquals("POST", query.getMethod());
            assertEquals(List.of("database", "query_id", "output_format", "compress", "max_execution_time"),
                    List.copyOf(url.queryParameterNames()).stream().sorted((a, b) -> order(a) - order(b)).toList());
            assertEquals("db", url.queryParameter("database"));
            assertEquals(execution.id(), url.queryParameter("query_id"));
            assertEquals("TabSeparatedWithNamesAndTypes", url.queryParameter("output_format"));
            assertEquals("7", url.queryParameter("max_execution_time"));
            assertEquals("1", url.queryParameter("compress"));
            assertNull(query.getHeaders().get("Accept-Encoding"));
            assertTrue(url.encodedQuery().startsWith("database=db&query_id=" + execution.id()
                    + "&output_format=TabSeparatedWithNamesAndTypes&compress=1&max_execution_time=7"),
                    url.encodedQuery());
            assertEquals("SELECT x, y FROM t", FakeFirebolt.body(query));
            assertEquals("Bearer tok1", query.getHeaders().get("Authorization"));
        }
        assertEquals(3, fake.requests.size());
        for (RecordedRequest r : fake.requests) {
            assertEquals(PomVersion.userAgent("Firebolt"), r.getHeaders().get("User-Agent"), r.getUrl().toString());
        }
    }

    @Test
    void theApplicationNameIsInTheUserAgentOfEveryRequest() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.text(200, "1\nUInt8\n1\n"));
        try (FireboltSession session = open("&ApplicationName=Report%20Builder")) {
            readAll(session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start());
        }
        String base = PomVersion.userAgent("Firebolt");
        String expected = base.substring(0, base.length() - 1) + "; app Report Builder)";
        assertFalse(fake.requests.isEmpty());
        for (RecordedRequest r : fake.requests) {
            assertEquals(expected, r.getHeaders().get("User-Agent"), r.getUrl().toString());
        }
    }

    private static int order(String name) {
        return List.of("database", "query_id", "output_format", "compress", "max_execution_time").indexOf(name);
    }

    @Test
    void updateCountsFollowTheStatementWhenFireboltReportsNone() throws Exception {
        try (FireboltSession session = open("")) {
            assertEquals(3, session.newExecution("INSERT INTO t (a, b) VALUES (1, 'x'), (2, ')'), (3, NULL)",
                    ExecutionOptions.DEFAULT).start().updateCount());
            for (String sql : List.of("INSERT INTO t SELECT * FROM u", "DELETE FROM t WHERE a = 1",
                    "CREATE TABLE c AS SELECT 1")) {
                assertEquals(java.sql.Statement.SUCCESS_NO_INFO,
                        session.newExecution(sql, ExecutionOptions.DEFAULT).start().updateCount(), sql);
            }
            for (String sql : List.of("CREATE FACT TABLE t (a INT) PRIMARY INDEX a", "DROP TABLE t")) {
                assertEquals(0, session.newExecution(sql, ExecutionOptions.DEFAULT).start().updateCount(), sql);
            }
        }
    }

    @Test
    void freshQueryIdPerStatementAndEmptyBodyIsUpdate() throws Exception {
        try (FireboltSession session = open("")) {
            Execution a = session.newExecution("INSERT INTO t VALUES (1)", ExecutionOptions.DEFAULT);
            Execution b = session.newExecution("INSERT INTO t VALUES (2)", ExecutionOptions.DEFAULT);
            StatementResult result = a.start();
            b.start();
            assertFalse(result.hasRows());
            // Firebolt v1 reports no count: an INSERT ... VALUES wrote one row per tuple it sent.
            assertEquals(1, result.updateCount());
            assertFalse(a.id().equals(b.id()));
            List<RecordedRequest> queries = fake.at("/");
            assertEquals(a.id(), queries.get(0).getUrl().queryParameter("query_id"));
            assertEquals(b.id(), queries.get(1).getUrl().queryParameter("query_id"));
            assertNull(queries.get(0).getUrl().queryParameter("max_execution_time"));
        }
    }

    /** The engine takes the statement (it runs) and the connection drops before any answer. */
    private static final MockResponse ANSWER_LOST = new MockResponse.Builder()
            .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)).build();

    @Test
    void aWriteWhoseAnswerIsLostIsNeverSentAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        fake.routes.put("/", r -> {
            queries.incrementAndGet();
            return ANSWER_LOST;
        });
        try (FireboltSession session = open("&retries=3")) {
            for (String sql : List.of("INSERT INTO t VALUES (1)", "/* SELECT */ INSERT INTO t SELECT 1",
                    "SELECT 1; INSERT INTO t VALUES (2)", "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
                    "SELECT 'it''s' INTO t2")) {
                int before = queries.get();
                SQLException e = assertThrows(SQLException.class,
                        () -> session.newExecution(sql, ExecutionOptions.DEFAULT).start(), sql);
                assertEquals("08S01", e.getSQLState(), sql);
                assertTrue(e.getMessage().contains("it may have been carried out, so it was not sent again"),
                        e.getMessage());
                assertEquals(before + 1, queries.get(), "sent once: " + sql);
            }
        }
    }

    @Test
    void aReadWhoseAnswerIsLostIsSentAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        fake.routes.put("/", r -> queries.incrementAndGet() % 2 == 1 ? ANSWER_LOST
                : FakeFirebolt.text(200, "a\nInt32\n7\n"));
        try (FireboltSession session = open("&retries=3")) {
            for (String sql : List.of("SELECT 1", "-- INSERT\nselect * from t where s = 'INSERT INTO'",
                    "WITH x AS (SELECT 1) SELECT * FROM x", "SHOW TABLES", "DESCRIBE t", "EXPLAIN SELECT 1")) {
                int before = queries.get();
                Execution execution = session.newExecution(sql, ExecutionOptions.DEFAULT);
                assertEquals(List.of(List.of("7")), readAll(execution.start()), sql);
                assertEquals(before + 2, queries.get(), "sent again: " + sql);
                // The lost attempt may still run under its id, which the engine would refuse a second time.
                List<RecordedRequest> sent = fake.at("/");
                String lost = sent.get(sent.size() - 2).getUrl().queryParameter("query_id");
                String again = sent.get(sent.size() - 1).getUrl().queryParameter("query_id");
                assertNotEquals(lost, again, sql);
                assertEquals(again, execution.id(), "the id is the attempt's that answered: " + sql);
            }
        }
    }

    @Test
    void aReadAGatewayFailedIsSentUnderANewIdAndARefusedOneUnderItsOwn() throws Exception {
        for (int status : new int[] {502, 503}) {
            java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
            fake.routes.put("/", r -> queries.incrementAndGet() == 1 ? FakeFirebolt.text(status, "busy")
                    : FakeFirebolt.text(200, "a\nInt32\n7\n"));
            try (FireboltSession session = open("&retries=3")) {
                int before = fake.at("/").size();
                Execution execution = session.newExecution("SELECT 7", ExecutionOptions.DEFAULT);
                assertEquals(List.of(List.of("7")), readAll(execution.start()));
                List<RecordedRequest> sent = fake.at("/");
                assertEquals(before + 2, sent.size());
                String first = sent.get(sent.size() - 2).getUrl().queryParameter("query_id");
                String second = sent.get(sent.size() - 1).getUrl().queryParameter("query_id");
                // Behind a 502 the engine may be running the first; a 503 says it was not taken.
                assertEquals(status == 503, first.equals(second), "HTTP " + status);
                assertEquals(second, execution.id());
            }
        }
    }

    @Test
    void tokenCacheIsSharedAcrossSessions() throws Exception {
        try (FireboltSession one = open(""); FireboltSession two = open("")) {
            one.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
            two.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
        }
        assertEquals(1, fake.at("/auth/v1/login").size());
        assertTrue(fake.at("/").stream().allMatch(r -> "Bearer tok1".equals(r.getHeaders().get("Authorization"))));
    }

    @Test
    void tokenIsRefreshedShortlyBeforeExpiry() throws Exception {
        try (FireboltSession session = open("")) {
            pacer.advance(3_000_000); // 3000 s of 3600: 600 s left, more than 10%
            session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
            assertEquals(0, fake.at("/auth/v1/refresh").size());
            pacer.advance(300_000); // 300 s left: under 10% of the lifetime
            session.newExecution("SELECT 2", ExecutionOptions.DEFAULT).start();
            List<RecordedRequest> refresh = fake.at("/auth/v1/refresh");
            assertEquals(1, refresh.size());
            assertEquals("{\"refresh_token\":\"refresh-secret\"}", FakeFirebolt.body(refresh.get(0)));
            assertTrue(refresh.get(0).getHeaders().get("Content-Type").startsWith("application/json"));
            assertEquals("Bearer tok2", fake.at("/").get(1).getHeaders().get("Authorization"));
            assertEquals(1, fake.at("/auth/v1/login").size());
        }
    }

    @Test
    void failedRefreshFallsBackToLogin() throws Exception {
        fake.routes.put("/auth/v1/refresh", r -> FakeFirebolt.text(401, "refresh token expired"));
        try (FireboltSession session = open("")) {
            pacer.advance(3_590_000);
            session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
            assertEquals(1, fake.at("/auth/v1/refresh").size());
            assertEquals(2, fake.at("/auth/v1/login").size());
            assertEquals("Bearer tok2", fake.at("/").get(0).getHeaders().get("Authorization"));
        }
    }

    @Test
    void unauthorizedQueryRenewsOnceAndRetriesOnce() throws Exception {
        fake.routes.put("/", r -> "Bearer tok1".equals(r.getHeaders().get("Authorization"))
                ? FakeFirebolt.text(401, "token expired") : FakeFirebolt.text(200, "a\nInt32\n5\n"));
        try (FireboltSession session = open("")) {
            StatementResult result = session.newExecution("SELECT 5", ExecutionOptions.DEFAULT).start();
            assertEquals(List.of(List.of("5")), readAll(result));
        }
        List<RecordedRequest> queries = fake.at("/");
        assertEquals(2, queries.size());
        assertEquals(queries.get(0).getUrl().queryParameter("query_id"),
                queries.get(1).getUrl().queryParameter("query_id"));
        assertEquals("Bearer tok2", queries.get(1).getHeaders().get("Authorization"));
        assertEquals(1, fake.at("/auth/v1/refresh").size());
    }

    @Test
    void persistentUnauthorizedIs28000AfterOneRetry() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.text(401, "no access to db"));
        try (FireboltSession session = open("")) {
            SQLException e = assertThrows(SQLException.class,
                    () -> session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start());
            assertEquals("28000", e.getSQLState());
            assertTrue(e.getMessage().contains("no access to db"), e.getMessage());
            assertFalse(e.getMessage().contains("tok"), e.getMessage());
        }
        assertEquals(2, fake.at("/").size());
    }

    @Test
    void failedLoginIs28000WithoutThePassword() {
        fake.routes.put("/auth/v1/login", r -> FakeFirebolt.text(401,
                "{\"error\":\"invalid credentials for " + FakeFirebolt.body(r) + "\"}"));
        SQLException e = assertThrows(SQLException.class, () -> open(""));
        assertEquals("28000", e.getSQLState());
        assertTrue(e.getMessage().contains("me@example.com"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertEquals(1, fake.at("/auth/v1/login").size());
    }

    @Test
    void queryErrorCarriesServerText() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.text(400, "Syntax error: unexpected FORM"));
        try (FireboltSession session = open("")) {
            SQLException e = assertThrows(SQLException.class,
                    () -> session.newExecution("SELECT 1 FORM t", ExecutionOptions.DEFAULT).start());
            assertEquals("42000", e.getSQLState());
            assertTrue(e.getMessage().contains("Syntax error: unexpected FORM"), e.getMessage());
        }
        assertEquals(1, fake.at("/").size());
    }

    @Test
    void httpStatusesMapToTheStatesOfTheSharedTable() throws Exception {
        try (FireboltSession session = open("&retries=0")) {
            for (int status : new int[] {400, 401, 403, 404, 408, 429, 500, 502, 503, 504}) {
                fake.routes.put("/", r -> FakeFirebolt.text(status, "e" + status));
                SQLException e = assertThrows(SQLException.class,
                        () -> session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start());
                assertEquals(HttpErrors.state(status).code(), e.getSQLState(), "HTTP " + status);
                assertEquals(HttpErrors.state(status).exception("x").getClass(), e.getClass(), "HTTP " + status);
                assertTrue(e.getMessage().contains("e" + status), e.getMessage());
            }
        }
    }

    @Test
    void namedEngineIsPickedByExactName() throws Exception {
        fake.routes.put("/core/v1/account/engines", r -> FakeFirebolt.json(FakeFirebolt.list(
                FakeFirebolt.node("my_engine_2", "wrong.example:1", SERVING, RUNNING),
                FakeFirebolt.node("my_engine", fake.endpoint, SERVING, RUNNING))));
        try (FireboltSession session = open("&engine=my_engine")) {
            session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
            assertEquals("http://" + fake.endpoint, session.request("SELECT 1", null).endpoint().toString());
        }
        RecordedRequest list = fake.at("/core/v1/account/engines").get(0);
        assertEquals("my_engine", list.getUrl().queryParameter("filter.name_contains"));
        assertEquals("Bearer tok1", list.getHeaders().get("Authorization"));
        assertEquals(0, fake.at("/core/v1/account/engines:getURLByDatabaseName").size());
        assertEquals(1, fake.at("/").size());
    }

    @Test
    void unknownEngineIsNamedInTheError() {
        fake.routes.put("/core/v1/account/engines", r -> FakeFirebolt.json(FakeFirebolt.list(
                FakeFirebolt.node("my_engine_2", "x:1", SERVING, RUNNING))));
        SQLException e = assertThrows(SQLException.class, () -> open("&engine=my_engine"));
        assertTrue(e.getMessage().contains("'my_engine'"), e.getMessage());
        assertEquals("08001", e.getSQLState());
    }

    @Test
    void stoppedEngineWithoutAutoStartSaysWhatToDo() {
        fake.routes.put("/core/v1/account/engines", r -> FakeFirebolt.json(FakeFirebolt.list(
                FakeFirebolt.node("my_engine", fake.endpoint, "ENGINE_STATUS_RUNNING_IDLE", STOPPED))));
        SQLException e = assertThrows(SQLException.class, () -> open("&engine=my_engine"));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("'my_engine'"), e.getMessage());
        assertTrue(e.getMessage().contains("auto_start=true"), e.getMessage());
        assertEquals(0, fake.at("/core/v1/account/engines:getIdByName").size());
    }

    @Test
    void autoStartStartsAndPollsUntilServing() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        fake.routes.put("/core/v1/account/engines", r -> {
            int n = polls.incrementAndGet();
            String node = n == 1 ? FakeFirebolt.node("my_engine", "", "ENGINE_STATUS_RUNNING_IDLE", STOPPED)
                    : n <= 3 ? FakeFirebolt.node("my_engine", "", "ENGINE_STATUS_PROVISIONING_STARTED",
                            "ENGINE_STATUS_SUMMARY_STARTING")
                    : n == 4 ? FakeFirebolt.node("my_engine", fake.endpoint, "ENGINE_STATUS_RUNNING_REVISION_STARTING",
                            RUNNING)
                    : FakeFirebolt.node("my_engine", fake.endpoint, SERVING, RUNNING);
            return FakeFirebolt.json(FakeFirebolt.list(node));
        });
        fake.routes.put("/core/v1/account/engines:getIdByName",
                r -> FakeFirebolt.json("{\"engine_id\":{\"account_id\":\"acc-1\",\"engine_id\":\"eng-42\"}}"));
        fake.routes.put("/core/v1/account/engines/eng-42:start", r -> FakeFirebolt.json("{\"engine\":{\"name\":"
                + "\"my_engine\",\"endpoint\":\"\",\"current_status\":\"ENGINE_STATUS_PROVISIONING_STARTED\","
                + "\"current_status_summary\":\"ENGINE_STATUS_SUMMARY_STARTING\"},\"desired_engine_revision\":null}"));
        try (FireboltSession session = open("&engine=my_engine&auto_start=true&account=acme")) {
            session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
        }
        RecordedRequest id = fake.at("/core/v1/account/engines:getIdByName").get(0);
        assertEquals("my_engine", id.getUrl().queryParameter("engine_name"));
        assertEquals("acme", id.getUrl().queryParameter("account"));
        RecordedRequest start = fake.at("/core/v1/account/engines/eng-42:start").get(0);
        assertEquals("POST", start.getMethod());
        assertEquals("Bearer tok1", start.getHeaders().get("Authorization"));
        assertEquals(5, polls.get());
        assertEquals(List.of(200L, 400L, 800L), pacer.sleeps.subList(0, 3));
        assertEquals(1, fake.at("/").size());
    }

    @Test
    void autoStartGivesUpAtTheBound() {
        fake.routes.put("/core/v1/account/engines", r -> FakeFirebolt.json(FakeFirebolt.list(
                FakeFirebolt.node("my_engine", "", "ENGINE_STATUS_PROVISIONING_STARTED",
                        "ENGINE_STATUS_SUMMARY_STARTING"))));
        SQLException e = assertThrows(SQLException.class,
                () -> open("&engine=my_engine&auto_start=true&engine_start_timeout=30"));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("'my_engine'") && e.getMessage().contains("30 s"), e.getMessage());
        long slept = pacer.sleeps.stream().mapToLong(Long::longValue).sum();
        assertEquals(30_000, slept);
        // Already starting: no second start request.
        assertEquals(0, fake.at("/core/v1/account/engines:getIdByName").size());
    }

    @Test
    void retriesUnavailableEngineThenSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        fake.routes.put("/", r -> calls.incrementAndGet() == 1 ? FakeFirebolt.text(503, "starting")
                : FakeFirebolt.text(200, "a\nInt32\n1\n"));
        try (FireboltSession session = open("")) {
            StatementResult result = session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
            assertEquals(List.of(List.of("1")), readAll(result));
        }
        assertEquals(2, fake.at("/").size());
    }

    @Test
    void retriesAreBounded() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.text(503, "engine is not running"));
        try (FireboltSession session = open("&retries=2")) {
            SQLException e = assertThrows(SQLException.class,
                    () -> session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start());
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("default Firebolt engine of database 'db'"), e.getMessage());
            assertTrue(e.getMessage().contains("engine is not running"), e.getMessage());
        }
        assertEquals(3, fake.at("/").size());
    }

    /** A query route that signals the query's arrival, then answers one row once released (at most 10 s). */
    private static java.util.function.Function<RecordedRequest, MockResponse> answerOnceReleased(
            CountDownLatch arrived, CountDownLatch release) {
        return r -> {
            arrived.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeFirebolt.text(200, "a\nInt32\n1\n");
        };
    }

    @Test
    void cancelClosesTheExchangeAndTellsTheServer() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fake.routes.put("/", answerOnceReleased(arrived, release));
        try (FireboltSession session = open("")) {
            Execution execution = session.newExecution("SELECT sleep(100)", ExecutionOptions.DEFAULT);
            CompletableFuture<StatementResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return execution.start();
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
            execution.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
            assertEquals("HY008", ((SQLException) e.getCause()).getSQLState());
            execution.stopped().get(10, TimeUnit.SECONDS);
            List<RecordedRequest> cancels = fake.at("/cancel");
            assertEquals(1, cancels.size());
            assertEquals("POST", cancels.get(0).getMethod());
            assertEquals(execution.id(), cancels.get(0).getUrl().queryParameter("query_id"));
            assertEquals("Bearer tok1", cancels.get(0).getHeaders().get("Authorization"));
        } finally {
            release.countDown();
        }
    }

    /**
     * The cancel goes out on a driver thread, whatever the cancelling thread's state: from an interrupted thread too.
     * A failed /cancel is sent again within the bound, and so is a 400 ("not running") that came so soon after the
     * query that the engine may not have registered it yet.
     */
    @Test
    void theServerSideCancelIsRetriedFromADriverThread() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fake.routes.put("/", answerOnceReleased(arrived, release));
        java.util.concurrent.atomic.AtomicInteger cancels = new java.util.concurrent.atomic.AtomicInteger();
        fake.routes.put("/cancel", r -> switch (cancels.incrementAndGet()) {
            case 1 -> FakeFirebolt.text(503, "busy");
            case 2 -> FakeFirebolt.text(400, "no such query");
            default -> FakeFirebolt.text(200, "");
        });
        try (FireboltSession session = open("")) {
            Execution execution = session.newExecution("SELECT sleep(100)", ExecutionOptions.DEFAULT);
            CompletableFuture<StatementResult> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return execution.start();
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
            Thread.currentThread().interrupt();
            try {
                execution.cancel();
            } finally {
                Thread.interrupted();
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
            assertEquals("HY008", ((SQLException) e.getCause()).getSQLState());
            execution.stopped().get(15, TimeUnit.SECONDS);
            assertEquals(3, fake.at("/cancel").size(), "a 503, a 400 just after the query, then the cancel");
        } finally {
            release.countDown();
        }
    }

    @Test
    void cancelBeforeStartSendsNothing() throws Exception {
        fake.routes.put("/cancel", r -> FakeFirebolt.text(400, "query already finished"));
        try (FireboltSession session = open("")) {
            Execution execution = session.newExecution("SELECT 1", ExecutionOptions.DEFAULT);
            execution.cancel();
            SQLException e = assertThrows(SQLException.class, execution::start);
            // Whether it was the query timeout is the JDBC layer's to say (StatementTest.timeoutWhileStartBlocks).
            assertEquals("HY008", e.getSQLState());
            assertTrue(e.getMessage().contains(execution.id()), e.getMessage());
        }
        assertEquals(0, fake.at("/").size());
        assertEquals(0, fake.at("/cancel").size());
    }

    @Test
    void setIsKeptClientSideAndSentAsParameter() throws Exception {
        try (FireboltSession session = open("")) {
            StatementResult set = session.newExecution("set  Use_Standard_Sql = '0';", ExecutionOptions.DEFAULT)
                    .start();
            assertEquals(0, set.updateCount());
            session.newExecution("SET max_result_rows=10", ExecutionOptions.DEFAULT).start();
            assertEquals(0, fake.at("/").size());
            session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
            HttpUrl url = fake.at("/").get(0).getUrl();
            assertEquals("0", url.queryParameter("Use_Standard_Sql"));
            assertEquals("10", url.queryParameter("max_result_rows"));
            assertTrue(url.encodedQuery().contains("&max_result_rows=10&Use_Standard_Sql=0"), url.encodedQuery());
            SQLException e = assertThrows(SQLException.class,
                    () -> session.newExecution("SET database = other", ExecutionOptions.DEFAULT).start());
            assertEquals("42000", e.getSQLState());
        }
    }

    @Test
    void engineControlStatementsCallTheEngineApi() throws Exception {
        fake.routes.put("/core/v1/account/engines:getIdByName",
                r -> FakeFirebolt.json("{\"engine_id\":{\"account_id\":\"acc-1\",\"engine_id\":\"eng-7\"}}"));
        for (String action : List.of("start", "stop", "restart")) {
            fake.routes.put("/core/v1/account/engines/eng-7:" + action, r -> FakeFirebolt.json("{\"engine\":{"
                    + "\"name\":\"Other Engine\",\"endpoint\":\"e\",\"current_status\":\"X\","
                    + "\"current_status_summary\":\"SUMMARY_" + action + "\"}}"));
        }
        try (FireboltSession session = open("")) {
            StatementResult r1 = session.newExecution("START ENGINE \"Other Engine\"", ExecutionOptions.DEFAULT)
                    .start();
            assertEquals("engine_name", r1.columns().get(0).name());
            assertEquals(List.of(List.of("Other Engine", "SUMMARY_start")), readAll(r1));
            StatementResult r2 = session.newExecution("stop engine `Other Engine`;", ExecutionOptions.DEFAULT)
                    .start();
            assertEquals(List.of(List.of("Other Engine", "SUMMARY_stop")), readAll(r2));
            StatementResult r3 = session.newExecution("-- bounce\nRESTART ENGINE other_engine",
                    ExecutionOptions.DEFAULT).start();
            assertEquals("SUMMARY_restart", readAll(r3).get(0).get(1));
        }
        List<RecordedRequest> ids = fake.at("/core/v1/account/engines:getIdByName");
        assertEquals("Other Engine", ids.get(0).getUrl().queryParameter("engine_name"));
        assertNull(ids.get(0).getUrl().queryParameter("account"));
        assertEquals("other_engine", ids.get(2).getUrl().queryParameter("engine_name"));
        assertEquals(1, fake.at("/core/v1/account/engines/eng-7:stop").size());
        assertEquals(0, fake.at("/").size());
    }

    @Test
    void enginesApiIsReachableThroughUnwrap() throws Exception {
        fake.routes.put("/core/v1/account/engines", r -> FakeFirebolt.json(FakeFirebolt.list(
                FakeFirebolt.node("e1", "e1.acct.us-east-1.app.firebolt.io", SERVING, RUNNING))));
        try (FireboltSession session = open("")) {
            FireboltEngines engines = session.unwrap(FireboltEngines.class);
            assertNotNull(engines);
            EngineStatus status = engines.status("e1");
            assertTrue(status.isServing());
            assertEquals("e1.acct.us-east-1.app.firebolt.io", engines.resolveEndpoint("e1", "db"));
            assertEquals(fake.endpoint, engines.resolveEndpoint(null, "db"));
            assertNull(session.unwrap(String.class));
            assertNull(session.unwrap(FireboltSession.class), "the session itself is internal");
        }
    }

    @Test
    void metadataQueriesInformationSchema() throws Exception {
        fake.routes.put("/", r -> {
            String sql = FakeFirebolt.body(r);
            if (sql.contains("information_schema.tables")) {
                return FakeFirebolt.text(200, "table_catalog\ttable_schema\ttable_name\ttable_type\n"
                        + "String\tString\tString\tString\n"
                        + "db\tpublic\tlineitem\tFACT\ndb\tpublic\tv1\tVIEW\ndb\tpublic\text\tEXTERNAL\n");
            }
            if (sql.contains("information_schema.columns")) {
                return FakeFirebolt.text(200, "table_schema\ttable_name\tcolumn_name\tdata_type\tis_nullable\t"
                        + "ordinal_position\tcolumn_default\nString\tString\tString\tString\tString\tInt32\tString\n"
                        + "public\tlineitem\tl_id\tBIGINT\tNO\t1\t\\N\n"
                        + "public\tlineitem\tl_note\tTEXT\tYES\t2\t'x'\n");
            }
            return FakeFirebolt.text(400, "no such table");
        });
        try (FireboltSession session = open("")) {
            MetadataSource meta = session.metadata();
            assertEquals(List.of("db"), meta.catalogs());
            List<MetadataSource.TableRow> tables = meta.tables("db", null, "line\\_%");
            assertEquals(List.of("TABLE", "VIEW", "EXTERNAL TABLE"),
                    tables.stream().map(MetadataSource.TableRow::type).toList());
            List<MetadataSource.ColumnRow> columns = meta.columns(null, "public", "lineitem", null);
            assertEquals(2, columns.size());
            assertEquals(java.sql.Types.BIGINT, columns.get(0).type().sqlType());
            assertFalse(columns.get(0).type().nullable());
            assertTrue(columns.get(1).type().nullable());
            assertEquals(2, columns.get(1).ordinal());
            assertEquals("'x'", columns.get(1).defaultValue());
        }
        List<String> sqls = fake.at("/").stream().map(FakeFirebolt::body).toList();
        assertEquals("SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables"
                + " WHERE table_catalog = 'db' AND table_name LIKE 'line\\\\_%' ESCAPE '\\\\'"
                + " ORDER BY table_schema, table_name", sqls.get(0));
        assertEquals("SELECT table_schema, table_name, column_name, data_type, is_nullable, ordinal_position, "
                + "column_default FROM information_schema.columns WHERE table_schema = 'public' AND "
                + "table_name = 'lineitem' ORDER BY table_schema, table_name, ordinal_position", sqls.get(1));
        // The connection's database is the only catalog: nothing is asked for it, and another one has no tables.
        assertEquals(2, sqls.size());
    }

    @Test
    void isValidRunsSelectOne() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.text(200, "1\nUInt8\n1\n"));
        try (FireboltSession session = open("")) {
            assertTrue(session.isValid(5));
            assertEquals("SELECT 1", FakeFirebolt.body(fake.at("/").get(0)));
            assertEquals("5", fake.at("/").get(0).getUrl().queryParameter("max_execution_time"));
            fake.routes.put("/", r -> FakeFirebolt.text(500, "down"));
            assertFalse(session.isValid(5));
        }
    }

    @Test
    void sessionRejectsBlankSql() throws Exception {
        try (FireboltSession session = open("")) {
            SQLException e = assertThrows(SQLException.class, () -> session.newExecution("  ", null));
            assertEquals("42000", e.getSQLState());
        }
    }

    @Test
    void jsonCompactFormatIsRequestedAndDecoded() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.json("{\"meta\":[{\"name\":\"n\",\"type\":\"Nullable(Int64)\"}],"
                + "\"data\":[[1],[null]],\"rows\":2,\"statistics\":{\"elapsed\":0.001}}"));
        try (FireboltSession session = open("&output_format=JSON_Compact")) {
            StatementResult result = session.newExecution("SELECT n FROM t", ExecutionOptions.DEFAULT).start();
            assertTrue(result.columns().get(0).type().nullable());
            assertEquals(List.of(List.of("1"), java.util.Arrays.asList((String) null)), readAll(result));
        }
        assertEquals("JSON_Compact", fake.at("/").get(0).getUrl().queryParameter("output_format"));
    }

    @Test
    void missingUserIs28000BeforeAnyRequest() {
        FireboltBackend backend = new FireboltBackend(pacer, tokens);
        SQLException e = assertThrows(SQLException.class, () -> backend.open(Settings.build(backend.parseUrl(
                "jdbc:firebolt://127.0.0.1:" + server.getPort() + "/db?ssl=false"), new Properties(),
                FireboltProperties.ALL)));
        assertEquals("28000", e.getSQLState());
        assertTrue(e.getMessage().contains("'user'"), e.getMessage());
        assertEquals(0, fake.requests.size());
    }

    @Test
    void autoStartRestartsAnEngineThatStoppedWhileIdle() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger polls = new AtomicInteger();
        fake.routes.put("/core/v1/account/engines", r -> {
            int n = polls.incrementAndGet();
            String node = n == 1 || started.get() ? FakeFirebolt.node("e", fake.endpoint, SERVING, RUNNING)
                    : FakeFirebolt.node("e", fake.endpoint, "ENGINE_STATUS_RUNNING_IDLE", STOPPED);
            return FakeFirebolt.json(FakeFirebolt.list(node));
        });
        fake.routes.put("/core/v1/account/engines:getIdByName",
                r -> FakeFirebolt.json("{\"engine_id\":{\"engine_id\":\"id-e\"}}"));
        fake.routes.put("/core/v1/account/engines/id-e:start", r -> {
            started.set(true);
            return FakeFirebolt.json("{\"engine\":{\"name\":\"e\"}}");
        });
        fake.routes.put("/", r -> started.get() ? FakeFirebolt.text(200, "a\nInt32\n1\n")
                : FakeFirebolt.text(503, "engine stopped"));
        try (FireboltSession session = open("&engine=e&auto_start=true&retries=1")) {
            StatementResult result = session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
            assertEquals(List.of(List.of("1")), readAll(result));
        }
        List<RecordedRequest> queries = fake.at("/");
        assertEquals(3, queries.size()); // two refused (one retry), then one after the start
        assertEquals(queries.get(0).getUrl().queryParameter("query_id"),
                queries.get(2).getUrl().queryParameter("query_id"));
        assertEquals(1, fake.at("/core/v1/account/engines/id-e:start").size());
    }

    @Test
    void withoutAutoStartARefusedQueryNamesTheEngine() throws Exception {
        fake.routes.put("/core/v1/account/engines", r -> FakeFirebolt.json(FakeFirebolt.list(
                FakeFirebolt.node("e", fake.endpoint, SERVING, RUNNING))));
        fake.routes.put("/", r -> FakeFirebolt.text(503, "engine stopped"));
        try (FireboltSession session = open("&engine=e&retries=0")) {
            SQLException e = assertThrows(SQLException.class,
                    () -> session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start());
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("'e'") && e.getMessage().contains("auto_start=true"), e.getMessage());
        }
        assertEquals(1, fake.at("/").size());
        assertEquals(0, fake.at("/core/v1/account/engines:getIdByName").size());
    }

    @Test
    void aWrongPasswordNeverBorrowsACachedToken() throws Exception {
        try (FireboltSession session = open("")) {
            session.newExecution("SELECT 1", ExecutionOptions.DEFAULT).start();
        }
        fake.routes.put("/auth/v1/login", r -> FakeFirebolt.text(403, "bad credentials"));
        FireboltBackend backend = new FireboltBackend(pacer, tokens);
        Properties info = new Properties();
        info.setProperty("user", "me@example.com");
        info.setProperty("password", "guess");
        SQLException e = assertThrows(SQLException.class, () -> backend.open(Settings.build(backend.parseUrl(
                "jdbc:firebolt://127.0.0.1:" + server.getPort() + "/db?ssl=false"), info, FireboltProperties.ALL)));
        assertEquals("28000", e.getSQLState());
        assertEquals(2, fake.at("/auth/v1/login").size());
    }
}
