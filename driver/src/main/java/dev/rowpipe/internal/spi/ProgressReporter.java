package dev.rowpipe.internal.spi;

import dev.rowpipe.api.QueryProgress;
import dev.rowpipe.api.QueryProgress.State;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns what a backend learns about its statement into {@link QueryProgress} events for one execution, and keeps
 * their order: nothing before {@link #submitted} (there is no id to name), nothing after the one last event. Each
 * event carries the best figures known so far, so a last event made by the JDBC layer (a failure, the end of the
 * result) still has the job's numbers. The sink only enqueues: reporting never blocks the statement.
 * {@link #NONE}, used when no listener is set, makes no events at all. Thread-safe.
 */
public final class ProgressReporter {
    /** Reports nothing. */
    public static final ProgressReporter NONE = new ProgressReporter(null, System::nanoTime);

    /**
     * What a service said about the statement's work; each figure is -1 (or null) when not reported.
     *
     * @param serverElapsed TD's {@code duration}, Firebolt's {@code statistics.elapsed}
     */
    public record Figures(Duration serverElapsed, long rowsRead, long bytesRead, long resultRows, long resultBytes,
                          long cpuTime) {
        public static final Figures NONE = new Figures(null, -1, -1, -1, -1, -1);

        /** These figures, each replaced by {@code newer}'s where {@code newer} reports one. */
        Figures updatedBy(Figures newer) {
            return new Figures(newer.serverElapsed != null ? newer.serverElapsed : serverElapsed,
                    newer.rowsRead >= 0 ? newer.rowsRead : rowsRead,
                    newer.bytesRead >= 0 ? newer.bytesRead : bytesRead,
                    newer.resultRows >= 0 ? newer.resultRows : resultRows,
                    newer.resultBytes >= 0 ? newer.resultBytes : resultBytes,
                    newer.cpuTime >= 0 ? newer.cpuTime : cpuTime);
        }
    }

    private final Consumer<QueryProgress> sink;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private String service;
    private String queryId;
    private String serviceStatus;
    private Figures figures = Figures.NONE;
    private boolean ended;

    /**
     * @param sink      receives the events; it must only hand them on (it runs on the statement's thread)
     * @param nanoClock the clock elapsed times are measured with; the statement begins now
     */
    public ProgressReporter(Consumer<QueryProgress> sink, LongSupplier nanoClock) {
        this.sink = sink;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock is null");
        this.startNanos = nanoClock.getAsLong();
    }

    /** True when events go somewhere; a backend may skip work that only events need. */
    public boolean active() {
        return sink != null;
    }

    /** The service has the statement under {@code id}: the first event. */
    public synchronized void submitted(String service, String id) {
        if (sink == null || queryId != null || ended) {
            return;
        }
        this.service = Objects.requireNonNull(service, "service is null");
        this.queryId = Objects.requireNonNull(id, "id is null");
        emit(State.SUBMITTED, null);
    }

    /**
     * An intermediate state ({@code QUEUED}, {@code RUNNING}) with what the service reported with it; the status
     * word replaces the last one (null when the service names none), the figures add to those known.
     */
    public synchronized void update(State state, String reportedStatus, Figures reported) {
        if (state.isTerminal() || state == State.SUBMITTED) {
            throw new IllegalArgumentException("update() takes QUEUED or RUNNING, not " + state);
        }
        record(reportedStatus, reported);
        if (live()) {
            emit(state, null);
        }
    }

    /** The service finished the statement: the last event. */
    public synchronized void finished(String reportedStatus, Figures reported) {
        record(reportedStatus, reported);
        end(State.FINISHED, null);
    }

    /** The service reports the statement failed: the last event. */
    public synchronized void failed(String reportedStatus, Figures reported, String message) {
        record(reportedStatus, reported);
        end(State.FAILED, message);
    }

    /** The service reports the statement cancelled (a TD job killed by someone else): the last event. */
    public synchronized void cancelled(String reportedStatus, String message) {
        record(reportedStatus, Figures.NONE);
        end(State.CANCELLED, message);
    }

    /**
     * The statement ends with {@code failure}, as the caller sees it: {@code CANCELLED} for a cancel or timeout
     * (HY008, HYT00), else {@code FAILED}. Nothing when a last event was already reported.
     */
    public synchronized void endedWith(SQLException failure) {
        String state = failure.getSQLState();
        boolean cancel = "HY008".equals(state) || "HYT00".equals(state);
        end(cancel ? State.CANCELLED : State.FAILED, failure.getMessage());
    }

    /**
     * The statement's work is over without a failure (its result read or closed): {@code FINISHED}, or
     * {@code CANCELLED} when it was cancelled; nothing when the backend already reported the last event.
     */
    public synchronized void ended(boolean cancelled) {
        end(cancelled ? State.CANCELLED : State.FINISHED, cancelled ? "The statement was cancelled" : null);
    }

    private boolean live() {
        return sink != null && queryId != null && !ended;
    }

    /** What the service said last: its status word now (null: it names none), its figures added to the known. */
    private void record(String reportedStatus, Figures reported) {
        serviceStatus = reportedStatus;
        if (reported != null) {
            figures = figures.updatedBy(reported);
        }
    }

    private void end(State state, String message) {
        if (live()) {
            ended = true;
            emit(state, message);
        }
    }

    private void emit(State state, String message) {
        Figures f = figures;
        sink.accept(new QueryProgress(service, queryId, state, serviceStatus,
                Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - startNanos)), f.serverElapsed(), f.rowsRead(),
                f.bytesRead(), f.resultRows(), f.resultBytes(), f.cpuTime(), message));
    }
}
