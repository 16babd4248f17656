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
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.spi.StatementResult;
import dev.rowpipe.internal.sql.StatementClass;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One SQL statement sent to the engine endpoint: {@code POST /?database=..&query_id=..&output_format=..} with the
 * SQL as body. The query id is chosen here, so {@link #cancel} can name the query to the server at any time.
 * Everything it sends comes from its {@link FireboltQueryRequest}; the answer is read through
 * {@link ResultCompression#open}, decoded on its own thread when it comes compressed.
 */
final class FireboltExecution implements Execution {
    private static final Logger LOG = Logger.getLogger(FireboltExecution.class.getName());
    private static final String SERVICE = "Firebolt";
    private static final long NOT_SENT = Long.MIN_VALUE;
    /** A cancel answered "not running" this soon after the query was sent may have overtaken it. */
    private static final long JUST_SENT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final FireboltQueryRequest request;
    /**
     * The id the engine knows the query by: each attempt on the wire has its own, since an attempt whose exchange
     * broke may still be running under its id (an engine refuses a second query with a running one's id), so a
     * re-sent read names itself anew, and a cancel names the latest.
     */
    private volatile String queryId = UUID.randomUUID().toString();
    private final RequestHandle handle = new RequestHandle();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** When the query's latest attempt was sent ({@link System#nanoTime}); {@link #NOT_SENT} before. */
    private volatile long sentAtNanos = NOT_SENT;
    private volatile CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
    /** True once the engine answered the query: it knew the query, so "not running" is then the truth. */
    private volatile boolean answered;

    FireboltExecution(FireboltQueryRequest request) {
        this.request = Objects.requireNonNull(request, "request is null");
    }

    @Override
    public String id() {
        return queryId;
    }

    @Override
    public String description() {
        return "Firebolt query " + queryId;
    }

    @Override
    public StatementResult start() throws SQLException {
        if (handle.isCancelled()) {
            throw cancelled();
        }
        byte[] body = request.sql().getBytes(StandardCharsets.UTF_8);
        String what = description();
        ProgressReporter progress = request.options().progress();
        progress.submitted(SERVICE, queryId);
        HttpResponseStream response = sendQuery(body, what);
        answered = true;
        handle.attachBody(response);
        try {
            if (!response.isSuccess()) {
                throw request.client().error(response, request.compression().errorText(response), what);
            }
            progress.update(QueryProgress.State.RUNNING, null, ProgressReporter.Figures.NONE);
            boolean tsv = FireboltProperties.TSV.equals(request.outputFormat());
            if (tsv && !response.framed()) {
                throw unframed(response);
            }
            DecodedBody answer = request.compression().open(response);
            FireboltProgressCursor reporting = progress.active() ? new FireboltProgressCursor(progress) : null;
            DecodedResult decoded;
            try {
                decoded = decode(answer, reporting);
            } catch (SQLException e) {
                // The server's words in an error inside a 200 body may echo what it was sent, as in 2.0's results.
                throw SqlState.masked(e, request.client()::scrub);
            }
            if (decoded.columns().isEmpty()) {
                if (decoded.cursor() != null) {
                    decoded.cursor().close();
                }
                if (!response.framed()) {
                    throw unframed(response);
                }
                response.close();
                progress.finished(null, ProgressReporter.Figures.NONE);
                return StatementResult.update(updateCount(request.sql()));
            }
            RowCursor masked = new MaskingCursor(decoded.cursor(), request.client()::scrub);
            RowCursor cursor = reporting == null ? masked : reporting.over(masked);
            return StatementResult.rows(decoded.columns(), cursor);
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
     * The update count of a statement Firebolt answered without a body. Firebolt v1 reports no count for writes
     * (an INSERT's answer is an empty body, and no statistics come with it), so the count is what the statement
     * itself shows: an {@code INSERT ... VALUES} of n tuples that succeeded wrote n rows (Firebolt v1 has no
     * constraints or conflict clauses that could skip one); any other statement that writes rows
     * ({@code INSERT ... SELECT}, {@code DELETE}, {@code CREATE TABLE ... AS}) wrote an unknown number,
     * {@code SUCCESS_NO_INFO}; everything else (DDL, engine commands) wrote none, 0.
     */
    static long updateCount(String sql) {
        long rows = StatementClass.insertValuesRows(sql, FireboltDialect.INSTANCE.backslashEscapes());
        if (rows >= 0) {
            return rows;
        }
        return StatementClass.of(sql, FireboltDialect.INSTANCE.backslashEscapes()) == StatementClass.WRITE_ROWS
                ? StatementResult.UNKNOWN_COUNT : 0;
    }

    /**
     * Sends the query. When the engine refuses it (the query never reached it, or 503 after the transport's
     * retries) and auto_start applies, starts the engine, waits, and sends once more: a refused query never ran,
     * so this cannot run it twice.
     */
    private HttpResponseStream sendQuery(byte[] body, String what) throws SQLException {
        // Only a statement shown to be read-only is sent again after an exchange that broke once it was written.
        HttpRequestSpec.RetryMode retry = StatementClass.isProvablyReadOnly(request.sql())
                ? HttpRequestSpec.RetryMode.IDEMPOTENT : HttpRequestSpec.RetryMode.NOT_IDEMPOTENT;
        boolean engineStarted = false;
        while (true) {
            HttpResponseStream response = null;
            HttpFailure refused = null;
            try {
                sentAtNanos = System.nanoTime();
                URI uri = request.queryUri(queryId);
                response = request.client().send(headers -> new HttpRequestSpec("POST", uri,
                        request.compression().headers(headers), body, "text/plain;charset=UTF-8", retry, what),
                        this::withNewQueryId, handle);
            } catch (HttpFailure e) {
                // A TLS failure also never reached the engine, but starting it would not change the certificate.
                if (e.kind() != HttpFailure.Kind.UNREACHABLE) {
                    throw e.toSqlException();
                }
                refused = e;
            }
            if (response != null && response.status() != 503) {
                return response;
            }
            String detail = response == null ? refused.getMessage() : "HTTP 503" + unavailableText(response);
            if (engineStarted || request.engine() == null) {
                throw engineUnavailable(detail, refused);
            }
            request.options().progress().update(QueryProgress.State.QUEUED, "engine starting",
                    ProgressReporter.Figures.NONE);
            request.engine().startAndWait(handle);
            if (handle.isCancelled()) {
                throw cancelled();
            }
            engineStarted = true;
        }
    }

    /** The next attempt of the query, under an id of its own. */
    private HttpRequestSpec withNewQueryId(HttpRequestSpec previous) {
        String next = UUID.randomUUID().toString();
        LOG.log(Level.FINE, "Firebolt query {0} sent again as {1}", new Object[] {queryId, next});
        queryId = next;
        sentAtNanos = System.nanoTime();
        return previous.withUri(request.queryUri(next));
    }

    /**
     * A body whose end only the connection's close marks cannot show that it is complete, and nothing in a TSV result
     * or in an empty answer does either (a JSON result shows it by closing its document, which its decoder checks).
     */
    private SQLException unframed(HttpResponseStream response) {
        return SqlState.COMMUNICATION_ERROR.exception(description() + ": " + response.endpoint() + " answered "
                + "without Content-Length or chunked framing, so the end of its "
                + (FireboltProperties.TSV.equals(request.outputFormat()) ? "TabSeparated result" : "empty answer")
                + " cannot be told from a cut connection");
    }

    /** The error for a query the engine refused (it could not be reached, or answered 503). */
    private SQLException engineUnavailable(String detail, Throwable cause) {
        String engine = request.engineName();
        String who = engine != null ? "Firebolt engine '" + engine + "'"
                : "The default Firebolt engine of database '" + request.database() + "'";
        String hint = engine != null
                ? "start it (START ENGINE " + engine + ") or connect with auto_start=true"
                : "start it, or name it with the connection property engine and set auto_start=true";
        return SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                who + " at " + request.endpoint() + " is not accepting queries (" + detail + "): " + hint, cause);
    }

    private String unavailableText(HttpResponseStream response) {
        try {
            String text = request.client().scrub(request.compression().errorText(response)).strip();
            return text.isEmpty() ? "" : ": " + text;
        } catch (IOException e) {
            return "";
        }
    }

    /** The format's decoder over the decoded body, which it closes (releasing or aborting the response). */
    private DecodedResult decode(DecodedBody body, FireboltProgressCursor reporting) throws SQLException {
        if (FireboltProperties.TSV.equals(request.outputFormat())) {
            return FireboltTsvDecoder.open(body.stream(), FireboltTypes::parse, body);
        }
        return FireboltJsonDecoder.open(body.stream(), FireboltTypes::parse, body,
                reporting == null ? null : reporting::statistics);
    }

    @Override
    public void cancel() {
        if (!cancelled.compareAndSet(false, true)) {
            return;
        }
        handle.cancel();
        if (sentAtNanos != NOT_SENT) {
            stopped = request.client().cancels().send("Firebolt cancel of query " + queryId, this::cancelOnServer);
        }
    }

    @Override
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * One try at telling the engine to stop the query, on a handle of its own (the statement's is cancelled by now).
     * A 2xx stops it; a 400 says it is not running, which is final unless the query was sent only just now and not
     * answered yet: then the engine may not have registered it, and the call is tried again (within
     * {@link CancelCalls}' bound), since a query that registers after a lost cancel would run to its end.
     */
    private boolean cancelOnServer(RequestHandle attempt) throws SQLException, HttpFailure {
        URI uri = request.cancelUri(queryId);
        try (HttpResponseStream response = request.client().send(headers -> new HttpRequestSpec("POST", uri, headers,
                null, null, HttpRequestSpec.RetryMode.NEVER, "Firebolt cancel of query " + queryId), attempt)) {
            int status = response.status();
            if (response.isSuccess()) {
                return true;
            }
            if (status == 400) {
                return answered || System.nanoTime() - sentAtNanos > JUST_SENT_NANOS;
            }
            LOG.log(Level.FINE, "Firebolt cancel of query {0} answered HTTP {1}", new Object[] {queryId, status});
            return status >= 401 && status < 500 && status != 408 && status != 429;
        }
    }

    /** Stops a statement cancelled before or between its requests; the JDBC layer says why it was cancelled. */
    private SQLException cancelled() {
        return SqlState.OPERATION_CANCELLED.exception(description() + " was cancelled");
    }
}
