package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.EngineStatus;
import dev.rowpipe.api.FireboltEngines;
import dev.rowpipe.internal.convert.ValueReader;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.testing.PomVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

/** Every request and header of Firebolt 2.0 and Core, pinned against a mock server. */
class Firebolt2WireTest {
    private static final String CLIENT_ID = "svc-id";
    private static final String SECRET = "s3cr+t&x=y%z";
    private static final String TSV_ONE = "a\nint null\n1\n";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    @StartStop
    private final MockWebServer other = new MockWebServer();
    private final FakeFirebolt2 fake = new FakeFirebolt2();
    private final FakeFirebolt2 otherFake = new FakeFirebolt2();
    private final FakeFirebolt.FakePacer pacer = new FakeFirebolt.FakePacer();
    private final TokenCache tokens = new TokenCache();
    private final DiscoveryCache discovery = new DiscoveryCache();

    @BeforeEach
    void setUp() {
        server.setDispatcher(fake);
        fake.hostPort = "127.0.0.1:" + server.getPort();
        other.setDispatcher(otherFake);
        otherFake.hostPort = "127.0.0.1:" + other.getPort();
    }

    private Session open(String extra) throws SQLException {
        return open(extra, credentials());
    }

    private static Properties credentials() {
        Properties info = new Properties();
        info.setProperty("client_id", CLIENT_ID);
        info.setProperty("client_secret", SECRET);
        return info;
    }

    private Session open(String extra, Properties info) throws SQLException {
        FireboltBackend backend = new FireboltBackend(pacer, tokens, discovery);
        Settings settings = Settings.build(backend.parseUrl("jdbc:firebolt://127.0.0.1:" + server.getPort()
                + "/db?ssl=false&account=acct&retry_backoff_ms=1" + extra), info, FireboltProperties.ALL);
        return backend.open(settings);
    }

    private Session core(String database) throws SQLException {
        FireboltBackend backend = new FireboltBackend(pacer, tokens, discovery);
        Settings settings = Settings.build(backend.parseUrl("jdbc:firebolt:" + database + "?url=http://127.0.0.1:"
                + server.getPort()), new Properties(), FireboltProperties.ALL);
        return backend.open(settings);
    }

    private static List<List<String>> run(Session session, String sql) throws SQLException {
        return readAll(session.newExecution(sql, ExecutionOptions.DEFAULT).start());
    }

