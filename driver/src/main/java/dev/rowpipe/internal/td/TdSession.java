package dev.rowpipe.internal.td;

import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpTransport;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.Session;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.TransactionSupport;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.sql.ClientExecution;
import dev.rowpipe.internal.sql.ClientStatementRecognizer;
import java.sql.SQLException;
import java.util.List;
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
    /** The job options of the connection's properties, and with its {@code SET td.*} statements laid over them. */
    private final TdJobOptions connectionJob;
    private volatile TdJobOptions sessionJob;
    private final TdResultFormat resultFormat;
    private final boolean resultFormatChosen;
    private final TdPolling polling;
    private final TdMetadata metadata;
    private final TdApiClient api;
    /** TD's client statements: the table swap and {@code SET td.*} / {@code RESET td.*}. */
    private final ClientStatementRecognizer<TdClientStatement> clientStatements;
    private volatile boolean closed;

    TdSession(TdClient client, HttpTransport transport, String database, String type, TdJobOptions job,
              TdResultFormat resultFormat, boolean resultFormatChosen, TdPolling polling) {
        this.client = client;
        this.transport = transport;
        this.database = database;
        this.type = type;
        this.connectionJob = job;
        this.sessionJob = job;
        this.resultFormat = resultFormat;
        this.resultFormatChosen = resultFormatChosen;
        this.polling = polling;
        this.metadata = new TdMetadata(client);
        this.api = new TdApiClient(client);
        this.clientStatements = ClientStatementRecognizer.of(TdDialect.forType(type).backslashEscapes(),
                tokens -> TdSwapStatement.read(tokens, database), TdSetStatement::read);
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
        TdClientStatement clientStatement = clientStatements.recognise(sql);
        if (clientStatement instanceof TdSwapStatement swap) {
            return new ClientExecution("Treasure Data table swap of " + swap.database() + "." + swap.table1()
                    + " and " + swap.table2(), handle -> {
                        client.swapTables(swap.database(), swap.table1(), swap.table2(), handle);
                        return StatementResult.update(0);
                    });
        }
        if (clientStatement instanceof TdSetStatement set) {
            return new ClientExecution("Treasure Data " + set.description(), handle -> {
                apply(set);
                return StatementResult.update(0);
            });
        }
        ExecutionOptions given = options == null ? ExecutionOptions.DEFAULT : options;
        TdJobRequest job = new TdJobRequest(sql, client, database, type, sessionJob.with(given.statementOptions()),
                resultFormat, resultFormatChosen, polling, given);
        TdSchemaProbe.Target probed = TdSchemaProbe.recognise(sql, type, database);
        if (probed != null) {
            return new TdSchemaProbe(probed, client, () -> new TdExecution(job));
        }
        return new TdExecution(job);
    }

    /** {@code SET td.x = v} for the connection's later jobs; {@code RESET td.x} back to the connection property. */
    private synchronized void apply(TdSetStatement set) {
        sessionJob = set.value() == null ? sessionJob.withValueOf(set.option(), connectionJob)
                : sessionJob.with(set.option(), set.value());
    }

    /** Priority, retry limit, pool and engine version may be set per statement. */
    @Override
    public List<ConnectionProperty<?>> statementOptions() {
        return TdProperties.JOB_OPTIONS;
    }

    /** The job options later jobs get unless a statement sets its own (for tests). */
    TdJobOptions jobOptions() {
        return sessionJob;
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
        return TdDescription.forType(type);
    }

    /** Treasure Data has no transactions: every statement commits as it runs. */
    @Override
    public TransactionSupport transactions() {
        return TransactionSupport.NONE;
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
            // Once no job/kill of a statement of this session is still being sent.
            client.cancels().closeTransport();
        }
    }
}
