package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.SqlLiterals;

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
        return SqlLiterals.backslashEscaped(value);
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