    private static List<List<String>> readAll(StatementResult result) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        if (!result.hasRows()) {
            return rows;
        }
        try (var cursor = result.cursor()) {
            RowBuffer row = new RowBuffer(result.columns().size());
            while (cursor.next(row)) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < row.width(); i++) {
                    values.add(row.isNull(i) ? null : ValueReader.getString(row, i, result.columns().get(i).type()));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private static MockResponse ok(String... headers) {
        MockResponse.Builder b = new MockResponse.Builder().code(200);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    @Test
    void signInDiscoveryAndUseStatementsWire() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
        try (Session session = open("&engine=eng")) {
            Execution execution = session.newExecution("SELECT a FROM t", new ExecutionOptions(7, 0, 0));
            assertEquals(List.of(List.of("1")), readAll(execution.start()));

            RecordedRequest token = fake.at("/oauth/token").get(0);
            assertEquals("POST", token.getMethod());
            assertTrue(token.getHeaders().get("Content-Type").startsWith("application/x-www-form-urlencoded"));
            assertEquals("grant_type=client_credentials&audience=https%3A%2F%2Fapi.firebolt.io&client_id=svc-id"
                    + "&client_secret=s3cr%2Bt%26x%3Dy%25z", FakeFirebolt2.body(token));
            assertNull(token.getHeaders().get("Authorization"));

            RecordedRequest lookup = fake.at("/web/v3/account/acct/engineUrl").get(0);
            assertEquals("GET", lookup.getMethod());
            assertEquals("Bearer tok1", lookup.getHeaders().get("Authorization"));

            List<RecordedRequest> system = fake.at("/query");
            assertEquals(2, system.size());
            assertEquals("USE DATABASE \"db\"", FakeFirebolt2.body(system.get(0)));
            assertEquals("USE ENGINE \"eng\"", FakeFirebolt2.body(system.get(1)));
            HttpUrl use = system.get(0).getUrl();
            assertEquals(List.of("account_id", "output_format", "query_label"), List.copyOf(use.queryParameterNames()));
            assertEquals(FakeFirebolt2.ACCOUNT_ID, use.queryParameter("account_id"));
            // The database USE DATABASE set is sent from then on.
            assertEquals("db", system.get(1).getUrl().queryParameter("database"));
            for (RecordedRequest r : system) {
                assertEquals("POST", r.getMethod());
                assertEquals("2.4", r.getHeaders().get("Firebolt-Protocol-Version"));
                assertEquals("Bearer tok1", r.getHeaders().get("Authorization"));
                assertTrue(r.getHeaders().get("Content-Type").startsWith("text/plain"));
            }

            RecordedRequest query = fake.at("/").get(0);
            HttpUrl url = query.getUrl();
            // LZ4 blocks asked of the user engine, never of the system engine (use, above).
            assertEquals("database=db&account_id=" + FakeFirebolt2.ACCOUNT_ID + "&engine=eng"
                    + "&output_format=TabSeparatedWithNamesAndTypes&query_label=" + execution.id()
                    + "&compress=1&max_execution_time=7", url.encodedQuery());
            assertNull(url.queryParameter("query_id"));
            assertEquals("SELECT a FROM t", FakeFirebolt2.body(query));
            assertEquals("2.4", query.getHeaders().get("Firebolt-Protocol-Version"));
            assertEquals("db", session.database());
        }
        for (RecordedRequest r : fake.requests) {
            assertEquals(PomVersion.userAgent("Firebolt"), r.getHeaders().get("User-Agent"), r.getUrl().toString());
        }
    }

    @Test
    void userAndPasswordStandForClientIdAndSecret() throws Exception {
        Properties info = new Properties();
        info.setProperty("user", CLIENT_ID);
        info.setProperty("password", SECRET);
        try (Session session = open("", info)) {
            assertInstanceOf(Firebolt2Session.class, session);
        }
        assertTrue(FakeFirebolt2.body(fake.at("/oauth/token").get(0)).contains("&client_id=svc-id&"));
    }

    @Test
    void secondConnectionMakesNoSignInOrDiscoveryCalls() throws Exception {
        try (Session one = open("&engine=eng"); Session two = open("&engine=eng")) {
            run(one, "SELECT 1");
            run(two, "SELECT 1");
            assertEquals("db", two.database());
        }
        assertEquals(1, fake.at("/oauth/token").size());
        assertEquals(1, fake.at("/web/v3/account/acct/engineUrl").size());
        assertEquals(2, fake.at("/query").size());
        List<RecordedRequest> queries = fake.at("/");
        assertEquals(2, queries.size());
        assertEquals(queries.get(0).getUrl().encodedQuery().replaceAll("query_label=[^&]*", ""),
                queries.get(1).getUrl().encodedQuery().replaceAll("query_label=[^&]*", ""));
        // Another engine is another connection key.
        try (Session three = open("&engine=other")) {
            assertEquals("db", three.database());
        }
        assertEquals(2, fake.at("/web/v3/account/acct/engineUrl").size());
        assertEquals(1, fake.at("/oauth/token").size());
    }

    @Test
    void discoveryIsFoundAgainOnceItsTimeIsUp() throws Exception {
        try (Session one = open("")) {
            run(one, "SELECT 1");
        }
        pacer.advance(DiscoveryCache.TIME_TO_LIVE.toMillis() + 1);
        try (Session two = open("")) {
            run(two, "SELECT 1");
        }
        assertEquals(2, fake.at("/web/v3/account/acct/engineUrl").size());
    }

    @Test
    void aWrongSecretBorrowsNeitherTokenNorDiscovery() throws Exception {
        try (Session one = open("")) {
            run(one, "SELECT 1");
        }
        fake.routes.put("/oauth/token", r -> new MockResponse.Builder().code(401)
                .body("{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}").build());
        Properties wrong = credentials();
        wrong.setProperty("client_secret", "guess");
        SQLException e = assertThrows(SQLException.class, () -> open("", wrong));
        assertEquals("28000", e.getSQLState());
        assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
        assertTrue(e.getMessage().contains("access_denied") && e.getMessage().contains("svc-id"), e.getMessage());
        assertFalse(e.getMessage().contains("guess"), e.getMessage());
        assertEquals(2, fake.at("/oauth/token").size());
    }

    @Test
    void aTokenExpiringMidSessionIsRenewedOnceAndTheStatementSentAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        fake.routes.put("/", r -> calls.incrementAndGet() == 1 && "Bearer tok1".equals(r.getHeaders().get(
                "Authorization")) ? FakeFirebolt2.error(401, "401", "Unauthenticated", "token expired", null)
                : FakeFirebolt2.text(200, TSV_ONE));
        try (Session session = open("&engine=eng")) {
            assertEquals(List.of(List.of("1")), run(session, "SELECT 1"));
        }
        assertEquals(2, fake.at("/oauth/token").size());
        List<RecordedRequest> queries = fake.at("/");
        assertEquals(2, queries.size());
        assertEquals("Bearer tok1", queries.get(0).getHeaders().get("Authorization"));
        assertEquals("Bearer tok2", queries.get(1).getHeaders().get("Authorization"));
        assertEquals(queries.get(0).getUrl().queryParameter("query_label"),
                queries.get(1).getUrl().queryParameter("query_label"));
    }

    @Test
    void aTokenIsRenewedShortlyBeforeItExpires() throws Exception {
        fake.expiresIn = 3600;
        try (Session session = open("")) {
            run(session, "SELECT 1");
            pacer.advance(3_000_000);
            run(session, "SELECT 1");
            assertEquals(1, fake.at("/oauth/token").size());
            pacer.advance(250_000);
            run(session, "SELECT 1");
        }
        assertEquals(2, fake.at("/oauth/token").size());
        assertEquals("Bearer tok2", fake.at("/query").get(fake.at("/query").size() - 1).getHeaders()
                .get("Authorization"));
    }

    @Test
    void aPersistentUnauthorizedIs28000AfterOneRenewal() throws Exception {
        try (Session session = open("")) {
            fake.routes.put("/query", r -> FakeFirebolt2.error(401, "401", "Unauthenticated", "bad token", null));
            SQLException e = assertThrows(SQLException.class, () -> run(session, "SELECT 1"));
            assertEquals("28000", e.getSQLState());
        }
        assertEquals(2, fake.at("/oauth/token").size());
    }

