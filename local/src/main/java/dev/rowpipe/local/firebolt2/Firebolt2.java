package dev.rowpipe.local.firebolt2;

import com.sun.net.httpserver.HttpHandler;
import dev.rowpipe.local.Database;
import dev.rowpipe.local.FaultInjector;
import dev.rowpipe.local.TokenStore;
import dev.rowpipe.local.firebolt.FireboltSql;
import dev.rowpipe.local.firebolt.QueryRegistry;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The local Firebolt 2.0 platform and Firebolt Core: one account with its system engine and user engines, and a
 * Core engine, each on a loopback port of its own, over the server's DuckDB file. The "id" and "api" hosts of the
 * real platform are paths of the server's API port ({@link #idHandler()}, {@link #apiHandler()}).
 */
public final class Firebolt2 implements AutoCloseable {

    private final Firebolt2Settings settings;
    private final List<String> databases;
    private final Database database;
    private final ExecutorService executor;
    private final String accountId;
    private final Instant started = Instant.now();
    private final ServiceTokens tokens;
    private final QueryRegistry queries = new QueryRegistry();
    private final Map<String, UserEngine> engines = new LinkedHashMap<>();
    private final Catalog catalog;
    private final Sql2 sql;
    private final QueryRunner runner;
    private final Transactions transactions;
    private final QueryHistory systemHistory;
    private final QueryHistory coreHistory;
    private final List<Listener> listeners = new ArrayList<>();
    private final FaultInjector faults;
    private volatile boolean closing;
    private String apiUrl;
    private Listener system;
    private Listener core;

