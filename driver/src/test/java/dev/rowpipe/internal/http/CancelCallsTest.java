package dev.rowpipe.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server-side stop of a statement: on a driver thread, retried within a bound, and the transport kept for it. */
class CancelCallsTest {
    private final HttpTransport transport = new HttpTransport(new TransportConfig(5, 10, 0, 1, "rowpipe-test/1"));
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(CancelCalls.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CancelCallsTest() {
        log.addHandler(handler);
    }

    @AfterEach
    void close() {
        log.removeHandler(handler);
        transport.close();
    }

    private CancelCalls calls() {
        return new CancelCalls(transport, 200, new long[] {10, 20});
    }

    @Test
    void runsOnADriverThreadAndStopsAtTheFirstSuccess() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        calls().send("Test cancel", handle -> {
            threads.add(Thread.currentThread().getName());
            return attempts.incrementAndGet() == 2;
        }).get(10, TimeUnit.SECONDS);
        assertEquals(2, attempts.get());
        assertEquals(List.of("rowpipe-query-cancel", "rowpipe-query-cancel"), threads);
    }

    @Test
    void failuresAreTriedThreeTimesThenLoggedAsAWarning() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        calls().send("Test cancel", handle -> {
            attempts.incrementAndGet();
            throw new IOException("connection refused");
        }).get(10, TimeUnit.SECONDS);
        assertEquals(CancelCalls.ATTEMPTS, attempts.get());
        assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.WARNING
                && r.getMessage().contains("Test cancel did not succeed in 3 attempts")
                && r.getMessage().contains("connection refused")), logged.toString());
    }

    @Test
    void anAttemptThatHangsIsCutOffAtItsShareOfTheBound() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        long t0 = System.nanoTime();
        calls().send("Test cancel", handle -> {
            attempts.incrementAndGet();
            // A request that never answers: only the attempt's cutoff (a cancel of its handle) ends it.
            return handle.sleep(TimeUnit.MINUTES.toMillis(5));
        }).get(10, TimeUnit.SECONDS);
        assertEquals(CancelCalls.ATTEMPTS, attempts.get());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "the attempts were not bounded");
    }

    @Test
    void theTransportIsClosedOnlyOnceNoCallIsPending() throws Exception {
        CancelCalls calls = calls();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        var done = calls.send("Test cancel", handle -> {
            running.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        calls.closeTransport();
        assertEquals(1, calls.pending());
        assertFalse(done.isDone());
        release.countDown();
        done.get(10, TimeUnit.SECONDS);
        assertEquals(0, calls.pending());
        // Closed by now: a later call is not started on a closed transport.
        AtomicInteger late = new AtomicInteger();
        calls.send("Late cancel", handle -> late.incrementAndGet() > 0).get(10, TimeUnit.SECONDS);
        assertEquals(0, late.get());
    }
}