    @Test
    void anUnknownAccountIs42S02NamingTheAccount() {
        fake.routes.put("/web/v3/account/acct/engineUrl", r -> new MockResponse.Builder().code(404)
                .body("{\"error\":\"not found\",\"code\":5,\"message\":\"not found\"}").build());
        SQLException e = assertThrows(SQLException.class, () -> open(""));
        assertEquals("42S02", e.getSQLState());
        assertTrue(e.getMessage().contains("'acct'") && e.getMessage().contains("'account'")
                && e.getMessage().contains("svc-id"), e.getMessage());
        assertEquals(0, fake.at("/query").size());
    }

    @Test
    void anUnlinkedServiceAccountGetsAHint() {
        fake.routes.put("/query", r -> FakeFirebolt2.error(400, "400", "EngineNotFound",
                "Engine \"eng\" does not exist or not authorized",
                "Check the name with SELECT engine_name FROM information_schema.engines"));
        SQLException e = assertThrows(SQLException.class, () -> open("&engine=eng"));
        assertEquals("42S02", e.getSQLState());
        assertTrue(e.getMessage().contains("Engine \"eng\" does not exist or not authorized"), e.getMessage());
        assertTrue(e.getMessage().contains("Check the name with SELECT engine_name"), e.getMessage());
        assertTrue(e.getMessage().contains("service account 'svc-id' may lack access: link it to a user"),
                e.getMessage());
        assertTrue(e.getMessage().contains("query id qid-9"), e.getMessage());
    }

