package dev.rowpipe.jdbc;

import dev.rowpipe.internal.DaemonThreads;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ProgressReporter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches one statement execution from send to last row: enforces the query timeout on the client side (it
 * covers waiting for the first byte and every later read from a stalled server), remembers a user cancel, treats an
 * interrupt of the thread inside the statement's calls as a cancel, and is the one place that reports them: whatever
 * failure the aborted execution produced becomes HY008 (an {@link java.sql.SQLTransientException}) or HYT00 (an
 * {@link java.sql.SQLTimeoutException}) with it as the cause. Backends only abort; they never learn whether a cancel
 * was the user's, the timeout's or an interrupt's. It also makes sure the statement's progress ends with one last
 * event: the failure the caller sees, or the end of the statement's work.
 *
 * <p>An interrupt of a thread blocked in a socket read does not end the read (the JDK's sockets ignore it), so the
 * threads inside a statement's calls ({@link #enter()} to {@link #exit()}: sending it, reading a row) are looked at
 * every {@value #INTERRUPT_POLL_MILLIS} ms by the timer thread; one found interrupted has its statement cancelled
 * (the exchange cut, the server told to stop) and keeps its interrupt status.
 */
final class ExecutionGuard {
    private static final Logger LOG = Logger.getLogger(ExecutionGuard.class.getName());
    /** Query timeouts, and the look at the threads inside statements' calls. */
    private static final ScheduledExecutorService TIMER = DaemonThreads.scheduler("rowpipe-query-timeout");
    /**
     * Cancels the timer starts run here: an execution's cancel returns promptly, but one slow cancel must never delay
     * the timer that fires the other statements' timeouts.
     */
    private static final ExecutorService CANCELLER = DaemonThreads.pool("rowpipe-query-cancel");
    static final long INTERRUPT_POLL_MILLIS = 50;
    /** Statements whose calls are looked at for interrupts; weak, so a result never closed is not kept by it. */
    private static final Set<ExecutionGuard> WATCHED = Collections.newSetFromMap(new WeakHashMap<>());
    /** The periodic look at {@link #WATCHED}, scheduled while it is not empty; guarded by WATCHED. */
    private static ScheduledFuture<?> watcher;
    private static final VarHandle CALLER;

    static {
        try {
            CALLER = MethodHandles.lookup().findVarHandle(ExecutionGuard.class, "caller", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Execution execution;
    private final int timeoutSeconds;
    private final ProgressReporter progress;
    private volatile ScheduledFuture<?> timer;
    private volatile boolean cancelled;
    private volatile boolean timedOut;
    private volatile boolean finished;
    /** The thread inside a call of this statement, or null; written with release semantics (once per row). */
    @SuppressWarnings("unused")
    private volatile Thread caller;
    /** Only the calling thread reads and writes it: whether this guard is in {@link #WATCHED}. */
    private boolean watched;
    /** The thread whose interrupt cancelled this statement, or null. */
    private volatile Thread interruptedThread;
    /** Completes once the server was told to stop after the timeout fired (or gave up telling it). */
    private final CompletableFuture<Void> timeoutStop = new CompletableFuture<>();

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
        CANCELLER.execute(() -> {
            cancelExecution();
            execution.stopped().whenComplete((done, failure) -> timeoutStop.complete(null));
        });
    }

    /** {@code Statement.cancel()}, and closing a statement with work left: never throws. */
    void cancel() {
        if (!timedOut) {
            cancelled = true;
        }
        cancelExecution();
    }

    private void cancelExecution() {
        try {
            execution.cancel();
        } catch (RuntimeException e) {
            // A cancel is best effort for the server; what the caller sees is decided by translate().
            LOG.log(Level.FINE, "Cancelling " + execution.description() + " failed", e);
        }
    }

    /**
     * The calling thread starts a call of this statement that may block (sending it, reading a row): from now until
     * {@link #exit()} an interrupt of it cancels the statement. Returns false, having cancelled the statement, when the
     * thread is interrupted already: the caller then fails the call without blocking.
     */
    boolean enter() {
        Thread t = Thread.currentThread();
        if (t.isInterrupted()) {
            interrupted(t);
            return false;
        }
        CALLER.setRelease(this, t);
        if (!watched && !finished) {
            watched = true;
            watch(this);
        }
        return true;
    }

    /** The call that {@link #enter()} began has returned. */
    void exit() {
        CALLER.setRelease(this, null);
    }

    private void interrupted(Thread t) {
        if (finished || timedOut || cancelled) {
            return;
        }
        interruptedThread = t;
        cancelled = true;
        if (t == Thread.currentThread()) {
            cancelExecution();
        } else {
            CANCELLER.execute(this::cancelExecution);
        }
    }

    private static void watch(ExecutionGuard guard) {
        synchronized (WATCHED) {
            WATCHED.add(guard);
            if (watcher == null) {
                watcher = TIMER.scheduleWithFixedDelay(ExecutionGuard::lookForInterrupts, INTERRUPT_POLL_MILLIS,
                        INTERRUPT_POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static void unwatch(ExecutionGuard guard) {
        synchronized (WATCHED) {
            WATCHED.remove(guard);
            if (WATCHED.isEmpty() && watcher != null) {
                watcher.cancel(false);
                watcher = null;
            }
        }
    }

    private static void lookForInterrupts() {
        List<ExecutionGuard> found = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        synchronized (WATCHED) {
            for (ExecutionGuard guard : WATCHED) {
                Thread t = (Thread) CALLER.getAcquire(guard);
                if (t != null && t.isInterrupted()) {
                    found.add(guard);
                    threads.add(t);
                }
            }
        }
        for (int i = 0; i < found.size(); i++) {
            found.get(i).interrupted(threads.get(i));
        }
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
        Thread t = Thread.currentThread();
        if (t.isInterrupted()) {
            // The backend saw the interrupt first (a poll's sleep, a request not sent): a cancel all the same.
            interrupted(t);
        }
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
        unwatch(this);
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
        try {
            timeoutStop.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException ignored) {
            // The server-side cancel goes on in the background; the timeout is reported either way.
        }
    }

    /**
     * The failure the caller sees: after the timeout fired, HYT00; after a user cancel or an interrupt, HY008; each
     * with the execution's own failure as cause. Any other failure passes through. The thread whose interrupt
     * cancelled the statement keeps its interrupt status.
     */
    SQLException translate(SQLException e) {
        if (timedOut) {
            awaitServerCancel();
            return SqlState.TIMEOUT_EXPIRED.exception(execution.description() + " timed out after " + timeoutSeconds
                    + " s; it was cancelled on the server", e);
        }
        if (cancelled) {
            Thread t = interruptedThread;
            if (t == null) {
                return SqlState.OPERATION_CANCELLED.exception(execution.description() + " was cancelled", e);
            }
            if (t == Thread.currentThread()) {
                t.interrupt();
            }
            return SqlState.OPERATION_CANCELLED.exception(execution.description()
                    + " was cancelled: the thread running it was interrupted", e);
        }
        return e;
    }
}
