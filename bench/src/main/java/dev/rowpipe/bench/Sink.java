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

    /** The same reads through JDBC. Returns a checksum; the row count is in {@code rows[0]}. */
    public static long drain(ResultSet rs, long[] rows) throws SQLException {
        long sum = 0;
        long n = 0;
        while (rs.next()) {
            n++;
            sum += rs.getInt(1);
            sum += rs.getLong(2);
            sum += (long) rs.getDouble(3);
            sum += rs.getBigDecimal(4).scale();
            sum += rs.getObject(5, java.time.LocalDate.class).getDayOfMonth();
            sum += rs.getObject(6, java.time.LocalDateTime.class).getSecond();
            sum += rs.getBoolean(7) ? 1 : 0;
            sum += rs.getString(8).length();
            sum += rs.getString(9).length();
            String nullable = rs.getString(10);
            sum += nullable == null ? 0 : nullable.length();
            sum += ((Object[]) rs.getArray(11).getArray()).length;
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
