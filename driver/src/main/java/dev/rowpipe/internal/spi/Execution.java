package dev.rowpipe.internal.spi;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * One statement on its way to the server. {@link #start()} is called once by the executing thread;
 * {@link #cancel()} may be called from any thread at any time, before, during or after start().
 *
 * <p>A backend does not translate what a cancel does to it: after {@link #cancel()}, {@code start()} and the
 * result's cursor fail (or stop) however the abort makes them fail. The JDBC layer knows whether the user
 * cancelled or the query timeout fired, and reports that (HY008 or HYT00) with this execution's
 * {@link #description()}.
 */
public interface Execution {

    /** Client-chosen query id (Firebolt) or the job id once issued (Treasure Data); null before known. */
    String id();

    /**
     * What this statement is, for messages: e.g. {@code Firebolt query <id>}, {@code Treasure Data job <id>}. Read
     * when a message is made, so it may name an id that became known late.
     */
    default String description() {
        String id = id();
        return id == null ? "The statement" : "Query " + id;
    }

    /** Sends the statement and returns once the result is available to stream (or the update finished). Blocks. */
    StatementResult start() throws SQLException;

    /**
     * Aborts: closes the in-flight HTTP exchange (unblocking any reader) and starts telling the server to stop the
     * query. Returns promptly and throws nothing: the call to the server is made on a driver thread (see
     * {@link #stopped()}), never on the caller's, which may be interrupted.
     */
    void cancel();

    /**
     * Completes (never exceptionally) once the server-side stop a {@link #cancel()} started has ended: the server took
     * it, or the driver gave up within its bound. Complete when nothing was sent.
     */
    default CompletableFuture<Void> stopped() {
        return CompletableFuture.completedFuture(null);
    }
}