    @Test
    void aFiveHundredCarryingA401Is28000WithTheLinkHint() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt2.error(500, "401", "Unauthorized",
                "401 Unauthorized: service account 'svc-id' is not linked to a user of this account", null));
        try (Session session = open("&engine=eng")) {
            SQLException e = assertThrows(SQLException.class, () -> run(session, "SELECT 1"));
            assertEquals("28000", e.getSQLState());
            assertTrue(e.getMessage().contains("link it to a user of the account and grant that user a role"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        }
    }

    @Test
    void errorBodiesGiveDescriptionNameResolutionAndState() throws Exception {
        try (Session session = open("&engine=eng")) {
            Object[][] cases = {
                {400, "400", "DatabaseNotFound", "42S02"},
                {400, "400", "SyntaxError", "42000"},
                {400, "400", "QueryTimeout", "HYT00"},
                {400, "400", "QueryCancelled", "HY008"},
                {400, "400", "EngineNotRunning", "08001"},
                {500, "500", "InternalError", "HY000"},
                {403, "403", "Forbidden", "28000"},
            };
            for (Object[] c : cases) {
                fake.routes.put("/", r -> FakeFirebolt2.error((int) c[0], (String) c[1], (String) c[2],
                        "it went \"wrong\"", "Do this instead"));
                SQLException e = assertThrows(SQLException.class, () -> run(session, "SELECT 1"));
                assertEquals(c[3], e.getSQLState(), (String) c[2]);
                assertEquals((int) c[0], e.getErrorCode());
                assertTrue(e.getMessage().contains("it went \"wrong\" [" + c[2] + "]. Do this instead (HTTP "
                        + c[0] + ", query id qid-9)"), e.getMessage());
            }
            fake.routes.put("/", r -> FakeFirebolt2.text(502, "<html>bad gateway</html>"));
            SQLException e = assertThrows(SQLException.class, () -> run(session, "SELECT 1"));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("bad gateway"), e.getMessage());
        }
    }

    @Test
    void sessionHeadersApplyOnlyOnSuccess() throws Exception {
        try (Session session = open("&engine=eng")) {
            fake.routes.put("/", r -> new MockResponse.Builder().code(400)
                    .addHeader("Firebolt-Update-Parameters", "database=elsewhere")
                    .addHeader("Firebolt-Update-Endpoint", "127.0.0.1:1?engine=nowhere")
                    .body("{\"errors\":[{\"description\":\"no\"}]}").build());
            assertThrows(SQLException.class, () -> run(session, "USE DATABASE elsewhere"));
            assertEquals("db", session.database());
            fake.routes.put("/", r -> ok("Firebolt-Update-Parameters", "database=elsewhere"));
            run(session, "USE DATABASE elsewhere");
            assertEquals("elsewhere", session.database());
            fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
            run(session, "SELECT 1");
        }
        List<RecordedRequest> queries = fake.at("/");
        assertEquals("db", queries.get(0).getUrl().queryParameter("database"));
        assertEquals("db", queries.get(1).getUrl().queryParameter("database"));
        assertEquals("elsewhere", queries.get(2).getUrl().queryParameter("database"));
        assertEquals("eng", queries.get(2).getUrl().queryParameter("engine"));
    }

    @Test
    void bothHeaderValueFormsAreRead() throws Exception {
        try (Session session = open("&engine=eng")) {
            fake.routes.put("/", r -> ok("Firebolt-Update-Parameters", "a=1",
                    "Firebolt-Update-Parameters", "b=x,y"));
            run(session, "SET_BY_SERVER 1");
            fake.routes.put("/", r -> ok("Firebolt-Update-Parameters", "c=3,d=4, e=five,six"));
            run(session, "SET_BY_SERVER 2");
            fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
            run(session, "SELECT 1");
            HttpUrl url = fake.at("/").get(2).getUrl();
            assertEquals("1", url.queryParameter("a"));
            assertEquals("x,y", url.queryParameter("b"));
            assertEquals("3", url.queryParameter("c"));
            assertEquals("4", url.queryParameter("d"));
            assertEquals("five,six", url.queryParameter("e"));

            fake.routes.put("/", r -> ok("Firebolt-Remove-Parameters", "a", "Firebolt-Remove-Parameters", "b,c"));
            run(session, "RESET_BY_SERVER");
            fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
            run(session, "SELECT 1");
            url = fake.at("/").get(4).getUrl();
            assertNull(url.queryParameter("a"));
            assertNull(url.queryParameter("b"));
            assertNull(url.queryParameter("c"));
            assertEquals("4", url.queryParameter("d"));

            fake.routes.put("/", r -> ok("Firebolt-Reset-Session", ""));
            run(session, "RESET_SESSION_BY_SERVER");
            fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
            run(session, "SELECT 1");
            url = fake.at("/").get(6).getUrl();
            // A reset drops what was set, not where the session is.
            assertEquals(List.of("database", "account_id", "engine", "output_format", "query_label", "compress"),
                    List.copyOf(url.queryParameterNames()));
        }
    }

    @Test
    void updateEndpointSendsLaterStatementsToAnotherEngine() throws Exception {
        otherFake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
        try (Session session = open("&engine=eng")) {
            fake.routes.put("/", r -> ok("Firebolt-Reset-Session", "",
                    "Firebolt-Update-Endpoint", otherFake.hostPort + "?engine=eng2&account_id=acc-1"));
            run(session, "USE ENGINE eng2");
            assertEquals(List.of(List.of("1")), run(session, "SELECT 1"));
        }
        assertEquals(1, fake.at("/").size());
        RecordedRequest moved = otherFake.at("/").get(0);
        assertEquals("eng2", moved.getUrl().queryParameter("engine"));
        assertEquals("db", moved.getUrl().queryParameter("database"));
        assertEquals("Bearer tok1", moved.getHeaders().get("Authorization"));
    }

    @Test
    void aPlainHttpEndpointIsRefusedOnAnSslConnection() throws SQLException {
        SessionState state = SessionState.onSystemEngine(EngineEndpoint.parse("sys.example.com/query", true), true);
        SQLException e = assertThrows(SQLException.class,
                () -> state.apply(List.of(), List.of(), false, "http://evil.example.com"));
        assertTrue(e.getMessage().contains("plain http"), e.getMessage());
        assertEquals("https://sys.example.com/query", state.target(false, true).endpoint().toString());
    }

    @Test
    void setIsCheckedByTheServerThenKept() throws Exception {
        try (Session session = open("&engine=eng")) {
            fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
            StatementResult set = session.newExecution("SET time_zone = 'Europe/Berlin'", ExecutionOptions.DEFAULT)
                    .start();
            assertEquals(0, set.updateCount());
            RecordedRequest check = fake.at("/").get(0);
            assertEquals("SELECT 1", FakeFirebolt2.body(check));
            assertEquals("Europe/Berlin", check.getUrl().queryParameter("time_zone"));
            run(session, "SELECT 2");
            assertEquals("Europe/Berlin", fake.at("/").get(1).getUrl().queryParameter("time_zone"));

            fake.routes.put("/", r -> FakeFirebolt2.error(400, "400", "UnknownSetting", "Unknown setting 'tyop'",
                    null));
            SQLException e = assertThrows(SQLException.class,
                    () -> session.newExecution("SET tyop = 1", ExecutionOptions.DEFAULT).start());
            assertTrue(e.getMessage().contains("Unknown setting 'tyop'"), e.getMessage());
            fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
            run(session, "SELECT 3");
            assertNull(fake.at("/").get(3).getUrl().queryParameter("tyop"));

            SQLException reserved = assertThrows(SQLException.class,
                    () -> session.newExecution("SET engine = x", ExecutionOptions.DEFAULT));
            assertEquals("42000", reserved.getSQLState());

            // Other forms are the server's: its answer says what changes.
            fake.routes.put("/", r -> ok("Firebolt-Remove-Parameters", "time_zone"));
            run(session, "SET time_zone TO DEFAULT");
            assertEquals("SET time_zone TO DEFAULT", FakeFirebolt2.body(fake.at("/").get(4)));
            fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
            run(session, "SELECT 4");
            assertNull(fake.at("/").get(5).getUrl().queryParameter("time_zone"));
        }
    }

    @Test
    void engineStatementsGoToTheSystemEngine() throws Exception {
        try (Session session = open("&engine=eng")) {
            run(session, "START ENGINE other_engine");
            run(session, "stop engine \"other_engine\" WITH TERMINATE = TRUE");
            run(session, "SELECT 1");
        }
        List<RecordedRequest> system = fake.sql("/query", "START ENGINE");
        assertEquals(1, system.size());
        assertEquals(1, fake.sql("/query", "stop engine").size());
        assertNull(system.get(0).getUrl().queryParameter("engine"));
        assertEquals("db", system.get(0).getUrl().queryParameter("database"));
        assertEquals(FakeFirebolt2.ACCOUNT_ID, system.get(0).getUrl().queryParameter("account_id"));
        assertEquals(1, fake.at("/").size());
    }

    @Test
    void theEnginesApiUsesSqlOnTheSystemEngine() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        fake.routes.put("/query", r -> {
            String sql = FakeFirebolt2.body(r);
            if (sql.startsWith("SELECT engine_name")) {
                String status = polls.incrementAndGet() < 3 ? "STOPPED" : "RUNNING";
                return FakeFirebolt2.text(200, "engine_name\turl\tstatus\ntext\ttext\ttext\neng\t" + fake.hostPort
                        + "\t" + status + "\n");
            }
            return FakeFirebolt2.text(200, "");
        });
        try (Session session = open("")) {
            FireboltEngines engines = session.unwrap(FireboltEngines.class);
            EngineStatus status = engines.status("eng");
            assertEquals("STOPPED", status.currentStatus());
            assertFalse(status.isRunning());
            EngineStatus running = engines.startAndWait("eng", java.time.Duration.ofSeconds(60));
            assertTrue(running.isServing());
            assertEquals(fake.hostPort, engines.resolveEndpoint("eng", "db"));
            assertEquals("eng", engines.engineId("eng"));
            SQLException e = assertThrows(SQLException.class, () -> engines.resolveEndpoint(null, "db"));
            assertEquals("08001", e.getSQLState());
        }
        assertEquals(1, fake.sql("/query", "START ENGINE \"eng\"").size());
        assertTrue(FakeFirebolt2.body(fake.sql("/query", "SELECT engine_name").get(0))
                .endsWith("WHERE engine_name = 'eng'"));
    }

    @Test
    void isValidNeitherWakesNorKeepsAnEngineAlive() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
        try (Session session = open("&engine=eng")) {
            assertTrue(session.isValid(5));
            fake.routes.put("/", r -> FakeFirebolt2.error(400, "400", "EngineNotRunning", "Engine eng is not running",
                    null));
            assertFalse(session.isValid(5));
        }
        for (RecordedRequest r : fake.at("/")) {
            assertEquals("ignore", r.getUrl().queryParameter("auto_start_stop_control"));
            assertEquals("SELECT 1", FakeFirebolt2.body(r));
        }
    }

    @Test
    void aHealthCheckThatHangsIsCutWithoutAskingTheEngineAnythingMore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Session session = open("&engine=eng")) {
            fake.routes.put("/", r -> {
                await(release);
                return FakeFirebolt2.text(200, TSV_ONE);
            });
            long start = System.nanoTime();
            assertFalse(session.isValid(1));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        } finally {
            release.countDown();
        }
        assertEquals(0, fake.sql("/", "SELECT query_id").size());
        assertEquals(0, fake.at("/cancel").size());
    }

    @Test
    void theSystemEngineGetsNoTimeoutAndNoCancel() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Session session = open("")) {
            fake.routes.put("/query", r -> {
                if (FakeFirebolt2.body(r).startsWith("SELECT sleep")) {
                    arrived.countDown();
                    await(release);
                }
                return FakeFirebolt2.text(200, TSV_ONE);
            });
            session.newExecution("SET max_execution_time = 30", ExecutionOptions.DEFAULT).start();
            Execution execution = session.newExecution("SELECT sleep(10)", new ExecutionOptions(9, 0, 0));
            CompletableFuture<StatementResult> running = startAsync(execution);
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
            execution.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
            assertEquals("HY008", ((SQLException) e.getCause()).getSQLState());
        } finally {
            release.countDown();
        }
        for (RecordedRequest r : fake.at("/query")) {
            assertNull(r.getUrl().queryParameter("max_execution_time"), FakeFirebolt2.body(r));
        }
        assertEquals(0, fake.at("/cancel").size());
        assertEquals(0, fake.sql("/query", "SELECT query_id").size());
    }

    @Test
    void cancelFindsTheQueryByItsLabelThenCancelsIt() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger lookups = new AtomicInteger();
        fake.routes.put("/", r -> {
            String sql = FakeFirebolt2.body(r);
            if (sql.startsWith("SELECT query_id")) {
                // History is written late: the first look finds nothing.
                return FakeFirebolt2.text(200, "query_id\ntext null\n" + (lookups.incrementAndGet() == 1 ? ""
                        : "server-id-7\n"));
            }
            arrived.countDown();
            await(release);
            return FakeFirebolt2.text(200, TSV_ONE);
        });
        try (Session session = open("&engine=eng")) {
            Execution execution = session.newExecution("SELECT sleep(100)", ExecutionOptions.DEFAULT);
            CompletableFuture<StatementResult> running = startAsync(execution);
            assertTrue(arrived.await(10, TimeUnit.SECONDS));
            execution.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
            assertEquals("HY008", ((SQLException) e.getCause()).getSQLState());
            // The look-up and the cancel go out from a driver thread.
            execution.stopped().get(15, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
        List<RecordedRequest> looks = fake.sql("/", "SELECT query_id");
        assertEquals(2, looks.size());
        String label = fake.sql("/", "SELECT sleep").get(0).getUrl().queryParameter("query_label");
        assertEquals("SELECT query_id FROM information_schema.engine_query_history WHERE status = "
                + "'STARTED_EXECUTION' AND query_label = '" + label + "'", FakeFirebolt2.body(looks.get(0)));
        assertEquals("eng", looks.get(0).getUrl().queryParameter("engine"));
        List<RecordedRequest> cancels = fake.at("/cancel");
        assertEquals(1, cancels.size());
        assertEquals("POST", cancels.get(0).getMethod());
        assertEquals("query_id=server-id-7", cancels.get(0).getUrl().encodedQuery());
        assertEquals("Bearer tok1", cancels.get(0).getHeaders().get("Authorization"));
    }

    @Test
    void cancelUsesTheQueryIdAJsonLinesStartNamed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        fake.routes.put("/", r -> new MockResponse.Builder().code(200).body(
                "{\"message_type\":\"START\",\"result_columns\":[{\"name\":\"a\",\"type\":\"int\"}],"
                + "\"query_id\":\"from-start\",\"query_label\":\"x\",\"request_id\":\"r\"}\n"
                + "{\"message_type\":\"DATA\",\"data\":[[1]]}\n").build());
        try (Session session = open("&engine=eng&output_format=JSONLines_Compact")) {
            Execution execution = session.newExecution("SELECT a FROM big", ExecutionOptions.DEFAULT);
            StatementResult result = execution.start();
            RowBuffer row = new RowBuffer(1);
            assertTrue(result.cursor().next(row));
            execution.cancel();
            assertThrows(SQLException.class, () -> result.cursor().next(row));
            execution.stopped().get(15, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
        assertEquals(0, fake.sql("/", "SELECT query_id").size());
        assertEquals("query_id=from-start", fake.at("/cancel").get(0).getUrl().encodedQuery());
    }

    @Test
    void transactionsBeginCommitAndRollBackAndFollowTheHeaders() throws Exception {
        AtomicInteger sequence = new AtomicInteger();
        fake.routes.put("/", r -> {
            String sql = FakeFirebolt2.body(r);
            if (sql.equals("BEGIN TRANSACTION")) {
                return ok("Firebolt-Update-Parameters", "transaction_id=tx-1",
                        "Firebolt-Update-Parameters", "transaction_sequence_id=0");
            }
            if (sql.equals("COMMIT") || sql.equals("ROLLBACK")) {
                return ok("Firebolt-Remove-Parameters", "transaction_id",
                        "Firebolt-Remove-Parameters", "transaction_sequence_id");
            }
            String tx = r.getUrl().queryParameter("transaction_id");
            return tx == null ? FakeFirebolt2.text(200, "") : ok("Firebolt-Update-Parameters",
                    "transaction_sequence_id=" + sequence.incrementAndGet());
        });
        try (Session session = open("&engine=eng")) {
            assertTrue(session.transactions().available());
            assertEquals(Connection.TRANSACTION_REPEATABLE_READ, session.transactions().isolation());
            session.transactions().begin();
            run(session, "INSERT INTO t VALUES (1)");
            run(session, "INSERT INTO t VALUES (2)");
            // The driver's own metadata queries run beside the transaction.
            session.metadata().tables("db", null, "t");
            session.transactions().commit();
            session.transactions().commit();
            session.transactions().begin();
            run(session, "INSERT INTO t VALUES (3)");
            session.transactions().rollback();
            run(session, "INSERT INTO t VALUES (4)");
        }
        List<String> sent = new ArrayList<>();
        for (RecordedRequest r : fake.at("/")) {
            HttpUrl u = r.getUrl();
            sent.add(FakeFirebolt2.body(r).replaceAll(" FROM information_schema.*", "") + " | "
                    + u.queryParameter("transaction_id") + " " + u.queryParameter("transaction_sequence_id"));
        }
        assertEquals(List.of("BEGIN TRANSACTION | null null", "INSERT INTO t VALUES (1) | tx-1 0",
                "INSERT INTO t VALUES (2) | tx-1 1",
                "SELECT table_catalog, table_schema, table_name, table_type | null null", "COMMIT | tx-1 2",
                "BEGIN TRANSACTION | null null", "INSERT INTO t VALUES (3) | tx-1 0", "ROLLBACK | tx-1 3",
                "INSERT INTO t VALUES (4) | null null"), sent);
    }

    @Test
    void aTransactionBegunWithSqlIsEndedByCommitAndCloseRollsBackAnOpenOne() throws Exception {
        fake.routes.put("/", r -> switch (FakeFirebolt2.body(r)) {
            case "BEGIN TRANSACTION", "BEGIN" -> ok("Firebolt-Update-Parameters", "transaction_id=tx-2");
            case "COMMIT", "ROLLBACK" -> ok("Firebolt-Remove-Parameters", "transaction_id");
            default -> FakeFirebolt2.text(200, "");
        });
        try (Session session = open("&engine=eng")) {
            run(session, "BEGIN");
            run(session, "INSERT INTO t VALUES (1)");
            session.transactions().commit();
            session.transactions().begin();
            run(session, "INSERT INTO t VALUES (2)");
        }
        List<RecordedRequest> sent = fake.at("/");
        assertEquals(List.of("BEGIN", "INSERT INTO t VALUES (1)", "COMMIT", "BEGIN TRANSACTION",
                "INSERT INTO t VALUES (2)", "ROLLBACK"), sent.stream().map(FakeFirebolt2::body).toList());
        assertEquals("tx-2", sent.get(1).getUrl().queryParameter("transaction_id"));
    }

    @Test
    void setCatalogSendsUseDatabaseAndGetCatalogFollowsTheSession() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt2.body(r).startsWith("USE DATABASE")
                ? ok("Firebolt-Update-Parameters", "database=" + FakeFirebolt2.body(r).substring(14).replace("\"", ""))
                : FakeFirebolt2.text(200, ""));
        try (Session session = open("&engine=eng")) {
            assertTrue(session.switchDatabase("sales"));
            assertEquals("sales", session.database());
            assertTrue(session.switchDatabase("sales"));
            run(session, "USE DATABASE \"ops\"");
            assertEquals("ops", session.database());
        }
        assertEquals(List.of("USE DATABASE \"sales\"", "USE DATABASE \"ops\""),
                fake.at("/").stream().map(FakeFirebolt2::body).toList());
    }

    @Test
    void standardConformingStringsDecideTheDialect() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
        try (Session session = open("&engine=eng")) {
            assertSame(Firebolt2Dialect.INSTANCE, session.dialect());
            assertEquals("'a\\b''c'", session.dialect().quoteString("a\\b'c"));
            session.newExecution("SET standard_conforming_strings = false", ExecutionOptions.DEFAULT).start();
            assertSame(FireboltDialect.INSTANCE, session.dialect());
        }
    }

    @Test
    void compressionIsAskedOfUserEnginesAndCoreNeverOfTheSystemEngine() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt2.text(200, TSV_ONE));
        java.util.function.Function<RecordedRequest, MockResponse> systemEngine = fake.routes.get("/query");
        fake.routes.put("/query", r -> FakeFirebolt2.body(r).startsWith("SELECT") ? FakeFirebolt2.text(200, TSV_ONE)
                : systemEngine.apply(r));
        for (String compress : new String[] {"", "&compress=gzip", "&compress=none"}) {
            fake.requests.clear();
            try (Session session = open("&engine=eng" + compress)) {
                assertEquals(List.of(List.of("1")), run(session, "SELECT a FROM t"));
            }
            try (Session session = open(compress)) {
                // No engine: the statement runs on the system engine, which is never asked to compress.
                assertEquals(List.of(List.of("1")), run(session, "SELECT a FROM t"));
            }
            RecordedRequest user = fake.at("/").get(0);
            assertEquals(compress.isEmpty() ? "1" : null, user.getUrl().queryParameter("compress"), compress);
            assertEquals(compress.contains("gzip") ? "gzip" : null, user.getHeaders().get("Accept-Encoding"),
                    compress);
            for (RecordedRequest system : fake.at("/query")) {
                assertNull(system.getUrl().queryParameter("compress"), compress);
                assertNull(system.getHeaders().get("Accept-Encoding"), compress);
            }
        }
        try (Session session = core("firebolt")) {
            run(session, "SELECT a FROM t");
        }
        List<RecordedRequest> sent = fake.at("/");
        assertEquals("1", sent.get(sent.size() - 1).getUrl().queryParameter("compress"), "Core");
    }

    @Test
    void jsonLinesIsRequestedStreamedAndAnErrorAfterRowsIsRaised() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt2.text(200,
                "{\"message_type\":\"START\",\"result_columns\":[{\"name\":\"n\",\"type\":\"bigint null\"},"
                + "{\"name\":\"s\",\"type\":\"text\"}],\"query_id\":\"q\",\"query_label\":\"l\",\"request_id\":\"r\"}\n"
                + "{\"message_type\":\"DATA\",\"data\":[[\"1\",\"a\"],[null,\"b\"]]}\n"
                + "{\"message_type\":\"FINISH_WITH_ERRORS\",\"errors\":[{\"code\":\"400\",\"name\":\"QueryTimeout\","
                + "\"description\":\"Query exceeded max_execution_time\"}],\"statistics\":{}}\n"));
        try (Session session = open("&engine=eng&output_format=JSONLines_Compact")) {
            StatementResult result = session.newExecution("SELECT n, s FROM t", ExecutionOptions.DEFAULT).start();
            assertEquals("bigint null", result.columns().get(0).type().typeName());
            List<List<String>> rows = new ArrayList<>();
            RowBuffer row = new RowBuffer(2);
            SQLException e;
            try (var cursor = result.cursor()) {
                while (true) {
                    try {
                        if (!cursor.next(row)) {
                            e = null;
                            break;
                        }
                    } catch (SQLException failure) {
                        e = failure;
                        break;
                    }
                    rows.add(Arrays.asList(row.isNull(0) ? null : row.text(0), row.text(1)));
                }
            }
            assertEquals(List.of(Arrays.asList("1", "a"), Arrays.asList(null, "b")), rows);
            assertTrue(e != null && e.getMessage().contains("Query exceeded max_execution_time [QueryTimeout]"),
                    String.valueOf(e));
            assertEquals("HYT00", e.getSQLState());
        }
        assertEquals("JSONLines_Compact", fake.at("/").get(0).getUrl().queryParameter("output_format"));
    }

    @Test
    void aJsonLinesBodyCutAtAnyLineIsAnErrorOverTheWire() throws Exception {
        String[] lines = {
            "{\"message_type\":\"START\",\"result_columns\":[{\"name\":\"n\",\"type\":\"int\"}]}\n",
            "{\"message_type\":\"DATA\",\"data\":[[1],[2]]}\n",
            "{\"message_type\":\"DATA\",\"data\":[[3]]}\n",
            "{\"message_type\":\"FINISH_SUCCESSFULLY\",\"statistics\":{}}\n"};
        try (Session session = open("&engine=eng&output_format=JSONLines_Compact")) {
            for (int cut = 1; cut <= lines.length; cut++) {
                String body = String.join("", Arrays.copyOf(lines, cut));
                fake.routes.put("/", r -> FakeFirebolt2.text(200, body));
                StatementResult result = session.newExecution("SELECT n FROM t", ExecutionOptions.DEFAULT).start();
                int rows = 0;
                SQLException failure = null;
                try (var cursor = result.cursor()) {
                    RowBuffer row = new RowBuffer(1);
                    while (cursor.next(row)) {
                        rows++;
                    }
                } catch (SQLException e) {
                    failure = e;
                }
                if (cut == lines.length) {
                    assertNull(failure);
                    assertEquals(3, rows);
                } else {
                    assertTrue(failure != null && failure.getSQLState().equals("08S01"),
                            "a body of " + cut + " lines: " + failure);
                }
            }
        }
    }

    @Test
    void progressNamesTheLabelAndCarriesTheFinishStatistics() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt2.text(200,
                "{\"message_type\":\"START\",\"result_columns\":[{\"name\":\"n\",\"type\":\"int\"}]}\n"
                + "{\"message_type\":\"DATA\",\"data\":[[1],[2]]}\n"
                + "{\"message_type\":\"FINISH_SUCCESSFULLY\",\"statistics\":{\"elapsed\":0.25,\"rows_read\":40,"
                + "\"bytes_read\":800,\"result_rows\":2}}\n"));
        List<dev.rowpipe.api.QueryProgress> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.rowpipe.internal.spi.ProgressReporter progress = new dev.rowpipe.internal.spi.ProgressReporter(events::add,
                System::nanoTime);
        try (Session session = open("&engine=eng&output_format=JSONLines_Compact")) {
            Execution execution = session.newExecution("SELECT n FROM t", new ExecutionOptions(0, 0, 0, null,
                    java.util.Map.of(), progress));
            assertEquals(2, readAll(execution.start()).size());
            assertEquals(List.of("SUBMITTED", "RUNNING", "FINISHED"),
                    events.stream().map(e -> e.state().name()).toList());
            dev.rowpipe.api.QueryProgress finished = events.get(2);
            assertEquals("Firebolt", finished.service());
            assertEquals(execution.id(), finished.queryId());
            assertEquals(java.time.Duration.ofMillis(250), finished.serverElapsed());
            assertEquals(40, finished.rowsRead());
            assertEquals(800, finished.bytesRead());
            assertEquals(2, finished.resultRows());
        }
    }

    @Test
    void coreHasNoSignInAndChecksTheDatabase() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt2.body(r).startsWith("USE DATABASE")
                ? ok("Firebolt-Update-Parameters", "database=firebolt") : FakeFirebolt2.text(200, TSV_ONE));
        try (Session session = core("firebolt")) {
            assertEquals("firebolt", session.database());
            assertEquals(List.of(List.of("1")), run(session, "SELECT 1"));
            assertTrue(session.isValid(5));
            assertFalse(session.transactions().available());
            assertNull(session.unwrap(FireboltEngines.class));
            run(session, "START ENGINE x");
        }
        assertEquals(0, fake.at("/oauth/token").size());
        List<RecordedRequest> sent = fake.at("/");
        assertEquals("USE DATABASE \"firebolt\"", FakeFirebolt2.body(sent.get(0)));
        for (RecordedRequest r : sent) {
            assertNull(r.getHeaders().get("Authorization"));
            assertEquals("2.3", r.getHeaders().get("Firebolt-Protocol-Version"));
            assertNull(r.getUrl().queryParameter("auto_start_stop_control"));
        }
        assertEquals("database=firebolt&output_format=TabSeparatedWithNamesAndTypes&query_label="
                + sent.get(1).getUrl().queryParameter("query_label") + "&compress=1",
                sent.get(1).getUrl().encodedQuery());
        assertEquals("START ENGINE x", FakeFirebolt2.body(sent.get(sent.size() - 1)));
    }

    @Test
    void coreWithAnUnknownDatabaseFailsTheConnection() {
        fake.routes.put("/", r -> FakeFirebolt2.error(400, "400", "DatabaseNotFound",
                "Database \"nope\" does not exist or not authorized", null));
        SQLException e = assertThrows(SQLException.class, () -> core("nope"));
        assertEquals("42S02", e.getSQLState());
        assertTrue(e.getMessage().contains("Database \"nope\" does not exist"), e.getMessage());
        assertFalse(e.getMessage().contains("service account"), e.getMessage());
    }

    private static CompletableFuture<StatementResult> startAsync(Execution execution) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return execution.start();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
