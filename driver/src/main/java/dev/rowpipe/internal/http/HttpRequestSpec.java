package dev.rowpipe.internal.http;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as the protocol clients describe it; {@link HttpTransport} sends it.
 *
 * @param method      GET or POST
 * @param uri         full URI (scheme, host, port, path, encoded query)
 * @param headers     extra headers, in order (Authorization among them)
 * @param body        request body or null
 * @param contentType body content type or null
 * @param retry       which failures may be retried
 * @param description what this request is, for error messages, e.g. "Firebolt login" (no secrets)
 */
public record HttpRequestSpec(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body,
                              String contentType, RetryMode retry, String description) {

    public HttpRequestSpec {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(uri, "uri is null");
        headers = List.copyOf(headers);
        Objects.requireNonNull(retry, "retry is null");
        Objects.requireNonNull(description, "description is null");
    }

    /**
     * Whether the request may be sent again, which {@link RetryPolicy} turns into which failures it is sent again
     * after. A request that may have reached the server is sent again only when doing it twice is harmless.
     */
    public enum RetryMode {
        /**
         * Doing it twice is harmless (a read, a status or lookup call, a kill, a token call): retried after any
         * failure that may pass, including a broken exchange and 502/504, but never after a response was handed
         * out.
         */
        IDEMPOTENT,
        /**
         * It may have an effect that must not happen twice (a Firebolt statement that is not shown to be read-only,
         * a table swap): retried only after an answer that says it was not done (a refused connection, a connect
         * timeout, a TLS handshake cut by the peer, 408, 429, 503).
         */
        NOT_IDEMPOTENT,
        /** Never retried (a liveness check that must answer quickly). */
        NEVER
    }

    /** The same request to another URI (a re-sent Firebolt read carries a query id of its own). */
    public HttpRequestSpec withUri(URI other) {
        return new HttpRequestSpec(method, other, headers, body, contentType, retry, description);
    }

    /** The URI without its query string, for messages: query parameters may carry session settings. */
    public String endpoint() {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }
}
