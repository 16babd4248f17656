package dev.rowpipe.internal.firebolt;

import dev.rowpipe.api.EngineStatus;
import dev.rowpipe.api.FireboltEngines;
import dev.rowpipe.internal.DriverVersion;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpTransport;
import dev.rowpipe.internal.http.TransportConfig;
import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ListRowCursor;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.TransactionSupport;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.sql.ClientExecution;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A logged-in Firebolt connection: one HTTP transport, the token, and the engine endpoint resolved once at open.
 * Thread-safe; session settings made with SET are shared by all statements of the connection.
 */
public final class FireboltSession implements Session {
    private static final Logger LOG = Logger.getLogger(FireboltSession.class.getName());

    private final HttpTransport transport;
    private final FireboltClient client;
    private final FireboltEngineClient engines;
    private final String database;
    private final String engineName;
    private final URI endpoint;
    private final String outputFormat;
    private final ResultCompression compression;
    private final boolean autoStart;
    private final Duration engineStartTimeout;
    private final Map<String, String> sessionSettings = new ConcurrentSkipListMap<>(String.CASE_INSENSITIVE_ORDER);
    private final FireboltMetadata metadata;

    private FireboltSession(HttpTransport transport, FireboltClient client, FireboltEngineClient engines,
                            String database, String engineName, URI endpoint, String outputFormat,
                            ResultCompression compression, boolean autoStart, Duration engineStartTimeout) {
        this.transport = transport;
        this.client = client;
        this.engines = engines;
        this.database = database;
        this.engineName = engineName;
        this.endpoint = endpoint;
        this.outputFormat = outputFormat;
        this.compression = compression;
        this.autoStart = autoStart;
        this.engineStartTimeout = engineStartTimeout;
        this.metadata = new FireboltMetadata(new FireboltMetadata.Source() {
            @Override
            public Execution execution(String sql) throws SQLException {
                return newExecution(sql, ExecutionOptions.DEFAULT);
            }

            @Override
            public String database() {
                return FireboltSession.this.database;
            }

            @Override
            public SqlDialect dialect() {
                return FireboltDialect.INSTANCE;
            }

            @Override
            public String currentSchema() {
                return null;
            }
        });
    }

