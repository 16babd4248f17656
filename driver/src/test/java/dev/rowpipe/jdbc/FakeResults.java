package dev.rowpipe.jdbc;

import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ListRowCursor;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.jdbc.FakeSession.Behaviour;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** What a {@link FakeSession} statement can do: canned rows and counts, failures, and blocking until cancelled. */
final class FakeResults {
    private FakeResults() {
    }

    /** Columns of the {@link #sample()} rows: one column of each kind DBeaver reads specially. */
    static final List<ColumnInfo> SAMPLE_COLUMNS = List.of(
            new ColumnInfo("id", ColumnType.of(ColumnType.Kind.INTEGER, "int").withNullable(false)),
            new ColumnInfo("small", ColumnType.of(ColumnType.Kind.SMALLINT, "smallint")),
            new ColumnInfo("tiny", ColumnType.of(ColumnType.Kind.TINYINT, "tinyint")),
            new ColumnInfo("name", ColumnType.of(ColumnType.Kind.VARCHAR, "text")),
            new ColumnInfo("day", ColumnType.of(ColumnType.Kind.DATE, "date")),
            new ColumnInfo("flag", ColumnType.of(ColumnType.Kind.BOOLEAN, "boolean")),
            new ColumnInfo("tags", ColumnType.array("array(text)", ColumnType.of(ColumnType.Kind.VARCHAR, "text"))),
            new ColumnInfo("amount", ColumnType.decimal("numeric(12,2)", 12, 2)));

    static final List<List<Object>> SAMPLE_ROWS = List.of(
            Arrays.asList(1, 10, 1, "one", LocalDate.of(2024, 1, 2), true, List.of("a", "b"),
                    new java.math.BigDecimal("1.50")),
            Arrays.asList(2, null, null, null, null, null, null, null));

    /** SELECT/SHOW/WITH give the sample rows, anything else an update count of 1. */
    static Behaviour sample() {
        return e -> {
            String head = e.sql.stripLeading().toUpperCase(Locale.ROOT);
            if (head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("SHOW")) {
                return StatementResult.rows(SAMPLE_COLUMNS, e.track(new TrackingCursor(SAMPLE_ROWS)));
            }
            return StatementResult.update(1);
        };
    }

    static ColumnInfo varchar(String name) {
        return new ColumnInfo(name, ColumnType.of(ColumnType.Kind.VARCHAR, "text"));
    }

    /** A row result over in-memory text values, with a cursor that records close and rows read. */
    static Behaviour rows(List<String> names, List<List<?>> values) {
        return e -> {
            List<ColumnInfo> cols = new ArrayList<>();
            names.forEach(n -> cols.add(varchar(n)));
            return StatementResult.rows(cols, e.track(new TrackingCursor(values)));
        };
    }

    static Behaviour update(long count) {
        return e -> StatementResult.update(count);
    }

    static Behaviour fail(String message, String state) {
        return e -> {
            throw new SQLException(message, state);
        };
    }

    /**
     * start() blocks until cancel(), then fails the way an aborted exchange does (08S01): saying why it was
     * cancelled is the JDBC layer's job, not the backend's.
     */
    static Behaviour blockUntilCancel() {
        return e -> {
            e.started.countDown();
            try {
                if (!e.cancelled.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("start() was never cancelled");
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", "HY008");
            }
            throw new SQLException("connection aborted", "08S01");
        };
    }

    /** A row result whose cursor gives {@code before} rows, then blocks in next() until closed. */
    static Behaviour blockingRows(int before) {
        return e -> StatementResult.rows(List.of(varchar("x")), e.track(new BlockingCursor(before)));
    }

    /** A cursor over in-memory rows that records how far it was read and whether it was closed. */
    static class TrackingCursor implements RowCursor {
        private final ListRowCursor rows;
        final AtomicInteger read = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        TrackingCursor(List<? extends List<?>> values) {
            this.rows = new ListRowCursor(values);
        }

        @Override
        public boolean next(RowBuffer row) throws SQLException {
            if (closed.get()) {
                throw new SQLException("cursor is closed", "08S01");
            }
            boolean has = rows.next(row);
            if (has) {
                read.incrementAndGet();
            }
            return has;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** Gives some rows, then blocks in next() until close() from any thread, which makes next() throw. */
    static final class BlockingCursor implements RowCursor {
        private final int before;
        private int given;
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);

        BlockingCursor(int before) {
            this.before = before;
        }

        @Override
        public boolean next(RowBuffer row) throws SQLException {
            if (given < before) {
                row.clear();
                row.setObject(0, "row" + given++);
                return true;
            }
            blocked.countDown();
            try {
                if (!closed.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("blocked cursor was never closed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", "HY008");
            }
            throw new SQLException("connection aborted while reading", "08S01");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
