package dev.rowpipe.internal.td;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A job result checked against the {@code num_records} TD reported for the job: none of the result formats has an
 * end marker (msgpack rows are concatenated, json/tsv/csv are lines), so a download that stops between two rows
 * would otherwise look complete. Fewer rows than announced at the end, or a row beyond them, is an 08S01 error; the
 * failure is repeated by every later call.
 */
final class TdCountedCursor implements RowCursor {
    private final RowCursor cursor;
    private final long expected;
    private final String job;
    private long rows;
    private SQLException failure;

    /**
     * @param expected the job's {@code num_records} (0 or more)
     * @param job      what the result is, for messages ("Treasure Data job 123")
     */
    TdCountedCursor(RowCursor cursor, long expected, String job) {
        this.cursor = Objects.requireNonNull(cursor, "cursor is null");
        if (expected < 0) {
            throw new IllegalArgumentException("expected rows must be >= 0: " + expected);
        }
        this.expected = expected;
        this.job = Objects.requireNonNull(job, "job is null");
    }

    @Override
    public boolean next(RowBuffer row) throws SQLException {
        if (failure != null) {
            throw SqlState.again(failure);
        }
        boolean has = cursor.next(row);
        if (has) {
            rows++;
            if (rows > expected) {
                throw fail("has more rows than the " + expected + " it reported (num_records)");
            }
            return true;
        }
        if (rows < expected) {
            throw fail("ended after " + rows + " of the " + expected + " rows it reported (num_records)");
        }
        return false;
    }

    private SQLException fail(String what) {
        cursor.close();
        failure = SqlState.COMMUNICATION_ERROR.exception("The result of " + job + " " + what
                + ": the download was cut or the result is not the job's");
        return failure;
    }

    @Override
    public void close() {
        cursor.close();
    }
}
