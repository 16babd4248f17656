package dev.rowpipe.local.firebolt2;

import dev.rowpipe.local.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Open 2.0 transactions. {@code BEGIN TRANSACTION} opens a DuckDB connection with a transaction on it and answers a
 * {@code transaction_id}; later requests that carry it run on that connection, one at a time, each advancing the
 * {@code transaction_sequence_id}; {@code COMMIT}/{@code ROLLBACK} end it. A transaction left idle for longer than
 * the timeout is rolled back, so an abandoned client does not hold DuckDB's locks for ever.
 */
final class Transactions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Transactions.class.getName());

    /** One open transaction; used by one request at a time. */
    static final class Transaction {
        final String id;
        final String engine;
        final Connection connection;
        private long sequence;
        private long lastUsedNanos = System.nanoTime();
        private boolean busy;
        private boolean ended;

        private Transaction(String id, String engine, Connection connection) {
            this.id = id;
            this.engine = engine;
            this.connection = connection;
        }

        synchronized long sequence() {
            return sequence;
        }

        /** The sequence id after one more statement. */
        synchronized long advance() {
            return ++sequence;
        }
    }

    private final Database database;
    private final long timeoutMs;
    private final Map<String, Transaction> open = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> sweeper;

    Transactions(Database database, long timeoutMs, ScheduledExecutorService scheduler) {
        this.database = database;
        this.timeoutMs = timeoutMs;
        long period = Math.max(10, Math.min(1000, timeoutMs / 4));
        this.sweeper = scheduler.scheduleWithFixedDelay(this::rollbackAbandoned, period, period, TimeUnit.MILLISECONDS);
    }

    /** Opens a transaction for statements on that engine. */
    Transaction begin(String engine) throws SQLException {
        Connection c = database.connect(null);
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN TRANSACTION");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        Transaction t = new Transaction(UUID.randomUUID().toString().replace("-", ""), engine, c);
        open.put(t.id, t);
        return t;
    }

    /**
     * Takes the transaction for one statement; {@link #release} gives it back. Refuses an unknown or ended id, one
     * of another engine, a stale sequence id and a transaction still busy with another statement after
     * {@link #BUSY_WAIT_NANOS}.
     */
    /** How long a statement waits for the transaction's previous statement to finish. */
    static final long BUSY_WAIT_NANOS = 1_000_000_000L;

    Transaction acquire(String id, String sequenceId, String engine) throws Firebolt2Error {
        Transaction t = open.get(id);
        if (t == null) {
            throw Firebolt2Error.query("TransactionNotFound", "Transaction '" + id
                    + "' does not exist: it was committed, rolled back or timed out",
                    "Start a new one with BEGIN TRANSACTION");
        }
        synchronized (t) {
            // The previous statement's answer reaches the client a moment before that statement lets go of the
            // transaction: a client that sends the next one at once waits for it instead of being refused.
            long deadline = System.nanoTime() + BUSY_WAIT_NANOS;
            while (t.busy && !t.ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    t.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (t.ended) {
                throw Firebolt2Error.query("TransactionNotFound", "Transaction '" + id + "' has ended", null);
            }
            if (!t.engine.equals(engine)) {
                throw Firebolt2Error.query("TransactionEngineMismatch", "Transaction '" + id + "' belongs to engine "
                        + t.engine + ", not " + engine, "Send its statements to the engine that began it");
            }
            if (sequenceId != null && !sequenceId.equals(Long.toString(t.sequence))) {
                throw Firebolt2Error.query("TransactionSequenceMismatch", "transaction_sequence_id " + sequenceId
                        + " does not match the transaction's " + t.sequence,
                        "Apply Firebolt-Update-Parameters from every answer inside a transaction");
            }
            if (t.busy) {
                throw Firebolt2Error.query("TransactionBusy", "Transaction '" + id
                        + "' is running another statement", "Send one statement at a time within a transaction");
            }
            t.busy = true;
            return t;
        }
    }

    void release(Transaction t) {
        boolean close;
        synchronized (t) {
            t.busy = false;
            t.lastUsedNanos = System.nanoTime();
            close = t.ended;
            t.notifyAll();
        }
        if (close) {
            closeQuietly(t);
        }
    }

    /** Commits or rolls back a transaction taken with {@link #acquire}; it is gone afterwards either way. */
    void end(Transaction t, boolean commit) throws SQLException {
        open.remove(t.id, t);
        synchronized (t) {
            t.ended = true;
        }
        try (Statement s = t.connection.createStatement()) {
            s.execute(commit ? "COMMIT" : "ROLLBACK");
        } finally {
            t.connection.close();
        }
    }

    /** Rolls back every transaction of an engine (it stopped). */
    void rollbackAll(String engine) {
        List<Transaction> of = new ArrayList<>();
        for (Transaction t : open.values()) {
            if (engine == null || t.engine.equals(engine)) {
                of.add(t);
            }
        }
        for (Transaction t : of) {
            rollbackQuietly(t);
        }
    }

    /** Whether a transaction with that id is open (for tests and tools). */
    boolean isOpen(String id) {
        return open.containsKey(id);
    }

    private void rollbackAbandoned() {
        long now = System.nanoTime();
        for (Transaction t : open.values()) {
            boolean abandoned;
            synchronized (t) {
                abandoned = !t.busy && now - t.lastUsedNanos > TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            }
            if (abandoned) {
                LOG.fine(() -> "Rolling back transaction " + t.id + ": idle for more than " + timeoutMs + " ms");
                rollbackQuietly(t);
            }
        }
    }

    private void rollbackQuietly(Transaction t) {
        if (!open.remove(t.id, t)) {
            return;
        }
        boolean busy;
        synchronized (t) {
            t.ended = true;
            busy = t.busy;
        }
        // A statement running on it (already cancelled by the caller) closes the connection when it releases it:
        // closing a DuckDB connection under a running statement is not safe.
        if (!busy) {
            closeQuietly(t);
        }
    }

    /** Closing a connection with an open transaction rolls it back. */
    private static void closeQuietly(Transaction t) {
        try {
            t.connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Closing transaction " + t.id + " failed", e);
        }
    }

    @Override
    public void close() {
        sweeper.cancel(false);
        rollbackAll(null);
    }
}
