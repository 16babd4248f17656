package dev.rowpipe.internal.codec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Writes the plain values held in OBJECT slots (lists, maps, strings, numbers) as JSON text for getString. */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** The largest exponent, either way, a BigDecimal is written out in plain digits for (convert.Decimals' bound). */
    private static final int PLAIN_SCALE = 1000;

    private JsonText() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    public static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                // JSON keys are strings whatever the key type.
                quote(out, e.getKey() instanceof String s ? s : scalarText(e.getKey()));
                out.append(':');
                append(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(scalarText(value));
        } else if (value instanceof byte[] bytes) {
            quote(out, hex(bytes));
        } else {
            quote(out, value.toString());
        }
    }

    /** Text of a scalar: BigDecimal without exponent (unless it is huge), others as Java prints them. */
    public static String scalarText(Object value) {
        if (value instanceof BigDecimal d) {
            // Plain digits unless the exponent is huge: 1e99999999 must not become 10^8 characters.
            int scale = d.scale();
            return scale <= PLAIN_SCALE && scale >= -PLAIN_SCALE ? d.toPlainString() : d.toString();
        }
        if (value instanceof byte[] bytes) {
            return hex(bytes);
        }
        return String.valueOf(value);
    }

    /** Bytes as text: {@code \x} followed by lower-case hex (the bytea hex form, which getBytes reads back). */
    public static String hex(byte[] bytes) {
        char[] out = new char[2 + bytes.length * 2];
        out[0] = '\\';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[3 + 2 * i] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (ch < 0x20) {
                        out.append("\\u00").append(HEX[ch >> 4]).append(HEX[ch & 0xF]);
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
