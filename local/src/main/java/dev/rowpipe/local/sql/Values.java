package dev.rowpipe.local.sql;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Reads DuckDB values in the shapes both APIs write: text for dates and timestamps, arrays as Object[]. */
public final class Values {

    /** {@code yyyy-MM-dd HH:mm:ss[.ffffff]}: the form both services print. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private Values() {
    }

    /** The date/timestamp/other value of a column as text, or null. */
    public static String text(ResultSet rs, int column, ColumnKind kind) throws SQLException {
        if (kind == ColumnKind.TIMESTAMP) {
            Object o = rs.getObject(column);
            return o == null ? null : timestamp(o);
        }
        return rs.getString(column);
    }

    /** Elements of an array column (nested arrays as Object[]), or null. */
    public static Object[] array(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? null : elements(a);
    }

    private static Object[] elements(Array a) throws SQLException {
        Object[] values = (Object[]) a.getArray();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Array) {
                values[i] = elements((Array) values[i]);
            } else if (values[i] instanceof Timestamp || values[i] instanceof LocalDateTime
                    || values[i] instanceof OffsetDateTime) {
                values[i] = timestamp(values[i]);
            } else if (values[i] != null && !(values[i] instanceof Number) && !(values[i] instanceof Boolean)
                    && !(values[i] instanceof String) && !(values[i] instanceof Object[])) {
                values[i] = values[i].toString();
            }
        }
        return values;
    }

    private static String timestamp(Object o) {
        if (o instanceof Timestamp) {
            return TIMESTAMP.format(((Timestamp) o).toLocalDateTime());
        }
        if (o instanceof LocalDateTime) {
            return TIMESTAMP.format((LocalDateTime) o);
        }
        if (o instanceof OffsetDateTime) {
            OffsetDateTime t = (OffsetDateTime) o;
            return TIMESTAMP.format(t.toLocalDateTime()) + (t.getOffset().getTotalSeconds() == 0 ? "+00" : t.getOffset().toString());
        }
        return o.toString();
    }
}
