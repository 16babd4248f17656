package dev.rowpipe.decode;

import dev.rowpipe.spi.ColumnType;
import dev.rowpipe.spi.RowBuffer;
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
final class Elements {
    private Elements() {
    }

    /**
     * Converts one scalar element written as text.
     * @param quoted true when it was a quoted string in the literal
     * @param type   element type, or null when unknown (then unquoted numbers and booleans are recognised)
     */
    static Object fromText(String text, boolean quoted, ColumnType type, RowBuffer scratch) throws SQLException {
        if (type == null) {
            return quoted ? text : guess(text);
        }
        switch (type.kind()) {
            case VARCHAR, JSON, OTHER, STRUCT -> {
                return text;
            }
            case NULL -> {
                return null;
            }
            default -> {
                scratch.clear();
                scratch.setText(0, text);
                return ValueReader.getObject(scratch, 0, type);
            }
        }
    }

    /** Converts one element of a list or map that arrived as a Java value (JSON or msgpack). */
    static Object fromObject(Object raw, ColumnType type, RowBuffer scratch) throws SQLException {
        if (raw == null || type == null) {
            return raw;
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
                scratch.clear();
                scratch.setObject(0, raw);
                return ValueReader.getObject(scratch, 0, type);
            }
        }
    }

    static List<Object> list(List<?> raw, ColumnType elementType, RowBuffer scratch) throws SQLException {
        List<Object> out = new ArrayList<>(raw.size());
        for (Object element : raw) {
            out.add(fromObject(element, elementType, scratch));
        }
        return out;
    }

    static Map<Object, Object> map(Map<?, ?> raw, ColumnType mapType, RowBuffer scratch) throws SQLException {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            out.put(fromObject(e.getKey(), mapType.key(), scratch),
                    fromObject(e.getValue(), mapType.element(), scratch));
        }
        return out;
    }

    /** Natural value of an unquoted token of unknown type: a boolean, an exact number, or the text. */
    private static Object guess(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        try {
            BigDecimal number = new BigDecimal(text);
            if (number.scale() <= 0 && number.precision() - number.scale() <= 18) {
                return number.longValueExact();
            }
            return number;
        } catch (NumberFormatException | ArithmeticException e) {
            return text;
        }
    }
}
