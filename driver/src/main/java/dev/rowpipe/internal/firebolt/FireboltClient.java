package dev.rowpipe.internal.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.http.HttpResponseStream;
import dev.rowpipe.internal.http.HttpTransport;
import dev.rowpipe.internal.http.RequestHandle;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Authorized HTTP for a session: adds the bearer token to every request and, on a 401 from any endpoint, renews
 * the token once and sends the request once more.
 */
final class FireboltClient {
    private static final int MAX_JSON = 4 * 1024 * 1024;

    private final HttpTransport transport;
    private final FireboltAuth auth;

    FireboltClient(HttpTransport transport, FireboltAuth auth) {
        this.transport = transport;
        this.auth = auth;
    }

    FireboltAuth auth() {
        return auth;
    }

    /**
     * Sends the request built for a token. A 401 answer is retried once with a renewed token; the second answer
     * is returned whatever its status.
     */
    HttpResponseStream send(Function<List<Map.Entry<String, String>>, HttpRequestSpec> request, RequestHandle handle)
            throws SQLException {
        String token = auth.token();
        HttpResponseStream response = transport.send(request.apply(bearer(token)), handle);
        if (response.status() != 401) {
            return response;
        }
        response.close();
        auth.invalidate(token);
        return transport.send(request.apply(bearer(auth.token())), handle);
    }

    /** A control-plane call answering JSON; non-2xx becomes an SQLException carrying the server's text. */
    JsonNode json(String method, URI uri, String what) throws SQLException {
        HttpResponseStream response = send(headers -> new HttpRequestSpec(method, uri, headers, null, null,
                "GET".equals(method) ? HttpRequestSpec.RetryMode.IDEMPOTENT : HttpRequestSpec.RetryMode.NOT_IDEMPOTENT,
                what), new RequestHandle());
        try {
            if (response.isSuccess()) {
                return Json.parse(response.readAll(MAX_JSON), what);
            }
            throw error(response, what);
        } catch (IOException e) {
            throw new SQLException(what + " failed reading the answer from " + response.endpoint() + ": " + e,
                    "08S01", e);
        } finally {
            response.close();
        }
    }

    /**
     * Maps a non-2xx answer to an exception with the server's text (read up to 64 KiB) and closes the response:
     * 28000 for 401/403 (after the renewal retry), 42000 for other 4xx, HY000 for server errors.
     */
    static SQLException error(HttpResponseStream response, String what) throws IOException {
        int status = response.status();
        String text = response.readText().strip();
        String state;
        if (status == 401 || status == 403) {
            state = "28000";
        } else if (status >= 400 && status < 500) {
            state = "42000";
        } else {
            state = "HY000";
        }
        return new SQLException(what + " failed at " + response.endpoint() + ": HTTP " + status
                + (text.isEmpty() ? "" : ": " + text), state, status);
    }

    static List<Map.Entry<String, String>> bearer(String token) {
        return List.of(Map.entry("Authorization", "Bearer " + token));
    }

    /** Percent-encodes a query parameter value (spaces as %20, not '+', which some servers keep as '+'). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
