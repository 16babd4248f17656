package dev.rowpipe.internal.sql;

/**
 * The driver's one set of lexical rules for SQL text: what is a string literal, a quoted identifier, a comment or
 * whitespace. The JDBC layer splits scripts and finds parameter markers with it, and both backends recognise the
 * statements they answer themselves with it ({@link SqlTokens}), so a comment or a line break means the same
 * everywhere.
 *
 * <ul>
 *   <li>{@code '...'} string literal: a doubled quote stays inside; with backslash escapes (Firebolt, Hive) a
 *       backslash escapes the next character</li>
 *   <li>{@code "..."} and {@code `...`} quoted identifiers: a doubled quote stays inside</li>
 *   <li>{@code -- ...} to the end of the line, {@code /* ... *&#47;} (not nested)</li>
 *   <li>whitespace is what {@link Character#isWhitespace} says (spaces, tabs, line breaks)</li>
 * </ul>
 * A literal, identifier or comment that is not closed runs to the end of the text.
 */
public final class SqlLexer {
    private SqlLexer() {
    }

    /**
     * If a literal, quoted identifier or comment starts at {@code i}, returns the index just after it (the end of
     * the text when it is not closed); otherwise returns {@code i}.
     */
    public static int skipNonCode(String sql, int i, boolean backslashEscapes) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            return skipQuoted(sql, i, backslashEscapes && c == '\'');
        }
        return skipComment(sql, i);
    }

    /** If a comment starts at {@code i}, the index just after it (the end of the text when open); else {@code i}. */
    public static int skipComment(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            int end = sql.indexOf('\n', i);
            return end < 0 ? n : end + 1;
        }
        if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? n : end + 2;
        }
        return i;
    }

    /** The index of the first character at or after {@code i} that is neither whitespace nor in a comment. */
    public static int skipBlanks(String sql, int i) {
        int n = sql.length();
        while (i < n) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
                continue;
            }
            int end = skipComment(sql, i);
            if (end == i) {
                return i;
            }
            i = end;
        }
        return n;
    }

    /**
     * The index just after the quoted text opening at {@code i} (its quote character is {@code sql.charAt(i)}), or
     * the end of the text when it is not closed.
     */
    static int skipQuoted(String sql, int i, boolean backslashEscapes) {
        int end = quotedEnd(sql, i, backslashEscapes);
        return end < 0 ? sql.length() : end;
    }

    /** As {@link #skipQuoted}, but -1 when the quoted text is not closed. */
    static int quotedEnd(String sql, int i, boolean backslashEscapes) {
        int n = sql.length();
        char quote = sql.charAt(i);
        int j = i + 1;
        while (j < n) {
            char d = sql.charAt(j);
            if (d == '\\' && backslashEscapes) {
                j += 2;
                continue;
            }
            if (d == quote) {
                if (j + 1 < n && sql.charAt(j + 1) == quote) {
                    j += 2; // doubled quote stays inside
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return -1;
    }
}
