package dev.rowpipe.jdbc;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ProgressReporter;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches one statement execution from send to last row: enforces the query timeout on the client side (it
 * covers waiting for the first byte and every later read from a stalled server), remembers a user cancel, and
 * is the one place that reports them: whatever failure the aborted execution produced becomes HY008 (an
 * {@link java.sql.SQLTransientException}) or HYT00 (an {@link java.sql.SQLTimeoutException}) with it as the cause.
 * Backends only abort; they never learn whether a cancel was the user's or the timeout's. It also makes sure the
 * statement's progress ends with one last event: the failure the caller sees, or the end of the statement's work.
 */
final class ExecutionGuard {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rowpipe-query-timeout");
        t.setDaemon(true);
        return t;
    });

    /** Cancels make HTTP calls (Firebolt /cancel, TD job/kill): they run here so one slow call never delays the
     *  timer that fires the other statements' timeouts. */
    private static final java.util.concurrent.ExecutorService CANCELLER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rowpipe-query-cancel");
        t.setDaemon(true);
        return t;
    });

    private final Execution execution;
    private final int timeoutSeconds;
    private final ProgressReporter progress;
    private volatile ScheduledFuture<?> timer;
    private volatile boolean cancelled;
    private volatile boolean timedOut;
    private volatile boolean finished;
    private volatile java.util.concurrent.Future<?> timeoutCancel;

    ExecutionGuard(Execution execution, int timeoutSeconds, ProgressReporter progress) {
        this.execution = execution;
        this.timeoutSeconds = timeoutSeconds;
        this.progress = progress;
        if (timeoutSeconds > 0) {
            timer = TIMER.schedule(this::timeout, timeoutSeconds, TimeUnit.SECONDS);
        }
    }

    Execution execution() {
        return execution;
    }

    private void timeout() {
        timedOut = true;
        timeoutCancel = CANCELLER.submit(execution::cancel);
    }

    void cancel() {
        if (!timedOut) {
            cancelled = true;
        }
        execution.cancel();
    }

    /**
     * The statement's work is over (result fully read or closed): the timeout no longer applies, and its progress
     * ends (FINISHED, or CANCELLED after a cancel) unless the backend already reported how.
     */
    void finish() {
        stopTimer();
        progress.ended(interrupted());
    }

    /**
     * The statement failed with {@code e}: its work is over, and the failure the caller sees ({@link #translate})
     * is its last progress event.
     */
    SQLException fail(SQLException e) {
        stopTimer();
        SQLException failure = translate(e);
        progress.endedWith(failure);
        return failure;
    }

    private void stopTimer() {
        finished = true;
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
            timer = null;
        }
    }

    boolean finished() {
        return finished;
    }

    boolean interrupted() {
        return cancelled || timedOut;
    }

    /**
     * The caller learns of the timeout once the server was told to stop (waiting at most 2 s), so a statement that
     * re-runs right away does not race its own abandoned query.
     */
    private void awaitServerCancel() {
        java.util.concurrent.Future<?> f = timeoutCancel;
        if (f == null) {
            return;
        }
        try {
            f.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ignored) {
            // The server-side cancel is best effort; the timeout is reported either way.
        }
    }

    /**
     * The failure the caller sees: after the timeout fired, HYT00; after a user cancel, HY008; each with the
     * execution's own failure as cause. Any other failure passes through.
     */
    SQLException translate(SQLException e) {
        if (timedOut) {
            awaitServerCancel();
            return SqlState.TIMEOUT_EXPIRED.exception(execution.description() + " timed out after " + timeoutSeconds
                    + " s; it was cancelled on the server", e);
        }
        if (cancelled) {
            return SqlState.OPERATION_CANCELLED.exception(execution.description() + " was cancelled", e);
        }
        return e;
    }
}
