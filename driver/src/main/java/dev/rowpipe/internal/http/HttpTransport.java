package dev.rowpipe.internal.http;

import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client of a session: pooled keep-alive connections, connect/socket timeouts, the connection's own
 * TLS material and proxy, and retries with exponential backoff and jitter as {@link RetryPolicy} allows them. Once a
 * response is returned to the caller it is never sent again: a body that fails half way is the caller's error.
 */
public final class HttpTransport implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HttpTransport.class.getName());
    private static final long MAX_RETRY_AFTER_MILLIS = 60_000;
    /**
     * A pooled connection idle this long is checked before it is used again (a 1 ms read: a server that closed it
     * shows as end of stream), so one the server closed between statements is replaced instead of failing the
     * next request with "no response", which for a request that is not harmless to repeat is an error.
     */
    static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofMilliseconds(100);

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager pool;
    private final int retries;
    private final Backoff backoff;
    private final String userAgent;

    public HttpTransport(TransportConfig config) {
        Timeout connectTimeout = Timeout.ofSeconds(config.connectTimeoutSeconds());
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(connectTimeout)
                .setSocketTimeout(config.socketTimeoutSeconds() == 0
                        ? Timeout.DISABLED : Timeout.ofSeconds(config.socketTimeoutSeconds()))
                .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                .build();
        ProxySetup proxy = config.proxy();
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connection)
                // A response cut inside its head is a broken exchange, not an empty body.
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .responseParserFactory(CompleteHeadParser.FACTORY).build())
                // The handshake is bounded by the connect timeout, also inside a proxy's tunnel.
                .setTlsSocketStrategy(new TlsHandshake(config.tls(), connectTimeout.toMillisecondsIntBound(),
                        proxy == null))
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(32)
                .build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression();
        if (proxy != null) {
            HttpHost proxyHost = new HttpHost("http", proxy.host(), proxy.port());
            builder.setProxy(proxyHost);
            if (proxy.user() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(new AuthScope(proxyHost), new UsernamePasswordCredentials(proxy.user(),
                        proxy.password() == null ? new char[0] : proxy.password().toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        this.client = builder.build();
        this.retries = config.retries();
        // retry_backoff_ms may exceed the usual 30 s cap (it allows up to 60 s): the first delay is then the cap.
        this.backoff = new Backoff(config.retryBackoffMillis(), Math.max(30_000, config.retryBackoffMillis()));
        this.userAgent = config.userAgent();
    }

    /** How many times a request is sent again at most (the {@code retries} property). */
    public int retries() {
        return retries;
    }

    /**
     * Sends the request, retrying as its {@link HttpRequestSpec.RetryMode} allows, and returns the open
     * response (any status; the caller maps non-2xx to its own errors). A retryable status that is still
     * failing after the last retry is returned too.
     *
     * @throws HttpFailure when no response can be handed out: the server cannot be reached, the exchange broke, or
     *                      the handle was cancelled
     */
    public HttpResponseStream send(HttpRequestSpec spec, RequestHandle handle) throws HttpFailure {
        return send(spec, UnaryOperator.identity(), handle);
    }

    /**
     * As {@link #send(HttpRequestSpec, RequestHandle)}, an attempt after one that may have reached the server (a
     * broken exchange, a gateway's 502 or 504) sending {@code again} applied to the one before: a request that names
     * itself (Firebolt's {@code query_id}) must not reuse a name the server may still be running under. An attempt
     * after one that was not carried out (never reached the server, 408, 429, 503) is sent as it was.
     */
    public HttpResponseStream send(HttpRequestSpec first, UnaryOperator<HttpRequestSpec> again, RequestHandle handle)
            throws HttpFailure {
        HttpRequestSpec spec = first;
        int attempt = 0;
        while (true) {
            HttpUriRequestBase request = toRequest(spec);
            if (Thread.currentThread().isInterrupted()) {
                // An interrupted thread's connection lease fails at once; nothing is sent, and the caller stops.
                throw interrupted(spec, null);
            }
            if (!handle.attach(request)) {
                throw cancelled(spec);
            }
            ClassicHttpResponse response;
            try {
                response = client.executeOpen(null, request, null);
            } catch (IOException e) {
                handle.detach();
                if (handle.isCancelled()) {
                    throw cancelled(spec);
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(spec, e);
                }
                if (attempt < retries && RetryPolicy.retryFailure(spec.retry(), e)) {
                    pause(spec, handle, backoff.delay(attempt), e.toString());
                    attempt++;
                    if (!RetryPolicy.neverReachedServer(e)) {
                        spec = again.apply(spec);
                    }
                    continue;
                }
                throw connectionFailure(spec, e, attempt);
            } catch (CancellationException e) {
                // HttpClient's connection lease, cancelled under it: the request was cancelled, never an error.
                handle.detach();
                throw cancelled(spec);
            }
            handle.detach();
            HttpResponseStream stream = new HttpResponseStream(response, request, spec.endpoint());
            if (handle.isCancelled()) {
                // The cancel raced with the response's arrival: it must still win over handing out a body.
                stream.close();
                throw cancelled(spec);
            }
            int status = response.getCode();
            if (attempt < retries && RetryPolicy.retryStatus(spec.retry(), status)) {
                long delay = retryAfter(stream.header("Retry-After"), backoff.delay(attempt));
                stream.close();
                pause(spec, handle, delay, "HTTP " + status);
                attempt++;
                if (!RetryPolicy.notDone(status)) {
                    spec = again.apply(spec);
                }
                continue;
            }
            return stream;
        }
    }

    private void pause(HttpRequestSpec spec, RequestHandle handle, long millis, String reason) throws HttpFailure {
        LOG.log(Level.FINE, "{0} failed ({1}); retrying in {2} ms",
                new Object[] {spec.description(), reason, millis});
        try {
            if (!handle.sleep(millis)) {
                throw cancelled(spec);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(spec, e);
        }
    }

    /** The thread was interrupted: a cancel, and the thread keeps its interrupt status. */
    private static HttpFailure interrupted(HttpRequestSpec spec, Exception cause) {
        return new HttpFailure(HttpFailure.Kind.CANCELLED, spec.description() + " was interrupted", cause);
    }

    /**
     * Retry-After as seconds or as an HTTP-date, capped at 60 s; {@code fallback} (our own backoff) when absent or
     * unreadable. A date in the past means now.
     */
    static long retryAfter(String header, long fallback) {
        return retryAfter(header, fallback, Instant.now());
    }

    static long retryAfter(String header, long fallback, Instant now) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? fallback : Math.min(seconds, MAX_RETRY_AFTER_MILLIS / 1000) * 1000;
        } catch (NumberFormatException e) {
            // Not seconds: an HTTP-date (RFC 9110: IMF-fixdate, which RFC 1123's format reads).
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            long millis = at.toEpochMilli() - now.toEpochMilli();
            return Math.max(0, Math.min(millis, MAX_RETRY_AFTER_MILLIS));
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private HttpUriRequestBase toRequest(HttpRequestSpec spec) {
        HttpUriRequestBase request = new HttpUriRequestBase(spec.method(), spec.uri());
        request.setHeader("User-Agent", userAgent);
        for (Map.Entry<String, String> h : spec.headers()) {
            request.addHeader(h.getKey(), h.getValue());
        }
        if (spec.body() != null) {
            ContentType type = spec.contentType() == null ? ContentType.APPLICATION_OCTET_STREAM
                    : ContentType.parse(spec.contentType());
            request.setEntity(new ByteArrayEntity(spec.body(), type));
        }
        return request;
    }

    private static HttpFailure cancelled(HttpRequestSpec spec) {
        return new HttpFailure(HttpFailure.Kind.CANCELLED, spec.description() + " was cancelled", null);
    }

    private static HttpFailure connectionFailure(HttpRequestSpec spec, IOException e, int attempts) {
        String tries = attempts == 0 ? "" : " after " + (attempts + 1) + " attempts";
        IOException tls = tlsFailure(e, spec);
        if (tls != null) {
            return new HttpFailure(HttpFailure.Kind.TLS_FAILED, spec.description() + " failed" + tries + ": "
                    + tls.getMessage(), e);
        }
        String cause = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        if (RetryPolicy.neverReachedServer(e)) {
            return new HttpFailure(HttpFailure.Kind.UNREACHABLE, spec.description() + " failed: cannot reach "
                    + spec.endpoint() + tries + ": " + cause, e);
        }
        String notResent = spec.retry() == HttpRequestSpec.RetryMode.NOT_IDEMPOTENT
                ? "; it may have been carried out, so it was not sent again" : tries;
        return new HttpFailure(HttpFailure.Kind.BROKEN, spec.description() + " failed: the exchange with "
                + spec.endpoint() + " broke after the request was sent" + notResent + ": " + cause, e);
    }

    /**
     * The TLS failure to report, or null for another failure: a handshake failure as {@link TlsHandshake} named
     * it, or a client certificate a TLS 1.3 server rejected only after the client's side of the handshake.
     */
    private static IOException tlsFailure(IOException e, HttpRequestSpec spec) {
        if (e instanceof TlsHandshakeFailure failure && !failure.mayPass()) {
            return failure;
        }
        if (e instanceof SSLException && TlsHandshake.clientCertificateRejected(TlsHandshake.messages(e))) {
            return TlsHandshake.clientCertificateFailure("The TLS handshake with " + spec.uri().getHost() + ":"
                    + spec.uri().getPort(), e);
        }
        return null;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // Shutting down: open connections are dropped either way.
        }
        pool.close();
    }
}
