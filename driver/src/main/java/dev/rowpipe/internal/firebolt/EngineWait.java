package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.error.SqlState;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The wait for a starting engine, for v1's engine API and 2.0's system engine alike: polls at pauses that double from
 * 200 ms to 5 s, until a deadline. Not thread-safe; one per wait.
 */
final class EngineWait {
    private static final long FIRST_POLL_MILLIS = 200;
    private static final long MAX_POLL_MILLIS = 5_000;

    private final Pacer pacer;
    private final String name;
    private final Instant deadline;
    private long pause = FIRST_POLL_MILLIS;
    private Duration left;

    EngineWait(Pacer pacer, String name, Duration timeout) {
        this.pacer = pacer;
        this.name = name;
        this.deadline = pacer.clock().instant().plus(timeout);
    }

    /** True once the deadline has passed; else the next {@link #pause} ends by the deadline. */
    boolean expired() {
        left = Duration.between(pacer.clock().instant(), deadline);
        return left.isNegative() || left.isZero();
    }

    /** Waits before the next poll; an interrupt ends the wait with HY008, the thread's interrupt status kept. */
    void pause() throws SQLException {
        try {
            pacer.sleep(Math.min(pause, left.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SqlState.OPERATION_CANCELLED.exception(
                    "Interrupted while waiting for Firebolt engine '" + name + "' to start", e);
        }
        pause = Math.min(MAX_POLL_MILLIS, pause * 2);
    }
}
