package dev.rowpipe.jdbc;

import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.td.TdDialect;
import dev.rowpipe.jdbc.FakeResults.BlockingCursor;
import dev.rowpipe.jdbc.FakeResults.TrackingCursor;
import dev.rowpipe.jdbc.FakeSession.FakeExecution;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.rowpipe.jdbc.FakeResults.blockUntilCancel;
import static dev.rowpipe.jdbc.FakeResults.blockingRows;
import static dev.rowpipe.jdbc.FakeResults.rows;
import static dev.rowpipe.jdbc.FakeResults.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementTest {
    private final FakeSession session = new FakeSession("db", TdDialect.STANDARD)
            .on("SET a = 1", update(0))
            .on("INSERT 1", update(5))
            .on("INSERT 2", update(7))
            .on("SELECT 1", rows(List.of("x"), List.of(List.of("1"))))
            .on("SELECT 2", rows(List.of("y"), List.of(List.of("2"), List.of("3"))));
    private final RowpipeConnection connection = new RowpipeConnection(session, null, "jdbc:fake:db");

    @Test
    void scriptFollowsJdbcResultSequence() throws SQLException {
        Statement st = connection.createStatement();
        assertFalse(st.execute("SET a = 1; INSERT 1; SELECT 1; INSERT 2; SELECT 2"));
        // Everything before the first row result ran; nothing after it did.
        assertEquals(List.of("SET a = 1", "INSERT 1", "SELECT 1"), session.statements());
        assertEquals(0, st.getUpdateCount());
        assertNull(st.getResultSet());
        assertFalse(st.getMoreResults());
        assertEquals(5, st.getUpdateCount());
        assertTrue(st.getMoreResults());
        assertEquals(-1, st.getUpdateCount());
        ResultSet first = st.getResultSet();
        assertTrue(first.next());
        assertEquals("1", first.getString(1));
        assertEquals(3, session.statements().size());
        assertFalse(st.getMoreResults());
        assertTrue(first.isClosed());
        assertEquals(List.of("SET a = 1", "INSERT 1", "SELECT 1", "INSERT 2", "SELECT 2"), session.statements());
        assertEquals(7, st.getUpdateCount());
        assertTrue(st.getMoreResults());
        ResultSet second = st.getResultSet();
        assertTrue(second.next());
        assertEquals("2", second.getString("y"));
        assertFalse(st.getMoreResults());
        assertEquals(-1, st.getUpdateCount());
        assertNull(st.getResultSet());
    }

    @Test
    void executeReturnsTrueWhenFirstResultHasRows() throws SQLException {
        Statement st = connection.createStatement();
        assertTrue(st.execute("SELECT 1; INSERT 1"));
        assertEquals(List.of("SELECT 1"), session.statements());
        assertEquals(-1, st.getUpdateCount());
        assertFalse(st.getMoreResults());
        assertEquals(5, st.getUpdateCount());
    }

    @Test
    void executeQuerySkipsLeadingUpdates() throws SQLException {
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SET a = 1; INSERT 1; SELECT 2");
        assertTrue(rs.next());
        assertEquals("2", rs.getString(1));
        assertTrue(rs.next());
        assertEquals("3", rs.getString(1));
        assertFalse(rs.next());
        SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("INSERT 1"));
        assertTrue(e.getMessage().contains("no result set"), e.getMessage());
    }

    @Test
    void executeUpdateOnRowsThrowsAndStopsTheScript() throws SQLException {
        Statement st = connection.createStatement();
        assertEquals(7, st.executeUpdate("INSERT 1; INSERT 2"));
        session.executions.clear();
        SQLException e = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT 1; SELECT 1; INSERT 2"));
        assertTrue(e.getMessage().contains("result set"), e.getMessage());
        assertEquals(List.of("INSERT 1", "SELECT 1"), session.statements());
        assertTrue(((TrackingCursor) session.execution(1).cursors().get(0)).closed.get());
    }

    @Test
    void emptyAndNullSqlAreRejected() throws SQLException {
        Statement st = connection.createStatement();
        assertEquals("42000", assertThrows(SQLException.class, () -> st.execute(" ; -- x")).getSQLState());
        assertEquals("42000", assertThrows(SQLException.class, () -> st.execute(null)).getSQLState());
        assertTrue(session.statements().isEmpty());
    }

    @Test
    void failedStatementStopsTheScript() throws SQLException {
        session.on("BAD", FakeResults.fail("syntax error", "42000"));
        Statement st = connection.createStatement();
        SQLException e = assertThrows(SQLException.class, () -> st.execute("INSERT 1; BAD; INSERT 2"));
        assertEquals("42000", e.getSQLState());
        assertEquals(List.of("INSERT 1", "BAD"), session.statements());
    }

    @Test
    void maxRowsStopsAndClosesTheCursorWithoutDraining() throws SQLException {
        List<List<?>> many = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(List.of("r" + i));
        }
        session.on("SELECT many", rows(List.of("x"), many));
        Statement st = connection.createStatement();
        st.setMaxRows(3);
        st.setFetchSize(50);
        st.setQueryTimeout(9);
        ResultSet rs = st.executeQuery("SELECT many");
        int n = 0;
        while (rs.next()) {
            assertEquals("r" + n, rs.getString(1));
            n++;
        }
        assertEquals(3, n);
        TrackingCursor cursor = (TrackingCursor) session.execution(0).cursors().get(0);
        assertTrue(cursor.closed.get());
        assertEquals(3, cursor.read.get());
        assertEquals(new ExecutionOptions(9, 3, 50), session.execution(0).options);
    }

    @Test
    void warningsAndQueryId() throws SQLException {
        session.on("WARN", e -> StatementResult.update(1).withWarning("job 42 issued"));
        Statement st = connection.createStatement();
        st.execute("WARN");
        SQLWarning w = st.getWarnings();
        assertEquals("job 42 issued", w.getMessage());
        assertEquals("01000", w.getSQLState());
        assertEquals(0, w.getStackTrace().length, "a notice carries no stack trace for tools to print");
        assertEquals("q-1", st.unwrap(RowpipeStatement.class).getLastQueryId());
        st.execute("INSERT 1");
        assertNull(st.getWarnings());
        assertEquals("q-2", st.unwrap(RowpipeStatement.class).getLastQueryId());
    }

    @Test
    void timeoutWhileStartBlocks() throws SQLException {
        session.on("SLOW", blockUntilCancel());
        Statement st = connection.createStatement();
        st.setQueryTimeout(1);
        long t0 = System.nanoTime();
        SQLTimeoutException e = assertThrows(SQLTimeoutException.class, () -> st.execute("SLOW"));
        assertEquals("HYT00", e.getSQLState());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
        FakeExecution ex = session.execution(0);
        assertEquals(1, ex.cancels.get(), "the timeout cancelled the execution");
        assertEquals("08S01", assertInstanceOf(SQLException.class, e.getCause()).getSQLState(),
                "the backend's own failure is the cause");
        assertTrue(e.getMessage().contains("q-1") && e.getMessage().contains("timed out after 1 s"), e.getMessage());
        assertEquals("q-1", st.unwrap(RowpipeStatement.class).getLastQueryId());
    }

    @Test
    void timeoutWhileCursorBlocks() throws SQLException {
        session.on("STALL", blockingRows(2));
        Statement st = connection.createStatement();
        st.setQueryTimeout(1);
        ResultSet rs = st.executeQuery("STALL");
        assertTrue(rs.next());
        assertTrue(rs.next());
        SQLTimeoutException e = assertThrows(SQLTimeoutException.class, rs::next);
        assertEquals("HYT00", e.getSQLState());
        assertEquals(1, session.execution(0).cancels.get(), "the timeout cancelled the execution");
    }

    @Test
    void cancelFromAnotherThreadWhileExecuteBlocks() throws Exception {
        session.on("SLOW", blockUntilCancel());
        Statement st = connection.createStatement();
        CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> {
            try {
                return st.execute("SLOW");
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        FakeExecution ex = session.awaitExecution(1);
        assertTrue(ex.started.await(10, TimeUnit.SECONDS));
        st.cancel();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
        SQLException e = assertInstanceOf(SQLException.class, failure.getCause());
        assertEquals("HY008", e.getSQLState());
        assertInstanceOf(java.sql.SQLTransientException.class, e);
        assertTrue(e.getMessage().contains("q-1"), e.getMessage());
        assertEquals(1, ex.cancels.get());
        // The statement stays usable after a cancel.
        assertEquals(5, st.executeUpdate("INSERT 1"));
    }

    @Test
    void cancelArrivingBeforeTheExecutionIsRegisteredIsNotLost() throws Exception {
        session.on("SLOW", blockUntilCancel());
        Statement st = connection.createStatement();
        session.onNewExecution = () -> {
            try {
                st.cancel();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        SQLException e = assertThrows(SQLException.class, () -> st.execute("SLOW"));
        assertEquals("HY008", e.getSQLState());
        assertEquals(1, session.execution(0).cancels.get());
        session.onNewExecution = () -> { };
        assertEquals(5, st.executeUpdate("INSERT 1")); // a cancel is not carried over to the next statement
    }

    @Test
    void closeFromAnotherThreadUnblocksARead() throws Exception {
        session.on("STALL", blockingRows(0));
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("STALL");
        CompletableFuture<Boolean> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return rs.next();
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        BlockingCursor cursor = (BlockingCursor) session.execution(0).cursors().get(0);
        assertTrue(cursor.blocked.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        st.close();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> reading.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SQLException.class, failure.getCause());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        assertTrue(st.isClosed());
        assertTrue(rs.isClosed());
        assertEquals(1, session.execution(0).cancels.get());
    }

    @Test
    void closedStatement() throws SQLException {
        Statement st = connection.createStatement();
        st.close();
        st.close();
        SQLException e = assertThrows(SQLException.class, () -> st.execute("INSERT 1"));
        assertEquals("HY010", e.getSQLState());
        assertTrue(session.statements().isEmpty());
    }

    @Test
    void newExecutionClosesThePreviousResult() throws SQLException {
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT 2");
        st.executeQuery("SELECT 1");
        assertTrue(rs.isClosed());
        assertTrue(((TrackingCursor) session.execution(0).cursors().get(0)).closed.get());
    }

    @Test
    void closeOnCompletion() throws SQLException {
        Statement st = connection.createStatement();
        st.closeOnCompletion();
        ResultSet rs = st.executeQuery("SELECT 1");
        rs.close();
        assertTrue(st.isClosed());
    }

    @Test
    void unwrap() throws SQLException {
        Statement st = connection.createStatement();
        assertSame(st, st.unwrap(RowpipeStatement.class));
        assertTrue(st.isWrapperFor(Statement.class));
        assertThrows(SQLException.class, () -> st.unwrap(String.class));
    }
}
