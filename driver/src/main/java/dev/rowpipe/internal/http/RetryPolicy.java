package dev.rowpipe.internal.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Which failures a request is sent again after: the one table of "nothing run twice". A request that may have
 * reached the server is sent again only when its {@link HttpRequestSpec.RetryMode} says doing it twice is harmless;
 * an answer that says the work was not done is retried for every request that allows retries at all; a failure that
 * would only repeat itself (an unknown host, a certificate, a plain-HTTP port) is never retried.
 *
 * <table>
 *   <caption>retried per failure and mode</caption>
 *   <tr><th>failure</th><th>IDEMPOTENT</th><th>NOT_IDEMPOTENT</th><th>NEVER</th></tr>
 *   <tr><td>connection refused, connect timeout, no route to host, TLS handshake cut by the peer</td>
 *       <td>yes</td><td>yes</td><td>no</td></tr>
 *   <tr><td>408, 429, 503 (Retry-After honoured)</td><td>yes</td><td>yes</td><td>no</td></tr>
 *   <tr><td>502, 504 (a gateway: the server behind it may have done the work)</td><td>yes</td><td>no</td>
 *       <td>no</td></tr>
 *   <tr><td>the exchange broke after the request was written (reset, no response, cut head)</td><td>yes</td>
 *       <td>no</td><td>no</td></tr>
 *   <tr><td>read timeout (socket_timeout: the server has the request and is working on it)</td><td>no</td>
 *       <td>no</td><td>no</td></tr>
 *   <tr><td>unknown host, every other TLS failure (certificate, host name, plain HTTP, handshake timeout)</td>
 *       <td>no</td><td>no</td><td>no</td></tr>
 * </table>
 *
 * A pooled connection the server closed while it was idle is found stale before use and replaced by the pool
 * without a failure; one that the server closes just as a request goes out fails with "no response", which cannot be
 * told apart from a server that took the request and died, so it counts as a broken exchange.
 */
final class RetryPolicy {
    private RetryPolicy() {
    }

    static boolean retryStatus(HttpRequestSpec.RetryMode mode, int status) {
        return switch (mode) {
            case IDEMPOTENT -> HttpErrors.unavailable(status);
            case NOT_IDEMPOTENT -> notDone(status);
            case NEVER -> false;
        };
    }

    /** Statuses that say the request was not carried out: timed out before it was read, throttled, refused. */
    static boolean notDone(int status) {
        return status == 408 || status == 429 || status == 503;
    }

    static boolean retryFailure(HttpRequestSpec.RetryMode mode, IOException e) {
        if (mode == HttpRequestSpec.RetryMode.NEVER || repeats(e)) {
            return false;
        }
        // Cancellation is checked before this is asked, so any failure here is the network's.
        return mode == HttpRequestSpec.RetryMode.IDEMPOTENT || neverReachedServer(e);
    }

    /** Failures that would only happen again. */
    static boolean repeats(IOException e) {
        if (e instanceof TlsHandshakeFailure tls) {
            return !tls.mayPass();
        }
        // A name that does not resolve: the JVM also caches the negative answer, so an early retry sees it again.
        return e instanceof UnknownHostException || e instanceof SSLException
                || (e instanceof SocketTimeoutException && !(e instanceof ConnectTimeoutException));
    }

    /** Failures that happen before a single request byte is written. */
    static boolean neverReachedServer(IOException e) {
        return e instanceof ConnectException || e instanceof ConnectTimeoutException
                || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof TlsHandshakeFailure || e instanceof javax.net.ssl.SSLHandshakeException;
    }
}
