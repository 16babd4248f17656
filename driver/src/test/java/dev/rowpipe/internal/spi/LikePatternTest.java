package dev.rowpipe.internal.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LikePatternTest {

    @Test
    void nullAndPercentMatchEverything() {
        assertTrue(LikePattern.of(null).matchesAll());
        assertTrue(LikePattern.of("%").matchesAll());
        assertTrue(LikePattern.of(null).matches(null));
        assertTrue(LikePattern.of("%").matches(""));
        assertFalse(LikePattern.of("a%").matchesAll());
    }

    @Test
    void percentMatchesAnyRun() {
        LikePattern p = LikePattern.of("ord%s");
        assertTrue(p.matches("orders"));
        assertTrue(p.matches("ords"));
        assertFalse(p.matches("order"));
        assertFalse(p.matches("Orders"));
        assertTrue(LikePattern.of("%x%").matches("abxcd"));
        assertTrue(LikePattern.of("a%%b").matches("ab"));
        assertFalse(LikePattern.of("a%b").matches("abc"));
        assertFalse(LikePattern.of("abc").matches(null));
    }

    @Test
    void underscoreMatchesExactlyOne() {
        LikePattern p = LikePattern.of("t_1");
        assertTrue(p.matches("tx1"));
        assertTrue(p.matches("t_1"));
        assertFalse(p.matches("t1"));
        assertFalse(p.matches("txx1"));
    }

    @Test
    void backslashEscapesWildcards() {
        LikePattern p = LikePattern.of("my\\_table");
        assertTrue(p.matches("my_table"));
        assertFalse(p.matches("myxtable"));
        assertTrue(LikePattern.of("100\\%").matches("100%"));
        assertFalse(LikePattern.of("100\\%").matches("1000"));
        assertTrue(LikePattern.of("a\\\\b").matches("a\\b"));
        // A lone trailing backslash is a literal backslash.
        assertTrue(LikePattern.of("a\\").matches("a\\"));
    }

    @Test
    void literal() {
        assertEquals("orders", LikePattern.of("orders").literal());
        assertEquals("my_table", LikePattern.of("my\\_table").literal());
        assertEquals("100%", LikePattern.of("100\\%").literal());
        assertNull(LikePattern.of("my_table").literal());
        assertNull(LikePattern.of("ord%").literal());
        assertNull(LikePattern.of(null).literal());
        assertNull(LikePattern.of("%").literal());
        assertEquals("", LikePattern.of("").literal());
        assertTrue(LikePattern.of("").matches(""));
        assertFalse(LikePattern.of("").matches("a"));
    }
}
