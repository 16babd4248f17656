package dev.rowpipe.td;

import dev.rowpipe.spi.SqlDialect;

/**
 * String literal and identifier rules of TD's engines. Hive reads a backslash inside a literal as an escape
 * (and joins adjacent literals, so doubling a quote is wrong there); Presto and Trino follow standard SQL, where a
 * quote is doubled and a backslash is an ordinary character (td-jdbc's {@code \'} is a syntax error there).
 */
public enum TdDialect implements SqlDialect {
    HIVE {
        @Override
        public String quoteString(String value) {
            StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
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
            return "`";
        }

        @Override
        public boolean backslashEscapes() {
            return true;
        }
    },
    STANDARD {
        @Override
        public String quoteString(String value) {
            return "'" + value.replace("'", "''") + "'";
        }

        @Override
        public String identifierQuote() {
            return "\"";
        }

        @Override
        public boolean backslashEscapes() {
            return false;
        }
    };

    /** The dialect of a job type ({@code hive}, {@code presto}, {@code trino}). */
    public static TdDialect forType(String type) {
        return "hive".equalsIgnoreCase(type) ? HIVE : STANDARD;
    }
}
