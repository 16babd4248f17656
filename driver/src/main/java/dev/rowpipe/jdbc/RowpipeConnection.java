package dev.rowpipe.jdbc;

import dev.rowpipe.api.ProgressListener;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.CommonProperties;
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
 * A JDBC connection over one backend {@link Session}. Auto-commit and transactions follow the session's
 * {@link dev.rowpipe.internal.spi.TransactionSupport}: on a service without transactions every statement commits
 * as it runs and auto-commit off is emulated ({@link TransactionState}). Catalog/schema switches that the service
 * cannot make are reported as warnings rather than thrown, because BI tools call them routinely, and so are the
 * keys tools set that the driver ignored.
 */
public final class RowpipeConnection implements Connection {
    /** The client info name tools use for the application (JDBC's own list, pgjdbc, SQuirreL, DBeaver). */
    static final String APPLICATION_NAME = "ApplicationName";

    private final Session session;
    private final Settings settings;
    private final String url;
    private final Set<RowpipeStatement> statements = ConcurrentHashMap.newKeySet();
    private final Properties clientInfo = new Properties();
    private volatile ProgressListener progressListener;
    private final TransactionState transactions;
    private volatile boolean closed;
    private SQLWarning warnings;
    private boolean readOnly;

    /**
     * @param settings the connection's settings; null only in tests of the JDBC layer (defaults then apply). Their
     *                 {@code autocommit} is applied by {@link #open}, since it may fail.
     */
    RowpipeConnection(Session session, Settings settings, String url) {
        this.session = session;
        this.settings = settings;
        this.url = url;
        boolean strict = settings != null && settings.get(CommonProperties.STRICT_TRANSACTIONS);
        this.transactions = new TransactionState(session.transactions(), strict, session.productName());
        if (settings != null) {
            settings.notices().forEach(this::addWarning);
            String application = settings.get(CommonProperties.APPLICATION_NAME);
            if (application != null) {
                clientInfo.setProperty(APPLICATION_NAME, application);
            }
        }
    }

    /**
     * The connection of a session just opened, in the auto-commit mode the settings ask for; the session is closed
     * when that fails ({@code autocommit=false} with {@code strict_transactions=true} on a service without
     * transactions).
     */
    static RowpipeConnection open(Session session, Settings settings, String url) throws SQLException {
        try {
            RowpipeConnection connection = new RowpipeConnection(session, settings, url);
            if (!settings.get(CommonProperties.AUTOCOMMIT)) {
                connection.transactions.setAutoCommit(false, connection::addWarning);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    Session session() {
        return session;
    }

    Settings settings() {
        return settings;
    }

    TransactionState transactions() {
        return transactions;
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

    /** See {@link TransactionState}: on a service without transactions, off is accepted with a warning. */
    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        transactions.setAutoCommit(autoCommit, this::addWarning);
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return transactions.autoCommit();
    }

    /** On a service without transactions nothing is pending: each statement was committed as it ran. */
    @Override
    public void commit() throws SQLException {
        checkOpen();
        transactions.commit();
    }

    /**
     * On a service without transactions: nothing to do when no statement wrote since the last commit; otherwise an
     * SQLException (25000) saying the writes cannot be undone.
     */
    @Override
    public void rollback() throws SQLException {
        checkOpen();
        transactions.rollback();
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
        try {
            transactions.close();
        } finally {
            session.close();
        }
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

    /**
     * Moves the connection to that database where the service can ({@link Session#switchDatabase}); elsewhere asking
     * for another one is a warning (the database is fixed per connection), since BI tools call this routinely.
     */
    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
        if (catalog == null || catalog.isEmpty() || catalog.equals(session.database())) {
            return;
        }
        if (!session.switchDatabase(catalog)) {
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
        int own = session.transactions().isolation();
        if (level != own) {
            addWarning("Transaction isolation level " + level + " was ignored: " + (own == TRANSACTION_NONE
                    ? "the service has no transactions" : "the service's transactions have level " + own));
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return session.transactions().isolation();
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
