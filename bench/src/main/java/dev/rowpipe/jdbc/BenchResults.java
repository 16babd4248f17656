package dev.rowpipe.jdbc;

import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.RowCursor;
import java.sql.ResultSet;
import java.util.List;

/**
 * The driver's own {@link RowpipeResultSet} over a decoder reading an in-memory body, for benchmarks that measure
 * the JDBC getters without HTTP (its constructor is package-private: only the driver makes results).
 */
public final class BenchResults {
    private BenchResults() {
    }

    /** A result over {@code cursor}, without statement, row limit or timeout. */
    public static ResultSet over(List<ColumnInfo> columns, RowCursor cursor) {
        return new RowpipeResultSet(null, columns, cursor, 0, null);
    }
}
