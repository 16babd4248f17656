package dev.rowpipe.internal.spi;

import java.sql.SQLException;

/**
 * One statement on its way to the server. {@link #start()} is called once by the executing thread;
 * {@link #cancel(boolean)} may be called from any thread at any time, before, during or after start().
 */
public interface Execution {

    /** Client-chosen query id (Firebolt) or the job id once issued (Treasure Data); null before known. */
    String id();

    /**
     * Sends the statement and returns once the result is available to stream (or the update finished).
     * Blocks; throws SQLException with state HY008 when cancelled and HYT00 when timed out.
     */
    StatementResult start() throws SQLException;

    /**
     * Aborts: closes the in-flight HTTP exchange (unblocking any reader) and tells the server to stop the query.
     * @param timedOut true when the cancel comes from the query timeout, so errors are reported as HYT00
     */
    void cancel(boolean timedOut);
}
