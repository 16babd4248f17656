package dev.rowpipe.internal.codec;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ResponseBody;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.spi.ValueTooLargeException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The part every streaming cursor shares: counting rows, turning I/O failures into SQLExceptions, staying
 * failed after a failure (every later {@link #next} throws again), and closing the response exactly once.
 * The InputStream itself is never closed here (closing an HttpClient body would drain all of it); the response
 * is: released when no read is in progress (the transport may then read a small rest to keep the connection),
 * aborted when {@link #close} comes from another thread while a read is blocked on it.
 */
public abstract class StreamingCursor implements RowCursor {
    private static final Logger LOG = Logger.getLogger(StreamingCursor.class.getName());

    /** The longest part of a cause's message an error repeats (a parser may quote a whole body line). */
    private static final int MAX_DETAIL = 100;

    private static final int IDLE = 0;
    private static final int READING = 1;
    private static final int CLOSED = 2;

    private final AutoCloseable onClose;
    /** IDLE, READING (inside {@link #next}) or CLOSED: close() must not let a drain race a running read. */
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final int width;
    private volatile boolean closed;
    private boolean done;
    private SQLException failure;
    /** Rows returned so far. */
    protected long rows;

    public StreamingCursor(int width, AutoCloseable onClose) {
        this.width = width;
        this.onClose = onClose;
    }

    @Override
    public final boolean next(RowBuffer row) throws SQLException {
        if (failure != null) {
            throw SqlState.again(failure);
        }
        if (closed || done) {
            return false;
        }
        if (row.width() < width) {
            throw SqlState.GENERAL_ERROR.exception(
                    "Row buffer has " + row.width() + " columns, the result has " + width);
        }
        if (!state.compareAndSet(IDLE, READING)) {
            return false;
        }
        row.clear();
        try {
            if (readRow(row)) {
                rows++;
                return true;
            }
            done = true;
            return false;
        } catch (SQLException e) {
            throw fail(e);
        } catch (ValueTooLargeException e) {
            // A driver limit, not a broken body: the rows before it were whole, and the message names the column.
            throw fail(SqlState.GENERAL_ERROR.exception(e.getMessage() + " (row " + (rows + 1) + ")", e));
        } catch (IOException | RuntimeException e) {
            if (closed) {
                throw fail(SqlState.OPERATION_CANCELLED.exception("Result was closed while a row was being read", e));
            }
            throw fail(translate(e));
        } finally {
            state.compareAndSet(READING, IDLE);
        }
    }

    /**
     * Decodes one row into the cleared buffer.
     * @return false at the clean end of the result (after checking everything that follows the rows)
     */
    protected abstract boolean readRow(RowBuffer row) throws SQLException, IOException;

    /** Turns a failure of the stream or of the parser into the SQLException the caller sees. */
    protected abstract SQLException translate(Exception e);

    protected final SQLException endedEarly(Exception cause) {
        String detail = cause == null || cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage());
        return SqlState.COMMUNICATION_ERROR.exception("Result ended early after " + rows + " rows" + detail, cause);
    }

    /** The message's first line, at most {@value #MAX_DETAIL} chars of it. */
    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...(" + line.length() + " chars)";
    }

    private SQLException fail(SQLException e) {
        failure = e;
        return e;
    }

    @Override
    public final void close() {
        closed = true;
        int before = state.getAndSet(CLOSED);
        if (before != CLOSED && onClose != null) {
            try {
                if (before == READING && onClose instanceof ResponseBody response) {
                    response.abort();
                } else {
                    onClose.close();
                }
            } catch (Exception e) {
                // Closing only releases the connection; a failure here changes nothing for the caller.
                LOG.log(Level.FINE, "Closing a result response failed", e);
            }
        }
    }

    /** Reads what comes before the rows (a header) and returns the result. */
    public interface HeaderReader {
        DecodedResult read() throws SQLException, IOException;
    }

    /**
     * Runs the header read; when it fails, this cursor is closed (releasing the response) and the failure is
     * reported the way a row failure would be.
     */
    public final DecodedResult openOrClose(HeaderReader header) throws SQLException {
        try {
            return header.read();
        } catch (SQLException e) {
            close();
            throw e;
        } catch (IOException | RuntimeException e) {
            SQLException translated = translate(e);
            close();
            throw translated;
        }
    }

    /** A cursor with no rows, for bodies that carry no result. */
    public static StreamingCursor empty(AutoCloseable onClose) {
        return new StreamingCursor(0, onClose) {
            @Override
            protected boolean readRow(RowBuffer row) {
                return false;
            }

            @Override
            protected SQLException translate(Exception e) {
                return endedEarly(e);
            }
        };
    }
}
