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

    /** Which failures a request may be sent again after. */
    public enum RetryMode {
        /** Connection failures and 408/429/502/503/504 (requests with no effect, or that the server refused). */
        IDEMPOTENT,
        /**
         * Only failures that certainly happened before the request reached the server (connect refused, DNS,
         * TLS handshake) and 429; for requests with an effect that must not happen twice (TD job issue).
         */
        NOT_IDEMPOTENT,
        /** Never retried. */
        NEVER
    }

    /** The URI without its query string, for messages: query parameters may carry session settings. */
    public String endpoint() {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }
}
