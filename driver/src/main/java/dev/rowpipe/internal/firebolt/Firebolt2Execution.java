package dev.rowpipe.internal.firebolt;

import dev.rowpipe.api.QueryProgress;
import dev.rowpipe.internal.codec.DecodedBody;
import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpFailure;
import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.http.HttpResponseStream;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.ProgressReporter;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.spi.StatementResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One statement sent to a Firebolt 2.0 or Core engine: {@code POST} the SQL as the body, the session parameters, the
 * output format and a {@code query_label} chosen here in the query string, {@code Firebolt-Protocol-Version} as a
 * header. The session headers of a 2xx answer are applied before the body is read (they hold even when the body
 * later fails, as for a statement of a transaction whose sequence moved on).
 *
 * <p>On 2.0 the server chooses the query id, so a cancel finds it by the label in {@code
 * information_schema.engine_query_history} (asking again for a while: history is written asynchronously), unless the
 * answer already named it, then sends {@code POST /cancel?query_id=..}. The system engine has no cancel: there the
 * exchange is only cut.
 */
final class Firebolt2Execution implements Execution {
    private static final Logger LOG = Logger.getLogger(Firebolt2Execution.class.getName());
    /** The service progress events name, as for v1. */
    private static final String SERVICE = "Firebolt";
    private static final long FIRST_LOOKUP_PAUSE_MILLIS = 50;
    private static final long MAX_LOOKUP_PAUSE_MILLIS = 500;

