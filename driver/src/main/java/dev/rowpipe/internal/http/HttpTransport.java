package dev.rowpipe.internal.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client of a session: pooled keep-alive connections, connect/socket timeouts, and retries with
 * exponential backoff and jitter for failures that happened before any response body was handed out. Once a
 * response is returned to the caller it is never sent again: a body that fails half way is the caller's error.
 */
public final class HttpTransport implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HttpTransport.class.getName());
    private static final long MAX_RETRY_AFTER_MILLIS = 60_000;

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager pool;
    private final int retries;
    private final Backoff backoff;
    private final String userAgent;

    public HttpTransport(TransportConfig config) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofSeconds(config.connectTimeoutSeconds()))
                .setSocketTimeout(config.socketTimeoutSeconds() == 0
                        ? Timeout.DISABLED : Timeout.ofSeconds(config.socketTimeoutSeconds()))
                .build();
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connection)
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(32)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
        this.retries = config.retries();
        // retry_backoff_ms may exceed the usual 30 s cap (it allows up to 60 s): the first delay is then the cap.
        this.backoff = new Backoff(config.retryBackoffMillis(), Math.max(30_000, config.retryBackoffMillis()));
        this.userAgent = config.userAgent();
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
        int attempt = 0;
        while (true) {
            HttpUriRequestBase request = toRequest(spec);
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
                if (attempt < retries && retryableFailure(spec.retry(), e)) {
                    pause(spec, handle, backoff.delay(attempt), e.toString());
                    attempt++;
                    continue;
                }
                throw connectionFailure(spec, e, attempt);
            }
            handle.detach();
            HttpResponseStream stream = new HttpResponseStream(response, request, spec.endpoint());
            if (handle.isCancelled()) {
                // The cancel raced with the response's arrival: it must still win over handing out a body.
                stream.close();
                throw cancelled(spec);
            }
            int status = response.getCode();
            if (attempt < retries && retryableStatus(spec.retry(), status)) {
                long delay = retryAfter(stream.header("Retry-After"), backoff.delay(attempt));
                stream.close();
                pause(spec, handle, delay, "HTTP " + status);
                attempt++;
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
            throw new HttpFailure(HttpFailure.Kind.CANCELLED, spec.description() + " was interrupted", e);
        }
    }

    static boolean retryableStatus(HttpRequestSpec.RetryMode mode, int status) {
        return switch (mode) {
            case IDEMPOTENT -> HttpErrors.unavailable(status);
            case NOT_IDEMPOTENT -> status == 429;
            case NEVER -> false;
        };
    }

    static boolean retryableFailure(HttpRequestSpec.RetryMode mode, IOException e) {
        return switch (mode) {
            // Cancellation is checked before this is asked, so any I/O failure here is the network's.
            case IDEMPOTENT -> true;
            case NOT_IDEMPOTENT -> neverReachedServer(e);
            case NEVER -> false;
        };
    }

    /** Failures that happen before a single request byte is written. */
    static boolean neverReachedServer(IOException e) {
        return e instanceof ConnectException || e instanceof HttpHostConnectException
                || e instanceof ConnectTimeoutException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || e instanceof SSLHandshakeException;
    }

    /** Retry-After in seconds (the HTTP-date form is rare for APIs and falls back to our own backoff). */
    static long retryAfter(String header, long fallback) {
        if (header == null) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? fallback : Math.min(seconds * 1000, MAX_RETRY_AFTER_MILLIS);
        } catch (NumberFormatException e) {
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
        HttpFailure.Kind kind = neverReachedServer(e) ? HttpFailure.Kind.UNREACHABLE : HttpFailure.Kind.BROKEN;
        String tries = attempts == 0 ? "" : " after " + (attempts + 1) + " attempts";
        return new HttpFailure(kind, spec.description() + " failed: cannot reach " + spec.endpoint() + tries + ": "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
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
