package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.http.HttpResponseStream;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.ExecutionOptions;
import java.net.URI;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one Firebolt 2.0 or Core statement sends, fixed when it is prepared: the SQL, where it is routed, the output
 * format, the statement's options and extra parameters, how it may be retried, the client. Immutable. Where it goes
 * and which session parameters it carries are taken from the session when it is sent ({@link Channel#target}),
 * because on 2.0 every answer may change the session (the server keeps none), and a statement of a manual-commit
 * connection begins its transaction first; the answer's session headers go back the same way.
 *
 * @param extra           parameters of this statement alone (a SET being checked), after the session's
 * @param fixedTarget     where to send it regardless of the session (the cancel's look-up), or null
 * @param protocolVersion the {@code Firebolt-Protocol-Version} header
 * @param clientId        the service account, for hints in error messages; null on Core
 * @param compression     how results are asked to be compressed by user engines and Core; the system engine is
 *                        never asked ({@link #compression(SessionState.Target)}), as Firebolt's own driver does
 */
record Firebolt2QueryRequest(String sql, FireboltClient client, Channel channel, Route route, String outputFormat,
                             ExecutionOptions options, Map<String, String> extra, HttpRequestSpec.RetryMode retry,
                             SessionState.Target fixedTarget, String protocolVersion, String clientId, boolean core,
                             ResultCompression compression) {

    /** Where a statement goes and what of the session it carries. */
    enum Route {
        /** A user's statement on the current engine, inside the connection's transaction (begun first if due). */
        USER,
        /** The driver's own statement on the current engine, beside any transaction (metadata, SET checks). */
        DRIVER,
        /** A transaction statement of the driver (BEGIN, COMMIT, ROLLBACK) on the current engine. */
        TRANSACTION,
        /** A health check: like DRIVER, and it must neither start nor keep alive an engine. */
        HEALTH,
        /** A statement only the system engine runs (START/STOP ENGINE, the engines API). */
        SYSTEM
    }

    /** The session as a statement sees it. */
    interface Channel {
        /** Where to send a statement of that route now, with which parameters; may begin a transaction first. */
        SessionState.Target target(Route route, RequestHandle handle) throws SQLException;

        /** Applies the session headers of an answer (only a 2xx one changes anything). */
        void answered(HttpResponseStream response) throws SQLException;

        /** The endpoint could not be reached: what the connection remembers of it may be out of date. */
        void unreachable();
    }

    Firebolt2QueryRequest {
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(client, "client is null");
        Objects.requireNonNull(channel, "channel is null");
        Objects.requireNonNull(route, "route is null");
        Objects.requireNonNull(outputFormat, "outputFormat is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(retry, "retry is null");
        Objects.requireNonNull(protocolVersion, "protocolVersion is null");
        Objects.requireNonNull(compression, "compression is null");
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** The compression asked of {@code target}: none from the system engine, else the connection's. */
    ResultCompression compression(SessionState.Target target) {
        return target.systemEngine() ? ResultCompression.NONE : compression;
    }

    /** The same request sent to one place, as the driver's own statement (the cancel's look-up). */
    Firebolt2QueryRequest at(SessionState.Target target, String otherSql) {
        return new Firebolt2QueryRequest(otherSql, client, channel, Route.DRIVER, FireboltProperties.TSV,
                ExecutionOptions.DEFAULT, Map.of(), HttpRequestSpec.RetryMode.IDEMPOTENT, target, protocolVersion,
                clientId, core, compression);
    }

    /**
     * {@code ?database=..&<session parameters>&<extra>&output_format=..&query_label=..[&compress=1]
     * [&max_execution_time=..][&auto_start_stop_control=ignore]}. The statement's own timeout wins over a session-wide {@code SET
     * max_execution_time}; the system engine takes no timeout at all.
     */
    URI queryUri(SessionState.Target target, String label) {
        Map<String, String> p = new LinkedHashMap<>();
        String database = target.parameters().get(SessionState.DATABASE);
        if (database != null) {
            p.put(SessionState.DATABASE, database);
        }
        p.putAll(target.parameters());
        p.putAll(extra);
        p.put("output_format", outputFormat);
        p.put("query_label", label);
        if (compression(target) == ResultCompression.LZ4) {
            p.put("compress", "1");
        }
        int timeout = options.queryTimeoutSeconds();
        if (target.systemEngine()) {
            p.remove("max_execution_time");
        } else if (timeout > 0) {
            p.remove("max_execution_time");
            p.put("max_execution_time", Integer.toString(timeout));
        }
        if (route == Route.HEALTH && !core) {
            p.put("auto_start_stop_control", "ignore");
        }
        return target.endpoint().withQuery(query(p));
    }

    /** {@code POST <engine>/cancel?query_id=..}. */
    static URI cancelUri(SessionState.Target target, String queryId) {
        return target.endpoint().at("/cancel", "query_id=" + FireboltClient.encode(queryId));
    }

    private static String query(Map<String, String> parameters) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (q.length() > 0) {
                q.append('&');
            }
            q.append(FireboltClient.encode(e.getKey())).append('=').append(FireboltClient.encode(e.getValue()));
        }
        return q.toString();
    }
}
