package dev.rowpipe.jdbc;

import dev.rowpipe.internal.spi.SqlDialect;

/** Two literal styles for binding tests, each with an un-escaper that reads a literal back as the server would. */
final class TestDialects {
    private TestDialects() {
    }

    /** Firebolt-style: backslash escapes inside single quotes. */
    static final SqlDialect BACKSLASH = new SqlDialect() {
        @Override
        public String quoteString(String value) {
            StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\'' -> out.append("\\'");
                    case '\n' -> out.append("\\n");
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
    };

    /** Standard SQL: a quote is doubled, nothing else is special. */
    static final SqlDialect STANDARD = new SqlDialect() {
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

    /** Reads a backslash-style literal starting at {@code text[0] == '\''}; fails unless it spans all of text. */
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
