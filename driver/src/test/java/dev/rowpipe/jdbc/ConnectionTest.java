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
    void autoCommitIsAlwaysOn() throws SQLException {
        connection.setAutoCommit(true);
        assertTrue(connection.getAutoCommit());
        connection.commit();
        connection.rollback();
        SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class,
                () -> connection.setAutoCommit(false));
        assertTrue(e.getMessage().contains("setAutoCommit(false)"), e.getMessage());
        assertTrue(connection.getAutoCommit());
        assertEquals(Connection.TRANSACTION_NONE, connection.getTransactionIsolation());
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
