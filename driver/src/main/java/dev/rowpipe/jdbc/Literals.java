package dev.rowpipe.jdbc;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.SqlDialect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Turns a bound Java value into SQL literal text for client-side binding. Strings go through the dialect's
 * quoting (the only place that decides escapes), so no value can end the literal early and change the statement.
 */
final class Literals {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

    private Literals() {
    }

    static String render(Object value, SqlDialect dialect) throws SQLException {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String s) {
            return dialect.quoteString(s);
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw SqlState.NUMERIC_VALUE_OUT_OF_RANGE.exception(
                        "Cannot bind " + d + ": NaN and infinities have no portable SQL literal");
            }
            return value instanceof Float ? Float.toString((Float) value) : Double.toString(d);
        }
        if (value instanceof Character c) {
            return dialect.quoteString(c.toString());
        }
        if (value instanceof java.sql.Date d) {
            return dialect.quoteString(d.toLocalDate().toString());
        }
        if (value instanceof java.sql.Time t) {
            return dialect.quoteString(t.toLocalTime().toString());
        }
        if (value instanceof java.sql.Timestamp ts) {
            return dialect.quoteString(trimNanos(TIMESTAMP.format(ts.toLocalDateTime())));
        }
        if (value instanceof java.util.Date d) {
            return dialect.quoteString(trimNanos(TIMESTAMP.format(
                    LocalDateTime.ofInstant(d.toInstant(), java.time.ZoneId.systemDefault()))));
        }
        if (value instanceof LocalDate d) {
            return dialect.quoteString(d.toString());
        }
        if (value instanceof LocalTime t) {
            return dialect.quoteString(t.toString());
        }
        if (value instanceof LocalDateTime t) {
            return dialect.quoteString(trimNanos(TIMESTAMP.format(t)));
        }
        if (value instanceof OffsetDateTime t) {
            return dialect.quoteString(trimNanos(TIMESTAMP.format(t)) + t.getOffset().getId().replace("Z", "+00:00"));
        }
        if (value instanceof ZonedDateTime t) {
            return render(t.toOffsetDateTime(), dialect);
        }
        if (value instanceof Instant i) {
            return render(i.atOffset(java.time.ZoneOffset.UTC), dialect);
        }
        if (value instanceof UUID u) {
            return dialect.quoteString(u.toString());
        }
        if (value instanceof Array a) {
            return render(a.getArray(), dialect);
        }
        if (value instanceof Object[] items) {
            return array(java.util.Arrays.asList(items), dialect); // List.of would reject NULL elements
        }
        if (value instanceof Collection<?> items) {
            return array(new ArrayList<>(items), dialect);
        }
        if (value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()
                && value.getClass() != byte[].class) {
            int n = java.lang.reflect.Array.getLength(value);
            List<Object> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(java.lang.reflect.Array.get(value, i));
            }
            return array(items, dialect);
        }
        throw SqlState.FEATURE_NOT_SUPPORTED.exception("Binding a parameter of type " + value.getClass().getName()
                + " is not supported");
    }

    private static String array(List<?> items, SqlDialect dialect) throws SQLException {
        List<String> rendered = new ArrayList<>(items.size());
        for (Object item : items) {
            rendered.add(render(item, dialect));
        }
        return dialect.arrayLiteral(rendered);
    }

    /** {@code 2024-01-02 03:04:05.120000000} -> {@code 2024-01-02 03:04:05.12}; whole seconds lose the fraction. */
    private static String trimNanos(String text) {
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        return text.substring(0, end);
    }
}
