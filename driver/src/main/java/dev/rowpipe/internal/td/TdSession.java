package dev.rowpipe.internal.td;

import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpTransport;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.sql.ClientExecution;
import dev.rowpipe.internal.sql.ClientStatementRecognizer;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection to Treasure Data: an API key, a database and the job settings. TD has no login, so a session is
 * only a configured {@link TdClient}; statements become jobs ({@link TdExecution}). Thread-safe.
 */
public final class TdSession implements Session {
    private final TdClient client;
    private final HttpTransport transport;
    private final String database;
    private final String type;
    private final int priority;
    private final Integer retryLimit;
    private final String poolName;
    private final TdResultFormat resultFormat;
    private final TdPolling polling;
    private final TdMetadata metadata;
    private final TdApiClient api;
    /** TD's client statements: only the table swap. */
    private final ClientStatementRecognizer<TdSwapStatement> clientStatements;
    private volatile boolean closed;

    TdSession(TdClient client, HttpTransport transport, String database, String type, int priority,
              Integer retryLimit, String poolName, TdResultFormat resultFormat, TdPolling polling) {
        this.client = client;
        this.transport = transport;
        this.database = database;
        this.type = type;
        this.priority = priority;
        this.retryLimit = retryLimit;
        this.poolName = poolName;
        this.resultFormat = resultFormat;
        this.polling = polling;
        this.metadata = new TdMetadata(client);
        this.api = new TdApiClient(client);
        this.clientStatements = ClientStatementRecognizer.of(TdDialect.forType(type).backslashEscapes(),
                tokens -> TdSwapStatement.read(tokens, database));
    }

    @Override
    public Execution newExecution(String sql, ExecutionOptions options) throws SQLException {
        if (closed) {
            throw SqlState.CONNECTION_DOES_NOT_EXIST.exception("The Treasure Data connection is closed");
        }
        if (sql == null || sql.isBlank()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(
                    "Empty statement: nothing to send to Treasure Data");
        }
        TdSwapStatement swap = clientStatements.recognise(sql);
        if (swap != null) {
            return new ClientExecution("Treasure Data table swap of " + swap.database() + "." + swap.table1()
                    + " and " + swap.table2(), handle -> {
                        client.swapTables(swap.database(), swap.table1(), swap.table2(), handle);
                        return StatementResult.update(0);
                    });
        }
        return new TdExecution(new TdJobRequest(sql, client, database, type, priority, retryLimit, poolName,
                resultFormat, polling, options == null ? ExecutionOptions.DEFAULT : options));
    }

    TdClient client() {
        return client;
    }

    @Override
    public MetadataSource metadata() {
        return metadata;
    }

    @Override
    public String productName() {
        return "Treasure Data";
    }

    @Override
    public String productVersion() {
        return "v3";
    }

    @Override
    public String database() {
        return database;
    }

    /** Hands out only the public API; the session itself is internal. */
    @Override
    public <T> T unwrap(Class<T> iface) {
        return iface == TreasureDataApi.class ? iface.cast(api) : null;
    }

    /** True when {@code GET /v3/database/list} answers 200 within the time given (0 = no limit). */
    @Override
    public boolean isValid(int timeoutSeconds) {
        if (closed) {
            return false;
        }
        RequestHandle handle = new RequestHandle();
        if (timeoutSeconds > 0) {
            CompletableFuture.delayedExecutor(timeoutSeconds, TimeUnit.SECONDS).execute(handle::cancel);
        }
        return client.ping(handle);
    }

    @Override
    public BackendDescription description() {
        return TdDescription.DESCRIPTION;
    }

    @Override
    public SqlDialect dialect() {
        return TdDialect.forType(type);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (transport != null) {
            transport.close();
        }
    }
}
