package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates Firebolt's (ClickHouse-like) type names into {@link ColumnType}. Never throws: a name it does not
 * know becomes {@link Kind#OTHER}, read as text. Firebolt states nullability explicitly ({@code Nullable(T)} or a
 * {@code NULL} suffix), so a plain type is not nullable.
 */
public final class FireboltTypes {
    /** The longest type name that is read (a Tuple of a thousand fields is some 30,000 characters). */
    static final int MAX_NAME = 1 << 20;

    private FireboltTypes() {
    }

    public static ColumnType parse(String typeName) {
        return parse(typeName, 0);
    }

    /**
     * {@code depth} counts the enclosing types: a name nested deeper than {@link ColumnType#MAX_NESTING}, or longer
     * than {@link #MAX_NAME} characters, is OTHER without being read further, so a hostile one costs bounded time and
     * stack.
     */
    private static ColumnType parse(String typeName, int depth) {
        if (typeName == null || typeName.isBlank()) {
            return new ColumnType(Kind.OTHER, typeName == null ? "" : typeName, 0, 0, true, null, null, null);
        }
        String spelled = typeName.trim();
        if (depth > ColumnType.MAX_NESTING || spelled.length() > MAX_NAME) {
            return plain(Kind.OTHER, spelled);
        }
        return parseTrimmed(spelled, depth).withTypeName(spelled);
    }

    private static ColumnType parseTrimmed(String s, int depth) {
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.endsWith(" NOT NULL")) {
            return parse(s.substring(0, s.length() - " NOT NULL".length()), depth + 1).withNullable(false);
        }
        if (upper.endsWith(" NULL")) {
            return parse(s.substring(0, s.length() - " NULL".length()), depth + 1).withNullable(true);
        }
        if (s.endsWith("[]") && s.length() > 2) {
            // information_schema of DuckDB-backed engines (the local server) spells arrays the Postgres way.
            ColumnType element = parse(s.substring(0, s.length() - 2), depth + 1);
            return new ColumnType(Kind.ARRAY, s, 0, 0, false, element, null, null);
        }
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open)).trim().toLowerCase(Locale.ROOT);
        String args = null;
        if (open >= 0) {
            if (!s.endsWith(")")) {
                return plain(Kind.OTHER, s);
            }
            args = s.substring(open + 1, s.length() - 1).trim();
        }
        if (name.equals("nullable") && args != null) {
            return parse(args, depth + 1).withNullable(true);
        }
        if (args != null) {
            return withArguments(name, args, s, depth);
        }
        return switch (name) {
            case "int8", "tinyint" -> plain(Kind.TINYINT, s);
            case "int16", "smallint", "uint8" -> plain(Kind.SMALLINT, s);
            case "int32", "int", "integer", "uint16" -> plain(Kind.INTEGER, s);
            case "int64", "bigint", "long", "uint32" -> plain(Kind.BIGINT, s);
            case "uint64" -> plain(Kind.HUGEINT, s).withPrecision(20, 0);
            case "float32", "float", "real" -> plain(Kind.REAL, s);
            case "float64", "double", "double precision" -> plain(Kind.DOUBLE, s);
            case "string", "text", "varchar" -> plain(Kind.VARCHAR, s);
            case "date", "date32", "pgdate" -> plain(Kind.DATE, s);
            case "datetime", "timestamp", "timestampntz" -> plain(Kind.TIMESTAMP, s);
            case "timestamptz" -> plain(Kind.TIMESTAMP_TZ, s);
            case "decimal", "numeric" -> plain(Kind.DECIMAL, s);
            case "boolean", "bool" -> plain(Kind.BOOLEAN, s);
            case "bytea" -> plain(Kind.BINARY, s);
            case "nothing" -> plain(Kind.NULL, s).withNullable(true);
            default -> plain(Kind.OTHER, s);
        };
    }

    private static ColumnType withArguments(String name, String args, String s, int depth) {
        switch (name) {
            case "array": {
                ColumnType element = parse(args, depth + 1);
                return new ColumnType(Kind.ARRAY, s, 0, 0, false, element, null, null);
            }
            case "tuple":
                return plain(Kind.STRUCT, s);
            case "decimal", "numeric": {
                List<String> parts = split(args);
                Integer p = parts.size() >= 1 ? number(parts.get(0)) : null;
                Integer sc = parts.size() >= 2 ? number(parts.get(1)) : Integer.valueOf(0);
                if (p == null || sc == null || parts.size() > 2) {
                    return plain(Kind.OTHER, s);
                }
                return plain(Kind.DECIMAL, s).withPrecision(p, sc);
            }
            case "datetime64": {
                List<String> parts = split(args);
                Integer p = parts.isEmpty() ? null : number(parts.get(0));
                if (p == null || parts.size() > 2) {
                    return plain(Kind.OTHER, s);
                }
                ColumnType t = plain(Kind.TIMESTAMP, s).withPrecision(0, p);
                return parts.size() == 2 ? t.withTimeZone(unquote(parts.get(1))) : t;
            }
            case "datetime", "timestamp": {
                // DateTime('Zone') carries a zone and no precision.
                return plain(Kind.TIMESTAMP, s).withTimeZone(unquote(args));
            }
            case "varchar", "string", "text":
                Integer length = number(args);
                return length == null ? plain(Kind.VARCHAR, s) : plain(Kind.VARCHAR, s).withPrecision(length, 0);
            default:
                return plain(Kind.OTHER, s);
        }
    }

    private static ColumnType plain(Kind kind, String name) {
        return new ColumnType(kind, name, 0, 0, false, null, null, null);
    }

    /** Splits on top-level commas (type arguments may nest parentheses or quote commas). */
    private static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(args.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(args.substring(start).trim());
        return out;
    }

    private static Integer number(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unquote(String text) {
        String t = text.trim();
        if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.charAt(t.length() - 1) == t.charAt(0)) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
