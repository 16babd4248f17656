package dev.rowpipe.local.firebolt2;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.rowpipe.local.sql.ColumnKind;
import dev.rowpipe.local.sql.Values;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A DuckDB value written the way the 2.0 platform writes it. Text (TSV): booleans {@code t}/{@code f}, bytea
 * {@code \x<hex>}, arrays in PostgreSQL's {@code {1,NULL}} / {@code {a,"b c"}} form, floats {@code nan}/{@code inf}.
 * JSON: {@code bigint} and {@code numeric} as strings (a JSON number cannot carry them exactly), the rest as
 * numbers, booleans and strings.
 */
final class Values2 {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Values2() {
    }

    /** The text of a column's value before TSV escaping, or null for NULL. */
    static String text(ResultSet rs, int column, Type2 type) throws SQLException {
        switch (type.kind()) {
            case INT:
            case BIGINT: {
                long v = rs.getLong(column);
                return rs.wasNull() ? null : Long.toString(v);
            }
            case NUMERIC: {
                BigDecimal v = rs.getBigDecimal(column);
                return v == null ? null : v.toPlainString();
            }
            case REAL: {
                float v = rs.getFloat(column);
                return rs.wasNull() ? null : floatText(v, Float.toString(v));
            }
            case DOUBLE: {
                double v = rs.getDouble(column);
                return rs.wasNull() ? null : floatText(v, Double.toString(v));
            }
            case BOOLEAN: {
                boolean v = rs.getBoolean(column);
                return rs.wasNull() ? null : v ? "t" : "f";
            }
            case BYTEA: {
                byte[] v = rs.getBytes(column);
                return v == null ? null : hex(v);
            }
            case ARRAY: {
                Object[] v = array(rs, column, type);
                return v == null ? null : arrayText(v, type.element());
            }
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return Values.text(rs, column, ColumnKind.TIMESTAMP);
            default:
                return rs.getString(column);
        }
    }

    /** Writes a column's value as JSON. */
    static void json(JsonGenerator json, ResultSet rs, int column, Type2 type) throws IOException, SQLException {
        switch (type.kind()) {
            case INT: {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    json.writeNull();
                } else {
                    json.writeNumber(v);
                }
                return;
            }
            case REAL:
            case DOUBLE: {
                double v = type.kind() == Type2.Kind.REAL ? rs.getFloat(column) : rs.getDouble(column);
                if (rs.wasNull()) {
                    json.writeNull();
                } else {
                    jsonDouble(json, type.kind() == Type2.Kind.REAL ? Float.toString((float) v) : null, v);
                }
                return;
            }
            case BOOLEAN: {
                boolean v = rs.getBoolean(column);
                if (rs.wasNull()) {
                    json.writeNull();
                } else {
                    json.writeBoolean(v);
                }
                return;
            }
            case ARRAY: {
                Object[] v = array(rs, column, type);
                if (v == null) {
                    json.writeNull();
                } else {
                    jsonArray(json, v, type.element());
                }
                return;
            }
            default: {
                String v = text(rs, column, type);
                if (v == null) {
                    json.writeNull();
                } else {
                    json.writeString(v);
                }
            }
        }
    }

    /** An array column's elements; bytea elements as byte[] (the shared reader only knows text for them). */
    private static Object[] array(ResultSet rs, int column, Type2 type) throws SQLException {
        Type2 innermost = type;
        while (innermost.kind() == Type2.Kind.ARRAY) {
            innermost = innermost.element();
        }
        if (innermost.kind() != Type2.Kind.BYTEA) {
            return Values.array(rs, column);
        }
        java.sql.Array a = rs.getArray(column);
        return a == null ? null : blobs((Object[]) a.getArray());
    }

    private static Object[] blobs(Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof java.sql.Array) {
                values[i] = blobs((Object[]) ((java.sql.Array) values[i]).getArray());
            } else if (values[i] instanceof java.sql.Blob) {
                java.sql.Blob b = (java.sql.Blob) values[i];
                values[i] = b.getBytes(1, (int) b.length());
            }
        }
        return values;
    }

    private static String floatText(double v, String plain) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return plain;
    }

    /** A real's shortest text is its float form ({@code 1.1}, not {@code 1.100000023841858}). */
    private static void jsonDouble(JsonGenerator json, String floatText, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            json.writeString(floatText(v, ""));
        } else if (floatText != null) {
            json.writeNumber(floatText);
        } else {
            json.writeNumber(v);
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[2 + bytes.length * 2];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[3 + 2 * i] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    private static void jsonArray(JsonGenerator json, Object[] values, Type2 element) throws IOException {
        json.writeStartArray();
        for (Object v : values) {
            if (v == null) {
                json.writeNull();
            } else if (v instanceof Object[]) {
                jsonArray(json, (Object[]) v, element.element() == null ? element : element.element());
            } else {
                switch (element.kind()) {
                    case INT:
                        json.writeNumber(((Number) v).longValue());
                        break;
                    case REAL:
                    case DOUBLE: {
                        double d = ((Number) v).doubleValue();
                        jsonDouble(json, v instanceof Float ? v.toString() : null, d);
                        break;
                    }
                    case BOOLEAN:
                        json.writeBoolean((Boolean) v);
                        break;
                    default:
                        json.writeString(elementText(v, element));
                }
            }
        }
        json.writeEndArray();
    }

    private static String elementText(Object v, Type2 element) {
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "t" : "f";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return floatText(d, v.toString());
        }
        if (v instanceof byte[]) {
            return hex((byte[]) v);
        }
        return v.toString();
    }

    /** PostgreSQL's array text: {@code {1,NULL}}, elements quoted when they hold a delimiter, quote or space. */
    static String arrayText(Object[] values, Type2 element) {
        StringBuilder sb = new StringBuilder();
        appendArray(sb, values, element);
        return sb.toString();
    }

    private static void appendArray(StringBuilder sb, Object[] values, Type2 element) {
        sb.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values[i];
            if (v == null) {
                sb.append("NULL");
            } else if (v instanceof Object[]) {
                appendArray(sb, (Object[]) v, element.element() == null ? element : element.element());
            } else {
                String text = elementText(v, element);
                if (needsQuotes(text)) {
                    sb.append('"');
                    for (int j = 0; j < text.length(); j++) {
                        char c = text.charAt(j);
                        if (c == '"' || c == '\\') {
                            sb.append('\\');
                        }
                        sb.append(c);
                    }
                    sb.append('"');
                } else {
                    sb.append(text);
                }
            }
        }
        sb.append('}');
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }
}
