package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TdDialectTest {
    @Test
    void hiveUsesBackslashEscapes() {
        TdDialect hive = TdDialect.forType("hive");
        assertEquals("'It\\'s'", hive.quoteString("It's"));
        assertEquals("'a\\\\b'", hive.quoteString("a\\b"));
        assertEquals("'x\\\\'", hive.quoteString("x\\"));
        assertEquals("'\\n\\r\\t\\0'", hive.quoteString("\n\r\t\0"));
        assertEquals("'\"\uD83D\uDE00'", hive.quoteString("\"\uD83D\uDE00"));
        assertEquals("`", hive.identifierQuote());
        assertTrue(hive.backslashEscapes());
    }

    @Test
    void prestoAndTrinoUseStandardSql() {
        for (String type : new String[] {"presto", "trino"}) {
            TdDialect d = TdDialect.forType(type);
            assertEquals("'It''s'", d.quoteString("It's"));
            assertEquals("'a\\b'", d.quoteString("a\\b"));
            assertEquals("'x\\'", d.quoteString("x\\"));
            assertEquals("'\n'", d.quoteString("\n"));
            assertEquals("\"", d.identifierQuote());
            assertFalse(d.backslashEscapes());
        }
    }
}
