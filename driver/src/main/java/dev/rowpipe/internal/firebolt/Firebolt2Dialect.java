package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.SqlLiterals;

/**
 * Firebolt 2.0 and Core read string literals the standard way ({@code standard_conforming_strings} is on by
 * default): a backslash is an ordinary character and only the quote is doubled. A session that turns the setting off
 * reads them v1's way and uses {@link FireboltDialect} instead.
 */
public final class Firebolt2Dialect implements SqlDialect {
    public static final Firebolt2Dialect INSTANCE = new Firebolt2Dialect();

    private Firebolt2Dialect() {
    }

    @Override
    public String quoteString(String value) {
        if (value == null) {
            return "NULL";
        }
        return SqlLiterals.quoteDoubled(value);
    }

    @Override
    public String identifierQuote() {
        return "\"";
    }

    @Override
    public boolean backslashEscapes() {
        return false;
    }
}
