package dev.rowpipe.internal.spi;

import java.util.List;

/**
 * What one statement produced: either rows (columns + a cursor that streams them) or an update count.
 * For a row result the cursor owns the HTTP response; closing it releases the connection.
 */
public final class StatementResult {
    /**
     * The count of a statement that may have written rows when neither the service nor the statement says how many:
     * {@link java.sql.Statement#SUCCESS_NO_INFO}, never a count the driver made up.
     */
    public static final long UNKNOWN_COUNT = java.sql.Statement.SUCCESS_NO_INFO;

    private final List<ColumnInfo> columns;
    private final RowCursor cursor;
    private final long updateCount;
    private final String warning;

    private StatementResult(List<ColumnInfo> columns, RowCursor cursor, long updateCount, String warning) {
        this.columns = columns;
        this.cursor = cursor;
        this.updateCount = updateCount;
        this.warning = warning;
    }

    public static StatementResult rows(List<ColumnInfo> columns, RowCursor cursor) {
        return new StatementResult(List.copyOf(columns), cursor, -1, null);
    }

    /** @param count rows written as the service reported them, 0 for a statement that writes none, or {@link #UNKNOWN_COUNT} */
    public static StatementResult update(long count) {
        if (count < 0 && count != UNKNOWN_COUNT) {
            throw new IllegalArgumentException("update count " + count + "; expected 0 or more, or UNKNOWN_COUNT");
        }
        return new StatementResult(List.of(), null, count, null);
    }

    /** Same result with a message the JDBC layer surfaces through getWarnings() (e.g. the TD job id). */
    public StatementResult withWarning(String message) {
        return new StatementResult(columns, cursor, updateCount, message);
    }

    public boolean hasRows() {
        return cursor != null;
    }

    public List<ColumnInfo> columns() {
        return columns;
    }

    public RowCursor cursor() {
        return cursor;
    }

    /** -1 for a row result; {@link #UNKNOWN_COUNT} when rows may have been written but how many is not known. */
    public long updateCount() {
        return updateCount;
    }

    public String warning() {
        return warning;
    }
}
