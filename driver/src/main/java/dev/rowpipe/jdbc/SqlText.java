package dev.rowpipe.jdbc;

import dev.rowpipe.internal.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SQL text just far enough to know what is code and what is a string literal, a quoted identifier or a
 * comment (by {@link SqlLexer}'s rules, the ones the backends read their client statements with). Used to split
 * scripts on {@code ;} and to find {@code ?} parameter markers: neither may be taken from inside quotes or
 * comments.
 */
final class SqlText {
    private SqlText() {
    }

    /**
     * Splits a script into statements on {@code ;} in code. Statements that are empty or only comments are
     * dropped; each statement keeps its own text (comments included), trimmed.
     */
    static List<String> split(String sql, boolean backslashEscapes) {
        List<String> out = new ArrayList<>();
        int start = 0;
        boolean hasCode = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int skip = SqlLexer.skipNonCode(sql, i, backslashEscapes);
            if (skip > i) {
                if (c == '\'' || c == '"' || c == '`') {
                    hasCode = true;
                }
                i = skip;
                continue;
            }
            if (c == ';') {
                if (hasCode) {
                    out.add(sql.substring(start, i).trim());
                }
                start = i + 1;
                hasCode = false;
            } else if (!Character.isWhitespace(c)) {
                hasCode = true;
            }
            i++;
        }
        if (hasCode) {
            out.add(sql.substring(start).trim());
        }
        return out;
    }

    /** Positions of {@code ?} markers in code (not in literals, identifiers or comments). */
    static int[] markers(String sql, boolean backslashEscapes) {
        List<Integer> found = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            int skip = SqlLexer.skipNonCode(sql, i, backslashEscapes);
            if (skip > i) {
                i = skip;
                continue;
            }
            if (sql.charAt(i) == '?') {
                found.add(i);
            }
            i++;
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The first word of the statement in code (comments skipped), upper-cased; empty if none. */
    static String firstKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
                continue;
            }
            int skip = SqlLexer.skipNonCode(sql, i, false);
            if (skip > i && c != '\'' && c != '"' && c != '`') {
                i = skip;
                continue;
            }
            int start = i;
            while (i < n && Character.isLetter(sql.charAt(i))) {
                i++;
            }
            return sql.substring(start, i).toUpperCase(java.util.Locale.ROOT);
        }
        return "";
    }
}
