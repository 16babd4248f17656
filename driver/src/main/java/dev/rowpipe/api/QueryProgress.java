package dev.rowpipe.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One moment in the life of a statement sent to the service, as a {@link ProgressListener} receives it. Events of
 * one statement come in order: {@code SUBMITTED}, then (Treasure Data) {@code QUEUED} and {@code RUNNING} as the
 * job's status changes, and exactly one last event, {@code FINISHED}, {@code FAILED} or {@code CANCELLED}. A
 * statement the driver answers itself (Firebolt's {@code SET}, a TD table swap) or one the service never accepted
 * (a TD job issue that failed) has no events: they begin once the service has the statement's id.
 *
 * <p>What each service reports:
 * <ul>
 *   <li>Treasure Data: every status poll is an event ({@code QUEUED} for {@code queued} and {@code booting},
 *       {@code RUNNING} for {@code running} and statuses the driver does not know), with {@code job/status}'s or
 *       {@code job/show}'s {@code duration}, {@code cpu_time}, {@code num_records} and {@code result_size} once TD
 *       reports them. {@code FINISHED} comes when TD reports {@code success}, before the result is downloaded.</li>
 *   <li>Firebolt: {@code SUBMITTED} when the query is sent, {@code QUEUED} (status {@code engine starting}) while
 *       {@code auto_start} starts a stopped engine, {@code RUNNING} when the answer starts, {@code FINISHED}
 *       when the result has been read to its end, with the server's {@code statistics} (elapsed, rows and bytes
 *       read) for the JSON output formats; {@code TabSeparatedWithNamesAndTypes} carries no statistics, so only
 *       the row count is known (JSONLines_Compact, on Firebolt 2.0 and Core, has them at its
 *       {@code FINISH_SUCCESSFULLY}). Firebolt reports nothing while a query runs. On 2.0 and Core the id is the
 *       statement's {@code query_label} (the server chooses the query id).</li>
 * </ul>
 *
 * @param service       {@code Firebolt} or {@code Treasure Data}
 * @param queryId       Firebolt's query_id (2.0 and Core: the query_label) or Treasure Data's job id
 * @param state         where the statement is
 * @param serviceStatus the status word the service reported (TD: {@code queued}, {@code booting}, {@code running},
 *                      {@code success}, {@code error}, {@code killed}, or one the driver does not know; Firebolt:
 *                      {@code engine starting} while auto_start waits); null when the service reports none
 * @param elapsed       time since the driver began the statement, measured by the driver
 * @param serverElapsed how long the service says the query took so far (TD's {@code duration}, Firebolt's
 *                      {@code statistics.elapsed}); null when not reported
 * @param rowsRead      rows the server read (Firebolt {@code statistics.rows_read}); -1 when not reported
 * @param bytesRead     bytes the server read (Firebolt {@code statistics.bytes_read}); -1 when not reported
 * @param resultRows    rows in the result (TD {@code num_records}; Firebolt: rows read by the driver at the end);
 *                      -1 when not known
 * @param resultBytes   size of the result (TD {@code result_size}, bytes); -1 when not reported
 * @param cpuTime       TD's {@code cpu_time} as TD reports it; -1 when not reported
 * @param message       for {@code FAILED} and {@code CANCELLED}: the message of the exception the statement ends
 *                      with; otherwise null
 */
public record QueryProgress(String service, String queryId, State state, String serviceStatus, Duration elapsed,
                            Duration serverElapsed, long rowsRead, long bytesRead, long resultRows, long resultBytes,
                            long cpuTime, String message) {

    /** Where a statement is. */
    public enum State {
        /** The service has the statement; its id is known. */
        SUBMITTED,
        /** Waiting for resources (TD {@code queued}, {@code booting}). */
        QUEUED,
        /** Running; Treasure Data repeats it at every poll with what the job reports. */
        RUNNING,
        /** The service finished the statement (last event). */
        FINISHED,
        /** The statement failed (last event). */
        FAILED,
        /** Cancelled, timed out, or killed on the service (last event). */
        CANCELLED;

        /** True for the last event of a statement. */
        public boolean isTerminal() {
            return this == FINISHED || this == FAILED || this == CANCELLED;
        }
    }

    public QueryProgress {
        Objects.requireNonNull(service, "service is null");
        Objects.requireNonNull(queryId, "queryId is null");
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(elapsed, "elapsed is null");
    }
}
