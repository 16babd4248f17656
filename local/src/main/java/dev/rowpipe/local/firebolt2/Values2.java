package dev.rowpipe.local.firebolt2;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Objects;

/**
 * DuckDB values written the way the 2.0 platform writes them, in the session's time zone. Text (TSV): booleans
 * {@code t}/{@code f}, bytea {@code \x<hex>}, arrays in PostgreSQL's {@code {1,NULL}} / {@code {a,"b c"}} form,
 * floats {@code nan}/{@code inf}, timestamptz {@code 2024-01-01 13:00:00+01}. JSON: {@code bigint} and
 * {@code numeric} as strings (a JSON number cannot carry them exactly), the rest as numbers, booleans and strings.
 */
final class Values2 {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code yyyy-MM-dd HH:mm:ss[.ffffff]}. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private final ZoneId zone;

    Values2(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone is null");
    }

    /** The text of a column's value before TSV escaping, or null for NULL. */
    String text(ResultSet rs, int column, Type2 type) throws SQLException {
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
                Object[] v = array(rs, column);
                return v == null ? null : arrayText(v);
            }
            case TIMESTAMP:
            case TIMESTAMPTZ: {
                Object v = rs.getObject(column);
                return v == null ? null : temporal(v);
            }
            default:
                return rs.getString(column);
        }
    }

    /** Writes a column's value as JSON. */
    void json(JsonGenerator json, ResultSet rs, int column, Type2 type) throws IOException, SQLException {
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
            case REAL: {
                float v = rs.getFloat(column);
                if (rs.wasNull()) {
                    json.writeNull();
                } else {
                    jsonFloat(json, v, Float.toString(v));
                }
                return;
            }
            case DOUBLE: {
                double v = rs.getDouble(column);
                if (rs.wasNull()) {
                    json.writeNull();
                } else {
                    jsonFloat(json, v, null);
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
                Object[] v = array(rs, column);
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

    /** An array column's elements, nested arrays as Object[], blobs as byte[]. */
    private static Object[] array(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? null : elements(a);
    }

    private static Object[] elements(Array a) throws SQLException {
        Object[] values = (Object[]) a.getArray();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Array) {
                values[i] = elements((Array) values[i]);
            } else if (values[i] instanceof Blob) {
                Blob b = (Blob) values[i];
                values[i] = b.getBytes(1, (int) b.length());
            }
        }
        return values;
    }

    /** A timestamp as the platform prints it; a timestamptz in the session's zone with its offset. */
    private String temporal(Object v) {
        if (v instanceof Timestamp) {
            return TIMESTAMP.format(((Timestamp) v).toLocalDateTime());
        }
        if (v instanceof LocalDateTime) {
            return TIMESTAMP.format((LocalDateTime) v);
        }
        if (v instanceof OffsetDateTime) {
            OffsetDateTime local = ((OffsetDateTime) v).atZoneSameInstant(zone).toOffsetDateTime();
            return TIMESTAMP.format(local.toLocalDateTime()) + offset(local.getOffset());
        }
        return v.toString();
    }

    /** {@code +00}, {@code +01}, {@code +05:30}: hours alone when the offset is whole hours, as PostgreSQL prints. */
    private static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        String sign = seconds < 0 ? "-" : "+";
        int abs = Math.abs(seconds);
        String hours = String.format("%s%02d", sign, abs / 3600);
        int minutes = abs % 3600 / 60;
        return minutes == 0 ? hours : hours + String.format(":%02d", minutes);
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
    private static void jsonFloat(JsonGenerator json, double v, String floatText) throws IOException {
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

    private void jsonArray(JsonGenerator json, Object[] values, Type2 element) throws IOException {
        json.writeStartArray();
        for (Object v : values) {
            if (v == null) {
                json.writeNull();
            } else if (v instanceof Object[]) {
                jsonArray(json, (Object[]) v, element.element() == null ? element : element.element());
            } else if (element.kind() == Type2.Kind.INT && v instanceof Number) {
                json.writeNumber(((Number) v).longValue());
            } else if ((element.kind() == Type2.Kind.REAL || element.kind() == Type2.Kind.DOUBLE) && v instanceof Number) {
                jsonFloat(json, ((Number) v).doubleValue(), v instanceof Float ? v.toString() : null);
            } else if (v instanceof Boolean) {
                json.writeBoolean((Boolean) v);
            } else {
                json.writeString(elementText(v));
            }
        }
        json.writeEndArray();
    }

    private String elementText(Object v) {
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "t" : "f";
        }
        if (v instanceof Double || v instanceof Float) {
            return floatText(((Number) v).doubleValue(), v.toString());
        }
        if (v instanceof byte[]) {
            return hex((byte[]) v);
        }
        if (v instanceof Timestamp || v instanceof LocalDateTime || v instanceof OffsetDateTime) {
            return temporal(v);
        }
        return v.toString();
    }

    /** PostgreSQL's array text: {@code {1,NULL}}, elements quoted when they hold a delimiter, quote or space. */
    String arrayText(Object[] values) {
        StringBuilder sb = new StringBuilder();
        appendArray(sb, values);
        return sb.toString();
    }

    private void appendArray(StringBuilder sb, Object[] values) {
        sb.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values[i];
            if (v == null) {
                sb.append("NULL");
            } else if (v instanceof Object[]) {
                appendArray(sb, (Object[]) v);
            } else {
                String text = elementText(v);
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
