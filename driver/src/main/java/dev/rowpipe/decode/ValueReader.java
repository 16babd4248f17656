package dev.rowpipe.decode;

import dev.rowpipe.spi.ColumnType;
import dev.rowpipe.spi.RowBuffer;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Converts one non-null slot of a {@link RowBuffer} into what a JDBC getter asks for, following the column's
 * {@link ColumnType}. Callers check {@link RowBuffer#isNull} first. Conversion failures are SQLExceptions with
 * state 22018 (bad text for the type) or 22003 (out of range).
 */
public final class ValueReader {
    private ValueReader() {
    }

    private static SQLException pending() {
        return new SQLException("ValueReader is being written", "0A000");
    }

    public static String getString(RowBuffer row, int column, ColumnType type) throws SQLException {
        if (row.kind(column) == RowBuffer.TEXT) {
            return row.text(column);
        }
        return String.valueOf(row.objectValue(column));
    }

    public static long getLong(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static double getDouble(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static boolean getBoolean(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static BigDecimal getBigDecimal(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static byte[] getBytes(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static LocalDate getLocalDate(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static LocalTime getLocalTime(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static LocalDateTime getLocalDateTime(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static OffsetDateTime getOffsetDateTime(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static List<Object> getList(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static Map<Object, Object> getMap(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }

    public static Object getObject(RowBuffer row, int column, ColumnType type) throws SQLException {
        throw pending();
    }
}
