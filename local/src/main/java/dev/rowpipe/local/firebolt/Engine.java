package dev.rowpipe.local.firebolt;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One engine: a query listener on its own loopback port while running, nothing listening while stopped.
 * Starting takes a configurable delay, during which the engine reports STARTING statuses.
 */
public final class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    static final String ACCOUNT_ID = UUID.nameUUIDFromBytes("rowpipe-local-account".getBytes()).toString();

    private final EngineSpec spec;
    private final String id;
    private final String revisionId;
    private final HttpHandler handler;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final long startDelayMs;
    private final String createTime = java.time.Instant.now().toString();
    private final QueryRegistry queries;
    private int port;
    private HttpServer server;
    private ScheduledFuture<?> pendingStart;
    private String status;
    private String summary;
    private String lastUpdate = createTime;

    Engine(EngineSpec spec, HttpHandler handler, Executor executor, ScheduledExecutorService scheduler,
           long startDelayMs, QueryRegistry queries) {
        this.spec = spec;
        this.id = UUID.nameUUIDFromBytes(("engine:" + spec.name()).getBytes()).toString();
        this.revisionId = UUID.nameUUIDFromBytes(("revision:" + spec.name()).getBytes()).toString();
        this.handler = handler;
        this.executor = executor;
        this.scheduler = scheduler;
        this.startDelayMs = startDelayMs;
        this.queries = queries;
        this.port = reservePort();
        setStopped();
    }

    public String name() {
        return spec.name();
    }

    public String id() {
        return id;
    }

    public String database() {
        return spec.database();
    }

    public synchronized int port() {
        return port;
    }

    public synchronized String endpoint() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized String status() {
        return status;
    }

    /** Begins starting; the port opens after the start delay. No effect when running or starting. */
    public synchronized void start() {
        if (server != null || pendingStart != null) {
            return;
        }
        status = "ENGINE_STATUS_PROVISIONING_STARTED";
        summary = "ENGINE_STATUS_SUMMARY_STARTING";
        touch();
        pendingStart = scheduler.schedule(this::startingRevision, startDelayMs / 2, TimeUnit.MILLISECONDS);
    }

    /** Opens the port now (used at server start for engines configured as running). */
    synchronized void startNow() throws IOException {
        bind();
    }

    private synchronized void startingRevision() {
        if (pendingStart == null) {
            return;
        }
        status = "ENGINE_STATUS_RUNNING_REVISION_STARTING";
        touch();
        pendingStart = scheduler.schedule(this::finishStart, startDelayMs - startDelayMs / 2, TimeUnit.MILLISECONDS);
    }

    private synchronized void finishStart() {
        if (pendingStart == null) {
            return;
        }
        pendingStart = null;
        try {
            bind();
        } catch (IOException e) {
            // Nobody waits on this scheduled task: report through the status and the log.
            setStopped();
            LOG.log(Level.WARNING, "Engine " + spec.name() + " could not open a port", e);
        }
    }

    private void bind() throws IOException {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            // Someone took the port while the engine was stopped: the endpoint moves, as a real one may.
            s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        s.createContext("/", handler);
        s.setExecutor(executor);
        s.start();
        server = s;
        port = s.getAddress().getPort();
        status = "ENGINE_STATUS_RUNNING_REVISION_SERVING";
        summary = "ENGINE_STATUS_SUMMARY_RUNNING";
        touch();
    }

    /** Closes the port and cancels the engine's running queries. */
    public synchronized void stop() {
        if (pendingStart != null) {
            pendingStart.cancel(false);
            pendingStart = null;
        }
        if (server != null) {
            server.stop(0);
            server = null;
        }
        queries.cancelAll(id);
        setStopped();
    }

    public synchronized void restart() {
        stop();
        start();
    }

    private void setStopped() {
        // The seed shows a stopped engine this way.
        status = "ENGINE_STATUS_RUNNING_IDLE";
        summary = "ENGINE_STATUS_SUMMARY_STOPPED";
        touch();
    }

    private void touch() {
        lastUpdate = java.time.Instant.now().toString();
    }

    Map<String, Object> idJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_id", ACCOUNT_ID);
        m.put("engine_id", id);
        return m;
    }

    /** The engine object as the control plane returns it. */
    synchronized Map<String, Object> toJson() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", idJson());
        e.put("name", spec.name());
        e.put("description", "");
        e.put("emoji", "1F3A5");
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("provider_id", UUID.nameUUIDFromBytes("local-provider".getBytes()).toString());
        region.put("region_id", UUID.nameUUIDFromBytes("local-region".getBytes()).toString());
        e.put("compute_region_id", region);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("preset", "ENGINE_SETTINGS_PRESET_GENERAL_PURPOSE");
        settings.put("auto_stop_delay_duration", "1200s");
        settings.put("minimum_logging_level", "ENGINE_SETTINGS_LOGGING_LEVEL_INFO");
        settings.put("is_read_only", false);
        settings.put("warm_up", "ENGINE_SETTINGS_WARM_UP_INDEXES");
        e.put("settings", settings);
        e.put("current_status", status);
        e.put("current_status_summary", summary);
        Map<String, Object> revision = idJson();
        revision.put("engine_revision_id", revisionId);
        e.put("latest_revision_id", revision);
        e.put("endpoint", "127.0.0.1:" + port);
        e.put("endpoint_serving_revision_id", server == null ? null : revision);
        e.put("create_time", createTime);
        e.put("create_actor", "/users/" + UUID.nameUUIDFromBytes("local-user".getBytes()));
        e.put("last_update_time", lastUpdate);
        e.put("last_update_actor", "");
        e.put("last_use_time", null);
        e.put("desired_status", "ENGINE_STATUS_UNSPECIFIED");
        e.put("health_status", "ENGINE_HEALTH_STATUS_UNSPECIFIED");
        e.put("endpoint_desired_revision_id", null);
        return e;
    }

    private static int reservePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port for an engine", e);
        }
    }
}
