package dev.rowpipe.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every flow of both services (Firebolt v1, 2.0 and Core; Treasure Data) through JDBC with every logger at ALL (the root, the driver's, the bundled
 * HttpClient's under either name) and looks for the secrets in everything a user could see: each log record as a
 * handler formats it (with its stack trace), and each exception's message, toString() and stack trace along its
 * cause, next and suppressed chains, and the connection's URL and toString(). The scripted servers are hostile:
 * their error bodies echo the credentials they were sent.
 */
class NoSecretInLogsTest {
    private static final String PASSWORD = "pw-S3CRET-firebolt";
    private static final String ACCESS = "acc-S3CRET-token-";
    private static final String REFRESH = "ref-S3CRET-token";
    private static final String TD_SECRET_HALF = "5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7";
    private static final String TD_KEY = "4321/" + TD_SECRET_HALF;
    private static final String URL_SECRET = "url-S3CRET";
    private static final List<String> SECRETS = List.of(PASSWORD, ACCESS, REFRESH, TD_SECRET_HALF, URL_SECRET);
    private static final List<String> LOGGERS = List.of("", "dev.rowpipe", "org.apache.hc", "dev.rowpipe.shaded",
            "org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers",
            "dev.rowpipe.shaded.hc.client5.http.wire", "dev.rowpipe.shaded.hc.client5.http.headers");

    @StartStop
    private final MockWebServer firebolt = new MockWebServer();
    @StartStop
    private final MockWebServer td = new MockWebServer();

    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<String> headerLines = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Level> levels = new java.util.HashMap<>();
    private final List<Logger> pinned = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            String text = format.format(record);
            seen.add(text);
            if (record.getLoggerName() != null && record.getLoggerName().endsWith("http.headers")) {
                headerLines.add(text);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final AtomicInteger tokens = new AtomicInteger();
    private volatile boolean expireNextQuery;

    @BeforeEach
    void everyLoggerAtAll() {
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            pinned.add(logger);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        Logger.getLogger("").addHandler(capture);
        capture.setLevel(Level.ALL);
        firebolt.setDispatcher(new FireboltScript());
        td.setDispatcher(new TdScript());
    }

    @AfterEach
    void restoreLoggers() {
        Logger.getLogger("").removeHandler(capture);
        for (Logger logger : pinned) {
            logger.setLevel(levels.get(logger.getName()));
        }
    }

    /** A Firebolt API host and engine in one: login/refresh/engines, queries, cancel; errors echo what was sent. */
    private final class FireboltScript extends Dispatcher {
        private final AtomicInteger engineLookups = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            String auth = String.valueOf(r.getHeaders().get("Authorization"));
            String body = r.getBody() == null ? "" : r.getBody().utf8();
            switch (path) {
                case "/auth/v1/login":
                    if (!body.contains("\"" + PASSWORD + "\"")) {
                        return text(401, "login refused for " + body);
                    }
                    return json("{\"access_token\":\"" + ACCESS + tokens.incrementAndGet() + "\",\"expires_in\":3600,"
                            + "\"refresh_token\":\"" + REFRESH + "\",\"token_type\":\"Bearer\"}");
                case "/auth/v1/refresh":
                    return json("{\"access_token\":\"" + ACCESS + tokens.incrementAndGet()
                            + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}");
                case "/core/v1/account/engines:getURLByDatabaseName":
                    return json("{\"engine_url\":\"127.0.0.1:" + firebolt.getPort() + "\"}");
                case "/core/v1/account/engines:getIdByName":
                    return json("{\"engine_id\":{\"account_id\":\"a\",\"engine_id\":\"e-1\"}}");
                case "/core/v1/account/engines/e-1:start":
                    return json("{\"engine\":{\"name\":\"eng\",\"endpoint\":\"127.0.0.1:" + firebolt.getPort()
                            + "\",\"current_status\":\"ENGINE_STATUS_RUNNING_REVISION_STARTING\","
                            + "\"current_status_summary\":\"ENGINE_STATUS_SUMMARY_STARTING\"}}");
                case "/core/v1/account/engines": {
                    boolean serving = engineLookups.incrementAndGet() > 1;
                    return json("{\"page\":{},\"edges\":[{\"node\":{\"name\":\"eng\",\"endpoint\":\"127.0.0.1:"
                            + firebolt.getPort() + "\",\"current_status\":\""
                            + (serving ? "ENGINE_STATUS_RUNNING_REVISION_SERVING" : "ENGINE_STATUS_STOPPED")
                            + "\",\"current_status_summary\":\""
                            + (serving ? "ENGINE_STATUS_SUMMARY_RUNNING" : "ENGINE_STATUS_SUMMARY_STOPPED")
                            + "\"}}]}");
                }
                case "/cancel":
                    return text(200, "");
                case "/":
                    if (expireNextQuery) {
                        expireNextQuery = false;
                        return text(401, "token expired: " + auth);
                    }
                    if (body.contains("FAIL")) {
                        return text(500, "DB::Exception: bad query sent with " + auth);
                    }
                    if (body.contains("SLOW")) {
                        return new MockResponse.Builder().code(200).body("a\nInt32\n1\n")
                                .headersDelay(10, TimeUnit.SECONDS).build();
                    }
                    if (body.contains("INBODY")) {
                        return inBodyError(body, auth);
                    }
                    return text(200, "a\nInt32\n1\n");
                default:
                    return text(404, "no route " + path + " for " + auth);
            }
        }
    }

    /**
     * A 200 answer whose body ends in the engine's error text (as ClickHouse appends it once the answer started),
     * echoing the token it was sent (bare, not as a header) and the password: before the TSV header, after a TSV
     * row, after a JSON row, and as a JSON {@code exception} key.
     */
    private static MockResponse inBodyError(String sql, String auth) {
        String token = auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : auth;
        String error = "Code: 241. DB::Exception: failed for token " + token + " (password " + PASSWORD + ")";
        String body;
        if (sql.contains("INBODY_AT_START")) {
            body = error + "\n";
        } else if (sql.contains("INBODY_JSON_KEY")) {
            body = "{\"meta\":[{\"name\":\"a\",\"type\":\"Int32\"}],\"data\":[[1]],\"exception\":\"" + error
                    + "\"}";
        } else if (sql.contains("INBODY_JSON")) {
            body = "{\"meta\":[{\"name\":\"a\",\"type\":\"Int32\"}],\"data\":[[1],\n" + error + "\n";
        } else {
            body = "a\nInt32\n1\n" + error + "\n";
        }
        return text(200, body);
    }

    /** A Treasure Data API: lists, jobs, results, kill; errors echo the key they were sent. */
    private final class TdScript extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            String auth = String.valueOf(r.getHeaders().get("Authorization"));
            if (!auth.equals("TD1 " + TD_KEY)) {
                return json(401, "{\"error\":\"Authentication failed\",\"text\":\"bad key " + auth + "\"}");
            }
            String body = r.getBody() == null ? "" : r.getBody().utf8();
            if (path.equals("/v3/database/list")) {
                return json(200, "{\"databases\":[{\"name\":\"db\",\"count\":1}]}");
            }
            if (path.equals("/v3/table/list/db")) {
                return json(200, "{\"database\":\"db\",\"tables\":[{\"name\":\"t\",\"type\":\"log\",\"count\":1,"
                        + "\"schema\":\"[[\\\"v\\\",\\\"long\\\"]]\"}]}");
            }
            if (path.startsWith("/v3/job/issue/")) {
                String id = body.contains("FAIL") ? "2" : body.contains("SLOW") ? "3" : "1";
                return json(200, "{\"job_id\":\"" + id + "\"}");
            }
            if (path.equals("/v3/job/show/1") || path.equals("/v3/job/status/1")) {
                return json(200, "{\"job_id\":\"1\",\"status\":\"success\",\"num_records\":1,"
                        + "\"hive_result_schema\":\"[[\\\"v\\\",\\\"bigint\\\"]]\"}");
            }
            if (path.equals("/v3/job/show/2") || path.equals("/v3/job/status/2")) {
                return json(200, "{\"job_id\":\"2\",\"status\":\"error\",\"debug\":{\"stderr\":\"failed, key was "
                        + auth + "\"}}");
            }
            if (path.equals("/v3/job/show/3") || path.equals("/v3/job/status/3")) {
                return json(200, "{\"job_id\":\"3\",\"status\":\"running\"}");
            }
            if (path.startsWith("/v3/job/kill/")) {
                return json(200, "{\"former_status\":\"running\",\"job_id\":\"3\"}");
            }
            if (path.equals("/v3/job/result/1")) {
                return new MockResponse.Builder().code(200).body("[7]\n").build();
            }
            return json(500, "{\"error\":\"Internal\",\"text\":\"failed for " + auth + "\"}");
        }
    }

    private static MockResponse json(String body) {
        return json(200, body);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    private final List<Throwable> failures = new ArrayList<>();
    private final List<String> shown = new ArrayList<>();

    private void expectFailure(String what, JdbcCall call) {
        SQLException e = assertThrows(SQLException.class, call::run, what);
        failures.add(e);
    }

    private interface JdbcCall {
        void run() throws Exception;
    }

    private Connection firebolt(String params) throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "me@example.com");
        info.setProperty("password", PASSWORD);
        // The echoing server answers plain bodies (compressed answers are FireboltCompressionWireTest's).
        Connection c = new RowpipeDriver().connect("jdbc:firebolt://127.0.0.1:" + firebolt.getPort()
                + "/db?ssl=false&compress=none&retry_backoff_ms=1" + params, info);
        shown.add(c.toString());
        shown.add(c.getMetaData().getURL());
        return c;
    }

    private Connection treasureData(String params) throws SQLException {
        Connection c = new RowpipeDriver().connect("jdbc:td://127.0.0.1:" + td.getPort() + "/db;useSSL=false;"
                + "apikey=" + TD_KEY.replace("/", "%2F") + ";result_format=json;poll_initial_ms=5" + params,
                new Properties());
        shown.add(c.toString());
        shown.add(c.getMetaData().getURL());
        return c;
    }

    private static void readAll(ResultSet rs) throws SQLException {
        try (rs) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    @Test
    void noFlowShowsASecret() throws Exception {
        // Firebolt: login, default engine lookup, a query, renewal on 401, an error echoing the token, a timeout
        // that cancels on the server, a named engine started by auto_start, a rejected password.
        try (Connection c = firebolt("")) {
            try (Statement s = c.createStatement()) {
                readAll(s.executeQuery("SELECT 1"));
                expireNextQuery = true;
                readAll(s.executeQuery("SELECT 2"));
                expectFailure("Firebolt error", () -> s.executeQuery("SELECT FAIL"));
                s.setQueryTimeout(1);
                expectFailure("Firebolt timeout", () -> s.executeQuery("SELECT SLOW"));
            }
        }
        try (Connection c = firebolt("&engine=eng&auto_start=true")) {
            try (Statement s = c.createStatement()) {
                readAll(s.executeQuery("SELECT 1"));
            }
        }
        expectFailure("Firebolt bad password", () -> {
            Properties info = new Properties();
            info.setProperty("user", "me@example.com");
            info.setProperty("password", "wrong-" + PASSWORD);
            new RowpipeDriver().connect("jdbc:firebolt://127.0.0.1:" + firebolt.getPort() + "/db?ssl=false", info);
        });

        // Treasure Data: key check, metadata, a job with its result, a failed job, a timeout that kills, a bad key.
        try (Connection c = treasureData("")) {
            readAll(c.getMetaData().getTables(null, null, "%", null));
            try (Statement s = c.createStatement()) {
                readAll(s.executeQuery("SELECT v FROM t"));
                expectFailure("TD job error", () -> s.executeQuery("SELECT FAIL"));
                s.setQueryTimeout(1);
                expectFailure("TD timeout", () -> s.executeQuery("SELECT SLOW"));
            }
        }
        expectFailure("TD bad key", () -> new RowpipeDriver().connect("jdbc:td://127.0.0.1:" + td.getPort()
                + "/db;useSSL=false", props("apikey", "4321/" + "0".repeat(40))));
        expectFailure("TD bad key echoed", () -> new RowpipeDriver().connect("jdbc:td://127.0.0.1:" + td.getPort()
                + "/db;useSSL=false;retries=0", props("apikey", TD_KEY + "x")));

        // Secrets in the URL: user:password@host is refused without echoing it; bad values of secret
        // properties are shown hidden.
        for (String url : List.of("jdbc:firebolt://me:" + URL_SECRET + "@127.0.0.1/db",
                "jdbc:td://me:" + URL_SECRET + "@127.0.0.1/db", "jdbc:td://127.0.0.1/db;apikey=" + URL_SECRET
                        + ";bogus=1", "jdbc:firebolt://127.0.0.1:1/db?password=" + URL_SECRET + "&retries=x")) {
            expectFailure(url, () -> new RowpipeDriver().connect(url, new Properties()));
        }

        // A tool's connection dialog: the property list never shows a secret value given in the URL or Properties.
        for (String url : List.of("jdbc:firebolt://me:" + URL_SECRET + "@127.0.0.1/db?password=" + URL_SECRET,
                "jdbc:td://127.0.0.1/db;apikey=" + URL_SECRET + ";proxy_password=" + URL_SECRET)) {
            for (java.sql.DriverPropertyInfo info : new RowpipeDriver().getPropertyInfo(url,
                    props("ssl_key_store_password", URL_SECRET))) {
                shown.add(info.name + "=" + info.value + " " + info.description);
            }
        }

        Logger.getLogger("").removeHandler(capture);
        List<String> seen;
        List<String> headerLines;
        synchronized (this.seen) {
            seen = List.copyOf(this.seen);
        }
        synchronized (this.headerLines) {
            headerLines = List.copyOf(this.headerLines);
        }
        assertTrue(seen.size() > 50, "the flows logged at FINE and below: " + seen.size());
        assertTrue(headerLines.stream().anyMatch(l -> l.contains("Authorization: ***")),
                "the header log runs, with credentials masked: " + headerLines.subList(0,
                        Math.min(5, headerLines.size())));
        assertFalse(seen.stream().anyMatch(l -> l.contains("http.wire")), "the wire log is not routed");
        List<String> everything = new ArrayList<>(seen);
        everything.addAll(shown);
        for (Throwable failure : failures) {
            everything.addAll(chain(failure));
        }
        for (String secret : SECRETS) {
            for (String text : everything) {
                assertFalse(text.contains(secret), "'" + secret + "' shown in: " + text);
            }
        }
        assertEquals(11, failures.size());
    }

    @Test
    void noFireboltErrorInsideAResultShowsASecret() throws Exception {
        // Firebolt v1's engine writes an error into a body that already started with 200; it may echo what it was
        // sent. TSV before the header and after a row, JSON_Compact after a row and as the body's exception key.
        try (Connection c = firebolt(""); Statement s = c.createStatement()) {
            expectFailure("Firebolt error before the TSV header", () -> readAll(s.executeQuery(
                    "SELECT INBODY_AT_START")));
            expectFailure("Firebolt error after a TSV row", () -> readAll(s.executeQuery("SELECT INBODY")));
        }
        try (Connection c = firebolt("&output_format=JSON_Compact"); Statement s = c.createStatement()) {
            expectFailure("Firebolt error after a JSON row", () -> readAll(s.executeQuery("SELECT INBODY_JSON")));
            expectFailure("Firebolt error as a JSON key", () -> readAll(s.executeQuery(
                    "SELECT INBODY_JSON_KEY")));
        }
        Logger.getLogger("").removeHandler(capture);
        List<String> everything;
        synchronized (this.seen) {
            everything = new ArrayList<>(this.seen);
        }
        everything.addAll(shown);
        for (Throwable failure : failures) {
            assertTrue(failure.getMessage().contains("DB::Exception: failed for token ***"), failure.getMessage());
            everything.addAll(chain(failure));
        }
        for (String secret : SECRETS) {
            for (String text : everything) {
                assertFalse(text.contains(secret), "'" + secret + "' shown in: " + text);
            }
        }
        assertEquals(4, failures.size());
    }

    private static final String CLIENT_SECRET = "cs-S3CRET-+&=%x";
    private static final String ACCESS2 = "acc2-S3CRET-";

    @StartStop
    private final MockWebServer firebolt2 = new MockWebServer();
    private final AtomicInteger tokens2 = new AtomicInteger();
    private volatile boolean expireNext2;

    /**
     * Firebolt 2.0 in one server: the token endpoint (its refusal echoes the form), engineUrl, a system engine, a
     * user engine whose errors echo the Authorization header and the statement, history look-ups, cancel.
     */
    private final class Firebolt2Script extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest r) {
            String path = r.getUrl().encodedPath();
            String auth = String.valueOf(r.getHeaders().get("Authorization"));
            String body = r.getBody() == null ? "" : r.getBody().utf8();
            String host = "127.0.0.1:" + firebolt2.getPort();
            switch (path) {
                case "/oauth/token":
                    if (!body.contains("client_secret=" + java.net.URLEncoder.encode(CLIENT_SECRET,
                            java.nio.charset.StandardCharsets.UTF_8))) {
                        return json(401, "{\"error\":\"access_denied\",\"error_description\":\"refused " + body
                                + "\"}");
                    }
                    return json("{\"access_token\":\"" + ACCESS2 + tokens2.incrementAndGet()
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
                case "/web/v3/account/acct/engineUrl":
                    return json("{\"engineUrl\":\"" + host + "/query?account_id=a1\"}");
                case "/query":
                    if (body.startsWith("USE ENGINE")) {
                        return new MockResponse.Builder().code(200)
                                .addHeader("Firebolt-Update-Endpoint", host + "?engine=eng").build();
                    }
                    return text(200, "");
                case "/cancel":
                    return text(200, "");
                case "/":
                    if (expireNext2) {
                        expireNext2 = false;
                        return json(401, "{\"errors\":[{\"description\":\"expired " + auth + "\"}]}");
                    }
                    if (body.startsWith("SELECT query_id")) {
                        return text(200, "query_id\ntext\nq-1\n");
                    }
                    if (body.contains("FAIL")) {
                        return json(400, "{\"query\":{\"query_id\":\"q\"},\"errors\":[{\"name\":\"Bad\","
                                + "\"description\":\"bad query sent with " + auth + " and " + CLIENT_SECRET
                                + "\"}]}");
                    }
                    if (body.contains("AFTER")) {
                        return text(200, "{\"message_type\":\"START\",\"result_columns\":[{\"name\":\"a\","
                                + "\"type\":\"int\"}]}\n{\"message_type\":\"FINISH_WITH_ERRORS\",\"errors\":"
                                + "[{\"description\":\"failed after rows, " + auth + "\"}]}\n");
                    }
                    if (body.contains("SLOW")) {
                        return new MockResponse.Builder().code(200).body("a\nint\n1\n")
                                .headersDelay(10, TimeUnit.SECONDS).build();
                    }
                    return text(200, "a\nint\n1\n");
                default:
                    return text(404, "no route " + path + " for " + auth);
            }
        }
    }

    private Connection firebolt2(String params, String secret) throws SQLException {
        Properties info = new Properties();
        info.setProperty("client_id", "svc");
        info.setProperty("client_secret", secret);
        // Plain scripted answers, as for v1.
        Connection c = new RowpipeDriver().connect("jdbc:firebolt://127.0.0.1:" + firebolt2.getPort()
                + "/?ssl=false&account=acct&engine=eng&compress=none&retry_backoff_ms=1" + params, info);
        shown.add(c.toString());
        shown.add(c.getMetaData().getURL());
        return c;
    }

    @Test
    void noFirebolt2FlowShowsASecret() throws Exception {
        firebolt2.setDispatcher(new Firebolt2Script());
        // Sign-in, discovery, USE ENGINE, queries in two formats, renewal on a 401 that echoes the token, an error
        // body echoing the token and the secret, an error after rows echoing the token, a timeout that looks the
        // query up and cancels it, a secret the server refuses (echoing the form).
        try (Connection c = firebolt2("", CLIENT_SECRET); Statement s = c.createStatement()) {
            assertTrue(c.isValid(5));
            readAll(s.executeQuery("SELECT 1"));
            expireNext2 = true;
            readAll(s.executeQuery("SELECT 2"));
            expectFailure("Firebolt 2.0 error body", () -> s.executeQuery("SELECT FAIL"));
            s.setQueryTimeout(1);
            expectFailure("Firebolt 2.0 timeout", () -> s.executeQuery("SELECT SLOW"));
        }
        try (Connection c = firebolt2("&output_format=JSONLines_Compact", CLIENT_SECRET);
             Statement s = c.createStatement()) {
            expectFailure("Firebolt 2.0 error after rows", () -> readAll(s.executeQuery("SELECT AFTER")));
        }
        expectFailure("Firebolt 2.0 wrong secret", () -> firebolt2("", "wrong-" + CLIENT_SECRET));

        Logger.getLogger("").removeHandler(capture);
        List<String> everything;
        synchronized (this.seen) {
            everything = new ArrayList<>(this.seen);
        }
        assertTrue(everything.size() > 20, "the flows logged at FINE and below: " + everything.size());
        everything.addAll(shown);
        for (Throwable failure : failures) {
            everything.addAll(chain(failure));
        }
        String encoded = java.net.URLEncoder.encode(CLIENT_SECRET, java.nio.charset.StandardCharsets.UTF_8);
        for (String secret : List.of(CLIENT_SECRET, encoded, ACCESS2, "S3CRET")) {
            for (String text : everything) {
                assertFalse(text.contains(secret), "'" + secret + "' shown in: " + text);
            }
        }
        assertEquals(4, failures.size());
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }

    /** Message, toString and stack trace of every throwable reachable from {@code e}. */
    private static List<String> chain(Throwable e) {
        List<String> out = new ArrayList<>();
        Set<Throwable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> unvisited = new ArrayList<>(List.of(e));
        while (!unvisited.isEmpty()) {
            Throwable t = unvisited.remove(unvisited.size() - 1);
            if (t == null || !visited.add(t)) {
                continue;
            }
            out.add(String.valueOf(t.getMessage()));
            out.add(t.toString());
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            out.add(trace.toString());
            unvisited.add(t.getCause());
            unvisited.addAll(List.of(t.getSuppressed()));
            if (t instanceof SQLException s) {
                unvisited.add(s.getNextException());
            }
        }
        return out;
    }
}
