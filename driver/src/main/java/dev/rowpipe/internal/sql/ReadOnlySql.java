package dev.rowpipe.internal.sql;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Tells whether a statement can be shown to only read, so sending it twice is harmless: it starts with
 * {@code SELECT}, {@code WITH}, {@code SHOW}, {@code DESCRIBE}/{@code DESC} or {@code EXPLAIN} (after any comments
 * and opening parentheses), holds no word that writes or changes a session anywhere in its code ({@code INSERT},
 * {@code INTO}, {@code UPDATE}, {@code DELETE}, {@code CREATE}, {@code SET}, ... so {@code EXPLAIN ANALYZE INSERT} or
 * a data-changing {@code WITH} is not read-only), and is one statement. Literals, quoted identifiers and comments
 * are skipped with {@link SqlLexer}'s rules, read both with and without backslash escapes: a statement counts as
 * read-only only when both readings agree, so a literal ending in a backslash cannot hide a second statement from
 * whichever reading the server uses. Anything else, including what cannot be read, is not read-only: the cost of
 * a wrong "no" is a retry not made, the cost of a wrong "yes" a write made twice.
 */
public final class ReadOnlySql {
    private static final Set<String> LEADING = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN");
    private static final Set<String> WRITES = Set.of("INSERT", "INTO", "UPDATE", "DELETE", "MERGE", "UPSERT",
            "CREATE", "DROP", "ALTER", "TRUNCATE", "COPY", "GRANT", "REVOKE", "VACUUM", "CALL", "EXECUTE", "SET",
            "ATTACH", "DETACH", "RENAME", "OPTIMIZE", "KILL", "LOCK", "BEGIN", "COMMIT", "ROLLBACK", "START", "STOP",
            "RESTART", "USE");

    private ReadOnlySql() {
    }

    public static boolean isReadOnly(String sql) {
        Objects.requireNonNull(sql, "sql is null");
        return readOnly(sql, true) && readOnly(sql, false);
    }

    private static boolean readOnly(String sql, boolean backslashEscapes) {
        int n = sql.length();
        boolean leading = true;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int skipped = SqlLexer.skipNonCode(sql, i, backslashEscapes);
            if (skipped > i) {
                if (leading && sql.charAt(i) != '-' && sql.charAt(i) != '/') {
                    return false; // a literal or identifier before the first word
                }
                i = skipped;
                continue;
            }
            if (isWordPart(c)) {
                int end = i;
                while (end < n && isWordPart(sql.charAt(end))) {
                    end++;
                }
                String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
                if (leading ? !LEADING.contains(word) : WRITES.contains(word)) {
                    return false;
                }
                leading = false;
                i = end;
                continue;
            }
            if (c == ';') {
                // One trailing semicolon is the end of this statement; anything after it is another one.
                return !leading && SqlLexer.skipBlanks(sql, i + 1) == n;
            }
            if (leading && c != '(') {
                return false;
            }
            i++;
        }
        return !leading;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
