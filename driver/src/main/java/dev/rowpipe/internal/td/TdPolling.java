package dev.rowpipe.internal.td;

import dev.rowpipe.internal.http.RequestHandle;
import java.util.function.LongSupplier;

/**
 * How a session waits for jobs: the status poll backoff (initial delay doubling to a cap), the job time limit,
 * and the clock and sleeper, which tests replace so that polling runs without real waits.
 *
 * @param jobTimeoutSeconds 0 = no limit of the driver's own
 */
record TdPolling(long initialMillis, long maxMillis, int jobTimeoutSeconds, Sleeper sleeper, LongSupplier nanoClock) {

    /** Waits between polls; must return early (false) when the handle is cancelled. */
    interface Sleeper {
        boolean sleep(RequestHandle handle, long millis) throws InterruptedException;
    }

    static final Sleeper REAL_SLEEPER = RequestHandle::sleep;

    TdPolling {
        if (maxMillis < initialMillis) {
            maxMillis = initialMillis;
        }
    }

    long nextDelay(long delay) {
        return Math.min(maxMillis, delay * 2);
    }
}
