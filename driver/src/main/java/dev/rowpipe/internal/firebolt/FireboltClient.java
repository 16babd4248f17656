package dev.rowpipe.internal.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.CancelCalls;
import dev.rowpipe.internal.http.HttpErrors;
import dev.rowpipe.internal.http.HttpFailure;
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
import java.util.function.UnaryOperator;

/**
 * Authorized HTTP for a session: adds the bearer token to every request and, on a 401 from any endpoint, renews
 * the token once and sends the request once more. Firebolt Core takes no token: its client has none and sends
 * requests as they are.
 */
final class FireboltClient {
    private static final int MAX_JSON = 4 * 1024 * 1024;

    private final HttpTransport transport;
    private final TokenSource auth;
    private final CancelCalls cancels;

    /** @param auth where tokens come from; null for a service without sign-in (Firebolt Core) */
    FireboltClient(HttpTransport transport, TokenSource auth) {
        this.transport = transport;
        this.auth = auth;
        this.cancels = new CancelCalls(transport);
    }

    /** Where the session's {@code /cancel} calls are sent from; it closes the transport once they are over. */
    CancelCalls cancels() {
        return cancels;
    }

    /**
     * Sends the request built for a token. A 401 answer is retried once with a renewed token; the second answer
     * is returned whatever its status.
     *
     * @throws SQLException when a token cannot be had (login, refresh)
     * @throws HttpFailure  when the request got no answer
     */
    HttpResponseStream send(Function<List<Map.Entry<String, String>>, HttpRequestSpec> request, RequestHandle handle)
            throws SQLException, HttpFailure {
        return send(request, UnaryOperator.identity(), handle);
    }

    /** As {@link #send(Function, RequestHandle)}; the transport sends {@code again} of a request that may have run. */
    HttpResponseStream send(Function<List<Map.Entry<String, String>>, HttpRequestSpec> request,
                            UnaryOperator<HttpRequestSpec> again, RequestHandle handle) throws SQLException, HttpFailure {
        if (auth == null) {
            return transport.send(request.apply(List.of()), again, handle);
        }
        String token = auth.token();
        HttpResponseStream response = transport.send(request.apply(bearer(token)), again, handle);
        if (response.status() != 401) {
            return response;
        }
        response.close();
        auth.invalidate(token);
        // A 401 was not carried out: the same request, with the renewed token.
        return transport.send(request.apply(bearer(auth.token())), again, handle);
    }

    /** A control-plane call answering JSON; non-2xx becomes an SQLException carrying the server's text. */
    JsonNode json(String method, URI uri, String what) throws SQLException {
        HttpResponseStream response;
        try {
            response = send(headers -> new HttpRequestSpec(method, uri, headers, null, null,
                    "GET".equals(method) ? HttpRequestSpec.RetryMode.IDEMPOTENT
                            : HttpRequestSpec.RetryMode.NOT_IDEMPOTENT, what), new RequestHandle());
        } catch (HttpFailure e) {
            throw e.toSqlException();
        }
        try {
            if (response.isSuccess()) {
                return Json.parse(response.readAll(MAX_JSON), what);
            }
            throw error(response, what);
        } catch (IOException e) {
            throw SqlState.COMMUNICATION_ERROR.exception(what + " failed reading the answer from "
                    + response.endpoint() + ": " + e, e);
        } finally {
            response.close();
        }
    }

    /**
     * Maps a non-2xx answer to an exception with the server's text (read up to 64 KiB, credentials it echoes
     * masked) and closes the response; the state is {@link HttpErrors}' (a 401 only after the renewal retry).
     */
    SQLException error(HttpResponseStream response, String what) throws IOException {
        return error(response, response.readText(), what);
    }

    /** As {@link #error(HttpResponseStream, String)} for an answer whose text was already read (and decoded). */
    SQLException error(HttpResponseStream response, String answerText, String what) {
        int status = response.status();
        String text = scrub(answerText).strip();
        return HttpErrors.refused(status, what + " failed at " + response.endpoint() + ": HTTP " + status
                + (text.isEmpty() ? "" : ": " + text));
    }

    /** Server text with the session's secrets (and any echoed credential header) masked. */
    String scrub(String text) {
        return auth == null ? HttpErrors.maskCredentials(text) : auth.scrub(text);
    }

    static List<Map.Entry<String, String>> bearer(String token) {
        return List.of(Map.entry("Authorization", "Bearer " + token));
    }

    /** Percent-encodes a query parameter value (spaces as %20, not '+', which some servers keep as '+'). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
