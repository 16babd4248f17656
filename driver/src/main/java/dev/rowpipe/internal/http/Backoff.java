package dev.rowpipe.internal.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of min(cap, base * 2^n), so
 * many clients retrying at once spread out, yet nobody retries immediately.
 */
public final class Backoff {
    private final long baseMillis;
    private final long capMillis;

    public Backoff(long baseMillis, long capMillis) {
        if (baseMillis < 1 || capMillis < baseMillis) {
            throw new IllegalArgumentException("backoff base must be >= 1 and <= cap");
        }
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
    }

    /** The upper bound of the delay before retry number {@code attempt} (0-based), without jitter. */
    public long ceiling(int attempt) {
        long d = baseMillis << Math.min(attempt, 30);
        return d <= 0 || d > capMillis ? capMillis : d;
    }

    /** The delay before retry number {@code attempt}, jittered into [ceiling/2, ceiling]. */
    public long delay(int attempt) {
        long ceiling = ceiling(attempt);
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }
}
