package dev.rowpipe.local.firebolt2;

import com.sun.net.httpserver.HttpExchange;
import dev.rowpipe.local.Database;
import dev.rowpipe.local.Exchanges;
import dev.rowpipe.local.firebolt.QueryRegistry;
import dev.rowpipe.local.firebolt.ResultEncoding;
import dev.rowpipe.local.sql.SqlLexer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs one DuckDB statement for a 2.0 engine and streams its result in the requested format: registered for
 * {@code /cancel} and engine stops, cancelled at {@code max_execution_time}, on the transaction's connection when
 * it carries one. A failure before the first byte is a 2.0 error answer; one after it ends the body with the
 * format's error form (never rows).
 */
final class QueryRunner {

    /** How the statement ended, for the query history. */
    static final class Outcome {
        String status = "ENDED_SUCCESSFULLY";
        String error;
        long rows;
    }

    private final Database database;
    private final QueryRegistry queries;
    private final ScheduledExecutorService scheduler;
    private final Catalog catalog;
    private final BooleanSupplier closing;

    /** {@code closing}: whether the server is closing, so a query that registers now is cancelled at once. */
    QueryRunner(Database database, QueryRegistry queries, ScheduledExecutorService scheduler, Catalog catalog,
                BooleanSupplier closing) {
        this.database = database;
        this.queries = queries;
        this.scheduler = scheduler;
        this.catalog = catalog;
        this.closing = closing;
    }

    void run(Call call, EngineRole role, String engineKey, String duckSql, Transactions.Transaction txn,
             SessionChange change, Outcome outcome) throws Firebolt2Error, IOException {
        Connection c;
        try {
            // The system engine resolves no database's tables: a user table shows up as missing, and is refused.
            c = txn != null ? txn.connection : database.connect(role == EngineRole.SYSTEM ? null : call.database());
        } catch (SQLException e) {
            throw Firebolt2Error.fromDuckDb(e.getMessage(), "");
        }
        try {
            try (Statement setup = c.createStatement()) {
                if (txn != null && call.database() != null) {
                    // The session may have switched databases since the transaction's last statement.
                    setup.execute("SET schema = " + SqlLexer.quote(call.database()));
                }
                setup.execute("SET TimeZone = " + SqlLexer.quote(call.timeZone()));
            }
            try (Statement st = c.createStatement()) {
                execute(call, role, engineKey, st, duckSql, txn, change, outcome);
            }
        } catch (SQLException e) {
            throw Firebolt2Error.fromDuckDb(e.getMessage(), "");
        } finally {
            if (txn == null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Closing a per-request connection cannot lose anything.
                }
            }
        }
    }

    private void execute(Call call, EngineRole role, String engineKey, Statement st, String duckSql,
                         Transactions.Transaction txn, SessionChange change, Outcome outcome)
            throws Firebolt2Error, IOException {
        HttpExchange exchange = call.exchange();
        String queryId = call.query().queryId();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        queries.register(queryId, engineKey, st, cancelled);
        if (closing.getAsBoolean()) {
            // Registered after close() cancelled everything: nobody else will stop it.
            queries.cancel(queryId);
        }
        ScheduledFuture<?> timeout = call.timeoutSeconds() <= 0 ? null : scheduler.schedule(() -> {
            timedOut.set(true);
            queries.cancel(queryId);
        }, call.timeoutSeconds(), TimeUnit.SECONDS);
        ScheduledFuture<?> recancel = QueryRegistry.repeatCancels(scheduler, st, cancelled);
        long started = System.nanoTime();
        ResultBody body = null;
        OutputStream raw = null;
        try {
            boolean hasResult = st.execute(duckSql);
            SessionChange answer = txn == null ? change
                    : change.update("transaction_sequence_id", Long.toString(txn.advance()));
            if (!hasResult) {
                Answers.noResult(call, answer, seconds(started));
                return;
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                String[] names = new String[meta.getColumnCount()];
                Type2[] types = new Type2[names.length];
                for (int i = 0; i < names.length; i++) {
                    names[i] = meta.getColumnLabel(i + 1);
                    types[i] = Type2.ofDuckDb(meta.getColumnTypeName(i + 1));
                }
                ResultEncoding encoding = call.encoding();
                answer.addTo(exchange.getResponseHeaders());
                exchange.getResponseHeaders().set("Content-Type",
                        call.format().open(OutputStream.nullOutputStream(), call.query(), call.zone()).contentType());
                encoding.addTo(exchange.getResponseHeaders());
                exchange.sendResponseHeaders(200, 0);
                raw = new BufferedOutputStream(encoding.wrap(exchange.getResponseBody()), 1 << 16);
                body = call.format().open(raw, call.query(), call.zone());
                body.begin(names, types);
                long limit = call.format().rowLimit();
                long failAt = Exchanges.faults(exchange).errorAfterRows();
                while (outcome.rows < limit && outcome.rows != failAt && rs.next()) {
                    body.row(rs);
                    outcome.rows++;
                }
                long rows = outcome.rows;
                if (rows == failAt) {
                    outcome.status = "EXECUTION_ERROR";
                    outcome.error = "injected fault";
                    body.fail(Firebolt2Error.query("InjectedFault", "injected fault", null), rows, seconds(started));
                } else {
                    body.end(rows, seconds(started));
                }
                raw.close();
            }
        } catch (SQLException ex) {
            Firebolt2Error error = error(ex, call, role, queryId, cancelled.get(), timedOut.get());
            outcome.status = cancelled.get() ? "CANCELED_EXECUTION" : error.isSyntax() ? "PARSE_ERROR" : "EXECUTION_ERROR";
            outcome.error = error.description();
            if (body == null) {
                throw error;
            }
            body.fail(error, outcome.rows, seconds(started));
            raw.close();
        } finally {
            recancel.cancel(false);
            if (timeout != null) {
                timeout.cancel(false);
            }
            queries.unregister(queryId, st);
        }
    }

    private Firebolt2Error error(SQLException ex, Call call, EngineRole role, String queryId, boolean cancelled,
                                 boolean timedOut) {
        String message = String.valueOf(ex.getMessage());
        if (timedOut) {
            return Firebolt2Error.query("QueryTimeout", "Query exceeded max_execution_time of " + call.timeoutSeconds()
                    + " s and was cancelled: " + message.replace('\n', ' '),
                    "Raise max_execution_time or narrow the query");
        }
        if (cancelled) {
            return Firebolt2Error.query("QueryCancelled", "Query '" + queryId + "' was cancelled: "
                    + message.replace('\n', ' '), null);
        }
        if (role == EngineRole.SYSTEM) {
            String table = SystemEngine.missingTable(message);
            try {
                if (table != null && call.database() != null && catalog.hasRelation(call.database(), table)) {
                    return SystemEngine.refusesTable(table);
                }
            } catch (SQLException ignored) {
                // Fall back to DuckDB's own message.
            }
        }
        return Firebolt2Error.fromDuckDb(message, "");
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
