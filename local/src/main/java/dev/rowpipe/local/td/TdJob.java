package dev.rowpipe.local.td;

import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;

/** One query job and its state; fields change under the job's lock. */
final class TdJob {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    final String id;
    final String type;
    final String database;
    final String query;
    final int priority;
    final int retryLimit;
    final String poolName;
    final Instant createdAt = Instant.now();

    private String status = "queued";
    private Instant startAt;
    private Instant endAt;
    private String stderr = "";
    private String cmdout = "";
    private String resultSchema;
    private boolean[] decimalColumns = new boolean[0];
    private long numRecords;
    private long resultSize;
    private Statement statement;
    private boolean killRequested;
    Future<?> future;

    TdJob(String id, String type, String database, String query, int priority, int retryLimit, String poolName) {
        this.id = id;
        this.type = type;
        this.database = database;
        this.query = query;
        this.priority = priority;
        this.retryLimit = retryLimit;
        this.poolName = poolName;
    }

    synchronized String status() {
        return status;
    }

    /**
     * Waits {@code millis} in the current status (the configured slowness of jobs); false, at once, when the job
     * is killed meanwhile.
     */
    synchronized boolean pause(long millis) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        while (!killRequested) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Moves to running unless killed meanwhile; false when the job must not run. */
    synchronized boolean begin(Statement st) {
        if (killRequested) {
            return false;
        }
        statement = st;
        status = "running";
        startAt = Instant.now();
        cmdout = "Started at " + TIME.format(startAt) + "\n";
        return true;
    }

    synchronized void succeed(String schema, boolean[] decimals, long records, long size) {
        statement = null;
        resultSchema = schema;
        decimalColumns = decimals.clone();
        numRecords = records;
        resultSize = size;
        status = "success";
        endAt = Instant.now();
        cmdout += "Finished: " + records + " rows\n";
    }

    synchronized void fail(String message) {
        statement = null;
        endAt = Instant.now();
        if (killRequested) {
            status = "killed";
            stderr = "Job was killed";
        } else {
            status = "error";
            stderr = message;
        }
    }

    /** Requests a kill; returns the status before it and the statement to cancel, if any. */
    synchronized Statement kill() {
        if (status.equals("success") || status.equals("error") || status.equals("killed")) {
            return null;
        }
        killRequested = true;
        notifyAll(); // a job pausing in its status stops at once
        if (status.equals("queued")) {
            if (future != null) {
                future.cancel(false);
            }
            status = "killed";
            endAt = Instant.now();
        }
        return statement;
    }

    /** Which result columns are decimals (stored as their text in the spool; see {@link ResultFormats}). */
    synchronized boolean[] decimalColumns() {
        return decimalColumns.clone();
    }

    private static String time(Instant t) {
        return t == null ? null : TIME.format(t);
    }

    private long durationSeconds() {
        if (startAt == null) {
            return 0;
        }
        Instant end = endAt == null ? Instant.now() : endAt;
        return Math.max(0, end.getEpochSecond() - startAt.getEpochSecond());
    }

    synchronized Map<String, Object> statusJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", id);
        m.put("status", status);
        m.put("created_at", time(createdAt));
        m.put("start_at", time(startAt));
        m.put("end_at", time(endAt));
        m.put("duration", durationSeconds());
        // Real TD's job/status also reports these, so a poller can learn the result size without job/show.
        m.put("cpu_time", null);
        m.put("result_size", resultSize);
        m.put("num_records", numRecords);
        return m;
    }

    synchronized Map<String, Object> showJson(String url) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", id);
        m.put("type", type);
        m.put("query", query);
        m.put("status", status);
        m.put("database", database);
        m.put("url", url);
        m.put("user_name", "demo");
        m.put("created_at", time(createdAt));
        m.put("updated_at", time(endAt != null ? endAt : startAt != null ? startAt : createdAt));
        m.put("start_at", time(startAt));
        m.put("end_at", time(endAt));
        m.put("duration", durationSeconds());
        m.put("cpu_time", null);
        m.put("result", "");
        m.put("result_size", resultSize);
        m.put("num_records", numRecords);
        m.put("hive_result_schema", resultSchema);
        m.put("priority", priority);
        m.put("retry_limit", retryLimit);
        m.put("pool_name", poolName);
        m.put("organization", null);
        m.put("linked_result_export_job_id", null);
        m.put("result_export_target_job_id", null);
        Map<String, Object> debug = new LinkedHashMap<>();
        debug.put("cmdout", cmdout);
        debug.put("stderr", stderr);
        m.put("debug", debug);
        return m;
    }
}
