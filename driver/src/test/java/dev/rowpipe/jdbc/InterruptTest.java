package dev.rowpipe.jdbc;

import static dev.rowpipe.jdbc.FakeResults.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.td.TdDialect;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An interrupt of the thread inside a statement's call is a cancel: HY008, the execution cancelled (a backend then
 * tells its server to stop), and the thread keeps its interrupt status. The fake statements block in a socket read,
 * which an interrupt alone does not end: exactly where HttpClient's threads wait for a slow server.
 */
class InterruptTest {
    private final FakeSession session = new FakeSession("db", TdDialect.STANDARD)
            .on("BLOCK", e -> {
                SocketCursor blocker = e.track(new SocketCursor(0));
                blocker.read();
                return StatementResult.update(0);
            })
            .on("STALL", e -> StatementResult.rows(List.of(FakeResults.varchar("x")), e.track(new SocketCursor(2))))
            .on("INSERT 1", update(5));
    private final RowpipeConnection connection = new RowpipeConnection(session, null, "jdbc:fake:db");
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Rows, then a blocking socket read that only close() ends (closing the socket, as an aborted exchange does). */
    static final class SocketCursor implements RowCursor {
        private final int before;
        private int given;
        final CountDownLatch blocked = new CountDownLatch(1);
        private final ServerSocket server;
        private final Socket client;
        private final Socket accepted;

        SocketCursor(int before) throws SQLException {
            this.before = before;
            try {
                server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                accepted = server.accept();
            } catch (IOException e) {
                throw new SQLException(e);
            }
        }

        void read() throws SQLException {
            blocked.countDown();
            try {
                if (client.getInputStream().read() >= 0) {
                    throw new AssertionError("nothing is ever written");
                }
            } catch (IOException e) {
                // closed under the read: the cancel's abort
            }
            throw new SQLException("connection aborted while reading", "08S01");
        }

        @Override
        public boolean next(RowBuffer row) throws SQLException {
            if (given < before) {
                row.clear();
                row.setObject(0, "row" + given++);
                return true;
            }
            read();
            return false;
        }

        @Override
        public void close() {
            try {
                client.close();
                accepted.close();
                server.close();
            } catch (IOException ignored) {
                // test socket
            }
        }
    }

    @Test
    void anInterruptWhileTheStatementIsSentCancelsIt() throws Exception {
        Statement st = connection.createStatement();
        Future<?> running = pool.submit(() -> st.execute("BLOCK"));
        FakeSession.FakeExecution execution = session.awaitExecution(1);
        SocketCursor blocker = awaitCursor(execution);
        assertTrue(blocker.blocked.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        running.cancel(true); // what Future.cancel(true) and shutdownNow() do: interrupt the thread
        awaitCancels(execution, 1);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "the interrupt was not noticed promptly");
        assertEquals(1, execution.cancels.get());
        // Future.cancel(true) drops the task's result; run it again through submit to see what the thread sees.
        assertInterruptedOutcome(st, "BLOCK");
    }

    /** Runs {@code sql} on a fresh thread, interrupts it once it blocks, and checks what it saw. */
    private void assertInterruptedOutcome(Statement st, String sql) throws Exception {
        int before = session.executions.size();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        AtomicReference<SQLException> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                st.execute(sql);
            } catch (SQLException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        FakeSession.FakeExecution execution = session.awaitExecution(before + 1);
        assertTrue(awaitCursor(execution).blocked.await(10, TimeUnit.SECONDS));
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(t.isAlive(), "the interrupted statement did not end");
        SQLException e = failure.get();
        assertEquals("HY008", e.getSQLState(), String.valueOf(e));
        assertInstanceOf(java.sql.SQLTransientException.class, e);
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        assertTrue(stillInterrupted.get(), "the thread lost its interrupt status");
        assertEquals(1, execution.cancels.get());
    }

    @Test
    void theThreadOfAnInterruptedStatementKeepsItsInterruptStatus() throws Exception {
        assertInterruptedOutcome(connection.createStatement(), "BLOCK");
    }

    @Test
    void anInterruptWhileARowIsReadCancelsTheStatement() throws Exception {
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("STALL");
        assertTrue(rs.next());
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Future<SQLException> reading = pool.submit(() -> {
            try {
                while (rs.next()) {
                    // the second row, then the blocking read
                }
                return null;
            } catch (SQLException e) {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                return e;
            }
        });
        FakeSession.FakeExecution execution = session.execution(0);
        SocketCursor cursor = (SocketCursor) execution.cursors().get(0);
        assertTrue(cursor.blocked.await(10, TimeUnit.SECONDS));
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "shutdownNow did not end the blocked read");
        SQLException e = reading.get();
        assertEquals("HY008", e.getSQLState(), String.valueOf(e));
        assertTrue(stillInterrupted.get(), "the thread lost its interrupt status");
        assertEquals(1, execution.cancels.get());
        assertEquals("HY008", assertThrows(SQLException.class, rs::next).getSQLState(), "the failure stays");
    }

    @Test
    void aThreadInterruptedBeforeTheCallSendsNothing() throws Exception {
        Statement st = connection.createStatement();
        Thread.currentThread().interrupt();
        try {
            SQLException e = assertThrows(SQLException.class, () -> st.execute("BLOCK"));
            assertEquals("HY008", e.getSQLState());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status was cleared");
        } finally {
            Thread.interrupted();
        }
        FakeSession.FakeExecution execution = session.execution(0);
        assertEquals(1, execution.cancels.get());
        assertTrue(execution.cursors().isEmpty(), "the statement was started on an interrupted thread");
        assertEquals(5, st.executeUpdate("INSERT 1"), "the statement is usable once the thread is no longer interrupted");
    }

    @Test
    void cancelFromAnInterruptedThreadCancelsAndThrowsNothing() throws Exception {
        Statement st = connection.createStatement();
        Future<?> running = pool.submit(() -> st.execute("BLOCK"));
        FakeSession.FakeExecution execution = session.awaitExecution(1);
        assertTrue(awaitCursor(execution).blocked.await(10, TimeUnit.SECONDS));
        Thread.currentThread().interrupt();
        try {
            st.cancel();
        } finally {
            Thread.interrupted();
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
        assertEquals("HY008", ((SQLException) e.getCause()).getSQLState());
        assertEquals(1, execution.cancels.get());
    }

    private static SocketCursor awaitCursor(FakeSession.FakeExecution execution) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (execution.cursors().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the statement did not start");
            Thread.sleep(1);
        }
        return (SocketCursor) execution.cursors().get(0);
    }

    private static void awaitCancels(FakeSession.FakeExecution execution, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (execution.cancels.get() < n) {
            assertTrue(System.nanoTime() < deadline, "the execution was not cancelled");
            Thread.sleep(1);
        }
    }
}
