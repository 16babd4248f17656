package dev.rowpipe.internal.convert;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses array text as Firebolt/ClickHouse print it ({@code [1,2,3]}, {@code ['a','b\'c',NULL]},
 * {@code [[1,2],[]]}, tuples {@code (1,'a')}, maps {@code {'k':1}}), JSON arrays/objects
 * ({@code ["a","b"]}, {@code {"k":1}}) and, for array columns, PostgreSQL's array text as Firebolt 2.0 prints it
 * ({@code {1,NULL}}, {@code {a,"b c",""}}, {@code {{1,2},{3}}}), converting each element to its column type's natural
 * Java class.
 * <p>
 * A quote inside a quoted string that is not followed by a separator is taken as part of the string: TSV
 * unescaping has already turned ClickHouse's {@code \'} into a bare quote by the time the text gets here.
 */
public final class ArrayLiteralParser {
    private final char[] c;
    private final int start;
    private final int end;
    private final ColumnType columnType;
    private final Scratch scratch = new Scratch();
    private final StringBuilder token = new StringBuilder();
    private int p;
    /** Lists and maps open around the position. */
    private int depth;

    private ArrayLiteralParser(char[] chars, int start, int end, ColumnType columnType) {
        this.c = chars;
        this.start = start;
        this.end = end;
        this.columnType = columnType;
        this.p = start;
    }

