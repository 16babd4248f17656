package dev.rowpipe.internal.td;

import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.SqlLiterals;
import java.util.List;

/**
 * String literal and identifier rules of TD's engines. Hive reads a backslash inside a literal as an escape
 * (and joins adjacent literals, so doubling a quote is wrong there); Presto and Trino follow standard SQL, where a
 * quote is doubled and a backslash is an ordinary character (td-jdbc's {@code \'} is a syntax error there).
 */
public enum TdDialect implements SqlDialect {
    HIVE {
        @Override
        public String quoteString(String value) {
            return SqlLiterals.backslashEscaped(value);
        }

        @Override
        public String identifierQuote() {
            return "`";
        }

        @Override
        public String arrayLiteral(List<String> elements) {
            return "array(" + String.join(", ", elements) + ")";
        }

        @Override
        public boolean backslashEscapes() {
            return true;
        }
    },
    STANDARD {
        @Override
        public String quoteString(String value) {
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

        @Override
        public String arrayLiteral(List<String> elements) {
            return "ARRAY[" + String.join(", ", elements) + "]";
        }
    };

    /** The dialect of a job type ({@code hive}, {@code presto}, {@code trino}). */
    public static TdDialect forType(String type) {
        return "hive".equalsIgnoreCase(type) ? HIVE : STANDARD;
    }
}
