package dev.rowpipe.internal.td;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import java.util.Locale;

/**
 * Translates Treasure Data type names into {@link ColumnType}. Two spellings reach the driver: job result schemas
 * ({@code hive_result_schema}) carry the engine's types ({@code bigint}, {@code varchar(10)}, {@code row(a integer)},
 * {@code timestamp with time zone}), and table schemas carry TD's own types, in which {@code int} and {@code long}
 * are both 64-bit. Anything not understood becomes {@link Kind#OTHER} (read as text): an unknown type is never a
 * reason to fail a query, which is what td-jdbc did for {@code decimal}, {@code real}, {@code row} and others.
 * Every column is nullable: TD has no NOT NULL. Every column also {@linkplain ColumnType#numbersAreEpochSeconds
 * reads numbers as unix seconds} when a date or timestamp is asked for: TD's {@code time} column (and many a
 * user's own) is a bigint of unix seconds, and {@code getTimestamp("time")} is how clients read it.
 */
public final class TdTypes {
    private TdTypes() {
    }

    /** A job result type (Hive, Presto or Trino spelling). Never throws. */
    public static ColumnType parse(String name) {
        return parse(name, false);
    }

    /** A type from a table schema ({@code /v3/table/list}): TD's {@code int} and {@code long} are 64-bit. */
    public static ColumnType parseTableType(String name) {
        return parse(name, true);
    }

    private static ColumnType parse(String name, boolean tableSchema) {
        return parsed(name, tableSchema).withNumbersAreEpochSeconds(true);
    }

    private static ColumnType parsed(String name, boolean tableSchema) {
        if (name == null) {
            return ColumnType.of(Kind.OTHER, "unknown");
        }
        String original = name.trim();
        try {
            Parser p = new Parser(original.toLowerCase(Locale.ROOT), tableSchema);
            ColumnType t = p.type();
            p.skipSpaces();
            if (!p.atEnd()) {
                return ColumnType.of(Kind.OTHER, original);
            }
            return t.withTypeName(original);
        } catch (RuntimeException e) {
            // Malformed or unexpected spelling: show it as text rather than fail the statement.
            return ColumnType.of(Kind.OTHER, original);
        }
    }

    /** Recursive descent over one type expression; the input is lower case. */
    private static final class Parser {
        private final String s;
        private final boolean tableSchema;
        private int pos;
        private int depth;

        Parser(String s, boolean tableSchema) {
            this.s = s;
            this.tableSchema = tableSchema;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        String word() {
            skipSpaces();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            return s.substring(start, pos);
        }

        boolean accept(char c) {
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!accept(c)) {
                throw new IllegalArgumentException("expected " + c);
            }
        }

        boolean acceptWord(String w) {
            int save = pos;
            if (word().equals(w)) {
                return true;
            }
            pos = save;
            return false;
        }

        int number() {
            String w = word();
            return Integer.parseInt(w);
        }

        /** Optional {@code (n[,m])} after a scalar name; returns null when absent. */
        int[] params() {
            int save = pos;
            if (!accept('(')) {
                return null;
            }
            skipSpaces();
            if (pos < s.length() && !Character.isDigit(s.charAt(pos))) {
                pos = save;
                return null;
            }
            int a = number();
            int b = accept(',') ? number() : -1;
            expect(')');
            return new int[] {a, b};
        }

        ColumnType type() {
            String w = word();
            switch (w) {
                case "array": {
                    char close = open();
                    nest();
                    ColumnType element = type();
                    depth--;
                    expect(close);
                    return ColumnType.array(w, element);
                }
                case "map": {
                    char close = open();
                    nest();
                    ColumnType key = type();
                    expect(',');
                    ColumnType value = type();
                    depth--;
                    expect(close);
                    return ColumnType.map(w, key, value);
                }
                case "struct":
                case "row":
                    skipFields();
                    return ColumnType.of(Kind.STRUCT, w);
                default:
                    return scalar(w);
            }
        }

        /** A hostile schema nests without end: deeper than {@link ColumnType#MAX_NESTING} it is not read (OTHER). */
        private void nest() {
            if (++depth > ColumnType.MAX_NESTING) {
                throw new IllegalArgumentException("nested deeper than " + ColumnType.MAX_NESTING);
            }
        }

        private char open() {
            if (accept('<')) {
                return '>';
            }
            expect('(');
            return ')';
        }

        /** Skips {@code <a:int,b:string>} or {@code (a integer, b varchar)}: fields are not modelled. */
        private void skipFields() {
            open();
            int depth = 1;
            while (depth > 0) {
                if (pos >= s.length()) {
                    throw new IllegalArgumentException("unterminated");
                }
                char c = s.charAt(pos++);
                if (c == '<' || c == '(') {
                    depth++;
                } else if (c == '>' || c == ')') {
                    depth--;
                }
            }
        }

        private ColumnType scalar(String w) {
            int[] p;
            switch (w) {
                case "string":
                case "text":
                    return ColumnType.of(Kind.VARCHAR, w);
                case "varchar":
                case "char":
                    p = params();
                    return p == null ? ColumnType.of(Kind.VARCHAR, w)
                            : ColumnType.of(Kind.VARCHAR, w).withPrecision(p[0], 0);
                case "tinyint":
                    return ColumnType.of(tableSchema ? Kind.BIGINT : Kind.TINYINT, w);
                case "smallint":
                    return ColumnType.of(tableSchema ? Kind.BIGINT : Kind.SMALLINT, w);
                case "int":
                case "integer":
                    return ColumnType.of(tableSchema ? Kind.BIGINT : Kind.INTEGER, w);
                case "long":
                case "bigint":
                    return ColumnType.of(Kind.BIGINT, w);
                case "double":
                    acceptWord("precision");
                    return ColumnType.of(Kind.DOUBLE, w);
                case "float":
                    // Hive's float is 32-bit; TD's table-schema float is stored as a double.
                    return ColumnType.of(tableSchema ? Kind.DOUBLE : Kind.REAL, w);
                case "real":
                    return ColumnType.of(Kind.REAL, w);
                case "decimal":
                case "numeric":
                    p = params();
                    if (p == null) {
                        return ColumnType.decimal(w, 10, 0);
                    }
                    return ColumnType.decimal(w, p[0], Math.max(p[1], 0));
                case "boolean":
                    return ColumnType.of(Kind.BOOLEAN, w);
                case "date":
                    return ColumnType.of(Kind.DATE, w);
                case "timestamp": {
                    p = params();
                    int digits = p == null ? 3 : p[0];
                    int save = pos;
                    if (acceptWord("with")) {
                        if (acceptWord("time") && acceptWord("zone")) {
                            return ColumnType.of(Kind.TIMESTAMP_TZ, w).withPrecision(0, digits);
                        }
                        throw new IllegalArgumentException("timestamp with ?");
                    }
                    pos = save;
                    if (acceptWord("without")) {
                        if (!(acceptWord("time") && acceptWord("zone"))) {
                            throw new IllegalArgumentException("timestamp without ?");
                        }
                    }
                    return ColumnType.of(Kind.TIMESTAMP, w).withPrecision(0, digits);
                }
                case "json":
                    return ColumnType.of(Kind.JSON, w);
                case "binary":
                case "varbinary":
                    return ColumnType.of(Kind.BINARY, w);
                default:
                    // Unknown names with arguments (e.g. "interval day to second", "qdigest(bigint)") are text.
                    throw new IllegalArgumentException("unknown type");
            }
        }
    }
}
