package dev.rowpipe.local.firebolt;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Running Firebolt queries by query_id, so that /cancel, timeouts and engine stops can cancel them. */
public final class QueryRegistry {

    private static final Logger LOG = Logger.getLogger(QueryRegistry.class.getName());

    private record Running(String engineId, Statement statement, AtomicBoolean cancelled) {
    }

    /** How often a cancelled query's statement is cancelled again until it is over. */
    private static final long RECANCEL_MILLIS = 100;

    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /**
     * Cancels {@code statement} again every {@value #RECANCEL_MILLIS} ms once {@code cancelled} is set, until the
     * returned future is cancelled when the query is over: DuckDB ignores a cancel that lands before its query starts
     * executing, so a cancel racing the start is never lost.
     */
    public static ScheduledFuture<?> repeatCancels(ScheduledExecutorService scheduler, Statement statement,
                                                   AtomicBoolean cancelled) {
        return scheduler.scheduleWithFixedDelay(() -> {
            if (cancelled.get()) {
                try {
                    statement.cancel();
                } catch (SQLException ignored) {
                    // The statement ended meanwhile.
                }
            }
        }, RECANCEL_MILLIS, RECANCEL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Registers a query; false when the id is already in use by a running query. */
    public boolean register(String queryId, String engineId, Statement statement, AtomicBoolean cancelled) {
        return running.putIfAbsent(queryId, new Running(engineId, statement, cancelled)) == null;
    }

    public void unregister(String queryId, Statement statement) {
        running.computeIfPresent(queryId, (k, v) -> v.statement == statement ? null : v);
    }

    /** Whether a query with that id is registered (running, or finishing after a cancel). */
    public boolean isRunning(String queryId) {
        return running.containsKey(queryId);
    }

    /** Cancels a running query; false when no query with that id runs. */
    public boolean cancel(String queryId) {
        Running r = running.get(queryId);
        if (r == null) {
            return false;
        }
        cancel(r);
        return true;
    }

    /** Cancels every query of that engine (null: of every engine). */
    public void cancelAll(String engineId) {
        running.values().removeIf(r -> {
            if (engineId == null || r.engineId.equals(engineId)) {
                cancel(r);
                return true;
            }
            return false;
        });
    }

    private static void cancel(Running r) {
        // Set first: the query thread reads it when DuckDB's interrupt error reaches it.
        r.cancelled.set(true);
        try {
            r.statement.cancel();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Cancel failed", e);
        }
    }
}
