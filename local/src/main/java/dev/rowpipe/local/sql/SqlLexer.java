package dev.rowpipe.local.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into tokens so that rewrites never touch the inside of literals, comments or quoted identifiers.
 * String literals are decoded according to the dialect's rules and re-rendered in standard SQL form (quotes
 * doubled, backslashes literal), which is what DuckDB reads.
 */
public final class SqlLexer {

    /** How a dialect reads literals and quoted identifiers. */
    public enum Dialect {
        /**
         * Firebolt v1: a backslash escapes the next character; a doubled quote is a quote. Identifiers in double
         * quotes or backquotes.
         */
        FIREBOLT,
        /**
         * Hive: a backslash escapes the next character; {@code 'a''b'} is two adjacent literals joined. Double
         * quotes delimit strings too (Hive's default, {@code hive.support.quoted.identifiers} aside): only
         * backquotes quote identifiers, so {@code "time"} is the string {@code time}, never the column.
         */
        HIVE,
        /**
         * Presto/Trino: standard SQL, a doubled quote is a quote, a backslash is itself; identifiers in double
         * quotes. Backquotes are an error, as Trino reports them.
         */
        STANDARD
    }

    public enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, SYMBOL, SPACE, COMMENT }

    /** One token; for STRING, {@code text} is the decoded value, otherwise the source text. */
    public record Token(Kind kind, String text) {
        public boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        public boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        public boolean significant() {
            return kind != Kind.SPACE && kind != Kind.COMMENT;
        }

        /** The token as DuckDB should read it. */
        public String render() {
            return kind == Kind.STRING ? quote(text) : text;
        }
    }

    private SqlLexer() {
    }

    /**
     * A standard SQL literal for {@code value}. DuckDB's parser ends a literal at a NUL character, so a value
     * holding NULs becomes a parenthesized concatenation with {@code chr(0)}.
     */
    public static String quote(String value) {
        String quoted = "'" + value.replace("'", "''") + "'";
        if (value.indexOf('\0') < 0) {
            return quoted;
        }
        return "(" + quoted.replace("\0", "' || chr(0) || '") + ")";
    }

    public static List<Token> tokenize(String sql, Dialect dialect) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.SPACE, sql.substring(start, i)));
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                out.add(new Token(Kind.COMMENT, sql.substring(start, i)));
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.add(new Token(Kind.COMMENT, sql.substring(start, i)));
            } else if (c == '`' && dialect == Dialect.STANDARD) {
                throw new IllegalArgumentException("backquoted identifiers are not supported; use double quotes to "
                        + "quote identifiers (offset " + i + ")");
            } else if (c == '"' && dialect == Dialect.HIVE) {
                StringBuilder value = new StringBuilder();
                i = readHiveStrings(sql, i, value);
                out.add(new Token(Kind.STRING, value.toString()));
            } else if (c == '"' || c == '`') {
                i++;
                while (i < n) {
                    if (sql.charAt(i) == c) {
                        if (i + 1 < n && sql.charAt(i + 1) == c) {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                String ident = sql.substring(start, i);
                if (c == '`') {
                    // Hive and ClickHouse backquotes: DuckDB only knows double quotes.
                    String inner = ident.length() >= 2 ? ident.substring(1, ident.length() - 1) : "";
                    ident = '"' + inner.replace("``", "`").replace("\"", "\"\"") + '"';
                }
                out.add(new Token(Kind.QUOTED_IDENT, ident));
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                i = dialect == Dialect.HIVE ? readHiveStrings(sql, i, value) : readString(sql, i, '\'', dialect, value);
                out.add(new Token(Kind.STRING, value.toString()));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(Kind.WORD, sql.substring(start, i)));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(start, i)));
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                i += 2;
                out.add(new Token(Kind.SYMBOL, "::"));
            } else {
                i++;
                out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
            }
        }
        return out;
    }

    /**
     * Hive literals from the quote at {@code pos}: single- or double-quoted, and adjacent ones (with or without
     * space between them, in either quote) are one literal joined; returns the index after the last.
     */
    private static int readHiveStrings(String sql, int pos, StringBuilder value) {
        int n = sql.length();
        int i = readString(sql, pos, sql.charAt(pos), Dialect.HIVE, value);
        int j = i;
        while (true) {
            while (j < n && Character.isWhitespace(sql.charAt(j))) {
                j++;
            }
            if (j < n && (sql.charAt(j) == '\'' || sql.charAt(j) == '"')) {
                i = readString(sql, j, sql.charAt(j), Dialect.HIVE, value);
                j = i;
            } else {
                return i;
            }
        }
    }

    /**
     * Reads one literal delimited by {@code quote} starting at {@code pos}, appends its value, returns the index
     * after it.
     */
    private static int readString(String sql, int pos, char quote, Dialect dialect, StringBuilder value) {
        int n = sql.length();
        int i = pos + 1;
        boolean backslash = dialect != Dialect.STANDARD;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslash && c == '\\' && i + 1 < n) {
                value.append(unescape(sql.charAt(i + 1)));
                i += 2;
            } else if (c == quote) {
                if (dialect != Dialect.HIVE && i + 1 < n && sql.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                value.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("Unterminated string literal starting at offset " + pos);
    }

    private static char unescape(char c) {
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case '0':
                return '\0';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            default:
                return c;
        }
    }

    public static String render(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            sb.append(t.render());
        }
        return sb.toString();
    }

    /** Splits on {@code ;} outside literals and comments; drops statements that are only space and comments. */
    public static List<List<Token>> statements(List<Token> tokens) {
        List<List<Token>> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : tokens) {
            if (t.isSymbol(";")) {
                addIfSignificant(out, current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        addIfSignificant(out, current);
        return out;
    }

    private static void addIfSignificant(List<List<Token>> out, List<Token> statement) {
        for (Token t : statement) {
            if (t.significant()) {
                out.add(statement);
                return;
            }
        }
    }
}
