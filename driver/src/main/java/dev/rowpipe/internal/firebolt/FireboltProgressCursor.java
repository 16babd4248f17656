package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.spi.ProgressReporter;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * Reports a Firebolt result's clean end as FINISHED, with the rows read and, for the JSON formats (v1's, and 2.0's
 * JSON_Compact and JSONLines_Compact), the server's {@code statistics} (which come after the rows). Only made when
 * someone listens.
 */
final class FireboltProgressCursor implements RowCursor {
    private final ProgressReporter progress;
    private RowCursor cursor;
    private Map<?, ?> statistics;
    private long rows;
    private volatile boolean closed;

    FireboltProgressCursor(ProgressReporter progress) {
        this.progress = progress;
    }

    FireboltProgressCursor over(RowCursor decoded) {
        this.cursor = decoded;
        return this;
    }

    void statistics(Map<?, ?> reported) {
        statistics = reported;
    }

    @Override
    public boolean next(RowBuffer row) throws SQLException {
        boolean has = cursor.next(row);
        if (has) {
            rows++;
        } else if (!closed) {
            progress.finished(null, figures());
        }
        return has;
    }

    private ProgressReporter.Figures figures() {
        Map<?, ?> s = statistics;
        Object elapsed = s == null ? null : s.get("elapsed");
        Duration serverElapsed = elapsed instanceof Number n && n.doubleValue() >= 0
                ? Duration.ofNanos(Math.round(n.doubleValue() * 1e9)) : null;
        return new ProgressReporter.Figures(serverElapsed, count(s, "rows_read"), count(s, "bytes_read"), rows,
                -1, -1);
    }

    private static long count(Map<?, ?> statistics, String key) {
        Object v = statistics == null ? null : statistics.get(key);
        return v instanceof Number n && n.doubleValue() >= 0 ? n.longValue() : -1;
    }

    @Override
    public void close() {
        closed = true;
        cursor.close();
    }
}
