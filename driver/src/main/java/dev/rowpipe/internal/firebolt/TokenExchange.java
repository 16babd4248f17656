package dev.rowpipe.internal.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpErrors;
import dev.rowpipe.internal.http.HttpFailure;
import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.http.HttpResponseStream;
import dev.rowpipe.internal.http.HttpTransport;
import dev.rowpipe.internal.http.RequestHandle;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * What v1's login and refresh and 2.0's sign-in share: one request for a token, the answer's
 * {@code access_token} and {@code expires_in}, the failure of a refused request, and the masking of
 * secrets a server echoes into its text.
 */
final class TokenExchange {
    /** The longest token answer read. */
    private static final int MAX_BODY = 64 * 1024;

    private TokenExchange() {
    }

    /** The message of a refused request, from its status, endpoint and the server's text (secrets masked). */
    interface Refusal {
        String message(int status, String endpoint, String text);
    }

    /**
     * Sends {@code spec} and returns the JSON of a successful answer. Any other answer fails: a 400 with 28000, since
     * all a token request sends are credentials, any other status as {@link HttpErrors#refused} maps it; the message
     * is {@code refusal}'s, given the server's text after {@code scrub}.
     */
    static JsonNode send(HttpTransport transport, HttpRequestSpec spec, UnaryOperator<String> scrub, Refusal refusal)
            throws SQLException {
        String what = spec.description();
        HttpResponseStream response;
        try {
            response = transport.send(spec, new RequestHandle());
        } catch (HttpFailure e) {
            throw e.toSqlException();
        }
        String text;
        try {
            if (response.isSuccess()) {
                return Json.parse(response.readAll(MAX_BODY), what);
            }
            text = scrub.apply(response.readText());
        } catch (IOException e) {
            throw SqlState.COMMUNICATION_ERROR.exception(what + " failed reading the answer from "
                    + response.endpoint() + ": " + e, e);
        }
        int status = response.status();
        String message = refusal.message(status, response.endpoint(), text);
        throw status == 400 ? SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception(message, status, null)
                : HttpErrors.refused(status, message);
    }

    /**
     * The token of an answer: {@code access_token} (required) and {@code expires_in} seconds ({@code defaultLifetime}
     * when missing or not positive: a 401 renews it earlier if needed), kept with {@code refresh} (v1's refresh
     * token; null on 2.0, which has none).
     */
    static TokenCache.Token token(JsonNode answer, String refresh, Duration defaultLifetime, Clock clock, String what)
            throws SQLException {
        String access = answer.path("access_token").asText(null);
        if (access == null || access.isEmpty()) {
            throw SqlState.CONNECTION_REJECTED.exception(what + " answered without an access_token");
        }
        long seconds = answer.path("expires_in").asLong(0);
        Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : defaultLifetime;
        return new TokenCache.Token(access, refresh, clock.instant().plus(lifetime), lifetime);
    }

    /**
     * {@code text} with each of {@code secrets} (those not null or empty, in order) replaced by {@code ***}, and any
     * echoed credential header masked; null for null.
     */
    static String mask(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                text = text.replace(secret, "***");
            }
        }
        return HttpErrors.maskCredentials(text);
    }
}
