package dev.rowpipe.local.td;

import dev.rowpipe.local.Database;
import dev.rowpipe.local.sql.ColumnKind;
import dev.rowpipe.local.sql.QualifiedNames;
import dev.rowpipe.local.sql.SqlLexer;
import dev.rowpipe.local.sql.UnknownNameException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs TD jobs asynchronously on a small pool; each job's rows go once into a msgpack.gz file under
 * {@code <dataDir>/jobs/ID/}, which every result download then reads.
 */
public final class TdJobs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TdJobs.class.getName());

    private final Database database;
    private final Path jobsDir;
    private final Set<String> hiddenDatabases;
    private final ExecutorService pool;
    private final Map<String, TdJob> jobs = new ConcurrentHashMap<>();
    /** Jobs by the domain_key they were issued with: TD's idempotency key, unique per account. */
    private final Map<String, TdJob> byDomainKey = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() / 1000 % 1_000_000 * 100);
    private final long queuedMs;
    private final long runningMs;

    /**
     * @param hiddenDatabases schemas of the database file that TD does not list (the Firebolt databases): a job
     *                        naming one fails as on TD, where they do not exist
     * @param queuedMs  how long each job stays {@code queued} before it starts
     * @param runningMs how long each job is {@code running} at least before its query runs
     */
    public TdJobs(Database database, Path jobsDir, Set<String> hiddenDatabases, ThreadFactory threads,
                  long queuedMs, long runningMs) {
        this.database = database;
        this.jobsDir = jobsDir;
        this.hiddenDatabases = Set.copyOf(hiddenDatabases);
        // Waiting jobs hold no DuckDB work, so slow jobs get threads of their own instead of blocking quick ones.
        this.pool = queuedMs + runningMs > 0 ? Executors.newCachedThreadPool(threads)
                : Executors.newFixedThreadPool(2, threads);
        this.queuedMs = queuedMs;
        this.runningMs = runningMs;
    }

    /** What an issue led to: the new job, or the job that already holds the domain key (then nothing ran). */
    record Issued(TdJob job, boolean conflict) { }

    /**
     * Issues a job, unless {@code domainKey} (may be null) was used before: then the earlier job is returned as a
     * conflict and nothing new runs, as TD answers 409 for a taken key.
     */
    Issued issue(String type, String db, String query, int priority, int retryLimit, String poolName,
                 String domainKey) {
        TdJob job = new TdJob(Long.toString(ids.incrementAndGet()), type, db, query, priority, retryLimit, poolName);
        if (domainKey != null) {
            TdJob earlier = byDomainKey.putIfAbsent(domainKey, job);
            if (earlier != null) {
                return new Issued(earlier, true);
            }
        }
        jobs.put(job.id, job);
        synchronized (job) {
            job.future = pool.submit(() -> run(job));
        }
        return new Issued(job, false);
    }

    /** The job issued with {@code domainKey}, or null. */
    TdJob byDomainKey(String domainKey) {
        return byDomainKey.get(domainKey);
    }

    TdJob get(String id) {
        return jobs.get(id);
    }

    Path resultFile(TdJob job) {
        return jobsDir.resolve(job.id).resolve("result.msgpack.gz");
    }

    /** Kills a job; returns its former status. */
    String kill(TdJob job) {
        String former = job.status();
        Statement st = job.kill();
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException e) {
                LOG.log(Level.FINE, "Cancelling job " + job.id + " failed", e);
            }
        }
        return former;
    }

    private void run(TdJob job) {
        boolean hive = job.type.equals("hive");
        List<String> statements = new ArrayList<>();
        try {
            for (List<SqlLexer.Token> s : SqlLexer.statements(SqlLexer.tokenize(job.query,
                    hive ? SqlLexer.Dialect.HIVE : SqlLexer.Dialect.STANDARD))) {
                statements.add(SqlLexer.render(QualifiedNames.td(s, !hive, hiddenDatabases)));
            }
            if (statements.isEmpty()) {
                throw new IllegalArgumentException("Query is empty");
            }
        } catch (UnknownNameException e) {
            job.fail(e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            job.fail("Syntax error: " + e.getMessage());
            return;
        }
        if (!job.pause(queuedMs)) {
            return; // killed while queued: kill() set the status
        }
        try (Connection c = database.connect(job.database); Statement st = c.createStatement()) {
            if (!job.begin(st)) {
                return;
            }
            if (!job.pause(runningMs)) {
                job.fail("Job was killed");
                return;
            }
            boolean hasResult = false;
            long written = 0;
            for (String s : statements) {
                hasResult = st.execute(s);
                if (!hasResult) {
                    written += Math.max(0, st.getUpdateCount());
                }
            }
            Path dir = Files.createDirectories(jobsDir.resolve(job.id));
            Path file = dir.resolve("result.msgpack.gz");
            if (!hasResult) {
                // TD reports the rows an INSERT INTO or CREATE TABLE AS job wrote as its num_records; the job
                // has no result rows to download.
                ResultSpool.writeEmpty(file);
                job.succeed("[]", new boolean[0], written, Files.size(file));
                return;
            }
            try (ResultSet rs = st.getResultSet()) {
                String schema = schema(rs.getMetaData(), hive);
                ColumnKind[] kinds = ColumnKind.of(rs.getMetaData());
                boolean[] decimals = new boolean[kinds.length];
                for (int i = 0; i < kinds.length; i++) {
                    decimals[i] = kinds[i] == ColumnKind.DECIMAL;
                }
                long rows = ResultSpool.write(rs, file);
                job.succeed(schema, decimals, rows, Files.size(file));
            }
        } catch (SQLException | IOException | RuntimeException e) {
            job.fail(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static String schema(ResultSetMetaData meta, boolean hive) throws SQLException {
        List<List<String>> cols = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            cols.add(List.of(meta.getColumnLabel(i), TdTypes.resultType(meta.getColumnTypeName(i), hive)));
        }
        try {
            return dev.rowpipe.local.Exchanges.JSON.writeValueAsString(cols);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (TdJob job : jobs.values()) {
            kill(job);
        }
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("TD job threads did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
