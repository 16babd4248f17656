package dev.rowpipe.jdbc;

/**
 * Readers of string literals as the server reads them, to check that what a production dialect wrote (see
 * {@code FireboltDialect}, {@code TdDialect}) is exactly the value bound. Written from the engines' rules, not
 * from the dialects, so a dialect bug cannot hide behind its own mirror image.
 */
final class LiteralReaders {
    private LiteralReaders() {
    }

    /**
     * Reads a literal where a backslash escapes the next character (Firebolt v1, Hive) starting at
     * {@code text[0] == '\''}; fails unless it spans all of text.
     */
    static String unescapeBackslash(String text) {
        if (text.length() < 2 || text.charAt(0) != '\'') {
            throw new AssertionError("not a literal: " + text);
        }
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                char e = text.charAt(i + 1);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 't' -> '\t';
                    default -> e;
                });
                i += 2;
                continue;
            }
            if (c == '\'') {
                if (i != text.length() - 1) {
                    throw new AssertionError("literal ends early at " + i + ": " + text);
                }
                return out.toString();
            }
            out.append(c);
            i++;
        }
        throw new AssertionError("literal not closed: " + text);
    }

    /** Reads a standard SQL literal (Presto, Trino): a doubled quote is a quote, nothing else is special. */
    static String unescapeStandard(String text) {
        if (text.length() < 2 || text.charAt(0) != '\'') {
            throw new AssertionError("not a literal: " + text);
        }
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i += 2;
                    continue;
                }
                if (i != text.length() - 1) {
                    throw new AssertionError("literal ends early at " + i + ": " + text);
                }
                return out.toString();
            }
            out.append(c);
            i++;
        }
        throw new AssertionError("literal not closed: " + text);
    }
}
