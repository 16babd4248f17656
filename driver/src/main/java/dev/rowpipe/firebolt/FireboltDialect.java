package dev.rowpipe.firebolt;

import dev.rowpipe.spi.SqlDialect;

/**
 * Firebolt v1 reads string literals the ClickHouse way: a backslash escapes the next character. So both the
 * backslash and the quote are escaped with a backslash; doubling the quote alone would let a value ending in a
 * backslash swallow the closing quote. Control characters are written as escapes so a literal stays on one line.
 */
public final class FireboltDialect implements SqlDialect {
    public static final FireboltDialect INSTANCE = new FireboltDialect();

    @Override
    public String quoteString(String value) {
        if (value == null) {
            return "NULL";
        }
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

    @Override
    public String identifierQuote() {
        return "\"";
    }

    @Override
    public boolean backslashEscapes() {
        return true;
    }
}
