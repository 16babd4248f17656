package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FireboltDialectTest {
    private final FireboltDialect dialect = FireboltDialect.INSTANCE;

    @Test
    void escapesBackslashAndQuoteWithBackslash() {
        assertEquals("'It\\'s'", dialect.quoteString("It's"));
        assertEquals("'a\\\\b'", dialect.quoteString("a\\b"));
        assertEquals("''", dialect.quoteString(""));
        assertEquals("NULL", dialect.quoteString(null));
    }

    @Test
    void hostileStringsStayInsideTheLiteral() {
        // A trailing backslash must not escape the closing quote.
        assertEquals("'x\\\\'", dialect.quoteString("x\\"));
        assertEquals("'\\\\\\''", dialect.quoteString("\\'"));
        assertEquals("'\\'; DROP TABLE t; --'", dialect.quoteString("'; DROP TABLE t; --"));
        assertEquals("'a\\nb\\rc\\td\\0e'", dialect.quoteString("a\nb\rc\td\0e"));
        assertEquals("'\u00e9\u4e2d\ud83d\ude00\"'", dialect.quoteString("\u00e9\u4e2d\ud83d\ude00\""));
        assertEquals("'\\'\\''", dialect.quoteString("''"));
    }

    @Test
    void everyQuoteInsideIsEscaped() {
        String hostile = "\\\\'\\'''\\";
        String quoted = dialect.quoteString(hostile);
        // Reading the literal back the way Firebolt does yields the original value.
        StringBuilder read = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                char n = quoted.charAt(++i);
                read.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case '0' -> '\0';
                    default -> n;
                });
            } else {
                assertTrue(c != '\'', "unescaped quote at " + i + " in " + quoted);
                read.append(c);
            }
        }
        assertEquals(hostile, read.toString());
    }

    @Test
    void identifiersAndFlags() {
        assertEquals("\"", dialect.identifierQuote());
        assertTrue(dialect.backslashEscapes());
    }
}
