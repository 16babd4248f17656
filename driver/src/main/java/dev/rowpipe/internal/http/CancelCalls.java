package dev.rowpipe.internal.http;

import dev.rowpipe.internal.DaemonThreads;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the calls that stop a statement's work on the server (Firebolt's {@code /cancel}, TD's {@code job/kill}) for
 * one session: on the driver's own daemon threads, never on the thread that cancels (it may be interrupted, and an
 * interrupted thread's HTTP calls fail at once; it may be a timer that must not wait on the network), each tried up to
 * {@value #ATTEMPTS} times within about {@value #BOUND_MILLIS} ms: every attempt is cut off when its share of the time
 * is used up, and a failed one is tried again after a pause. The session's transport is closed only once no call is
 * pending, so closing a connection right after cancelling its statements does not close the transport under them.
 */
public final class CancelCalls {
    private static final Logger LOG = Logger.getLogger(CancelCalls.class.getName());
    static final int ATTEMPTS = 3;
    static final long BOUND_MILLIS = 10_000;
    /** Pauses before the second and third attempts. */
    private static final long[] PAUSES_MILLIS = {500, 1500};
    /** The longest one attempt may take: three of them and the pauses fit the bound. */
    private static final long ATTEMPT_MILLIS = (BOUND_MILLIS - 500 - 1500) / ATTEMPTS;

    private static final ExecutorService CALLS = DaemonThreads.pool("rowpipe-query-cancel");
    private static final ScheduledExecutorService CUTOFF = DaemonThreads.scheduler("rowpipe-query-cancel-timer");

    /** One try at the call. */
    @FunctionalInterface
    public interface Attempt {
        /**
         * Sends the call once with {@code handle} (cancelled when the attempt's time is up).
         *
         * @return true when the work is stopped or there is nothing to stop (answered, or the statement is over);
         *         false when it should be tried again
         * @throws Exception a failure, also tried again
         */
        boolean send(RequestHandle handle) throws Exception;
    }

    private final HttpTransport transport;
    private final long attemptMillis;
    private final long[] pausesMillis;
    private final Object lock = new Object();
    private int pending;
    private boolean closing;
    private boolean closed;

    public CancelCalls(HttpTransport transport) {
        this(transport, ATTEMPT_MILLIS, PAUSES_MILLIS);
    }

    /** For tests: shorter attempts and pauses. */
    CancelCalls(HttpTransport transport, long attemptMillis, long[] pausesMillis) {
        this.transport = transport;
        this.attemptMillis = attemptMillis;
        this.pausesMillis = pausesMillis.clone();
    }

    /**
     * Starts the call; never blocks and never throws. The future completes (never exceptionally) once the call
     * succeeded or its last attempt ended; a failure of every attempt is logged as a WARNING, since the statement
     * may then go on running on the server.
     *
     * @param what the call, for the log (no secrets), e.g. "Firebolt cancel of query ..."
     */
    public CompletableFuture<Void> send(String what, Attempt attempt) {
        Objects.requireNonNull(what, "what is null");
        Objects.requireNonNull(attempt, "attempt is null");
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                LOG.log(Level.FINE, "{0} not sent: the connection is closed", what);
                return CompletableFuture.completedFuture(null);
            }
            pending++;
        }
        try {
            CALLS.execute(() -> {
                try {
                    run(what, attempt);
                } finally {
                    ended();
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            ended();
            done.complete(null);
            LOG.log(Level.WARNING, what + " could not be started", e);
        }
        return done;
    }

    private void run(String what, Attempt attempt) {
        Exception last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            if (i > 0 && !pause(pausesMillis[Math.min(i - 1, pausesMillis.length - 1)])) {
                break;
            }
            RequestHandle handle = new RequestHandle();
            ScheduledFuture<?> cutoff = CUTOFF.schedule(handle::cancel, attemptMillis, TimeUnit.MILLISECONDS);
            try {
                if (attempt.send(handle)) {
                    return;
                }
                last = null;
                LOG.log(Level.FINE, "{0}: attempt {1} of {2} did not succeed", new Object[] {what, i + 1, ATTEMPTS});
            } catch (Exception e) {
                last = e;
                LOG.log(Level.FINE, what + ": attempt " + (i + 1) + " of " + ATTEMPTS + " failed", e);
            } finally {
                cutoff.cancel(false);
            }
        }
        LOG.log(Level.WARNING, what + " did not succeed in " + ATTEMPTS + " attempts within about "
                + BOUND_MILLIS / 1000 + " s; the statement may still be running on the server"
                + (last == null ? "" : " (last failure: " + last + ")"));
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            // The driver's own thread is only interrupted when the JVM shuts its pools down.
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void ended() {
        boolean close;
        synchronized (lock) {
            pending--;
            close = closing && pending == 0;
            closed |= close;
        }
        if (close) {
            transport.close();
        }
    }

    /** Closes the transport now, or once the pending calls have ended; never blocks. */
    public void closeTransport() {
        boolean close;
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            close = pending == 0;
            closed = close;
        }
        if (close) {
            transport.close();
        }
    }

    /** For tests: calls started and not yet ended. */
    int pending() {
        synchronized (lock) {
            return pending;
        }
    }
}
