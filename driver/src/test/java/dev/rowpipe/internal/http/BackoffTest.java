package dev.rowpipe.internal.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    @Test
    void ceilingDoublesUpToTheCap() {
        Backoff b = new Backoff(200, 30_000);
        assertEquals(200, b.ceiling(0));
        assertEquals(400, b.ceiling(1));
        assertEquals(25_600, b.ceiling(7));
        assertEquals(30_000, b.ceiling(8));
        assertEquals(30_000, b.ceiling(31));
        assertEquals(30_000, b.ceiling(1000));
        Backoff big = new Backoff(60_000, 60_000);
        assertEquals(60_000, big.ceiling(62));
    }

    @Test
    void delayIsJitteredBetweenHalfAndCeiling() {
        Backoff b = new Backoff(100, 1000);
        for (int attempt = 0; attempt < 8; attempt++) {
            long ceiling = b.ceiling(attempt);
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 2000; i++) {
                long d = b.delay(attempt);
                assertTrue(d >= ceiling / 2 && d <= ceiling, "attempt " + attempt + " delay " + d);
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            assertTrue(max > min, "jitter spreads the delays");
        }
        assertEquals(1, new Backoff(1, 1).delay(0) + 0 * 1, 1);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5));
    }
}
