package dev.rowpipe.jdbc;

import dev.rowpipe.api.ProgressListener;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.spi.Session;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A JDBC connection over one backend {@link Session}. Every statement is committed as it runs (the services
 * have no transactions), so auto-commit is always on; catalog/schema switches that the service cannot make are
 * reported as warnings rather than thrown, because BI tools call them routinely.
 */
public final class RowpipeConnection implements Connection {
    private final Session session;
    private final Settings settings;
    private final String url;
    private final Set<RowpipeStatement> statements = ConcurrentHashMap.newKeySet();
    private final Properties clientInfo = new Properties();
    private volatile ProgressListener progressListener;
    private volatile boolean closed;
    private SQLWarning warnings;
    private boolean readOnly;

    RowpipeConnection(Session session, Settings settings, String url) {
        this.session = session;
        this.settings = settings;
        this.url = url;
    }

    /** The client info name JDBC tools set (and the {@code application_name} property starts with). */
    static final String APPLICATION_NAME = "ApplicationName";

    Session session() {
        return session;
    }

    Settings settings() {
        return settings;
    }

    /** The URL with secrets removed, as getMetaData().getURL() shows it. */
    String safeUrl() {
        return url;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.closed("Connection");
        }
    }

    /**
     * Receives the progress of every statement of this connection that has no listener of its own
     * ({@link RowpipeStatement#setProgressListener}); null removes it. Also set by the {@code progress_listener}
     * property (a listener registered with {@link RowpipeDriver#registerProgressListener}), for tools that create
     * their own statements. Reach it with {@code connection.unwrap(RowpipeConnection.class)}.
     */
    public void setProgressListener(ProgressListener listener) throws SQLException {
        checkOpen();
        progressListener = listener;
    }

    /** The connection's progress listener; null when none. */
    public ProgressListener getProgressListener() {
        return progressListener;
    }

    /** {@code ApplicationName} as the client info has it now (the property's value until a tool sets it). */
    String applicationName() {
        String name = clientInfo.getProperty(APPLICATION_NAME);
        return name == null || name.isBlank() ? null : name;
    }

    void statementClosed(RowpipeStatement statement) {
        statements.remove(statement);
    }

    private <T extends RowpipeStatement> T track(T statement) {
        statements.add(statement);
        return statement;
    }

    private void addWarning(String message) {
        SQLWarning w = Errors.notice(message);
        if (warnings == null) {
            warnings = w;
        } else {
            warnings.setNextWarning(w);
        }
    }

    private static void checkResultSetOptions(int type, int concurrency) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY) {
            throw Errors.notSupported("Result set type " + type + " (only TYPE_FORWARD_ONLY)");
        }
        if (concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw Errors.notSupported("Result set concurrency " + concurrency + " (only CONCUR_READ_ONLY)");
        }
    }

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return track(new RowpipeStatement(this, session));
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        checkResultSetOptions(type, concurrency);
        return createStatement();
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        return createStatement(type, concurrency);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("SQL text is null");
        }
        return track(new RowpipePreparedStatement(this, session, sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        checkResultSetOptions(type, concurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        return prepareStatement(sql, type, concurrency);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw Errors.notSupported("Connection.prepareCall (stored procedures)");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
        throw Errors.notSupported("Connection.prepareCall (stored procedures)");
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        throw Errors.notSupported("Connection.prepareCall (stored procedures)");
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (!autoCommit) {
            throw Errors.notSupported("Connection.setAutoCommit(false): the service has no transactions; "
                    + "every statement commits as it runs");
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return true;
    }

    /** Nothing is pending: each statement was committed by the service as it ran. */
    @Override
    public void commit() throws SQLException {
        checkOpen();
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        release();
    }

    private void release() throws SQLException {
        for (RowpipeStatement s : statements) {
            s.close();
        }
        statements.clear();
        session.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new RowpipeDatabaseMetaData(this);
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    /** The connection's database; asking for another one is a warning (the database is fixed per connection). */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
        if (catalog != null && !catalog.isEmpty() && !catalog.equals(session.database())) {
            addWarning("setCatalog('" + catalog + "') was ignored: this connection stays on database '"
                    + session.database() + "'; open a connection with that database in the URL");
        }
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return session.database();
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        String current = session.metadata().currentSchema();
        if (schema != null && !schema.isEmpty() && !schema.equals(current)) {
            addWarning("setSchema('" + schema + "') was ignored: schemas cannot be switched on this connection");
        }
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return session.metadata().currentSchema();
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        if (level != TRANSACTION_NONE) {
            addWarning("Transaction isolation level " + level + " was ignored: the service has no transactions");
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_NONE;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return Map.of();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        throw Errors.notSupported("Connection.setTypeMap");
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT) {
            throw Errors.notSupported("Holdability " + holdability);
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw Errors.notSupported("Connection.setSavepoint");
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        throw Errors.notSupported("Connection.setSavepoint");
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        throw Errors.notSupported("Connection.rollback(Savepoint)");
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        throw Errors.notSupported("Connection.releaseSavepoint");
    }

    @Override
    public Clob createClob() throws SQLException {
        throw Errors.notSupported("Connection.createClob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw Errors.notSupported("Connection.createBlob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw Errors.notSupported("Connection.createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw Errors.notSupported("Connection.createSQLXML");
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw Errors.invalidArgument("isValid timeout must be >= 0, got " + timeout);
        }
        return !closed && session.isValid(timeout == 0 ? 30 : timeout);
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (value == null) {
            clientInfo.remove(name);
        } else {
            clientInfo.setProperty(name, value);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        clientInfo.clear();
        if (properties != null) {
            clientInfo.putAll(properties);
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        Properties copy = new Properties();
        copy.putAll(clientInfo);
        return copy;
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        checkOpen();
        if (elements == null) {
            throw Errors.invalidArgument("createArrayOf: elements is null");
        }
        return new RowpipeArray(dev.rowpipe.internal.spi.ColumnType.of(dev.rowpipe.internal.spi.ColumnType.Kind.OTHER, typeName),
                Arrays.asList(elements.clone()));
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw Errors.notSupported("Connection.createStruct");
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw Errors.invalidArgument("abort: executor is null");
        }
        if (closed) {
            return;
        }
        // JDBC: abort marks the connection closed at once; the release (which may wait on the network) runs
        // on the caller's executor.
        closed = true;
        executor.execute(() -> {
            try {
                release();
            } catch (SQLException ignored) {
                // abort is best effort by contract.
            }
        });
    }

    /** Reads are bounded by the {@code socket_timeout} property and statements by {@code setQueryTimeout}. */
    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        throw Errors.notSupported("Connection.setNetworkTimeout (use the socket_timeout property)");
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return 0;
    }

    /**
     * Besides the usual wrapper contract, unwraps to the service's own API in {@code dev.rowpipe.api}
     * ({@code FireboltEngines} on a Firebolt connection, {@code TreasureDataApi} on a Treasure Data one).
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        T api = session.unwrap(iface);
        if (api != null) {
            return api;
        }
        throw SqlState.GENERAL_ERROR.exception("Connection is not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this) || session.unwrap(iface) != null;
    }

    @Override
    public String toString() {
        return "RowpipeConnection[" + url + "]";
    }
}
