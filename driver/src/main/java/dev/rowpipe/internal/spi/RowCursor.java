package dev.rowpipe.internal.spi;

import java.sql.SQLException;

/**
 * Streams rows off the wire. Each call to {@link #next(RowBuffer)} decodes exactly one row into the caller's
 * reused buffer; nothing is read ahead beyond the decoder's I/O buffer. Not thread-safe, except
 * {@link #close()}, which may be called from another thread to abort a blocked read.
 */
public interface RowCursor extends AutoCloseable {

    /**
     * Decodes the next row into {@code row} (after {@code row.clear()}).
     * @return false at the clean end of the result
     * @throws SQLException when the body ends early, is malformed, or carries a server error after some rows
     *         (a truncated result is never reported as a clean end)
     */
    boolean next(RowBuffer row) throws SQLException;

    /** Releases the underlying response without draining it. Idempotent. */
    @Override
    void close();
}
