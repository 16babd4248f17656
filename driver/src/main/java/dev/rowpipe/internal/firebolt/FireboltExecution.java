package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpFailure;
import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.http.HttpResponseStream;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.StatementResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * One SQL statement sent to the engine endpoint: {@code POST /?database=..&query_id=..&output_format=..} with the
 * SQL as body. The query id is chosen here, so {@link #cancel} can name the query to the server at any time.
 */
final class FireboltExecution implements Execution {

    private final FireboltSession session;
    private final String sql;
    private final ExecutionOptions options;
    private final String queryId = UUID.randomUUID().toString();
    private final RequestHandle handle = new RequestHandle();
    private volatile boolean started;

    FireboltExecution(FireboltSession session, String sql, ExecutionOptions options) {
        this.session = session;
        this.sql = sql;
        this.options = options;
    }

    @Override
    public String id() {
        return queryId;
    }

    @Override
    public StatementResult start() throws SQLException {
        if (handle.isCancelled()) {
            throw cancelled();
        }
        started = true;
        URI uri = queryUri(session.sessionSettings());
        byte[] body = sql.getBytes(StandardCharsets.UTF_8);
        String what = "Firebolt query " + queryId;
        HttpResponseStream response = sendQuery(uri, body, what);
        handle.attachBody(response);
        try {
            if (!response.isSuccess()) {
                throw FireboltClient.error(response, what);
            }
            InputStream in = response.body();
            DecodedResult decoded = decode(in, response);
            if (decoded.columns().isEmpty()) {
                if (decoded.cursor() != null) {
                    decoded.cursor().close();
                }
                response.close();
                return StatementResult.update(0);
            }
            return StatementResult.rows(decoded.columns(), decoded.cursor());
        } catch (IOException e) {
            response.close();
            throw SqlState.COMMUNICATION_ERROR.exception(
                    what + " failed reading the answer from " + response.endpoint() + ": " + e, e);
        } catch (SQLException e) {
            response.close();
            throw e;
        }
    }

    /**
     * Sends the query. When the engine refuses it (connection refused, or 503 after the transport's retries) and
     * auto_start applies, starts the engine, waits, and sends once more: a refused query never ran, so this
     * cannot run it twice.
     */
    private HttpResponseStream sendQuery(URI uri, byte[] body, String what) throws SQLException {
        boolean engineStarted = false;
        while (true) {
            HttpResponseStream response = null;
            HttpFailure refused = null;
            try {
                response = session.client().send(headers -> new HttpRequestSpec("POST", uri, headers, body,
                        "text/plain;charset=UTF-8", HttpRequestSpec.RetryMode.IDEMPOTENT, what), handle);
            } catch (HttpFailure e) {
                if (!e.neverReachedServer()) {
                    throw e.toSqlException();
                }
                refused = e;
            }
            if (response != null && response.status() != 503) {
                return response;
            }
            String detail = response == null ? refused.getMessage() : "HTTP 503" + errorText(response);
            if (engineStarted || !session.autoStartsEngine()) {
                throw session.engineUnavailable(detail, refused);
            }
            session.awaitEngine(handle);
            if (handle.isCancelled()) {
                throw cancelled();
            }
            engineStarted = true;
        }
    }

    private static String errorText(HttpResponseStream response) {
        try {
            String text = response.readText().strip();
            return text.isEmpty() ? "" : ": " + text;
        } catch (IOException e) {
            return "";
        }
    }

    private DecodedResult decode(InputStream in, HttpResponseStream response) throws SQLException {
        String format = session.outputFormat();
        if (FireboltProperties.TSV.equals(format)) {
            return FireboltTsvDecoder.open(in, FireboltTypes::parse, response);
        }
        return FireboltJsonDecoder.open(in, FireboltTypes::parse, response);
    }

    URI queryUri(Map<String, String> settings) {
        StringBuilder q = new StringBuilder(session.endpoint().toString()).append("/?database=")
                .append(FireboltClient.encode(session.database()))
                .append("&query_id=").append(queryId)
                .append("&output_format=").append(FireboltClient.encode(session.outputFormat()));
        int timeout = options.queryTimeoutSeconds();
        if (timeout > 0) {
            q.append("&max_execution_time=").append(timeout);
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (timeout > 0 && e.getKey().equalsIgnoreCase("max_execution_time")) {
                continue; // the statement's own timeout wins over a session-wide SET
            }
            q.append('&').append(FireboltClient.encode(e.getKey())).append('=')
                    .append(FireboltClient.encode(e.getValue()));
        }
        return URI.create(q.toString());
    }

    @Override
    public String description() {
        return "Firebolt query " + queryId;
    }

    @Override
    public void cancel() {
        if (handle.isCancelled()) {
            return;
        }
        handle.cancel();
        if (started) {
            session.cancelOnServer(queryId);
        }
    }

    /** Stops a statement cancelled before or between its requests; the JDBC layer says why it was cancelled. */
    private SQLException cancelled() {
        return SqlState.OPERATION_CANCELLED.exception(description() + " was cancelled");
    }
}