    private final Firebolt2QueryRequest request;
    private final String label = UUID.randomUUID().toString();
    private final RequestHandle handle;
    private volatile SessionState.Target target;
    private volatile String serverQueryId;
    private volatile CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);

    Firebolt2Execution(Firebolt2QueryRequest request) {
        this(request, new RequestHandle());
    }

    /** A statement the driver sends on behalf of another (BEGIN before a user's statement) shares its handle. */
    Firebolt2Execution(Firebolt2QueryRequest request, RequestHandle handle) {
        this.request = Objects.requireNonNull(request, "request is null");
        this.handle = Objects.requireNonNull(handle, "handle is null");
    }

    /** The query label: the id the client chooses on 2.0 (the server's query id is found by it). */
    @Override
    public String id() {
        return label;
    }

    @Override
    public String description() {
        return "Firebolt query " + label;
    }

    @Override
    public StatementResult start() throws SQLException {
        if (handle.isCancelled()) {
            throw cancelled();
        }
        SessionState.Target t = request.fixedTarget() != null ? request.fixedTarget()
                : request.channel().target(request.route(), handle);
        if (handle.isCancelled()) {
            throw cancelled();
        }
        target = t;
        URI uri = request.queryUri(t, label);
        byte[] body = request.sql().getBytes(StandardCharsets.UTF_8);
        String what = description();
        ResultCompression compression = request.compression(t);
        ProgressReporter progress = request.options().progress();
        progress.submitted(SERVICE, label);
        HttpResponseStream response;
        try {
            response = request.client().send(headers -> new HttpRequestSpec("POST", uri,
                    compression.headers(withProtocol(headers)), body, "text/plain;charset=UTF-8", request.retry(), what),
                    handle);
        } catch (HttpFailure e) {
            if (e.neverReachedServer()) {
                request.channel().unreachable();
            }
            throw e.toSqlException();
        }
        handle.attachBody(response);
        try {
            if (!response.isSuccess()) {
                throw Firebolt2Errors.fromResponse(response, compression.errorText(response), what,
                        request.clientId(), request.client()::scrub);
            }
            request.channel().answered(response);
            progress.update(QueryProgress.State.RUNNING, null, ProgressReporter.Figures.NONE);
            boolean tsv = FireboltProperties.TSV.equals(request.outputFormat());
            if (tsv && !response.framed()) {
                throw unframed(response, "TabSeparated result");
            }
            FireboltProgressCursor reporting = progress.active() ? new FireboltProgressCursor(progress) : null;
            DecodedResult decoded;
            try {
                decoded = decode(compression.open(response), reporting);
            } catch (SQLException e) {
                throw SqlState.masked(e, request.client()::scrub);
            }
            if (decoded.columns().isEmpty()) {
                decoded.cursor().close();
                if (!response.framed()) {
                    throw unframed(response, "empty answer");
                }
                response.close();
                progress.finished(null, ProgressReporter.Figures.NONE);
                return StatementResult.update(0);
            }
            RowCursor cursor = new MaskingCursor(decoded.cursor(), request.client()::scrub);
            return StatementResult.rows(decoded.columns(), reporting == null ? cursor : reporting.over(cursor));
        } catch (IOException e) {
            response.close();
            throw SqlState.COMMUNICATION_ERROR.exception(
                    what + " failed reading the answer from " + response.endpoint() + ": " + e, e);
        } catch (SQLException | RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** As v1's: an end only the connection's close marks proves nothing where the format has no end of its own. */
    private SQLException unframed(HttpResponseStream response, String what) {
        return SqlState.COMMUNICATION_ERROR.exception(description() + ": " + response.endpoint() + " answered "
                + "without Content-Length or chunked framing, so the end of its " + what
                + " cannot be told from a cut connection");
    }

    private List<Map.Entry<String, String>> withProtocol(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> all = new java.util.ArrayList<>(headers);
        all.add(Map.entry("Firebolt-Protocol-Version", request.protocolVersion()));
        return all;
    }

    /** The format's decoder over the decoded body, which it closes (releasing or aborting the response). */
    private DecodedResult decode(DecodedBody body, FireboltProgressCursor reporting) throws SQLException {
        java.util.function.Consumer<Map<?, ?>> statistics = reporting == null ? null : reporting::statistics;
        InputStream in = body.stream();
        return switch (request.outputFormat()) {
            case FireboltProperties.JSON_LINES_COMPACT -> FireboltJsonLinesDecoder.open(in, FireboltTypes::parse,
                    body, id -> serverQueryId = id, statistics);
            case FireboltProperties.TSV -> FireboltTsvDecoder.open(in, FireboltTypes::parse, body, true);
            default -> FireboltJsonDecoder.open(in, FireboltTypes::parse, body, statistics);
        };
    }

    /**
     * Cuts the exchange; a user's statement on a user engine or Core is also stopped on the server, from a driver
     * thread and tried again within a bound ({@link dev.rowpipe.internal.http.CancelCalls}). The driver's own
     * statements (health checks, metadata, BEGIN/COMMIT/ROLLBACK) are only cut: they end by themselves, and an engine
     * that does not answer them would not answer a look-up either.
     */
    @Override
    public void cancel() {
        if (handle.isCancelled()) {
            return;
        }
        handle.cancel();
        SessionState.Target t = target;
        if (t != null && !t.systemEngine() && request.route() == Firebolt2QueryRequest.Route.USER) {
            stopped = request.client().cancels().send("Firebolt cancel of the query with label " + label,
                    attempt -> cancelOnServer(t, attempt));
        }
    }

    @Override
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * One try at finding the query's id (named by its answer, or by its label in the history, asked for until the
     * attempt's time is up) and telling its engine to stop it. Done when the engine answered (a query that already
     * ended answers 400 or 404) or the history does not know the query; tried again after a failure.
     */
    private boolean cancelOnServer(SessionState.Target t, RequestHandle attempt) throws SQLException, HttpFailure {
        String id = serverQueryId;
        if (id == null) {
            id = lookUp(t, attempt);
        }
        if (id == null) {
            LOG.log(Level.FINE, "Firebolt query with label {0} is not in the query history; nothing to cancel", label);
            return !attempt.isCancelled();
        }
        URI uri = Firebolt2QueryRequest.cancelUri(t, id);
        String what = "Firebolt cancel of query " + id;
        try (HttpResponseStream response = request.client().send(headers -> new HttpRequestSpec("POST", uri,
                withProtocol(headers), null, null, HttpRequestSpec.RetryMode.NEVER, what), attempt)) {
            int status = response.status();
            if (!response.isSuccess() && status != 400 && status != 404) {
                LOG.log(Level.FINE, "{0} answered HTTP {1}", new Object[] {what, status});
                return status < 500 && status != 408 && status != 429;
            }
            return true;
        }
    }

    /** The server's id of this query, from the engine's history, asked for until it shows or the handle ends. */
    private String lookUp(SessionState.Target t, RequestHandle bound) {
        String sql = "SELECT query_id FROM information_schema.engine_query_history WHERE status = 'STARTED_EXECUTION'"
                + " AND query_label = '" + label + "'";
        long pause = FIRST_LOOKUP_PAUSE_MILLIS;
        while (true) {
            try {
                StatementResult result = new Firebolt2Execution(request.at(t, sql), bound).start();
                if (result.hasRows()) {
                    try (RowCursor cursor = result.cursor()) {
                        RowBuffer row = new RowBuffer(Math.max(1, result.columns().size()));
                        if (cursor.next(row) && !row.isNull(0)) {
                            return row.text(0);
                        }
                    }
                }
                if (!bound.sleep(pause)) {
                    return null;
                }
            } catch (SQLException e) {
                LOG.log(Level.FINE, "Looking up the Firebolt query with label " + label + " failed", e);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            pause = Math.min(MAX_LOOKUP_PAUSE_MILLIS, pause * 2);
        }
    }

    private SQLException cancelled() {
        return SqlState.OPERATION_CANCELLED.exception(description() + " was cancelled");
    }
}
