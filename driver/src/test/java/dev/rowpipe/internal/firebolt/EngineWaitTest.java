package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineWaitTest {

    @Test
    void pausesDoubleUpToFiveSecondsAndEndByTheDeadline() throws SQLException {
        FakeFirebolt.FakePacer pacer = new FakeFirebolt.FakePacer();
        EngineWait wait = new EngineWait(pacer, "eng", Duration.ofSeconds(12));
        while (!wait.expired()) {
            wait.pause();
        }
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L, 800L), pacer.sleeps);
    }

    @Test
    void anInterruptIsACancelThatKeepsTheInterruptStatus() {
        Pacer interrupted = new Pacer() {
            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public void sleep(long millis) throws InterruptedException {
                throw new InterruptedException();
            }
        };
        EngineWait wait = new EngineWait(interrupted, "eng", Duration.ofMinutes(1));
        assertFalse(wait.expired());
        SQLException e = assertThrows(SQLException.class, wait::pause);
        try {
            assertEquals("HY008", e.getSQLState());
            assertTrue(e.getMessage().contains("Firebolt engine 'eng'"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
