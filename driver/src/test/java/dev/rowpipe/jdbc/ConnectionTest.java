package dev.rowpipe.jdbc;

import dev.rowpipe.internal.td.TdDialect;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionTest {
    /** Stands in for a backend's own API object (FireboltEngines, TreasureDataApi). */
    interface ServiceApi {
    }

    private final ServiceApi api = new ServiceApi() { };
    private final FakeSession session = new FakeSession("db", TdDialect.STANDARD)
            .otherwise(FakeResults.update(0)).api(ServiceApi.class, api);
    private final RowpipeConnection connection = new RowpipeConnection(session, null, "jdbc:fake:db");

    @Test
    void withoutTransactionsAutoCommitOffIsAcceptedWithAWarning() throws SQLException {
        connection.setAutoCommit(true);
        assertTrue(connection.getAutoCommit());
        connection.commit();
        connection.rollback();
        assertNull(connection.getWarnings());
        connection.setAutoCommit(false);
        assertFalse(connection.getAutoCommit());
        assertTrue(connection.getWarnings().getMessage().contains("no transactions"),
                connection.getWarnings().getMessage());
        assertEquals(Connection.TRANSACTION_NONE, connection.getTransactionIsolation());
        assertFalse(connection.getMetaData().supportsTransactions());
        // Reads only: commit and rollback have nothing to do.
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT 1");
            st.execute("-- a tool's comment\nWITH q AS (SELECT 1) SELECT * FROM q");
        }
        connection.rollback();
        connection.commit();
    }

    @Test
    void rollbackAfterAWriteSaysItCannotUndoIt() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("INSERT INTO t VALUES (1)");
            st.execute("SELECT 1");
            st.executeUpdate("CREATE TABLE u (a INT)");
        }
        SQLException e = assertThrows(SQLException.class, connection::rollback);
        assertEquals("25000", e.getSQLState());
        assertTrue(e.getMessage().contains("cannot undo 2 statements"), e.getMessage());
        // The failed rollback ended the "transaction": the next one starts clean.
        connection.rollback();
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("INSERT INTO t VALUES (2)");
        }
        connection.commit();
        connection.rollback();
        // Switching auto-commit back on commits, as JDBC says: nothing is pending afterwards.
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("DELETE FROM t");
        }
        connection.setAutoCommit(true);
        connection.setAutoCommit(false);
        connection.rollback();
    }

    @Test
    void aFailedWriteIsNotCountedAsWritten() throws SQLException {
        session.on("INSERT INTO bad VALUES (1)", FakeResults.fail("no such table", "42S02"));
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO bad VALUES (1)"));
        }
        connection.rollback();
    }

    @Test
    void strictTransactionsRefuseAutoCommitOff() throws SQLException {
        RowpipeConnection strict = new RowpipeConnection(session, settings("strict_transactions", "true"),
                "jdbc:fake:db");
        SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class,
                () -> strict.setAutoCommit(false));
        assertTrue(e.getMessage().contains("setAutoCommit(false)") && e.getMessage().contains("strict_transactions"),
                e.getMessage());
        assertTrue(strict.getAutoCommit());
    }

    @Test
    void withTransactionsTheSessionBeginsCommitsAndRollsBack() throws SQLException {
        List<String> calls = new ArrayList<>();
        session.transactions(new dev.rowpipe.internal.spi.TransactionSupport() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public int isolation() {
                return Connection.TRANSACTION_REPEATABLE_READ;
            }

            @Override
            public void begin() {
                calls.add("begin");
            }

            @Override
            public void commit() {
                calls.add("commit");
            }

            @Override
            public void rollback() {
                calls.add("rollback");
            }
        });
        RowpipeConnection connection = new RowpipeConnection(session, null, "jdbc:fake:db");
        assertTrue(connection.getMetaData().supportsTransactions());
        assertEquals(Connection.TRANSACTION_REPEATABLE_READ, connection.getTransactionIsolation());
        connection.setAutoCommit(false);
        assertNull(connection.getWarnings());
        connection.commit(); // nothing begun yet: nothing to commit
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("INSERT INTO t VALUES (1)");
            st.executeUpdate("INSERT INTO t VALUES (2)");
            connection.commit();
            st.executeUpdate("INSERT INTO t VALUES (3)");
            connection.rollback();
            st.executeUpdate("INSERT INTO t VALUES (4)");
            connection.setAutoCommit(true);
            st.executeUpdate("INSERT INTO t VALUES (5)");
            connection.setAutoCommit(false);
            st.executeUpdate("INSERT INTO t VALUES (6)");
        }
        connection.close();
        assertEquals(List.of("begin", "commit", "begin", "rollback", "begin", "commit", "begin", "rollback"), calls);
    }

    private static dev.rowpipe.internal.settings.Settings settings(String key, String value) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty(key, value);
        return dev.rowpipe.internal.settings.Settings.build(
                new dev.rowpipe.internal.settings.ParsedUrl("fake", "h", -1, "db", List.of()), p,
                dev.rowpipe.internal.settings.CommonProperties.ALL);
    }

    @Test
    void catalogAndSchemaSwitchesWarnInsteadOfThrowing() throws SQLException {
        connection.setCatalog("db");
        connection.setSchema("public");
        connection.setCatalog(null);
        assertNull(connection.getWarnings());
        connection.setCatalog("other");
        assertTrue(connection.getWarnings().getMessage().contains("'other'"));
        connection.setSchema("elsewhere");
        assertTrue(connection.getWarnings().getNextWarning().getMessage().contains("'elsewhere'"));
        assertEquals("db", connection.getCatalog());
        assertEquals("public", connection.getSchema());
        connection.clearWarnings();
        assertNull(connection.getWarnings());
    }

    @Test
    void aServiceThatSwitchesDatabasesMovesTheConnection() throws SQLException {
        FakeSession switching = new FakeSession("db", TdDialect.STANDARD).switchable();
        RowpipeConnection c = new RowpipeConnection(switching, null, "jdbc:fake:db");
        c.setCatalog("other");
        assertEquals("other", c.getCatalog());
        assertNull(c.getWarnings());
    }

    @Test
    void closedConnectionThrows08003() throws SQLException {
        connection.close();
        connection.close();
        assertTrue(connection.isClosed());
        assertTrue(session.closed.get());
        List<ThrowingCall> calls = List.of(connection::createStatement, () -> connection.prepareStatement("SELECT 1"),
                () -> connection.setAutoCommit(true), connection::getAutoCommit, connection::commit,
                connection::rollback, () -> connection.setCatalog("x"), () -> connection.setSchema("x"),
                connection::getCatalog, connection::getWarnings);
        for (ThrowingCall call : calls) {
            SQLException e = assertThrows(SQLException.class, call::run);
            assertEquals("08003", e.getSQLState());
        }
        assertFalse(connection.isValid(1));
    }

    interface ThrowingCall {
        void run() throws SQLException;
    }

    @Test
    void closeClosesStatementsAndAbortsTheirWork() throws SQLException {
        session.on("STALL", FakeResults.blockingRows(1));
        List<Statement> open = new ArrayList<>();
        open.add(connection.createStatement());
        open.add(connection.prepareStatement("SELECT ?"));
        Statement reading = connection.createStatement();
        open.add(reading);
        reading.executeQuery("STALL").next();
        connection.close();
        for (Statement s : open) {
            assertTrue(s.isClosed());
        }
        assertEquals(1, session.execution(0).cancels.get());
    }

    @Test
    void abortMarksClosedAtOnce() throws SQLException {
        Statement st = connection.createStatement();
        List<Runnable> later = new ArrayList<>();
        connection.abort(later::add);
        assertTrue(connection.isClosed());
        assertFalse(st.isClosed());
        later.forEach(Runnable::run);
        assertTrue(st.isClosed());
        assertTrue(session.closed.get());
    }

    @Test
    void unwrapsToTheBackendApi() throws SQLException {
        assertSame(api, connection.unwrap(ServiceApi.class));
        assertTrue(connection.isWrapperFor(ServiceApi.class));
        assertSame(connection, connection.unwrap(RowpipeConnection.class));
        assertFalse(connection.isWrapperFor(Runnable.class));
        assertThrows(SQLException.class, () -> connection.unwrap(Runnable.class));
    }

    @Test
    void unsupportedThingsNameThemselves() {
        SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class,
                () -> connection.prepareCall("CALL x()"));
        assertTrue(e.getMessage().contains("prepareCall"));
        assertThrows(SQLFeatureNotSupportedException.class, connection::setSavepoint);
        assertThrows(SQLFeatureNotSupportedException.class,
                () -> connection.createStatement(java.sql.ResultSet.TYPE_SCROLL_INSENSITIVE,
                        java.sql.ResultSet.CONCUR_READ_ONLY));
        assertThrows(SQLException.class, () -> connection.createArrayOf("int", null));
    }
}