    /** Logs in, finds the engine endpoint and, with auto_start, starts the engine and waits for it. */
    static FireboltSession open(Settings settings, FireboltTarget target, Pacer pacer, TokenCache tokens)
            throws SQLException {
        boolean ssl = settings.get(FireboltProperties.SSL);
        HttpTransport transport = new HttpTransport(TransportConfig.from(settings,
                DriverVersion.userAgent("Firebolt", settings.get(CommonProperties.APPLICATION_NAME)),
                FireboltProperties.SSL));
        try {
            URI apiBase = target.apiBase();
            FireboltAuth auth = new FireboltAuth(transport, apiBase, target.principal(), target.secret(),
                    pacer.clock(), tokens);
            FireboltClient client = new FireboltClient(transport, auth);
            // Log in now so bad credentials fail the connection rather than its first statement.
            auth.token();
            FireboltEngineClient engines = new FireboltEngineClient(client, apiBase,
                    settings.get(FireboltProperties.ACCOUNT), pacer);
            String engine = target.engine();
            Duration startTimeout = Duration.ofSeconds(settings.get(FireboltProperties.ENGINE_START_TIMEOUT));
            boolean autoStart = settings.get(FireboltProperties.AUTO_START);
            String address;
            if (engine == null || engine.isEmpty()) {
                engine = null;
                address = engines.resolveEndpoint(null, target.database());
            } else {
                EngineStatus status = engines.status(engine);
                if (!status.isRunning()) {
                    if (!autoStart) {
                        throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                                "Firebolt engine '" + engine + "' is not running (status "
                                + status.currentStatusSummary() + "): start it (START ENGINE " + engine
                                + " or the Firebolt console) or connect with auto_start=true");
                    }
                    status = engines.startAndWait(status, startTimeout, null);
                }
                address = FireboltEngineClient.requireEndpoint(status);
            }
            return new FireboltSession(transport, client, engines, target.database(), engine,
                    endpointUri(address, ssl), settings.get(FireboltProperties.OUTPUT_FORMAT),
                    ResultCompression.of(settings.get(FireboltProperties.COMPRESS)), autoStart, startTimeout);
        } catch (SQLException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** An engine endpoint may come as host, host:port, or a URL; the scheme follows ssl when it is absent. */
    static URI endpointUri(String address, boolean ssl) throws SQLException {
        String a = address.strip();
        while (a.endsWith("/")) {
            a = a.substring(0, a.length() - 1);
        }
        String text = a.contains("://") ? a : (ssl ? "https://" : "http://") + a;
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null) {
                throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                        "Firebolt engine endpoint '" + address + "' is not a host name");
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (java.net.URISyntaxException e) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Firebolt engine endpoint '" + address + "' is not a valid address", e);
        }
    }

    @Override
    public Execution newExecution(String sql, ExecutionOptions options) throws SQLException {
        if (sql == null || sql.isBlank()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("Empty SQL statement");
        }
        ClientStatements.ClientStatement statement = ClientStatements.recognise(sql);
        if (statement instanceof ClientStatements.SetStatement set) {
            return new ClientExecution("Firebolt SET " + set.key(), handle -> {
                sessionSettings.put(set.key(), set.value());
                return StatementResult.update(0);
            });
        }
        if (statement instanceof ClientStatements.EngineStatement control) {
            return new ClientExecution("Firebolt " + control.action() + " of engine '" + control.engine() + "'",
                    handle -> engineControl(control));
        }
        return new FireboltExecution(request(sql, options));
    }

    /** What an execution of {@code sql} sends, with the SET values as they are now. */
    FireboltQueryRequest request(String sql, ExecutionOptions options) {
        return new FireboltQueryRequest(sql, client, endpoint, database, engineName, outputFormat, compression,
                sessionSettings,
                options == null ? ExecutionOptions.DEFAULT : options, autoStart && engineName != null
                        ? handle -> engines.startAndWait(engines.status(engineName), engineStartTimeout, handle)
                        : null);
    }

    private StatementResult engineControl(ClientStatements.EngineStatement control) throws SQLException {
        EngineStatus status = switch (control.action()) {
            case "start" -> engines.start(control.engine());
            case "stop" -> engines.stop(control.engine());
            default -> engines.restart(control.engine());
        };
        ColumnType text = FireboltTypes.parse("TEXT");
        return StatementResult.rows(List.of(new ColumnInfo("engine_name", text), new ColumnInfo("status", text)),
                new ListRowCursor(List.of(List.of(status.name(), status.currentStatusSummary()))));
    }

    @Override
    public MetadataSource metadata() {
        return metadata;
    }

    @Override
    public String productName() {
        return "Firebolt";
    }

    @Override
    public String productVersion() {
        // The v1 API exposes no version; asking the engine would cost a query per connection.
        return "1";
    }

    @Override
    public String database() {
        return database;
    }

    /** Hands out only the public engine API; the session itself is internal. */
    @Override
    public <T> T unwrap(Class<T> type) {
        return type == FireboltEngines.class ? type.cast(engines) : null;
    }

    @Override
    public boolean isValid(int timeoutSeconds) {
        Execution execution = new FireboltExecution(request("SELECT 1", new ExecutionOptions(timeoutSeconds, 1, 0)));
        CompletableFuture<Void> timer = null;
        if (timeoutSeconds > 0) {
            timer = new CompletableFuture<>();
            timer.completeOnTimeout(null, timeoutSeconds, TimeUnit.SECONDS).thenRun(execution::cancel);
        }
        try {
            StatementResult result = execution.start();
            if (result.hasRows()) {
                try (var cursor = result.cursor()) {
                    RowBuffer row = new RowBuffer(Math.max(1, result.columns().size()));
                    while (cursor.next(row)) {
                        // Read to the end so an error after the rows is noticed.
                    }
                }
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Firebolt connection check failed", e);
            return false;
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    @Override
    public BackendDescription description() {
        return FireboltDescription.DESCRIPTION;
    }

    /** Firebolt v1 has no transactions: every statement commits as it runs. */
    @Override
    public TransactionSupport transactions() {
        return TransactionSupport.NONE;
    }

    @Override
    public SqlDialect dialect() {
        return FireboltDialect.INSTANCE;
    }

    /** The transport is closed once no {@code /cancel} of a statement of this session is still being sent. */
    @Override
    public void close() {
        client.cancels().closeTransport();
    }

    @Override
    public String toString() {
        return "FireboltSession{database=" + database + ", endpoint=" + endpoint + "}";
    }
}
