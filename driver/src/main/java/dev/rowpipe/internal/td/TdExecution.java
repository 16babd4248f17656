package dev.rowpipe.internal.td;

import dev.rowpipe.api.QueryProgress;
import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.CancelCalls;
import dev.rowpipe.internal.http.HttpResponseStream;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ProgressReporter;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.sql.StatementClass;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One statement run as a Treasure Data job: issue, wait, then stream the result.
 *
 * <p>Waiting polls with a delay that starts at {@code poll_initial_ms} and doubles up to {@code poll_max_ms}.
 * Polls in the job's first second ({@link #SHOW_POLL_WINDOW_NANOS}) ask {@code GET /v3/job/show/ID}, which
 * carries the status and, once the job succeeded, the result schema: a quick job costs three requests (issue,
 * show, result). Later polls ask {@code GET /v3/job/status/ID} and one {@code show} follows {@code success} (or
 * {@code error}, for the reason in {@code debug.stderr}): {@code show} also carries the job's logs, which for a
 * long Hive job grow to megabytes, and polling it would download them again and again, while the status answer
 * stays a few hundred bytes. So no job costs more requests than status polling alone would, and fast ones cost
 * one less.
 *
 * <p>{@link #cancel()} may come from any thread: it aborts the request in flight or the poll sleep, and
 * asks TD to kill the job on a driver thread, retried within a bound ({@link CancelCalls}); an interrupt of the
 * waiting thread is a cancel too. A job still queued or running when the
 * driver gives up for any other reason (job_timeout, a failed poll) is killed too, so nothing keeps running
 * unseen on the user's account.
 */
public final class TdExecution implements Execution {
    private static final Logger LOG = Logger.getLogger(TdExecution.class.getName());
    private static final String SERVICE = "Treasure Data";
    /** With no time limit set, a status the driver does not know is tolerated this long before giving up. */
    static final long UNKNOWN_STATUS_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final int MAX_STDERR_CHARS = 4000;
    /** Polls this soon after the issue use job/show (its logs are still short); later ones job/status. */
    static final long SHOW_POLL_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TdJobRequest request;
    private final RequestHandle handle = new RequestHandle();
    /** TD's idempotency key of this execution's job/issue: a lost answer is recovered, never issued twice. */
    private final String domainKey = "rowpipe-" + UUID.randomUUID();
    private final Object lock = new Object();
    private String jobId;
    private boolean started;
    private boolean killSent;
    /** True once job/issue was handed to the transport: from then on TD may know a job of {@link #domainKey}. */
    private boolean issueSent;
    private boolean lookupSent;
    private volatile CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
    private volatile boolean cancelled;
    /** True once TD reported the job as finished (success, error or killed): nothing left to kill. */
    private volatile boolean jobEnded;

    TdExecution(TdJobRequest request) {
        this.request = Objects.requireNonNull(request, "request is null");
    }

    /** The TD job id once issued, else null. */
    @Override
    public String id() {
        synchronized (lock) {
            return jobId;
        }
    }

    @Override
    public StatementResult start() throws SQLException {
        synchronized (lock) {
            if (started) {
                throw SqlState.FUNCTION_SEQUENCE_ERROR.exception("This Treasure Data statement was already started");
            }
            started = true;
        }
        if (cancelled) {
            throw cancelledError();
        }
        try {
            return run();
        } catch (SQLException e) {
            // After a cancel, cancel() has sent the kill itself.
            if (!cancelled && !jobEnded && id() != null) {
                kill();
            }
            throw e;
        }
    }

    private StatementResult run() throws SQLException {
        TdClient client = request.client();
        synchronized (lock) {
            issueSent = true;
        }
        String id = client.issueJob(request.type(), request.database(), request.query(), request.job(), domainKey,
                handle);
        boolean killNow;
        synchronized (lock) {
            jobId = id;
            killNow = cancelled;
        }
        LOG.log(Level.FINE, "Issued Treasure Data {0} job {1}", new Object[] {request.type(), id});
        request.options().progress().submitted(SERVICE, id);
        if (killNow) {
            // cancel() ran while the issue request was in flight and could not know the id yet.
            kill();
            throw cancelledError();
        }
        String warning = "Treasure Data job ID: " + id;
        Finished finished = waitForSuccess(client, id);
        TdClient.JobDetails details = finished.details() != null ? finished.details() : client.showJob(id, handle);
        List<ColumnInfo> columns = details.resultSchema();
        if (columns == null || columns.isEmpty()) {
            return StatementResult.update(updateCount(details.numRecords(), finished.statusRecords()))
                    .withWarning(warning);
        }
        TdResultFormat format = request.formatFor(columns);
        HttpResponseStream response = client.jobResult(id, format.wireName(), handle);
        handle.attachBody(response);
        InputStream body;
        try {
            body = response.body();
        } catch (IOException e) {
            response.close();
            throw SqlState.COMMUNICATION_ERROR.exception(
                    "Treasure Data result download of job " + id + " failed: " + e.getMessage(), e);
        }
        RowCursor cursor = format.open(body, columns, response);
        long announced = details.numRecords() >= 0 ? details.numRecords() : finished.statusRecords();
        if (announced >= 0) {
            cursor = new TdCountedCursor(cursor, announced, "Treasure Data job " + id);
        } else if (!response.framed()) {
            // No count to check the rows against, and no HTTP framing to show where the body ends.
            cursor.close();
            throw SqlState.COMMUNICATION_ERROR.exception("Treasure Data result download of job " + id + ": the job "
                    + "reported no num_records and " + response.endpoint() + " answered without Content-Length or "
                    + "chunked framing, so the end of the result cannot be told from a cut connection");
        }
        return StatementResult.rows(columns, cursor).withWarning(warning);
    }

    /**
     * The count of a job without a result: TD's {@code num_records} (job/show, else job/status), which counts the
     * rows an INSERT or CREATE TABLE AS wrote; when TD reported none, SUCCESS_NO_INFO for a statement that writes
     * rows and 0 for any other.
     */
    private long updateCount(long shownRecords, long statusRecords) {
        if (shownRecords >= 0) {
            return shownRecords;
        }
        if (statusRecords >= 0) {
            return statusRecords;
        }
        boolean backslashes = TdDialect.forType(request.type()).backslashEscapes();
        return StatementClass.of(request.sql(), backslashes) == StatementClass.WRITE_ROWS
                ? StatementResult.UNKNOWN_COUNT : 0;
    }

    /**
     * How waiting ended: the job's {@code show} answer when the last poll was a {@code show} (else null), and the
     * record count a {@code status} poll reported (-1 when none did).
     */
    private record Finished(TdClient.JobDetails details, long statusRecords) { }

    private Finished waitForSuccess(TdClient client, String id) throws SQLException {
        TdPolling polling = request.polling();
        long startNanos = polling.nanoClock().getAsLong();
        int limitSeconds = limitSeconds(polling.jobTimeoutSeconds(), request.options().queryTimeoutSeconds());
        long limitNanos = TimeUnit.SECONDS.toNanos(limitSeconds);
        long unknownSince = -1;
        long delay = polling.initialMillis();
        while (true) {
            try {
                if (!polling.sleeper().sleep(handle, delay)) {
                    throw cancelledError();
                }
            } catch (InterruptedException e) {
                // An interrupt is a cancel: the job is killed, and the thread keeps its interrupt status.
                Thread.currentThread().interrupt();
                cancel();
                throw SqlState.OPERATION_CANCELLED.exception(
                        "Waiting for Treasure Data job " + id + " was interrupted", e);
            }
            TdClient.JobDetails details = null;
            TreasureDataApi.JobStatus status = null;
            String reported;
            ProgressReporter.Figures figures;
            if (polling.nanoClock().getAsLong() - startNanos < SHOW_POLL_WINDOW_NANOS) {
                details = client.showJob(id, handle);
                reported = details.status();
                figures = details.figures();
            } else {
                TdClient.StatusPoll poll = client.pollStatus(id, handle);
                status = poll.status();
                reported = status.status();
                figures = poll.figures();
            }
            String state = reported == null ? "" : reported.toLowerCase(Locale.ROOT);
            long now = polling.nanoClock().getAsLong();
            ProgressReporter progress = request.options().progress();
            switch (state) {
                case "success" -> {
                    jobEnded = true;
                    progress.finished(reported, figures);
                    return new Finished(details, status == null ? -1 : status.numRecords());
                }
                case "error" -> {
                    jobEnded = true;
                    SQLException failed = jobFailed(client, id, details);
                    progress.failed(reported, figures, failed.getMessage());
                    throw failed;
                }
                case "killed" -> {
                    jobEnded = true;
                    SQLException killed = SqlState.OPERATION_CANCELLED.exception(
                            "Treasure Data job " + id + " was killed");
                    progress.cancelled(reported, killed.getMessage());
                    throw killed;
                }
                case "queued", "booting" -> {
                    unknownSince = -1;
                    progress.update(QueryProgress.State.QUEUED, reported, figures);
                }
                case "running" -> {
                    unknownSince = -1;
                    progress.update(QueryProgress.State.RUNNING, reported, figures);
                }
                default -> {
                    // An unknown status is taken as still running (with a bound, below).
                    progress.update(QueryProgress.State.RUNNING, reported, figures);
                    if (unknownSince < 0) {
                        unknownSince = now;
                    } else if (limitNanos == 0 && now - unknownSince >= UNKNOWN_STATUS_LIMIT_NANOS) {
                        throw SqlState.GENERAL_ERROR.exception(
                                "Treasure Data job " + id + " has reported the unknown status '"
                                + reported + "' for " + TimeUnit.NANOSECONDS.toSeconds(now - unknownSince)
                                + " s; the driver stopped waiting and killed it");
                    }
                }
            }
            if (limitNanos > 0 && now - startNanos >= limitNanos) {
                kill();
                throw SqlState.TIMEOUT_EXPIRED.exception(
                        "Treasure Data job " + id + " did not finish within " + limitSeconds
                        + " s (job_timeout / query timeout, last status '" + reported + "'); it was killed");
            }
            delay = polling.nextDelay(delay);
        }
    }

    /** The shorter of two limits where 0 means none. */
    static int limitSeconds(int a, int b) {
        if (a <= 0) {
            return Math.max(b, 0);
        }
        return b <= 0 ? a : Math.min(a, b);
    }

    /** The job's failure with its reason, from {@code shown} when the failing poll was a show. */
    private SQLException jobFailed(TdClient client, String id, TdClient.JobDetails shown) {
        String reason;
        try {
            String stderr = (shown != null ? shown : client.showJob(id, handle)).stderr();
            reason = stderr == null || stderr.isBlank() ? "no error output" : tail(stderr.trim());
        } catch (SQLException e) {
            reason = "its error output could not be read: " + e.getMessage();
        }
        return SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(
                "Treasure Data job " + id + " failed: " + reason);
    }

    /** Engines print the cause last, after progress logs: keep the end of a long stderr. */
    private static String tail(String text) {
        return text.length() <= MAX_STDERR_CHARS ? text
                : "..." + text.substring(text.length() - MAX_STDERR_CHARS);
    }

    @Override
    public String description() {
        String id = id();
        return id == null ? "Treasure Data statement" : "Treasure Data job " + id;
    }

    @Override
    public void cancel() {
        synchronized (lock) {
            cancelled = true;
        }
        handle.cancel();
        // Also after the job ended (while its result streams): harmless for TD, and the caller asked to stop.
        kill();
    }

    @Override
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * Asks TD to kill the job, on a driver thread ({@link CancelCalls}: retried within its bound). Before the job id
     * is known, but after the issue may have reached TD (the answer was cut off by the cancel), the job is found by
     * this execution's domain_key first: a job the driver never heard of must not run unseen.
     */
    private void kill() {
        String id;
        synchronized (lock) {
            if (jobId != null) {
                if (killSent) {
                    return;
                }
                killSent = true;
            } else if (!issueSent || lookupSent) {
                return;
            } else {
                lookupSent = true;
            }
            id = jobId;
        }
        TdClient client = request.client();
        if (id != null) {
            stopped = client.cancels().send("Treasure Data kill of job " + id, attempt -> killJob(client, id, attempt));
            return;
        }
        AtomicInteger unknown = new AtomicInteger();
        stopped = client.cancels().send("Treasure Data kill of the job of domain_key " + domainKey, attempt -> {
            Optional<String> found = client.jobIdByDomainKey(domainKey, attempt);
            if (found.isEmpty()) {
                // The issue may still be on its way: look once more before taking it that TD never got it.
                return unknown.incrementAndGet() > 1;
            }
            return killJob(client, found.get(), attempt);
        });
    }

    /** One try at {@code job/kill}: done when TD answered, or refused it for good (a 4xx other than 408/429). */
    private static boolean killJob(TdClient client, String id, RequestHandle attempt) throws SQLException {
        try {
            client.killJob(id, attempt);
            LOG.log(Level.FINE, "Asked Treasure Data to kill job {0}", id);
            return true;
        } catch (SQLException e) {
            int status = e.getErrorCode();
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                LOG.log(Level.FINE, "Treasure Data refused to kill job " + id, e);
                return true;
            }
            throw e;
        }
    }

    /** Stops a statement cancelled before or between its requests; the JDBC layer says why it was cancelled. */
    private SQLException cancelledError() {
        return SqlState.OPERATION_CANCELLED.exception(description() + " was cancelled");
    }
}
