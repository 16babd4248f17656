package dev.rowpipe.jdbc;

import dev.rowpipe.api.ProgressListener;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.StatementResult;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Runs SQL text: splits a script into single statements (each its own request and its own result), and hands
 * out results the JDBC way ({@code execute} / {@code getResultSet} / {@code getUpdateCount} /
 * {@code getMoreResults}). Statements before the first one that returns rows run at once; those after it run
 * when the caller moves past it with {@link #getMoreResults()}, so a large result streams before the next
 * statement is sent.
 */
public class RowpipeStatement implements Statement {
    private static final int MAX_INT_COUNT = Integer.MAX_VALUE;

    final RowpipeConnection connection;
    private final Session session;
    // Concurrent: close() and cancel() may come from another thread while this one runs the script.
    private final Deque<String> pending = new ConcurrentLinkedDeque<>();
    private final Deque<Object> results = new ConcurrentLinkedDeque<>();
    private final List<String> batch = new ArrayList<>();
    private volatile ExecutionGuard active;
    /** A cancel() that came while the next execution was being prepared, before it could be reached. */
    private volatile boolean cancelRequested;
    private volatile boolean closed;
    private volatile RowpipeResultSet currentResultSet;
    private long currentUpdateCount = -1;
    private int queryTimeout;
    private long maxRows;
    private int fetchSize;
    private boolean closeOnCompletion;
    private SQLWarning warnings;
    private volatile String lastQueryId;
    /** The statement being started, so that its id is visible (and can be cancelled by hand) while it runs. */
    private volatile Execution starting;
    private volatile ProgressListener progressListener;
    private final ProgressDelivery progress = new ProgressDelivery();
    /** {@link #setStatementOption} values by property name, decoded; in the order they were set. */
    private final Map<String, Object> statementOptions = new LinkedHashMap<>();
    private final Map<String, String> statementOptionTexts = new LinkedHashMap<>();

    RowpipeStatement(RowpipeConnection connection, Session session) {
        this.connection = connection;
        this.session = session;
    }

    Session session() {
        return session;
    }

    /**
     * The id of the last statement sent: Firebolt's query_id or Treasure Data's job id, to find the query in the
     * service's console or to cancel it by hand. Reach it with {@code statement.unwrap(RowpipeStatement.class)}.
     * While a statement is being started (a TD job waited for) this is that statement's id as soon as the service
     * assigned one, and null before.
     */
    public String getLastQueryId() {
        Execution running = starting;
        return running != null ? running.id() : lastQueryId;
    }

    /**
     * Receives the progress of this statement's executions ({@code dev.rowpipe.api.QueryProgress}: SUBMITTED,
     * QUEUED, RUNNING, then FINISHED, FAILED or CANCELLED), on a driver thread, in order; null removes it. It
     * replaces the connection's listener ({@link RowpipeConnection#setProgressListener}) for this statement.
     * Reach it with {@code statement.unwrap(RowpipeStatement.class)}.
     */
    public void setProgressListener(ProgressListener listener) throws SQLException {
        checkOpen();
        progressListener = listener;
    }

    /** This statement's own listener; null when it uses the connection's (or none). */
    public ProgressListener getProgressListener() throws SQLException {
        checkOpen();
        return progressListener;
    }

    /**
     * Sets, for this statement's later executions only, a connection property the service lets a statement set for
     * itself (Treasure Data: {@code priority}, {@code retry_limit}, {@code pool_name}, {@code engine_version});
     * {@code value} null goes back to the connection's value. The value is checked as the property's would be.
     * Reach it with {@code statement.unwrap(RowpipeStatement.class)}.
     *
     * @throws SQLException HY024 for a name the service does not take per statement, or an invalid value
     */
    public void setStatementOption(String name, String value) throws SQLException {
        checkOpen();
        ConnectionProperty<?> property = statementOption(name);
        if (value == null) {
            statementOptions.remove(property.name());
            statementOptionTexts.remove(property.name());
            return;
        }
        Object decoded;
        try {
            decoded = property.decode(value);
        } catch (IllegalArgumentException e) {
            throw Errors.invalidArgument("Statement option '" + property.name() + "' value '" + value
                    + "' is invalid: " + e.getMessage());
        }
        statementOptions.put(property.name(), decoded);
        statementOptionTexts.put(property.name(), value);
    }

    /** The value {@link #setStatementOption} gave {@code name}, as given; null when this statement does not set it. */
    public String getStatementOption(String name) throws SQLException {
        checkOpen();
        return statementOptionTexts.get(statementOption(name).name());
    }

    private ConnectionProperty<?> statementOption(String name) throws SQLException {
        List<ConnectionProperty<?>> known = session.statementOptions();
        for (ConnectionProperty<?> p : known) {
            if (name != null && p.matches(name)) {
                return p;
            }
        }
        throw Errors.invalidArgument("'" + name + "' cannot be set per statement on " + session.productName()
                + (known.isEmpty() ? " (it has no statement options)" : "; the statement options are "
                + String.join(", ", known.stream().map(ConnectionProperty::name).toList())));
    }

    // ---- running ----

    @Override
    public boolean execute(String sql) throws SQLException {
        start(sql);
        return currentResultSet != null;
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        start(sql);
        // Leading statements without rows (SET, DDL) are passed over to the first result set.
        while (currentResultSet == null && currentUpdateCount != -1) {
            getMoreResults();
        }
        if (currentResultSet == null) {
            throw SqlState.NO_DATA.exception("executeQuery: the statement returned no result set (use execute or "
                    + "executeUpdate for statements without rows)");
        }
        return currentResultSet;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) Math.min(runUpdate(sql), MAX_INT_COUNT);
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return runUpdate(sql);
    }

    /**
     * Runs a script whose statements must all be updates; returns the last count. A statement with rows stops
     * the script there (its result is closed unread and later statements are not sent).
     */
    long runUpdate(String sql) throws SQLException {
        start(sql);
        long last = 0;
        while (true) {
            if (currentResultSet != null) {
                discardResults();
                throw SqlState.ADDITIONAL_RESULT_SETS_RETURNED.exception(
                        "executeUpdate: the statement returned a result set (use executeQuery or "
                        + "execute)");
            } else if (currentUpdateCount != -1) {
                last = currentUpdateCount;
            } else {
                break;
            }
            getMoreResults();
        }
        return last;
    }

    /** Splits the text and runs statements up to the first that returns rows. */
    void start(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("SQL text is null");
        }
        discardResults();
        warnings = null;
        List<String> statements;
        try {
            statements = SqlText.split(sql, session.dialect().backslashEscapes());
        } catch (RuntimeException e) {
            throw Errors.unexpected("Splitting the SQL text into statements", e);
        }
        if (statements.isEmpty()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(
                    "SQL text has no statement (only whitespace, comments or ';')");
        }
        pending.addAll(statements);
        runUntilRows();
        advance();
    }

    private void runUntilRows() throws SQLException {
        while (!pending.isEmpty()) {
            String sql = pending.poll();
            Object result = runOne(sql);
            results.add(result);
            if (result instanceof RowpipeResultSet) {
                return;
            }
        }
    }

    private Object runOne(String sql) throws SQLException {
        active = null;
        cancelRequested = false;
        connection.transactions().beforeStatement();
        ProgressListener listener = progressListener != null ? progressListener : connection.getProgressListener();
        ExecutionOptions options = new ExecutionOptions(queryTimeout, maxRows, fetchSize, connection.applicationName(),
                statementOptions, progress.reporter(listener));
        Execution execution;
        try {
            execution = session.newExecution(sql, options);
        } catch (RuntimeException e) {
            pending.clear();
            throw Errors.unexpected("Preparing the statement", e);
        }
        ExecutionGuard guard = new ExecutionGuard(execution, queryTimeout, options.progress());
        active = guard;
        if (cancelRequested) {
            guard.cancel(); // start() then fails with HY008 without sending anything
        }
        if (closed) {
            guard.finish();
            throw Errors.closed("Statement");
        }
        StatementResult result;
        starting = execution;
        try {
            if (!guard.enter()) {
                throw SqlState.OPERATION_CANCELLED.exception(execution.description()
                        + " was not sent: the thread was interrupted");
            }
            result = execution.start();
        } catch (SQLException e) {
            pending.clear();
            lastQueryId = execution.id();
            throw guard.fail(e);
        } catch (RuntimeException e) {
            pending.clear();
            throw guard.fail(Errors.unexpected("Running the statement", e));
        } finally {
            guard.exit();
            lastQueryId = execution.id();
            starting = null;
        }
        connection.transactions().afterStatement(sql, session.dialect().backslashEscapes());
        if (closed) {
            // close() from another thread raced with a start() that still succeeded: release what it opened.
            guard.finish();
            if (result.cursor() != null) {
                result.cursor().close();
            }
            throw Errors.closed("Statement");
        }
        if (result.warning() != null) {
            addWarning(Errors.notice(result.warning()));
        }
        if (result.hasRows()) {
            return new RowpipeResultSet(this, result.columns(), result.cursor(), maxRows, guard);
        }
        guard.finish();
        return result.updateCount();
    }

    private void advance() {
        Object next = results.poll();
        currentResultSet = null;
        currentUpdateCount = -1;
        if (next instanceof RowpipeResultSet rs) {
            currentResultSet = rs;
        } else if (next instanceof Long count) {
            currentUpdateCount = count;
        }
    }

    private void addWarning(SQLWarning w) {
        if (warnings == null) {
            warnings = w;
        } else {
            warnings.setNextWarning(w);
        }
    }

    /** Closes every result of the previous execution and drops statements of its script not yet run. */
    private void discardResults() {
        if (currentResultSet != null) {
            currentResultSet.close();
        }
        for (Object r : results) {
            if (r instanceof RowpipeResultSet rs) {
                rs.close();
            }
        }
        results.clear();
        pending.clear();
        currentResultSet = null;
        currentUpdateCount = -1;
    }

    void resultClosed(RowpipeResultSet rs) {
        if (closeOnCompletion && rs == currentResultSet && results.isEmpty() && pending.isEmpty()) {
            close();
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return currentResultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return (int) Math.min(currentUpdateCount, MAX_INT_COUNT);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return currentUpdateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current != CLOSE_CURRENT_RESULT && current != CLOSE_ALL_RESULTS && current != KEEP_CURRENT_RESULT) {
            throw Errors.invalidArgument("getMoreResults: unknown mode " + current);
        }
        if (currentResultSet != null && current != KEEP_CURRENT_RESULT) {
            currentResultSet.close();
        }
        if (results.isEmpty() && !pending.isEmpty()) {
            runUntilRows();
        }
        advance();
        return currentResultSet != null;
    }

    /**
     * Cancels the statement running now: its exchange is cut at once and the server is told to stop it from a driver
     * thread (so a cancel from an interrupted thread still reaches the server). Throws only for a closed statement.
     */
    @Override
    public void cancel() throws SQLException {
        checkOpen();
        ExecutionGuard guard = active;
        if (guard == null) {
            // runOne() is between newExecution and registering it: it sees the request, or this sees its guard.
            cancelRequested = true;
            guard = active;
        }
        if (guard != null) {
            guard.cancel();
        }
    }

    // ---- batches ----

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        long[] large = executeLargeBatch();
        int[] out = new int[large.length];
        for (int i = 0; i < large.length; i++) {
            out[i] = (int) Math.min(large[i], MAX_INT_COUNT);
        }
        return out;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<String> items = new ArrayList<>(batch);
        batch.clear();
        long[] counts = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            try {
                counts[i] = runUpdate(items.get(i));
            } catch (SQLException e) {
                int[] done = new int[i];
                for (int j = 0; j < i; j++) {
                    done[j] = (int) Math.min(counts[j], MAX_INT_COUNT);
                }
                throw new BatchUpdateException("Batch item " + (i + 1) + " of " + items.size() + " failed: "
                        + e.getMessage(), e.getSQLState(), e.getErrorCode(), done, e);
            }
        }
        return counts;
    }

    // ---- settings ----

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw Errors.invalidArgument("Max field size must be >= 0, got " + max);
        }
        // 0 = unlimited is the only size we apply: values are never truncated silently.
        if (max > 0) {
            addWarning(Errors.notice("setMaxFieldSize(" + max + ") is ignored: values are never truncated"));
        }
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return (int) Math.min(maxRows, MAX_INT_COUNT);
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw Errors.invalidArgument("Max rows must be >= 0, got " + max);
        }
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw Errors.invalidArgument("Query timeout must be >= 0 seconds, got " + seconds);
        }
        queryTimeout = seconds;
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
    public void setCursorName(String name) throws SQLException {
        throw Errors.notSupported("Statement.setCursorName");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw Errors.notSupported("Statement.setFetchDirection other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    /** A hint only: rows stream as they arrive whatever the size. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw Errors.invalidArgument("Fetch size must be >= 0, got " + rows);
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return RowpipeResultSet.ofRows(this, List.of(), List.of());
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return executeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return executeLargeUpdate(sql);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return execute(sql);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    /**
     * Closes results and aborts whatever is still in flight (a blocked read ends at once), so a tool that closes
     * a statement or connection during a long query is not kept waiting.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ExecutionGuard guard = active;
        if (guard != null && !guard.finished()) {
            guard.cancel(); // still waiting for the server, or rows left unread: stop the server's work too
        }
        discardResults();
        connection.statementClosed(this);
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw Errors.closed("Statement");
        }
        connection.checkOpen();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlState.GENERAL_ERROR.exception("Statement is not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
