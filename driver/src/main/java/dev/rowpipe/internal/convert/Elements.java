package dev.rowpipe.internal.convert;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts array elements and map entries to their type's natural Java class by passing each through a
 * one-slot scratch {@link RowBuffer} and {@link ValueReader#getObject}, so elements follow exactly the same
 * rules as top-level values.
 */
public final class Elements {
    private Elements() {
    }

    /**
     * Converts one scalar element written as text.
     * @param quoted true when it was a quoted string in the literal
     * @param type   element type, or null when unknown (then unquoted numbers and booleans are recognised)
     */
    public static Object fromText(String text, boolean quoted, ColumnType type, Scratch scratch) throws SQLException {
        if (type == null) {
            return quoted ? text : guess(text);
        }
        Object integer = integer(text, type);
        if (integer != null) {
            return integer;
        }
        switch (type.kind()) {
            case VARCHAR, JSON, OTHER, STRUCT -> {
                return text;
            }
            case NULL -> {
                return null;
            }
            default -> {
                RowBuffer row = scratch.row();
                row.clear();
                row.setText(0, text);
                return ValueReader.getObject(row, 0, type);
            }
        }
    }

    /** Converts one element of a list or map that arrived as a Java value (JSON or msgpack). */
    public static Object fromObject(Object raw, ColumnType type, Scratch scratch) throws SQLException {
        if (raw == null || type == null) {
            return raw;
        }
        Object ready = ready(raw, type);
        if (ready != null) {
            return ready;
        }
        if (raw instanceof List<?> list) {
            return type.kind() == ColumnType.Kind.ARRAY ? list(list, type.element(), scratch) : raw;
        }
        if (raw instanceof Map<?, ?> map) {
            return type.kind() == ColumnType.Kind.MAP ? map(map, type, scratch) : raw;
        }
        if (raw instanceof String s) {
            return fromText(s, true, type, scratch);
        }
        switch (type.kind()) {
            case STRUCT, OTHER -> {
                return raw;
            }
            default -> {
                RowBuffer row = scratch.row();
                row.clear();
                row.setObject(0, raw);
                return ValueReader.getObject(row, 0, type);
            }
        }
    }

    public static List<Object> list(List<?> raw, ColumnType elementType, Scratch scratch) throws SQLException {
        List<Object> out = new ArrayList<>(raw.size());
        for (Object element : raw) {
            out.add(fromObject(element, elementType, scratch));
        }
        return out;
    }

    public static Map<Object, Object> map(Map<?, ?> raw, ColumnType mapType, Scratch scratch) throws SQLException {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            out.put(fromObject(e.getKey(), mapType.key(), scratch),
                    fromObject(e.getValue(), mapType.element(), scratch));
        }
        return out;
    }

    /**
     * The common element conversions done directly, with the same results {@link ValueReader#getObject} gives:
     * a Long for BIGINT, an Integer for the narrower integer kinds when it fits, a Double or Boolean as is.
     * Null means "take the general path" (which also reports errors).
     */
    private static Object ready(Object raw, ColumnType type) {
        switch (type.kind()) {
            case BIGINT:
                return raw instanceof Long ? raw : null;
            case TINYINT, SMALLINT, INTEGER:
                if (raw instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                    return Integer.valueOf((int) l.longValue());
                }
                return raw instanceof Integer ? raw : null;
            case DOUBLE:
                return raw instanceof Double ? raw : null;
            case BOOLEAN:
                return raw instanceof Boolean ? raw : null;
            default:
                return null;
        }
    }

    /** An integer element written as plain digits (at most 18), without the scratch buffer; else null. */
    private static Object integer(String text, ColumnType type) {
        ColumnType.Kind kind = type.kind();
        if (kind != ColumnType.Kind.BIGINT && kind != ColumnType.Kind.INTEGER && kind != ColumnType.Kind.SMALLINT
                && kind != ColumnType.Kind.TINYINT) {
            return null;
        }
        int n = text.length();
        int i = n > 0 && text.charAt(0) == '-' ? 1 : 0;
        if (i == n || n - i > 18) {
            return null;
        }
        long value = 0;
        for (; i < n; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            value = value * 10 + digit;
        }
        if (text.charAt(0) == '-') {
            value = -value;
        }
        if (kind == ColumnType.Kind.BIGINT) {
            return value;
        }
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? Integer.valueOf((int) value) : null;
    }

    /** Natural value of an unquoted token of unknown type: a boolean, an exact number, or the text. */
    private static Object guess(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        if (text.length() > Decimals.MAX_TEXT) {
            return text;
        }
        try {
            BigDecimal number = new BigDecimal(text);
            if (!Decimals.inRange(number)) {
                return text;
            }
            if (number.scale() <= 0 && number.precision() - number.scale() <= 18) {
                return number.longValueExact();
            }
            return number;
        } catch (NumberFormatException | ArithmeticException e) {
            return text;
        }
    }
}