    /**
     * Parses an array literal.
     * @param arrayType the ARRAY column type (its element type converts the elements); null keeps strings
     *                  and guesses numbers
     */
    public static List<Object> parseArray(char[] chars, int start, int end, ColumnType arrayType)
            throws SQLException {
        ArrayLiteralParser parser = new ArrayLiteralParser(chars, start, end, arrayType);
        parser.skipSpace();
        if (parser.p < end && chars[parser.p] == '{') {
            // An array is never a map: braces here are PostgreSQL's array text.
            return parser.postgresTop(arrayType);
        }
        Object value = parser.top('[', arrayType);
        if (!(value instanceof List<?>)) {
            throw parser.malformed("an array");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        return list;
    }

    /** Parses a map literal ({@code {"k":1}} or {@code {'k':1}}) using the MAP type's key and value types. */
    public static Map<Object, Object> parseMap(char[] chars, int start, int end, ColumnType mapType)
            throws SQLException {
        ArrayLiteralParser parser = new ArrayLiteralParser(chars, start, end, mapType);
        Object value = parser.top('{', mapType);
        if (!(value instanceof Map<?, ?>)) {
            throw parser.malformed("a map");
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) value;
        return map;
    }

    private Object top(char open, ColumnType type) throws SQLException {
        skipSpace();
        if (p >= end || c[p] != open) {
            throw malformed(open == '[' ? "an array" : "a map");
        }
        Object value = value(type);
        skipSpace();
        if (p != end) {
            throw malformed(open == '[' ? "an array" : "a map");
        }
        return value;
    }

    /** Reads one value of the given type (null type: unknown, keep plain values). */
    private Object value(ColumnType type) throws SQLException {
        skipSpace();
        if (p >= end) {
            throw malformed("a value");
        }
        char ch = c[p];
        if (ch == '[') {
            p++;
            return list(']', type != null && type.kind() == ColumnType.Kind.ARRAY ? type.element() : null);
        }
        if (ch == '(') {
            p++;
            return list(')', null);
        }
        if (ch == '{') {
            p++;
            return map(type != null && type.kind() == ColumnType.Kind.MAP ? type : null);
        }
        if (ch == '\'' || ch == '"') {
            return Elements.fromText(quoted(), true, type, scratch);
        }
        String bare = bare();
        if (bare.isEmpty()) {
            throw malformed("a value");
        }
        if (bare.equalsIgnoreCase("null")) {
            return null;
        }
        return Elements.fromText(bare, false, type, scratch);
    }

    private List<Object> postgresTop(ColumnType arrayType) throws SQLException {
        p++;
        List<Object> list = postgresList(arrayType);
        skipSpace();
        if (p != end) {
            throw malformed("an array");
        }
        return list;
    }

    /**
     * The elements of {@code {..}} after its brace: nested arrays in braces, strings in double quotes with backslash
     * escapes, bare elements up to ',' or '}' (NULL unquoted is null; quotes inside a bare element are its text).
     */
    private List<Object> postgresList(ColumnType arrayType) throws SQLException {
        ColumnType elementType = arrayType != null && arrayType.kind() == ColumnType.Kind.ARRAY
                ? arrayType.element() : null;
        List<Object> out = new ArrayList<>();
        skipSpace();
        if (p < end && c[p] == '}') {
            p++;
            return out;
        }
        while (true) {
            skipSpace();
            if (p >= end) {
                throw malformed("a value");
            }
            char ch = c[p];
            if (ch == '{') {
                p++;
                out.add(postgresList(elementType));
            } else if (ch == '"') {
                p++;
                token.setLength(0);
                while (true) {
                    if (p >= end) {
                        throw malformed("a closing quote");
                    }
                    char q = c[p++];
                    if (q == '\\' && p < end) {
                        token.append(c[p++]);
                    } else if (q == '"') {
                        break;
                    } else {
                        token.append(q);
                    }
                }
                out.add(Elements.fromText(token.toString(), true, elementType, scratch));
            } else {
                int s = p;
                while (p < end && c[p] != ',' && c[p] != '}') {
                    p++;
                }
                int e = p;
                while (e > s && c[e - 1] <= ' ') {
                    e--;
                }
                String bare = new String(c, s, e - s);
                if (bare.isEmpty()) {
                    throw malformed("a value");
                }
                out.add(bare.equalsIgnoreCase("null") ? null : Elements.fromText(bare, false, elementType, scratch));
            }
            skipSpace();
            if (p >= end) {
                throw malformed("'}'");
            }
            char next = c[p++];
            if (next == '}') {
                return out;
            }
            if (next != ',') {
                throw malformed("',' or '}'");
            }
        }
    }

    private List<Object> list(char close, ColumnType elementType) throws SQLException {
        nest();
        List<Object> out = new ArrayList<>();
        skipSpace();
        if (p < end && c[p] == close) {
            p++;
            depth--;
            return out;
        }
        while (true) {
            out.add(value(elementType));
            skipSpace();
            if (p >= end) {
                throw malformed("'" + close + "'");
            }
            char ch = c[p++];
            if (ch == close) {
                depth--;
                return out;
            }
            if (ch != ',') {
                throw malformed("',' or '" + close + "'");
            }
        }
    }

    private Map<Object, Object> map(ColumnType mapType) throws SQLException {
        ColumnType keyType = mapType == null ? null : mapType.key();
        ColumnType valueType = mapType == null ? null : mapType.element();
        nest();
        Map<Object, Object> out = new LinkedHashMap<>();
        skipSpace();
        if (p < end && c[p] == '}') {
            p++;
            depth--;
            return out;
        }
        while (true) {
            Object key = value(keyType);
            skipSpace();
            if (p >= end || c[p] != ':') {
                throw malformed("':'");
            }
            p++;
            out.put(key, value(valueType));
            skipSpace();
            if (p >= end) {
                throw malformed("'}'");
            }
            char ch = c[p++];
            if (ch == '}') {
                depth--;
                return out;
            }
            if (ch != ',') {
                throw malformed("',' or '}'");
            }
        }
    }

    /** One level deeper into lists and maps: refused beyond {@link ColumnType#MAX_NESTING}, before the stack runs out. */
    private void nest() throws SQLException {
        if (++depth > ColumnType.MAX_NESTING) {
            throw SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.exception("Cannot read "
                    + (columnType == null ? "array" : columnType.typeName()) + " value '"
                    + Conversion.shorten(c, start, end) + "': it nests deeper than " + ColumnType.MAX_NESTING
                    + " levels");
        }
    }

    private String quoted() throws SQLException {
        char quote = c[p++];
        token.setLength(0);
        while (p < end) {
            char ch = c[p++];
            if (ch == '\\') {
                if (p >= end) {
                    break;
                }
                char e = c[p++];
                switch (e) {
                    case 'n' -> token.append('\n');
                    case 't' -> token.append('\t');
                    case 'r' -> token.append('\r');
                    case 'b' -> token.append('\b');
                    case 'f' -> token.append('\f');
                    case '0' -> token.append('\0');
                    case 'u' -> {
                        if (p + 4 > end) {
                            throw malformed("four hex digits after \\u");
                        }
                        try {
                            token.append((char) Integer.parseInt(new String(c, p, 4), 16));
                        } catch (NumberFormatException ex) {
                            throw malformed("four hex digits after \\u");
                        }
                        p += 4;
                    }
                    default -> token.append(e);
                }
            } else if (ch == quote) {
                if (p < end && c[p] == quote) {
                    // A doubled quote is a quote (SQL style).
                    token.append(quote);
                    p++;
                } else if (closesString()) {
                    return token.toString();
                } else {
                    token.append(ch);
                }
            } else {
                token.append(ch);
            }
        }
        throw malformed("a closing quote");
    }

    /** True when what follows the quote at p-1 is a separator or the end, so the quote ends the string. */
    private boolean closesString() {
        int q = p;
        while (q < end && c[q] == ' ') {
            q++;
        }
        if (q == end) {
            return true;
        }
        char next = c[q];
        return next == ',' || next == ']' || next == ')' || next == '}' || next == ':';
    }

    private String bare() {
        int s = p;
        while (p < end) {
            char ch = c[p];
            if (ch == ',' || ch == ']' || ch == ')' || ch == '}' || ch == ':') {
                break;
            }
            p++;
        }
        int e = p;
        while (e > s && c[e - 1] <= ' ') {
            e--;
        }
        return new String(c, s, e - s);
    }

    private void skipSpace() {
        while (p < end && c[p] <= ' ') {
            p++;
        }
    }

    private SQLException malformed(String expected) {
        String name = columnType == null ? "array" : columnType.typeName();
        return SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.exception(
                "Cannot read " + name + " value '" + Conversion.shorten(c, start, end)
                + "': expected " + expected + " at position " + (p - start));
    }
}
