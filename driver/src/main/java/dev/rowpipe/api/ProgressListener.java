package dev.rowpipe.api;

/**
 * Receives the {@link QueryProgress} of statements, set per statement with
 * {@code statement.unwrap(RowpipeStatement.class).setProgressListener(..)} or for every statement of a connection
 * with {@code connection.unwrap(RowpipeConnection.class).setProgressListener(..)}.
 *
 * <p>Calls come on a driver-owned daemon thread, never on the thread running the statement, one at a time and in
 * order for each statement; a slow listener delays only later events, never the statement. An exception thrown here
 * is logged (the first one of a listener as a WARNING on {@code dev.rowpipe.jdbc}, later ones at FINE) and does
 * not reach the statement.
 */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(QueryProgress progress);
}
