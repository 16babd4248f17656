package dev.rowpipe.bench;

import dev.rowpipe.internal.convert.ValueReader;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Reads every value of a row with the typed getter its column calls for and folds it into a checksum, so the
 * JIT cannot drop the work and every contender demonstrably read the same values.
 */
public final class Sink {
    private Sink() {
    }

    /** Drains a cursor: the driver's decoders through RowBuffer + ValueReader. Returns a checksum. */
    public static long drain(RowCursor cursor, ColumnType[] t) throws SQLException {
        RowBuffer row = new RowBuffer(t.length);
        long sum = 0;
        try (cursor) {
            while (cursor.next(row)) {
                sum += (int) ValueReader.getLong(row, 0, t[0]);
                sum += ValueReader.getLong(row, 1, t[1]);
                sum += (long) ValueReader.getDouble(row, 2, t[2]);
                sum += ValueReader.getBigDecimal(row, 3, t[3]).scale();
                sum += ValueReader.getLocalDate(row, 4, t[4]).getDayOfMonth();
                sum += ValueReader.getLocalDateTime(row, 5, t[5]).getSecond();
                sum += ValueReader.getBoolean(row, 6, t[6]) ? 1 : 0;
                sum += ValueReader.getString(row, 7, t[7]).length();
                sum += ValueReader.getString(row, 8, t[8]).length();
                sum += row.isNull(9) ? 0 : ValueReader.getString(row, 9, t[9]).length();
                sum += ValueReader.getList(row, 10, t[10]).size();
            }
        }
        return sum;
    }

    /** Which getters a JDBC reader uses for the date and timestamp columns. */
    public enum Getters {
        /** {@code getObject(i, LocalDate.class)}, {@code getObject(i, LocalDateTime.class)}. */
        TIME,
        /** {@code getDate(i)}, {@code getTimestamp(i)}. */
        SQL
    }

    /**
     * Where the objects a JDBC reader (and {@code FloorBench}'s floor) produces are stored, one slot per column,
     * as an application storing its values would: an object that escapes must be built, so the JIT cannot
     * remove it on one side and not on the other.
     */
    static final Object[] KEPT = new Object[11];

    /** The same reads through JDBC with the java.time getters. Returns a checksum; the row count is in {@code rows[0]}. */
    public static long drain(ResultSet rs, long[] rows) throws SQLException {
        return drain(rs, rows, Getters.TIME);
    }

    /**
     * Reads every value through JDBC: the primitives folded into the checksum, every object kept in {@link #KEPT};
     * the array as {@code getObject(11, List.class)}, the list the floor builds. The row count is in
     * {@code rows[0]}.
     */
    public static long drain(ResultSet rs, long[] rows, Getters getters) throws SQLException {
        long sum = 0;
        long n = 0;
        Object[] kept = KEPT;
        boolean sql = getters == Getters.SQL;
        while (rs.next()) {
            n++;
            sum += rs.getInt(1);
            sum += rs.getLong(2);
            sum += (long) rs.getDouble(3);
            java.math.BigDecimal dec = rs.getBigDecimal(4);
            kept[3] = dec;
            sum += dec.scale();
            if (sql) {
                java.sql.Date date = rs.getDate(5);
                java.sql.Timestamp ts = rs.getTimestamp(6);
                kept[4] = date;
                kept[5] = ts;
                sum += date.getTime() + ts.getNanos();
            } else {
                java.time.LocalDate date = rs.getObject(5, java.time.LocalDate.class);
                java.time.LocalDateTime ts = rs.getObject(6, java.time.LocalDateTime.class);
                kept[4] = date;
                kept[5] = ts;
                sum += date.getDayOfMonth() + ts.getSecond();
            }
            sum += rs.getBoolean(7) ? 1 : 0;
            String s1 = rs.getString(8);
            String s2 = rs.getString(9);
            String nullable = rs.getString(10);
            kept[7] = s1;
            kept[8] = s2;
            kept[9] = nullable;
            sum += s1.length() + s2.length() + (nullable == null ? 0 : nullable.length());
            List<?> list = rs.getObject(11, List.class);
            kept[10] = list;
            sum += list.size();
        }
        rows[0] = n;
        return sum;
    }

    /** One row's values as the reference readers produce them. */
    static long fold(int i, long l, double d, java.math.BigDecimal dec, java.time.LocalDate date,
                     java.time.LocalDateTime ts, boolean b, String s1, String s2, String nullable, List<?> array) {
        Objects.requireNonNull(s1);
        return i + l + (long) d + dec.scale() + date.getDayOfMonth() + ts.getSecond() + (b ? 1 : 0) + s1.length()
                + s2.length() + (nullable == null ? 0 : nullable.length()) + array.size();
    }
}
