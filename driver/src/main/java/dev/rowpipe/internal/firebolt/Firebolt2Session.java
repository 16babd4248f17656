package dev.rowpipe.internal.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.api.FireboltEngines;
import dev.rowpipe.internal.DriverVersion;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpErrors;
import dev.rowpipe.internal.http.HttpFailure;
import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.http.HttpResponseStream;
import dev.rowpipe.internal.http.HttpTransport;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.http.TransportConfig;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.spi.TransactionSupport;
import dev.rowpipe.internal.sql.ClientExecution;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Firebolt 2.0 or Firebolt Core connection. 2.0: signed in with a service account ({@link ServiceAccountAuth}),
 * the account's system engine found through {@code engineUrl}, then {@code USE DATABASE} / {@code USE ENGINE} when
 * the settings name them (what that found is kept in a {@link DiscoveryCache} for the next connection). Core: one
 * engine at {@code url}, no sign-in, the database checked with {@code USE DATABASE}.
 *
 * <p>The session lives in a {@link SessionState} that only the server's answers change. Statements go to the current
 * engine, except {@code START ENGINE} / {@code STOP ENGINE}, which only the system engine runs. 2.0 has real
 * transactions ({@link #transactions()}), which the JDBC layer begins and ends. Thread-safe.
 */
final class Firebolt2Session implements Session {
    private static final Logger LOG = Logger.getLogger(Firebolt2Session.class.getName());
    /** What the official driver sends to the platform, and to Core. */
    static final String PROTOCOL_VERSION = "2.4";
    static final String CORE_PROTOCOL_VERSION = "2.3";
    /** How long {@link #close} waits for the rollback of a transaction left open. */
    private static final long CLOSE_ROLLBACK_SECONDS = 2;

    private final boolean core;
    private final HttpTransport transport;
    private final FireboltClient client;
    private final SessionState state;
    private final String outputFormat;
    private final ResultCompression compression;
    private final String clientId;
    private final DiscoveryCache discovery;
    private final DiscoveryCache.Key discoveryKey;
    private final FireboltMetadata metadata;
    private final Firebolt2Engines engines;
    private final TransactionControl transactions;
    private final Channel channel = new Channel();

    private Firebolt2Session(boolean core, HttpTransport transport, FireboltClient client, SessionState state,
                             String outputFormat, ResultCompression compression, String clientId,
                             DiscoveryCache discovery, DiscoveryCache.Key discoveryKey, Pacer pacer) {
        this.core = core;
        this.transport = transport;
        this.client = client;
        this.state = state;
        this.outputFormat = outputFormat;
        this.compression = compression;
        this.clientId = clientId;
        this.discovery = discovery;
        this.discoveryKey = discoveryKey;
        this.metadata = new FireboltMetadata(new MetadataQueries());
        this.engines = core ? null : new Firebolt2Engines(new SystemQueries(), pacer);
        this.transactions = core ? null : new TransactionControl();
    }

    /** Signs in (2.0), finds the engine and database the settings name, and checks them with the server. */
    static Firebolt2Session open(Settings settings, FireboltTarget target, Pacer pacer, TokenCache tokens,
                                 DiscoveryCache discovery) throws SQLException {
        boolean core = target.protocol() == FireboltTarget.Protocol.CORE;
        HttpTransport transport = new HttpTransport(TransportConfig.from(settings, DriverVersion.userAgent("Firebolt"),
                FireboltProperties.SSL));
        String format = settings.get(FireboltProperties.OUTPUT_FORMAT);
        ResultCompression compression = ResultCompression.of(settings.get(FireboltProperties.COMPRESS));
        try {
            if (core) {
                EngineEndpoint endpoint = new EngineEndpoint(URI.create(baseOf(target.coreUrl())),
                        pathOf(target.coreUrl()));
                Firebolt2Session session = new Firebolt2Session(true, transport, new FireboltClient(transport, null),
                        SessionState.onCore(endpoint), format, compression, null, discovery, null, pacer);
                if (target.database() != null) {
                    session.runDriver("USE DATABASE " + Firebolt2Engines.identifier(target.database()),
                            Firebolt2QueryRequest.Route.DRIVER, new RequestHandle());
                }
                return session;
            }
            boolean ssl = settings.get(FireboltProperties.SSL);
            ServiceAccountAuth auth = new ServiceAccountAuth(transport, target.idBase(), target.principal(),
                    target.secret(), pacer.clock(), tokens);
            FireboltClient client = new FireboltClient(transport, auth);
            // Sign in now, so bad credentials fail the connection rather than its first statement.
            auth.token();
            DiscoveryCache.Key key = new DiscoveryCache.Key(target.apiBase().toString(), target.account(),
                    target.principal(), TokenCache.digest(target.secret()), target.database(), target.engine());
            SessionState.Saved saved = discovery.get(key, pacer.clock().instant());
            if (saved != null) {
                return new Firebolt2Session(false, transport, client, SessionState.restore(saved), format,
                        compression, target.principal(), discovery, key, pacer);
            }
            EngineEndpoint.Parsed system = systemEngine(client, target, ssl);
            Firebolt2Session session = new Firebolt2Session(false, transport, client,
                    SessionState.onSystemEngine(system, ssl), format, compression, target.principal(), discovery, key,
                    pacer);
            if (target.database() != null) {
                session.runDriver("USE DATABASE " + Firebolt2Engines.identifier(target.database()),
                        Firebolt2QueryRequest.Route.DRIVER, new RequestHandle());
            }
            if (target.engine() != null) {
                session.runDriver("USE ENGINE " + Firebolt2Engines.identifier(target.engine()),
                        Firebolt2QueryRequest.Route.DRIVER, new RequestHandle());
            }
            discovery.put(key, session.state.save(), pacer.clock().instant());
            return session;
        } catch (SQLException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** {@code GET <api>/web/v3/account/<account>/engineUrl}: the account's system engine. */
    private static EngineEndpoint.Parsed systemEngine(FireboltClient client, FireboltTarget target, boolean ssl)
            throws SQLException {
        URI uri = URI.create(target.apiBase() + "/web/v3/account/" + FireboltClient.encode(target.account())
                + "/engineUrl");
        String what = "Firebolt 2.0 lookup of account '" + target.account() + "'";
        HttpResponseStream response;
        try {
            response = client.send(headers -> new HttpRequestSpec("GET", uri, headers, null, null,
                    HttpRequestSpec.RetryMode.IDEMPOTENT, what), new RequestHandle());
        } catch (HttpFailure e) {
            throw e.toSqlException();
        }
        try {
            if (response.status() == 404) {
                response.close();
                throw HttpErrors.refused(404, "Firebolt account '" + target.account() + "' was not found at "
                        + response.endpoint() + " (HTTP 404): the account does not exist, or service account '"
                        + target.principal() + "' may not see it; check the connection property 'account'");
            }
            if (!response.isSuccess()) {
                throw client.error(response, what);
            }
            JsonNode answer = Json.parse(response.readAll(64 * 1024), what);
            String url = answer.path("engineUrl").asText("");
            if (url.isEmpty()) {
                throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(what + " answered without an engineUrl");
            }
            return EngineEndpoint.parse(url, ssl);
        } catch (IOException e) {
            throw SqlState.COMMUNICATION_ERROR.exception(what + " failed reading the answer from "
                    + response.endpoint() + ": " + e, e);
        } finally {
            response.close();
        }
    }

    private static String baseOf(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    private static String pathOf(URI url) {
        String path = url.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public Execution newExecution(String sql, ExecutionOptions options) throws SQLException {
        if (sql == null || sql.isBlank()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("Empty SQL statement");
        }
        ExecutionOptions o = options == null ? ExecutionOptions.DEFAULT : options;
        Firebolt2Statements.Statement statement = Firebolt2Statements.recognise(sql, core,
                dialect().backslashEscapes());
        if (statement instanceof Firebolt2Statements.Set2 set) {
            return new ClientExecution("Firebolt SET " + set.key(), handle -> {
                set(set.key(), set.value(), handle);
                return StatementResult.update(0);
            });
        }
        Firebolt2QueryRequest.Route route = statement instanceof Firebolt2Statements.SystemStatement
                ? Firebolt2QueryRequest.Route.SYSTEM : Firebolt2QueryRequest.Route.USER;
        return new Firebolt2Execution(request(sql, route, o, Map.of()));
    }

    private Firebolt2QueryRequest request(String sql, Firebolt2QueryRequest.Route route, ExecutionOptions options,
                                          Map<String, String> extra) {
        return new Firebolt2QueryRequest(sql, client, channel, route, outputFormat, options, extra,
                Firebolt2Statements.retryMode(sql), null,
                core ? CORE_PROTOCOL_VERSION : PROTOCOL_VERSION, clientId, core, compression);
    }

    /**
     * {@code SET k = v}: checked by the server with {@code SELECT 1} carrying the setting (it refuses names and values
     * it does not know), then kept and sent with every later statement.
     */
    private void set(String key, String value, RequestHandle handle) throws SQLException {
        runDriver("SELECT 1", Firebolt2QueryRequest.Route.DRIVER, Map.of(key, value), handle);
        state.put(key, value);
    }

    /** Runs one of the driver's own statements and reads its result to the end. */
    private void runDriver(String sql, Firebolt2QueryRequest.Route route, RequestHandle handle) throws SQLException {
        runDriver(sql, route, Map.of(), handle);
    }

    private void runDriver(String sql, Firebolt2QueryRequest.Route route, Map<String, String> extra,
                           RequestHandle handle) throws SQLException {
        StatementResult result = new Firebolt2Execution(request(sql, route, ExecutionOptions.DEFAULT, extra), handle)
                .start();
        drain(result);
    }

    /** Reads a result to its end (so an error after the rows is noticed) and returns its rows as text. */
    private static List<String[]> drain(StatementResult result) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        if (!result.hasRows()) {
            return rows;
        }
        int width = result.columns().size();
        try (RowCursor cursor = result.cursor()) {
            RowBuffer row = new RowBuffer(Math.max(1, width));
            while (cursor.next(row)) {
                String[] values = new String[width];
                for (int i = 0; i < width; i++) {
                    values[i] = row.isNull(i) ? null : row.kind(i) == RowBuffer.TEXT ? row.text(i)
                            : String.valueOf(dev.rowpipe.internal.convert.ValueReader.getObject(row, i,
                                    result.columns().get(i).type()));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    @Override
    public MetadataSource metadata() {
        return metadata;
    }

    @Override
    public String productName() {
        return core ? "Firebolt Core" : "Firebolt";
    }

    /** The protocol's version; asking the engine would cost a query per connection. */
    @Override
    public String productVersion() {
        return "2.0";
    }

    @Override
    public String database() {
        return state.database();
    }

    /** {@code USE DATABASE}; the session moves as the answer says. */
    @Override
    public boolean switchDatabase(String database) throws SQLException {
        if (!database.equals(state.database())) {
            runDriver("USE DATABASE " + Firebolt2Engines.identifier(database), Firebolt2QueryRequest.Route.DRIVER,
                    new RequestHandle());
        }
        return true;
    }

    /** Real transactions on 2.0; Core has none (auto-commit off is emulated by the JDBC layer there). */
    @Override
    public TransactionSupport transactions() {
        return transactions == null ? TransactionSupport.NONE : transactions;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return type == FireboltEngines.class && engines != null ? type.cast(engines) : null;
    }

    /**
     * {@code SELECT 1} with {@code auto_start_stop_control=ignore} (not on Core): a health check neither wakes a
     * stopped engine nor keeps a running one alive.
     */
    @Override
    public boolean isValid(int timeoutSeconds) {
        Execution execution = new Firebolt2Execution(request("SELECT 1", Firebolt2QueryRequest.Route.HEALTH,
                new ExecutionOptions(timeoutSeconds, 1, 0), Map.of()));
        CompletableFuture<Void> timer = new CompletableFuture<>();
        if (timeoutSeconds > 0) {
            timer.completeOnTimeout(null, timeoutSeconds, TimeUnit.SECONDS).thenRun(execution::cancel);
        }
        try {
            drain(execution.start());
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Firebolt connection check failed", e);
            return false;
        } finally {
            timer.cancel(false);
        }
    }

    @Override
    public BackendDescription description() {
        return FireboltDescription.DESCRIPTION_2;
    }

    /** Standard literals, unless the session turned {@code standard_conforming_strings} off. */
    @Override
    public SqlDialect dialect() {
        String scs = state.parameter("standard_conforming_strings");
        if (scs != null) {
            switch (scs.trim().toLowerCase(Locale.ROOT)) {
                case "false", "off", "0", "f" -> {
                    return FireboltDialect.INSTANCE;
                }
                default -> {
                    // on
                }
            }
        }
        return Firebolt2Dialect.INSTANCE;
    }

    /** Rolls back a transaction left open (bounded in time), then closes the connections. */
    @Override
    public void close() {
        try {
            if (transactions != null && state.inTransaction()) {
                Firebolt2Execution rollback = new Firebolt2Execution(request("ROLLBACK",
                        Firebolt2QueryRequest.Route.TRANSACTION, ExecutionOptions.DEFAULT, Map.of()));
                CompletableFuture<Void> timer = new CompletableFuture<>();
                timer.completeOnTimeout(null, CLOSE_ROLLBACK_SECONDS, TimeUnit.SECONDS).thenRun(rollback::cancel);
                try {
                    drain(rollback.start());
                } catch (SQLException | RuntimeException e) {
                    LOG.log(Level.FINE, "Rolling back the open Firebolt transaction at close failed", e);
                } finally {
                    timer.cancel(false);
                }
            }
        } finally {
            // Once no /cancel of a statement of this session is still being sent.
            client.cancels().closeTransport();
        }
    }

    @Override
    public String toString() {
        return "Firebolt2Session{" + (core ? "core, " : "") + state + "}";
    }

    /** The session as statements see it. */
    private final class Channel implements Firebolt2QueryRequest.Channel {
        @Override
        public SessionState.Target target(Firebolt2QueryRequest.Route route, RequestHandle handle)
                throws SQLException {
            return switch (route) {
                case USER, TRANSACTION -> state.target(false, true);
                case DRIVER, HEALTH -> state.target(false, false);
                case SYSTEM -> state.target(true, false);
            };
        }

        @Override
        public void answered(HttpResponseStream response) throws SQLException {
            state.apply(response);
        }

        @Override
        public void unreachable() {
            if (discoveryKey != null) {
                discovery.remove(discoveryKey);
            }
        }
    }

    /**
     * Firebolt 2.0's transactions, as the JDBC layer drives them: {@code BEGIN TRANSACTION} before the first statement
     * with auto-commit off, {@code COMMIT} or {@code ROLLBACK} to end it. The transaction lives in the session's
     * parameters ({@code transaction_id}, {@code transaction_sequence_id}), set and cleared by the answers' headers,
     * so a transaction a user began with SQL is ended by commit() and rollback() too.
     */
    private final class TransactionControl implements TransactionSupport {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public int isolation() {
            return Connection.TRANSACTION_REPEATABLE_READ;
        }

        @Override
        public void begin() throws SQLException {
            if (state.inTransaction()) {
                return;
            }
            runDriver("BEGIN TRANSACTION", Firebolt2QueryRequest.Route.TRANSACTION, new RequestHandle());
            if (!state.inTransaction()) {
                throw SqlState.GENERAL_ERROR.exception("Firebolt answered BEGIN TRANSACTION without a "
                        + SessionState.TRANSACTION_ID + " (Firebolt-Update-Parameters)");
            }
        }

        @Override
        public void commit() throws SQLException {
            end("COMMIT");
        }

        @Override
        public void rollback() throws SQLException {
            end("ROLLBACK");
        }

        /** COMMIT or ROLLBACK of the open transaction; none open: nothing. */
        private void end(String sql) throws SQLException {
            if (state.inTransaction()) {
                runDriver(sql, Firebolt2QueryRequest.Route.TRANSACTION, new RequestHandle());
            }
        }
    }

    /** The metadata's queries: the driver's own, on the current engine, beside any transaction. */
    private final class MetadataQueries implements FireboltMetadata.Source {
        @Override
        public Execution execution(String sql) {
            return new Firebolt2Execution(request(sql, Firebolt2QueryRequest.Route.DRIVER, ExecutionOptions.DEFAULT,
                    Map.of()));
        }

        @Override
        public String database() {
            return state.database();
        }

        @Override
        public SqlDialect dialect() {
            return Firebolt2Session.this.dialect();
        }

        /** Tables are in schema {@code public} unless a statement names another. */
        @Override
        public String currentSchema() {
            return state.database() == null ? null : "public";
        }
    }

    /** The engines API's SQL, on the system engine. */
    private final class SystemQueries implements Firebolt2Engines.SystemEngine {
        @Override
        public List<String[]> query(String sql, int width) throws SQLException {
            List<String[]> rows = drain(new Firebolt2Execution(request(sql, Firebolt2QueryRequest.Route.SYSTEM,
                    ExecutionOptions.DEFAULT, Map.of())).start());
            for (String[] row : rows) {
                if (row.length < width) {
                    throw SqlState.GENERAL_ERROR.exception("Firebolt answered " + row.length + " columns, expected "
                            + width + ": " + sql);
                }
            }
            return rows;
        }

        @Override
        public void run(String sql) throws SQLException {
            runDriver(sql, Firebolt2QueryRequest.Route.SYSTEM, new RequestHandle());
        }

        @Override
        public String quoteString(String value) {
            return dialect().quoteString(value);
        }
    }
}