    /**
     * @param databases the Firebolt databases (DuckDB schemas that exist), shared with v1
     */
    public Firebolt2(Firebolt2Settings settings, List<String> databases, Database database, FireboltSql rewriter,
                     TokenStore tokenStore, FaultInjector faults, ExecutorService executor,
                     ScheduledExecutorService scheduler, long engineStartDelayMs) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.databases = List.copyOf(databases);
        this.database = database;
        this.executor = executor;
        this.faults = faults;
        this.accountId = UUID.nameUUIDFromBytes(("rowpipe-local-account:" + settings.account())
                .getBytes(StandardCharsets.UTF_8)).toString();
        this.tokens = new ServiceTokens(tokenStore);
        this.catalog = new Catalog(this, database);
        this.sql = new Sql2(rewriter, catalog, database);
        this.runner = new QueryRunner(database, queries, scheduler, catalog, () -> closing);
        this.transactions = new Transactions(database, settings.transactionTimeoutMs(), scheduler);
        this.systemHistory = new QueryHistory(scheduler, settings.queryHistoryDelayMs());
        this.coreHistory = new QueryHistory(scheduler, settings.queryHistoryDelayMs());
        if (settings.platform()) {
            for (UserEngineSpec spec : settings.engines()) {
                engines.put(spec.name(), new UserEngine(spec, scheduler, engineStartDelayMs,
                        new QueryHistory(scheduler, settings.queryHistoryDelayMs())));
            }
        }
    }

    /** Opens the engines' ports. {@code apiUrl} is the server's API base URL, which serves the id and api hosts. */
    public synchronized void start(String apiUrl) throws IOException {
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl is null");
        try {
            if (settings.platform()) {
                system = listen(0, new EngineHandler(this, EngineRole.SYSTEM, null, "system", systemHistory));
                for (UserEngine e : engines.values()) {
                    e.attach(listen(0, new EngineHandler(this, EngineRole.USER, e, key(e), e.history())));
                }
            }
            if (settings.core()) {
                core = listen(settings.corePort(), new EngineHandler(this, EngineRole.CORE, null, "core",
                        coreHistory));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Listener listen(int port, HttpHandler handler) throws IOException {
        Listener l = new Listener(port, faults.wrap(handler), executor);
        listeners.add(l);
        return l;
    }

    /** {@code /oauth/token}: mount on the API port as the "id" host. */
    public HttpHandler idHandler() {
        return new TokenEndpoint(settings.serviceAccounts(), tokens);
    }

    /** {@code /web/v3/account/..}: mount on the API port as the "api" host. */
    public HttpHandler apiHandler() {
        return new AccountEndpoints(this, tokens);
    }

    public Firebolt2Settings settings() {
        return settings;
    }

    public String account() {
        return settings.account();
    }

    public String accountId() {
        return accountId;
    }

    /** Base URL of the "id" host: {@code POST <idUrl>/oauth/token}. The API port; same as {@link #apiUrl()}. */
    public String idUrl() {
        return apiUrl;
    }

    /** Base URL of the "api" host: {@code GET <apiUrl>/web/v3/account/<account>/engineUrl}. */
    public String apiUrl() {
        return apiUrl;
    }

    public String demoClientId() {
        return Firebolt2Settings.DEMO_CLIENT_ID;
    }

    public String demoClientSecret() {
        return secretOf(Firebolt2Settings.DEMO_CLIENT_ID);
    }

    public String unlinkedClientId() {
        return Firebolt2Settings.UNLINKED_CLIENT_ID;
    }

    public String unlinkedClientSecret() {
        return secretOf(Firebolt2Settings.UNLINKED_CLIENT_ID);
    }

    private String secretOf(String clientId) {
        for (ServiceAccount a : settings.serviceAccounts()) {
            if (a.clientId().equals(clientId)) {
                return a.clientSecret();
            }
        }
        throw new IllegalStateException("No service account " + clientId);
    }

    /** What {@code engineUrl} answers: {@code 127.0.0.1:PORT/query?account_id=..} (no scheme). */
    public String systemEngineEndpoint() {
        return requirePlatform().hostPort() + EngineHandler.SYSTEM_PATH + "?account_id="
                + URLEncoder.encode(accountId, StandardCharsets.UTF_8);
    }

    /** {@code http://127.0.0.1:PORT/query}: where the system engine takes SQL. */
    public String systemEngineUrl() {
        return "http://" + requirePlatform().hostPort() + EngineHandler.SYSTEM_PATH;
    }

    /** {@code 127.0.0.1:PORT} of a user engine (the host USE ENGINE sends the client to). */
    public String userEngineEndpoint(String name) {
        UserEngine e = userEngine(name);
        if (e == null) {
            throw new IllegalArgumentException("No 2.0 engine named '" + name + "'");
        }
        return e.hostPort();
    }

    /** {@code http://127.0.0.1:PORT}: Firebolt Core's query URL. */
    public String coreUrl() {
        if (core == null) {
            throw new IllegalStateException("Firebolt Core is not served (Firebolt2Settings.core)");
        }
        return "http://" + core.hostPort();
    }

    /**
     * A rowpipe driver URL for the 2.0 platform, without secrets: pass {@link #demoClientId()} and {@link
     * #demoClientSecret()} as the properties {@code client_id} and {@code client_secret} (or {@code user} and
     * {@code password}). The host serves the sign-in and the discovery; {@code engine} may be null (the system
     * engine).
     */
    public String jdbcUrl(String database, String engine) {
        requirePlatform();
        return "jdbc:firebolt://" + apiUrl.substring(apiUrl.indexOf("://") + 3) + "/" + database + "?ssl=false&account="
                + URLEncoder.encode(account(), StandardCharsets.UTF_8)
                + (engine == null ? "" : "&engine=" + URLEncoder.encode(engine, StandardCharsets.UTF_8));
    }

    /** A rowpipe driver URL for Firebolt Core (no sign-in). */
    public String coreJdbcUrl(String database) {
        return "jdbc:firebolt:" + database + "?url=" + coreUrl();
    }

    public int corePort() {
        coreUrl();
        return core.port();
    }

    /** What is served, one line each, for the command line (demo credentials included, as for v1). */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        if (system != null) {
            lines.add("Firebolt 2.0 account '" + account() + "' (id and api hosts: " + apiUrl + ")");
            lines.add("  sign-in:      POST " + idUrl() + "/oauth/token  client_id " + demoClientId()
                    + "  client_secret " + demoClientSecret());
            lines.add("  discovery:    GET " + apiUrl() + "/web/v3/account/" + account() + "/engineUrl");
            lines.add("  system engine: " + systemEngineUrl() + "  (USE DATABASE local_db, USE ENGINE local_engine)");
            for (UserEngine e : userEngines()) {
                lines.add("  user engine " + e.name() + ": http://" + e.hostPort() + "/  " + e.status());
            }
        }
        if (core != null) {
            lines.add("Firebolt Core (no authentication): " + coreUrl() + "/  database " + settings.coreDatabase());
        }
        return lines;
    }

    /** Whether a 2.0 or Core query with that id still runs (for tests and tools; changes nothing). */
    public boolean isQueryRunning(String queryId) {
        return queries.isRunning(queryId);
    }

    /** Whether a transaction with that id is open (for tests and tools; changes nothing). */
    public boolean isTransactionOpen(String transactionId) {
        return transactions.isOpen(transactionId);
    }

    private Listener requirePlatform() {
        if (system == null) {
            throw new IllegalStateException("The Firebolt 2.0 platform is not served (Firebolt2Settings.platform)");
        }
        return system;
    }

    ServiceTokens tokens() {
        return tokens;
    }

    QueryRegistry queries() {
        return queries;
    }

    Transactions transactions() {
        return transactions;
    }

    Sql2 sql() {
        return sql;
    }

    QueryRunner runner() {
        return runner;
    }

    Instant started() {
        return started;
    }

    List<String> databases() {
        return databases;
    }

    boolean databaseExists(String name) throws Firebolt2Error {
        try {
            return databases.contains(name) && database.schemas().contains(name);
        } catch (SQLException e) {
            throw Firebolt2Error.fromDuckDb(e.getMessage(), "Reading the catalog failed: ");
        }
    }

    synchronized List<UserEngine> userEngines() {
        return new ArrayList<>(engines.values());
    }

    synchronized UserEngine userEngine(String name) {
        return engines.get(name);
    }

    /** STOP ENGINE: its queries are cancelled and its transactions rolled back. */
    void stop(UserEngine engine) {
        engine.stop();
        queries.cancelAll(key(engine));
        transactions.rollbackAll(key(engine));
    }

    /** The engine's key in the query registry and among transactions (apart from "system" and "core"). */
    private static String key(UserEngine engine) {
        return "user:" + engine.name();
    }

    /** Closes every engine port, cancels running queries and rolls back open transactions. */
    @Override
    public synchronized void close() {
        // Set before cancelling: a query registering from now on cancels itself.
        closing = true;
        for (Listener l : listeners) {
            l.close();
        }
        listeners.clear();
        for (UserEngine e : engines.values()) {
            // Wakes requests waiting for an engine to start.
            e.stop();
        }
        queries.cancelAll(null);
        transactions.close();
    }
}
