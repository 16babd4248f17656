package dev.rowpipe.local.firebolt2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rowpipe.local.Exchanges;
import dev.rowpipe.local.sql.SqlLexer;
import dev.rowpipe.local.sql.SqlLexer.Token;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The query endpoint of one 2.0 engine (system, user or Core): {@code POST} the SQL text, one statement per request,
 * session parameters as query parameters; {@code POST /cancel?query_id=..} on user engines and Core. Session,
 * transaction and engine statements are answered here with session headers; the rest runs in DuckDB.
 */
final class EngineHandler implements HttpHandler {

    private final Firebolt2 platform;
    private final EngineRole role;
    /** The user engine this endpoint belongs to, or null for the system engine and Core. */
    private final UserEngine engine;
    private final String engineKey;
    private final QueryHistory history;

    EngineHandler(Firebolt2 platform, EngineRole role, UserEngine engine, String engineKey, QueryHistory history) {
        this.platform = platform;
        this.role = role;
        this.engine = engine;
        this.engineKey = engineKey;
        this.history = history;
    }

    /** The path the system engine's URL names; user engines and Core answer at the root. */
    static final String SYSTEM_PATH = "/query";

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        QueryInfo query = QueryInfo.create(null);
        try {
            Map<String, String> params;
            try {
                params = Exchanges.query(exchange);
            } catch (IllegalArgumentException e) {
                throw Firebolt2Error.query("InvalidRequest", "The query string is not percent-encoded correctly", null);
            }
            query = QueryInfo.create(params.get("query_label"));
            ServiceAccount principal = role == EngineRole.CORE ? null : platform.tokens().authenticate(exchange);
            if (role == EngineRole.USER && !principal.linked()) {
                throw Firebolt2Error.unlinked(principal.clientId());
            }
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("POST")) {
                throw new Firebolt2Error(405, "405", "MethodNotAllowed", "Request", "Use POST", null, null);
            }
            checkProtocolVersion(exchange.getRequestHeaders().getFirst("Firebolt-Protocol-Version"));
            if (role != EngineRole.SYSTEM && path.equals("/cancel")) {
                cancel(exchange, params.get("query_id"));
                return;
            }
            if (!path.equals(role == EngineRole.SYSTEM ? SYSTEM_PATH : "/")) {
                throw new Firebolt2Error(404, "404", "NotFound", "Request", "Not found: " + path, null, null);
            }
            Call call = call(exchange, query, principal, params);
            run(call);
        } catch (Firebolt2Error e) {
            Answers.error(exchange, e, query);
        }
    }

    private static void checkProtocolVersion(String version) throws Firebolt2Error {
        if (version != null && !version.trim().matches("2(\\.\\d+)*")) {
            throw Firebolt2Error.query("UnsupportedProtocolVersion", "Firebolt-Protocol-Version '" + version
                    + "' is not supported", "Send 2.x (the JDBC driver sends 2.4)");
        }
    }

    private void cancel(HttpExchange exchange, String queryId) throws IOException, Firebolt2Error {
        if (queryId == null || queryId.isEmpty()) {
            throw Firebolt2Error.query("InvalidRequest", "Parameter query_id is required", null);
        }
        if (!history.knows(queryId)) {
            throw new Firebolt2Error(404, "404", "QueryNotFound", "Request", "Query '" + queryId
                    + "' is not known to this engine", null, null);
        }
        if (!platform.queries().cancel(queryId)) {
            throw Firebolt2Error.query("QueryNotRunning", "Query '" + queryId + "' is not running", null);
        }
        Exchanges.text(exchange, 200, "");
    }

    private Call call(HttpExchange exchange, QueryInfo query, ServiceAccount principal, Map<String, String> params)
            throws Firebolt2Error, IOException {
        SessionParameters.validate(params);
        String accountId = params.get("account_id");
        if (role != EngineRole.CORE && accountId != null && !accountId.equals(platform.accountId())) {
            throw Firebolt2Error.query("AccountNotFound", "Account id '" + accountId + "' is not this engine's account",
                    null);
        }
        String engineName = params.get("engine");
        if (role == EngineRole.USER && engineName != null && !engineName.equals(engine.name())) {
            throw Firebolt2Error.query("EngineMismatch", "This endpoint is engine " + engine.name() + ", not "
                    + engineName, "Send requests for " + engineName + " to the URL USE ENGINE answered");
        }
        OutputFormat format = OutputFormat.of(params.get("output_format"));
        if (format == null) {
            throw Firebolt2Error.query("InvalidSetting", "Unknown output_format '" + params.get("output_format") + "'",
                    "Known: " + OutputFormat.KNOWN);
        }
        long timeout = 0;
        String max = params.get("max_execution_time");
        if (max != null) {
            if (role == EngineRole.SYSTEM) {
                throw Firebolt2Error.query("InvalidSetting", "max_execution_time is not available on the system engine",
                        "Send it to user engines only");
            }
            try {
                timeout = Long.parseLong(max);
            } catch (NumberFormatException e) {
                timeout = -1;
            }
            if (timeout < 0) {
                throw Firebolt2Error.query("InvalidSetting", "max_execution_time must be a whole number of seconds >= 0: '"
                        + max + "'", null);
            }
        }
        String database = params.get("database");
        if (database == null && role == EngineRole.CORE) {
            database = platform.settings().coreDatabase();
        }
        if (database != null && !(linked(principal) && platform.databaseExists(database))) {
            throw Firebolt2Error.unknownDatabase(database);
        }
        String transactionId = params.get("transaction_id");
        if (transactionId != null && role == EngineRole.SYSTEM) {
            throw Firebolt2Error.query("TransactionNotAllowed", "The system engine runs no transactions", null);
        }
        String timeZone = params.getOrDefault("time_zone", "UTC");
        return new Call(exchange, query, principal, params, database, format, timeout, transactionId,
                params.get("transaction_sequence_id"), timeZone, Exchanges.body(exchange), Instant.now());
    }

    private static boolean linked(ServiceAccount principal) {
        return principal == null || principal.linked();
    }

    private void run(Call call) throws Firebolt2Error, IOException {
        List<Token> tokens;
        try {
            tokens = SqlLexer.tokenize(call.sql(), Sql2.dialect(call.params().get("standard_conforming_strings")));
        } catch (IllegalArgumentException e) {
            throw new Firebolt2Error(400, "400", "SyntaxError", "Parser", e.getMessage(), null, null);
        }
        List<List<Token>> statements = SqlLexer.statements(tokens);
        if (statements.isEmpty()) {
            throw Firebolt2Error.query("EmptyQuery", "The request holds no statement", null);
        }
        if (statements.size() > 1) {
            throw Firebolt2Error.query("MultipleStatements", "The request holds " + statements.size()
                    + " statements; the 2.0 engines run one statement per request", "Send each statement on its own");
        }
        Statement2 statement = Statement2.classify(statements.get(0));
        if (role == EngineRole.USER) {
            ensureRunning(call);
        }
        QueryRunner.Outcome outcome = new QueryRunner.Outcome();
        long started = System.nanoTime();
        history.started(row(call, "STARTED_EXECUTION", null, null, null, null));
        try {
            dispatch(call, statement, outcome);
        } catch (Firebolt2Error e) {
            if (outcome.error == null) {
                // The runner has already told a cancel or timeout apart.
                outcome.status = e.isSyntax() ? "PARSE_ERROR" : "EXECUTION_ERROR";
                outcome.error = e.description();
            }
            throw e;
        } finally {
            long micros = (System.nanoTime() - started) / 1000;
            history.record(row(call, outcome.status, Instant.now(), micros, outcome.error, outcome.rows));
        }
    }

    private QueryHistory.Row row(Call call, String status, Instant end, Long durationUs, String error, Long rows) {
        return new QueryHistory.Row(role == EngineRole.CORE ? null : platform.settings().account(), call.userName(),
                role == EngineRole.USER ? engine.name() : role == EngineRole.SYSTEM ? "system" : "core",
                call.database(), call.query().queryId(), call.query().requestId(), call.query().label(), status,
                call.submitted(), call.submitted(), end, durationUs, call.sql(), error, rows);
    }

    /** AUTO_START: a query to a stopped engine starts it and waits, unless the request asked not to. */
    private void ensureRunning(Call call) throws Firebolt2Error, IOException {
        if (engine.status() == UserEngine.Status.RUNNING) {
            return;
        }
        if (call.params().containsKey("auto_start_stop_control") || !engine.autoStart()) {
            throw Firebolt2Error.query("EngineNotRunning", "Engine " + engine.name() + " is not running"
                    + (engine.autoStart() ? " and auto_start_stop_control=ignore does not start it" : ""),
                    "Run START ENGINE " + engine.name() + " on the system engine");
        }
        engine.start();
        try {
            if (!engine.awaitRunning(engine.startWaitMs())) {
                throw Firebolt2Error.query("EngineNotRunning", "Engine " + engine.name() + " stopped while starting", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while engine " + engine.name() + " starts");
        }
    }

    private void dispatch(Call call, Statement2 s, QueryRunner.Outcome outcome) throws Firebolt2Error, IOException {
        switch (s.type()) {
            case USE_DATABASE:
                if (!(call.linked() && platform.databaseExists(s.name()))) {
                    throw Firebolt2Error.unknownDatabase(s.name());
                }
                answer(call, SessionChange.NONE.update("database", s.name()));
                return;
            case USE_ENGINE: {
                if (role == EngineRole.CORE) {
                    throw Firebolt2Error.query("NotSupported", "Firebolt Core is one engine: USE ENGINE does not apply",
                            null);
                }
                UserEngine target = call.linked() ? platform.userEngine(s.name()) : null;
                if (target == null) {
                    throw Firebolt2Error.unknownEngine(s.name());
                }
                // A new engine starts a new session: the client drops its SET parameters, keeps the database.
                answer(call, SessionChange.NONE.reset().endpoint(target.hostPort() + "?engine=" + enc(target.name())
                        + "&account_id=" + enc(platform.accountId())));
                return;
            }
            case SET:
                settable(s.name());
                SessionParameters.validateSetting(s.name(), s.value());
                answer(call, SessionChange.NONE.update(s.name(), s.value()));
                return;
            case RESET:
                settable(s.name());
                SessionParameters.requireKnown(s.name());
                answer(call, SessionChange.NONE.remove(s.name()));
                return;
            case BEGIN:
            case COMMIT:
            case ROLLBACK:
                transaction(call, s);
                return;
            case START_ENGINE:
            case STOP_ENGINE:
                engineStatement(call, s);
                return;
            case UNSUPPORTED:
                throw Firebolt2Error.query("NotSupported", s.name() + " is not provided by the local server",
                        "Configure databases and engines with LocalServer.Builder.firebolt2(..)");
            default:
                query(call, s, outcome);
        }
    }

    private static void settable(String name) throws Firebolt2Error {
        if (SessionParameters.PROTOCOL.contains(name)) {
            throw Firebolt2Error.query("InvalidSetting", "'" + name + "' is not set with SET",
                    name.equals("database") ? "Use USE DATABASE" : name.equals("engine") ? "Use USE ENGINE" : null);
        }
    }

    private void transaction(Call call, Statement2 s) throws Firebolt2Error, IOException {
        if (role == EngineRole.SYSTEM) {
            throw Firebolt2Error.query("TransactionNotAllowed", "The system engine runs no transactions",
                    "Run USE ENGINE <name> first");
        }
        Transactions transactions = platform.transactions();
        try {
            if (s.type() == Statement2.Type.BEGIN) {
                if (call.transactionId() != null) {
                    throw Firebolt2Error.query("TransactionAlreadyOpen", "Transaction '" + call.transactionId()
                            + "' is already open", "COMMIT or ROLLBACK it first");
                }
                Transactions.Transaction t = transactions.begin(engineKey);
                answer(call, SessionChange.NONE.update("transaction_id", t.id)
                        .update("transaction_sequence_id", Long.toString(t.sequence())));
                return;
            }
            if (call.transactionId() == null) {
                throw Firebolt2Error.query("NoTransaction", s.type() + " needs an open transaction: the request "
                        + "carries no transaction_id", "BEGIN TRANSACTION first");
            }
            Transactions.Transaction t = transactions.acquire(call.transactionId(), call.sequenceId(), engineKey);
            try {
                transactions.end(t, s.type() == Statement2.Type.COMMIT);
            } finally {
                transactions.release(t);
            }
            answer(call, SessionChange.NONE.remove("transaction_id").remove("transaction_sequence_id"));
        } catch (SQLException e) {
            throw Firebolt2Error.fromDuckDb(e.getMessage(), s.type() + " failed: ");
        }
    }

    private void engineStatement(Call call, Statement2 s) throws Firebolt2Error, IOException {
        if (role != EngineRole.SYSTEM) {
            throw Firebolt2Error.query("NotSupported", "START ENGINE and STOP ENGINE run on the system engine", null);
        }
        UserEngine target = call.linked() ? platform.userEngine(s.name()) : null;
        if (target == null) {
            throw Firebolt2Error.unknownEngine(s.name());
        }
        if (s.type() == Statement2.Type.STOP_ENGINE) {
            platform.stop(target);
        } else {
            target.start();
            try {
                // START ENGINE answers once the engine runs.
                if (!target.awaitRunning(target.startWaitMs())) {
                    throw Firebolt2Error.query("EngineNotRunning", "Engine " + target.name() + " stopped while starting",
                            null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while engine " + target.name() + " starts");
            }
        }
        answer(call, SessionChange.NONE);
    }

    private void query(Call call, Statement2 s, QueryRunner.Outcome outcome) throws Firebolt2Error, IOException {
        if (role == EngineRole.SYSTEM && !SystemEngine.READ_VERBS.contains(s.verb())) {
            throw SystemEngine.refusesStatement(s.verb());
        }
        if (call.database() == null && !SystemEngine.READ_VERBS.contains(s.verb())) {
            // Without a database a write would land in DuckDB's own schema, outside every Firebolt database.
            throw Firebolt2Error.query("NoDatabaseSelected", "No database selected: " + s.verb() + " needs one",
                    "Run USE DATABASE <name> first, or send database=<name>");
        }
        Catalog.Scope scope = new Catalog.Scope(call.database(), call.linked(), role, history);
        String sql;
        try {
            sql = platform.sql().toDuckDb(s, scope, platform.databases());
        } catch (IllegalArgumentException e) {
            throw new Firebolt2Error(400, "400", "SyntaxError", "Parser", e.getMessage(), null, null);
        } catch (SQLException e) {
            throw Firebolt2Error.fromDuckDb(e.getMessage(), "Reading the catalog failed: ");
        }
        Transactions.Transaction txn = call.transactionId() == null ? null
                : platform.transactions().acquire(call.transactionId(), call.sequenceId(), engineKey);
        try {
            platform.runner().run(call, role, engineKey, sql, txn, SessionChange.NONE, outcome);
        } finally {
            if (txn != null) {
                platform.transactions().release(txn);
            }
        }
    }

    private static void answer(Call call, SessionChange change) throws IOException {
        Answers.noResult(call, change, 0);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
