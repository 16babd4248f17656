package dev.rowpipe.local;

import com.sun.net.httpserver.HttpServer;
import dev.rowpipe.local.firebolt.EngineSpec;
import dev.rowpipe.local.firebolt.Engines;
import dev.rowpipe.local.firebolt.FireboltApi;
import dev.rowpipe.local.firebolt.FireboltSql;
import dev.rowpipe.local.firebolt2.Firebolt2;
import dev.rowpipe.local.firebolt2.Firebolt2Settings;
import dev.rowpipe.local.td.TdApi;
import dev.rowpipe.local.td.TdJobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local stand-in for Firebolt (v1 REST API) and Treasure Data (v3 REST API) over an embedded DuckDB, on
 * loopback only. One API port serves Firebolt's control plane ({@code /auth}, {@code /core}) and TD
 * ({@code /v3}); each running Firebolt engine listens on a port of its own. Firebolt 2.0 and Core
 * ({@link dev.rowpipe.local.firebolt2}) are served beside them when {@link Builder#firebolt2} asks for them.
 *
 * <pre>{@code
 * try (LocalServer server = LocalServer.builder().dataDir(dir).build().start()) {
 *     String url = server.fireboltJdbcUrl();
 * }
 * }</pre>
 */
public final class LocalServer implements AutoCloseable {

    public static final String DEMO_USER = "demo@rowpipe.dev";
    public static final String DEMO_PASSWORD = "demo";
    public static final String DEMO_API_KEY = "1/demo0123456789abcdef0123456789abcdef01234";
    public static final String FIREBOLT_DATABASE = "local_db";
    public static final String TD_DATABASE = "sample_datasets";

    /** Prefix of every thread the server starts, so a test can check none is left after close. */
    public static final String THREAD_PREFIX = "rowpipe-local-";

    private static final Logger LOG = Logger.getLogger(LocalServer.class.getName());

    static {
        // The JDK HTTP server leaves Nagle's algorithm on: a small answer written after its headers then waits
        // for the client's delayed ACK, 40 ms per response on Linux loopback. Read once, when the first server
        // is made; a value the user set wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Builder config;
    private Database database;
    private ExecutorService httpPool;
    private ScheduledExecutorService scheduler;
    private HttpServer api;
    private Engines engines;
    private TdJobs jobs;
    private TokenStore tokens;
    private FaultInjector faults;
    private Firebolt2 firebolt2;
    private boolean closed;

    private LocalServer(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the data folder and sample data if needed, opens DuckDB and the listeners. */
    public synchronized LocalServer start() {
        if (api != null) {
            throw new IllegalStateException("Server already started");
        }
        try {
            Path dir = Files.createDirectories(config.dataDir);
            database = new Database(dir.resolve("local.duckdb"));
            SampleData.ensure(database, dir, config.sampleRows, config.firebolt || config.firebolt2.enabled(), config.td);
            if (config.firebolt || config.firebolt2.enabled()) {
                for (String db : config.fireboltDatabases()) {
                    try (var c = database.connect(null); var s = c.createStatement()) {
                        s.execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdent(db));
                    }
                }
            }
            httpPool = Executors.newCachedThreadPool(threads("http"));
            scheduler = Executors.newSingleThreadScheduledExecutor(threads("scheduler"));
            tokens = new TokenStore(config.tokenTtlSeconds, Clock.systemUTC());
            faults = new FaultInjector(config.faults, tokens);
            api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 0);
            api.setExecutor(httpPool);
            if (config.firebolt) {
                engines = new Engines(config.engines, database, new FireboltSql(dir.resolve("s3")), tokens, faults,
                        httpPool, scheduler, config.engineStartDelayMs);
                FireboltApi firebolt = new FireboltApi(config.users, tokens, engines, "local");
                api.createContext("/auth/", faults.wrap(firebolt));
                api.createContext("/core/", faults.wrap(firebolt));
                engines.startConfigured();
            }
            if (config.firebolt2.enabled()) {
                firebolt2 = new Firebolt2(config.firebolt2, config.fireboltDatabases(), database,
                        new FireboltSql(dir.resolve("s3")), tokens, faults, httpPool, scheduler, config.engineStartDelayMs);
                if (config.firebolt2.platform()) {
                    api.createContext("/oauth/", faults.wrap(firebolt2.idHandler()));
                    api.createContext("/web/", faults.wrap(firebolt2.apiHandler()));
                }
                firebolt2.start(apiUrl());
            }
            if (config.td) {
                jobs = new TdJobs(database, Files.createDirectories(dir.resolve("jobs")),
                        Set.copyOf(config.fireboltDatabases()), threads("td-job"), config.tdJobQueuedMs,
                        config.tdJobRunningMs);
                api.createContext("/v3/", faults.wrap(new TdApi(config.apiKeys, database, jobs,
                        config.fireboltDatabases())));
            }
            api.start();
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Local server could not start in " + config.dataDir, e);
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("Local server could not open DuckDB in " + config.dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static ThreadFactory threads(String kind) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, THREAD_PREFIX + kind + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public boolean fireboltEnabled() {
        return config.firebolt;
    }

    public boolean tdEnabled() {
        return config.td;
    }

    /** Whether the Firebolt 2.0 platform or Firebolt Core is served. */
    public boolean firebolt2Enabled() {
        return firebolt2 != null;
    }

    public int apiPort() {
        return api.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}: Firebolt's control plane and TD's API. */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort();
    }

    /** The query port of a running engine. */
    public int enginePort(String engineName) {
        var e = engines == null ? null : engines.byName(engineName);
        if (e == null) {
            throw new IllegalArgumentException("No engine named '" + engineName + "'");
        }
        return e.port();
    }

    /** Whether a Firebolt query with that {@code query_id} still runs on an engine of this server (v1, 2.0, Core). */
    public boolean isFireboltQueryRunning(String queryId) {
        return engines != null && engines.isQueryRunning(queryId)
                || firebolt2 != null && firebolt2.isQueryRunning(queryId);
    }

    /** The Firebolt 2.0 platform and Core: their URLs, demo credentials and state. */
    public Firebolt2 firebolt2() {
        if (firebolt2 == null) {
            throw new IllegalStateException("Neither Firebolt 2.0 nor Core is served: set Builder.firebolt2(..)");
        }
        return firebolt2;
    }

    public String fireboltJdbcUrl() {
        return fireboltJdbcUrl(FIREBOLT_DATABASE);
    }

    /** A driver URL without secrets: pass {@link #demoUser()} and {@link #demoPassword()} as properties. */
    public String fireboltJdbcUrl(String database) {
        return "jdbc:firebolt://127.0.0.1:" + apiPort() + "/" + database + "?ssl=false";
    }

    public String tdJdbcUrl() {
        return tdJdbcUrl(TD_DATABASE);
    }

    public String tdJdbcUrl(String database) {
        return "jdbc:td://127.0.0.1:" + apiPort() + "/" + database + ";useSSL=false";
    }

    public String demoUser() {
        return DEMO_USER;
    }

    public String demoPassword() {
        return config.users.get(DEMO_USER);
    }

    public String demoApiKey() {
        return DEMO_API_KEY;
    }

    public Path dataDir() {
        return config.dataDir;
    }

    /** Replaces the server-wide faults (per-request faults still apply on top). */
    public void setFaults(FaultSettings settings) {
        faults.setServerFaults(Objects.requireNonNull(settings, "settings"));
    }

    public FaultSettings faults() {
        return faults.serverFaults();
    }

    /** Expires every Firebolt access token issued so far. */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    /** Stops every listener, cancels running queries and jobs, stops all threads and closes DuckDB. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (engines != null) {
            engines.close();
        }
        if (firebolt2 != null) {
            firebolt2.close();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (api != null) {
            api.stop(0);
        }
        shutdown(httpPool);
        shutdown(scheduler);
        if (database != null) {
            try {
                database.close();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "Closing DuckDB failed", e);
            }
        }
    }

    private static void shutdown(ExecutorService pool) {
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("Local server threads did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Server settings; every one has a default that gives the demo setup. */
    public static final class Builder {
        private Path dataDir = Path.of("local-data");
        private int port;
        private boolean firebolt = true;
        private boolean td = true;
        private final Map<String, String> users = new LinkedHashMap<>(Map.of(DEMO_USER, DEMO_PASSWORD));
        private final Set<String> apiKeys = new LinkedHashSet<>(Set.of(DEMO_API_KEY));
        private List<EngineSpec> engines = List.of(
                new EngineSpec("local_engine", FIREBOLT_DATABASE, true),
                new EngineSpec("local_engine_2", null, false));
        private long tokenTtlSeconds = 43200;
        private long engineStartDelayMs = 1000;
        private long tdJobQueuedMs;
        private long tdJobRunningMs;
        private long sampleRows = 200_000;
        private FaultSettings faults = FaultSettings.NONE;
        private Firebolt2Settings firebolt2 = Firebolt2Settings.OFF;

        private Builder() {
        }

        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dataDir");
            return this;
        }

        /** Port of the API listener; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder firebolt(boolean enabled) {
            this.firebolt = enabled;
            return this;
        }

        public Builder td(boolean enabled) {
            this.td = enabled;
            return this;
        }

        /** Adds a Firebolt user. */
        public Builder user(String username, String password) {
            users.put(Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /** Adds a Treasure Data API key. */
        public Builder apiKey(String key) {
            apiKeys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        /** Replaces the engines. */
        public Builder engines(List<EngineSpec> engines) {
            this.engines = List.copyOf(engines);
            return this;
        }

        public Builder tokenTtlSeconds(long seconds) {
            if (seconds <= 0) {
                throw new IllegalArgumentException("tokenTtlSeconds must be > 0: " + seconds);
            }
            this.tokenTtlSeconds = seconds;
            return this;
        }

        public Builder engineStartDelayMs(long ms) {
            if (ms < 0) {
                throw new IllegalArgumentException("engineStartDelayMs must be >= 0: " + ms);
            }
            this.engineStartDelayMs = ms;
            return this;
        }

        /**
         * Makes every TD job slow, as real ones are: it stays {@code queued} for {@code queuedMs}, then
         * {@code running} for at least {@code runningMs} before its query runs (a kill ends either wait at once).
         * Default 0 and 0: jobs run as soon as a job thread is free.
         */
        public Builder tdJobDelays(long queuedMs, long runningMs) {
            if (queuedMs < 0 || runningMs < 0) {
                throw new IllegalArgumentException("TD job delays must be >= 0: " + queuedMs + ", " + runningMs);
            }
            this.tdJobQueuedMs = queuedMs;
            this.tdJobRunningMs = runningMs;
            return this;
        }

        /** Rows of each generated TD sample table (Firebolt sample files get a tenth); default 200,000. */
        public Builder sampleRows(long rows) {
            if (rows < 10) {
                throw new IllegalArgumentException("sampleRows must be >= 10: " + rows);
            }
            this.sampleRows = rows;
            return this;
        }

        public Builder faults(FaultSettings faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** What to serve of Firebolt 2.0 and Firebolt Core (default: neither). */
        public Builder firebolt2(Firebolt2Settings settings) {
            this.firebolt2 = Objects.requireNonNull(settings, "firebolt2");
            return this;
        }

        List<String> fireboltDatabases() {
            List<String> dbs = new ArrayList<>();
            dbs.add(FIREBOLT_DATABASE);
            for (EngineSpec e : engines) {
                if (e.database() != null && !dbs.contains(e.database())) {
                    dbs.add(e.database());
                }
            }
            if (firebolt2.core() && !dbs.contains(firebolt2.coreDatabase())) {
                dbs.add(firebolt2.coreDatabase());
            }
            return dbs;
        }

        public LocalServer build() {
            if (!firebolt && !td && !firebolt2.enabled()) {
                throw new IllegalArgumentException("Enable at least one of firebolt, td and firebolt2");
            }
            Builder copy = new Builder();
            copy.dataDir = dataDir;
            copy.port = port;
            copy.firebolt = firebolt;
            copy.td = td;
            copy.users.clear();
            copy.users.putAll(users);
            copy.apiKeys.clear();
            copy.apiKeys.addAll(apiKeys);
            copy.engines = engines;
            copy.tokenTtlSeconds = tokenTtlSeconds;
            copy.engineStartDelayMs = engineStartDelayMs;
            copy.tdJobQueuedMs = tdJobQueuedMs;
            copy.tdJobRunningMs = tdJobRunningMs;
            copy.sampleRows = sampleRows;
            copy.faults = faults;
            copy.firebolt2 = firebolt2;
            return new LocalServer(copy);
        }
    }
}
