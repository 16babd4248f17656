package dev.rowpipe.local.firebolt;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rowpipe.local.Database;
import dev.rowpipe.local.Exchanges;
import dev.rowpipe.local.FaultSettings;
import dev.rowpipe.local.TokenStore;
import dev.rowpipe.local.sql.ColumnKind;
import dev.rowpipe.local.sql.UnknownNameException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** An engine's data plane: {@code POST /?database=..} runs SQL, {@code POST /cancel?query_id=..} cancels. */
final class EngineQueryHandler implements HttpHandler {

    private final Supplier<Engine> engine;
    private final Database database;
    private final FireboltSql rewriter;
    private final TokenStore tokens;
    private final QueryRegistry queries;
    private final ScheduledExecutorService scheduler;

    EngineQueryHandler(Supplier<Engine> engine, Database database, FireboltSql rewriter, TokenStore tokens,
                       QueryRegistry queries, ScheduledExecutorService scheduler) {
        this.engine = engine;
        this.database = database;
        this.rewriter = rewriter;
        this.tokens = tokens;
        this.queries = queries;
        this.scheduler = scheduler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!FireboltApi.authorized(exchange, tokens)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("POST")) {
            Exchanges.text(exchange, 405, "Use POST");
        } else if (path.equals("/cancel")) {
            cancel(exchange);
        } else if (path.equals("/") || path.isEmpty()) {
            query(exchange);
        } else {
            Exchanges.text(exchange, 404, "Not found: " + path);
        }
    }

    private void cancel(HttpExchange exchange) throws IOException {
        String id = Exchanges.query(exchange).get("query_id");
        if (id == null || id.isEmpty()) {
            Exchanges.text(exchange, 400, "Parameter query_id is required");
        } else if (queries.cancel(id)) {
            Exchanges.text(exchange, 200, "");
        } else {
            Exchanges.text(exchange, 400, "Query '" + id + "' is not running");
        }
    }

    private void query(HttpExchange exchange) throws IOException {
        Map<String, String> params = Exchanges.query(exchange);
        Engine e = engine.get();
        String db = params.getOrDefault("database", e.database());
        if (db == null || db.isEmpty()) {
            Exchanges.text(exchange, 400, "Parameter database is required (engine " + e.name() + " has no default database)");
            return;
        }
        Set<String> schemas;
        try {
            schemas = database.schemas();
        } catch (SQLException ex) {
            Exchanges.text(exchange, 500, ex.getMessage());
            return;
        }
        if (!schemas.contains(db)) {
            Exchanges.text(exchange, 404, "Database '" + db + "' does not exist");
            return;
        }
        String sql = Exchanges.body(exchange);
        List<String> statements;
        try {
            statements = rewriter.rewrite(sql, db, schemas);
        } catch (UnknownNameException ex) {
            Exchanges.text(exchange, 400, ex.getMessage());
            return;
        } catch (IllegalArgumentException ex) {
            Exchanges.text(exchange, 400, "Syntax error: " + ex.getMessage());
            return;
        }
        if (statements.isEmpty()) {
            Exchanges.text(exchange, 400, "Empty query");
            return;
        }
        String format = params.get("output_format");
        if (ResultWriter.forFormat(format, OutputStream.nullOutputStream()) == null) {
            Exchanges.text(exchange, 400, "Unknown output_format '" + format
                    + "' (JSON, JSON_Compact, JSONCompact, FB_JSONCompact, TabSeparatedWithNamesAndTypes)");
            return;
        }
        long timeoutSeconds;
        try {
            timeoutSeconds = Long.parseLong(params.getOrDefault("max_execution_time", "0"));
        } catch (NumberFormatException ex) {
            Exchanges.text(exchange, 400, "max_execution_time must be a whole number of seconds: '"
                    + params.get("max_execution_time") + "'");
            return;
        }
        String compress = params.get("compress");
        if (!ResultEncoding.validCompress(compress)) {
            Exchanges.text(exchange, 400, "compress must be 0 or 1: '" + compress + "'");
            return;
        }
        ResultEncoding encoding = ResultEncoding.of(compress, exchange.getRequestHeaders().get("Accept-Encoding"));
        String queryId = params.getOrDefault("query_id", UUID.randomUUID().toString());
        run(exchange, e, db, statements, format, encoding, timeoutSeconds, queryId);
    }

    private void run(HttpExchange exchange, Engine e, String db, List<String> statements, String format,
                     ResultEncoding encoding, long timeoutSeconds, String queryId) throws IOException {
        long started = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        try (Connection c = database.connect(db); Statement st = c.createStatement()) {
            if (!queries.register(queryId, e.id(), st, cancelled)) {
                Exchanges.text(exchange, 400, "Query id '" + queryId + "' is already running");
                return;
            }
            ScheduledFuture<?> timeout = timeoutSeconds <= 0 ? null : scheduler.schedule(() -> {
                timedOut.set(true);
                queries.cancel(queryId);
            }, timeoutSeconds, TimeUnit.SECONDS);
            ScheduledFuture<?> recancel = QueryRegistry.repeatCancels(scheduler, st, cancelled);
            boolean headersSent = false;
            try {
                boolean hasResult = false;
                for (String s : statements) {
                    if (cancelled.get()) {
                        throw new SQLException("cancelled before it started");
                    }
                    hasResult = st.execute(s);
                }
                if (!hasResult) {
                    // A query is over before its answer is: a cancel that follows the answer finds nothing to stop.
                    queries.unregister(queryId, st);
                    Exchanges.text(exchange, 200, "");
                    return;
                }
                try (ResultSet rs = st.getResultSet()) {
                    exchange.getResponseHeaders().set("Content-Type",
                            ResultWriter.forFormat(format, OutputStream.nullOutputStream()).contentType());
                    encoding.addTo(exchange.getResponseHeaders());
                    exchange.sendResponseHeaders(200, 0);
                    headersSent = true;
                    OutputStream body = new BufferedOutputStream(encoding.wrap(exchange.getResponseBody()), 1 << 16);
                    ResultWriter writer = ResultWriter.forFormat(format, body);
                    stream(rs, writer, Exchanges.faults(exchange), started, () -> reason(queryId, timedOut, cancelled, timeoutSeconds));
                    body.flush();
                    queries.unregister(queryId, st);
                    body.close();
                }
            } catch (SQLException ex) {
                String message = reason(queryId, timedOut, cancelled, timeoutSeconds) + ex.getMessage();
                queries.unregister(queryId, st);
                if (!headersSent) {
                    Exchanges.text(exchange, 400, message);
                }
            } finally {
                recancel.cancel(false);
                if (timeout != null) {
                    timeout.cancel(false);
                }
                queries.unregister(queryId, st);
            }
        } catch (SQLException ex) {
            Exchanges.text(exchange, 500, ex.getMessage());
        }
    }

    /** Why a statement failed when it was stopped on purpose (DuckDB's own text only says "interrupted"). */
    private static String reason(String queryId, AtomicBoolean timedOut, AtomicBoolean cancelled, long timeoutSeconds) {
        if (timedOut.get()) {
            return "Query exceeded max_execution_time of " + timeoutSeconds + " s and was cancelled: ";
        }
        if (cancelled.get()) {
            return "Query '" + queryId + "' was cancelled: ";
        }
        return "";
    }

    private static void stream(ResultSet rs, ResultWriter writer, FaultSettings faults, long started,
                               Supplier<String> reason) throws IOException {
        long rows = 0;
        try {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            String[] names = new String[n];
            String[] types = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = meta.getColumnLabel(i + 1);
                String type = TypeNames.fireboltName(meta.getColumnTypeName(i + 1));
                types[i] = meta.isNullable(i + 1) == ResultSetMetaData.columnNoNulls ? type : "Nullable(" + type + ")";
            }
            writer.begin(names, types, ColumnKind.of(meta));
            long failAt = faults.errorAfterRows();
            while (rs.next()) {
                if (rows == failAt) {
                    writer.fail("injected fault");
                    return;
                }
                writer.row(rs);
                rows++;
            }
            if (rows == failAt) {
                writer.fail("injected fault");
                return;
            }
            writer.end(rows, (System.nanoTime() - started) / 1e9);
        } catch (SQLException ex) {
            // Rows were already sent: the error goes into the body, as Firebolt does.
            writer.fail(reason.get() + String.valueOf(ex.getMessage()).replace('\n', ' '));
        }
    }
}
