package dev.rowpipe.local.firebolt2;

import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A 2.0 user engine. Unlike a v1 engine its URL always answers (on the real platform a gateway sits in front of
 * it): a query sent while it is stopped starts it when AUTO_START is on, unless the request carries
 * {@code auto_start_stop_control=ignore}, and waits while it starts. {@code START ENGINE} / {@code STOP ENGINE} on
 * the system engine change its state.
 */
final class UserEngine {

    /** The engine's status as {@code information_schema.engines} shows it. */
    enum Status { STOPPED, STARTING, RUNNING }

    private final UserEngineSpec spec;
    private final ScheduledExecutorService scheduler;
    private final long startDelayMs;
    private final Instant created = Instant.now();
    private final QueryHistory history;
    private Listener listener;
    private Status status = Status.STOPPED;
    private ScheduledFuture<?> pendingStart;
    private Instant lastStarted;
    private Instant lastStopped;

    UserEngine(UserEngineSpec spec, ScheduledExecutorService scheduler, long startDelayMs, QueryHistory history) {
        this.spec = spec;
        this.scheduler = scheduler;
        this.startDelayMs = startDelayMs;
        this.history = history;
        if (spec.running()) {
            status = Status.RUNNING;
            lastStarted = created;
        }
    }

    String name() {
        return spec.name();
    }

    boolean autoStart() {
        return spec.autoStart();
    }

    QueryHistory history() {
        return history;
    }

    Instant created() {
        return created;
    }

    synchronized void attach(Listener l) {
        this.listener = l;
    }

    synchronized String hostPort() {
        return listener.hostPort();
    }

    synchronized Status status() {
        return status;
    }

    synchronized Instant lastStarted() {
        return lastStarted;
    }

    synchronized Instant lastStopped() {
        return lastStopped;
    }

    /** Begins starting; RUNNING after the start delay. No effect when running or starting. */
    synchronized void start() {
        if (status != Status.STOPPED) {
            return;
        }
        status = Status.STARTING;
        pendingStart = scheduler.schedule(this::finishStart, startDelayMs, TimeUnit.MILLISECONDS);
    }

    private synchronized void finishStart() {
        if (status != Status.STARTING) {
            return;
        }
        pendingStart = null;
        status = Status.RUNNING;
        lastStarted = Instant.now();
        notifyAll();
    }

    /** Stops at once; the caller cancels the engine's queries and rolls back its transactions. */
    synchronized void stop() {
        if (pendingStart != null) {
            pendingStart.cancel(false);
            pendingStart = null;
        }
        if (status != Status.STOPPED) {
            lastStopped = Instant.now();
        }
        status = Status.STOPPED;
        notifyAll();
    }

    /** Waits while the engine is starting, at most {@code timeoutMs}; true when it is running. */
    synchronized boolean awaitRunning(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (status == Status.STARTING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return status == Status.RUNNING;
    }

    /** Longest a query or START ENGINE waits for a start before giving up. */
    long startWaitMs() {
        return startDelayMs + 30_000;
    }
}
