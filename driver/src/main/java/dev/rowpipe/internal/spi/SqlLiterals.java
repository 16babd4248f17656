package dev.rowpipe.internal.spi;

/** The two ways SQL engines read string literals; dialects pick one. */
public final class SqlLiterals {
    private SqlLiterals() {
    }

    /**
     * For engines where a backslash escapes the next character (Firebolt v1, Hive): the backslash and the quote
     * are both escaped, since doubling the quote alone would let a value ending in a backslash swallow the
     * closing quote. Control characters become escapes so a literal stays on one line.
     */
    public static String backslashEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** Standard SQL (Presto, Trino): a quote is doubled and a backslash is an ordinary character. */
    public static String quoteDoubled(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
