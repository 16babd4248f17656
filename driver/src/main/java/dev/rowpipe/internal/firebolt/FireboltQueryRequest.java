package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.ExecutionOptions;
import java.net.URI;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one query needs, fixed when the statement is prepared: the SQL, the engine endpoint and database, the
 * output format and how the result is compressed, the SET values of that moment, the statement's options, and the
 * client it is sent through.
 * Immutable: a {@link FireboltExecution} never reaches back into its session.
 *
 * @param engineName the engine the connection names, or null for the database's default engine (for messages)
 * @param compression how the result is asked to be compressed (a per-request decision: an endpoint that must not
 *                    be asked, such as Firebolt 2.0's system engine, gets {@link ResultCompression#NONE})
 * @param settings   the SET values; kept sorted by name, case-insensitively, which is the order they are sent in
 * @param engine     what a refused query may do to get its engine running; null when it may not (no auto_start,
 *                   or no named engine)
 */
record FireboltQueryRequest(String sql, FireboltClient client, URI endpoint, String database, String engineName,
                            String outputFormat, ResultCompression compression, Map<String, String> settings, ExecutionOptions options,
                            EngineStarter engine) {

    /** Starts the connection's engine (it may stop while idle) and waits until it serves, or until cancelled. */
    @FunctionalInterface
    interface EngineStarter {
        void startAndWait(RequestHandle handle) throws SQLException;
    }

    FireboltQueryRequest {
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(client, "client is null");
        Objects.requireNonNull(endpoint, "endpoint is null");
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(outputFormat, "outputFormat is null");
        Objects.requireNonNull(compression, "compression is null");
        Objects.requireNonNull(options, "options is null");
        SortedMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(settings);
        settings = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * {@code POST /?database=..&query_id=..&output_format=..[&compress=1][&max_execution_time=..]&<SET values>}. The
     * statement's own timeout wins over a session-wide {@code SET max_execution_time}.
     */
    URI queryUri(String queryId) {
        StringBuilder q = new StringBuilder(endpoint.toString()).append("/?database=")
                .append(FireboltClient.encode(database))
                .append("&query_id=").append(queryId)
                .append("&output_format=").append(FireboltClient.encode(outputFormat));
        String compress = compression.queryParameter();
        if (compress != null) {
            q.append('&').append(compress);
        }
        int timeout = options.queryTimeoutSeconds();
        if (timeout > 0) {
            q.append("&max_execution_time=").append(timeout);
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (timeout > 0 && e.getKey().equalsIgnoreCase("max_execution_time")) {
                continue;
            }
            q.append('&').append(FireboltClient.encode(e.getKey())).append('=')
                    .append(FireboltClient.encode(e.getValue()));
        }
        return URI.create(q.toString());
    }

    URI cancelUri(String queryId) {
        return URI.create(endpoint + "/cancel?query_id=" + FireboltClient.encode(queryId));
    }
}
