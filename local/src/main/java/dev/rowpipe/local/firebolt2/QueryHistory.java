package dev.rowpipe.local.firebolt2;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One engine's {@code information_schema.engine_query_history}: an append-only log with a row when a query starts
 * ({@code STARTED_EXECUTION}) and one when it ends ({@code ENDED_SUCCESSFULLY}, {@code EXECUTION_ERROR},
 * {@code CANCELED_EXECUTION}). Rows are written asynchronously, a configurable delay after the event, as on the real
 * service: a client looking a query up by its label must retry until the row is there. Keeps the newest rows only.
 */
final class QueryHistory {

    static final int MAX_ROWS = 2000;

    /** One row of the history. */
    record Row(String accountName, String userName, String engineName, String databaseName, String queryId,
               String requestId, String queryLabel, String status, Instant submittedTime, Instant startTime,
               Instant endTime, Long durationUs, String queryText, String errorMessage, Long returnedRows) {
    }

    private final ScheduledExecutorService scheduler;
    private final long delayMs;
    private final Deque<Row> rows = new ArrayDeque<>();
    /** Ids of the queries this engine ran, at once (the rows come later), for cancel's 404 versus 400. */
    private final java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();

    QueryHistory(ScheduledExecutorService scheduler, long delayMs) {
        this.scheduler = scheduler;
        this.delayMs = delayMs;
    }

    /** Records a query's first row; from now on {@link #knows} the query. */
    void started(Row row) {
        synchronized (this) {
            seen.add(row.queryId());
            if (seen.size() > MAX_ROWS) {
                seen.remove(seen.iterator().next());
            }
        }
        record(row);
    }

    /** Records a row after the delay. Rows of one query keep their order: later events are scheduled later. */
    void record(Row row) {
        if (delayMs == 0) {
            add(row);
            return;
        }
        try {
            scheduler.schedule(() -> add(row), delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The server is closing: nobody will read the history any more.
        }
    }

    private synchronized void add(Row row) {
        rows.addLast(row);
        while (rows.size() > MAX_ROWS) {
            rows.removeFirst();
        }
    }

    synchronized List<Row> snapshot() {
        return new ArrayList<>(rows);
    }

    /** Whether this engine ran the query, whether its rows are written yet or not. */
    synchronized boolean knows(String queryId) {
        return seen.contains(queryId);
    }
}
