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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Firebolt 2.0 sign-in: OAuth client credentials of a service account, {@code POST <id host>/oauth/token}. There is
 * no refresh token: a token is replaced by signing in again, shortly before it expires or after a 401. Tokens live in
 * the JVM's {@link FireboltAuth.TokenCache}, keyed by (id host, client id, salted digest of the secret), so the
 * connections of one service account sign in once per token lifetime and a wrong secret never borrows a token.
 *
 * <p>The form's values are percent-encoded: a secret holding {@code +}, {@code &}, {@code =} or {@code %} reaches
 * the server as written (the official driver sends them raw and such a secret fails).
 */
final class ServiceAccountAuth implements TokenSource {
    static final String AUDIENCE = "https://api.firebolt.io";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int MAX_BODY = 64 * 1024;
    /** When the answer names no lifetime: a day, Firebolt's usual; a 401 renews it earlier if needed. */
    private static final long DEFAULT_LIFETIME_SECONDS = 86_400;

    private final HttpTransport transport;
    private final URI tokenUri;
    private final FireboltAuth.Key key;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final FireboltAuth.TokenCache cache;

    ServiceAccountAuth(HttpTransport transport, URI idBase, String clientId, String clientSecret, Clock clock,
                       FireboltAuth.TokenCache cache) {
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.tokenUri = URI.create(idBase + "/oauth/token");
        this.clientId = Objects.requireNonNull(clientId, "clientId is null");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret is null");
        // The prefix keeps 2.0 tokens apart from v1 tokens of a host that serves both (a proxy, the local server).
        this.key = new FireboltAuth.Key("oauth " + idBase, clientId, FireboltAuth.digest(clientSecret));
        this.clock = clock;
        this.cache = cache;
    }

    String clientId() {
        return clientId;
    }

    @Override
    public String token() throws SQLException {
        FireboltAuth.Token t = cache.get(key);
        if (FireboltAuth.fresh(t, clock)) {
            return t.access();
        }
        synchronized (cache.lock(key)) {
            t = cache.get(key);
            if (FireboltAuth.fresh(t, clock)) {
                return t.access();
            }
            FireboltAuth.Token signedIn = signIn();
            cache.put(key, signedIn);
            return signedIn.access();
        }
    }

    @Override
    public void invalidate(String token) {
        cache.expire(key, token);
    }

    private FireboltAuth.Token signIn() throws SQLException {
        String what = "Firebolt 2.0 sign-in of service account '" + clientId + "'";
        byte[] form = ("grant_type=client_credentials&audience=" + encode(AUDIENCE) + "&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8);
        HttpRequestSpec spec = new HttpRequestSpec("POST", tokenUri, List.of(), form, FORM,
                HttpRequestSpec.RetryMode.IDEMPOTENT, what);
        HttpResponseStream response;
        try {
            response = transport.send(spec, new RequestHandle());
        } catch (HttpFailure e) {
            throw e.toSqlException();
        }
        String text;
        try {
            if (response.isSuccess()) {
                return token(Json.parse(response.readAll(MAX_BODY), what), what);
            }
            text = scrub(response.readText()).strip();
        } catch (IOException e) {
            throw SqlState.COMMUNICATION_ERROR.exception(what + " failed reading the answer from "
                    + response.endpoint() + ": " + e, e);
        }
        int status = response.status();
        String message = what + " failed at " + response.endpoint() + ": HTTP " + status + describe(text)
                + (status == 401 || status == 403 || status == 400
                        ? ": check client_id and client_secret (the service account's id and secret)" : "");
        // The form's only variable parts are the credentials, so a 400 is about them, as for v1's login.
        throw status == 400 ? SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception(message, status, null)
                : HttpErrors.refused(status, message);
    }

    /** OAuth's {@code {"error","error_description"}} as one phrase; other text as it is. */
    private static String describe(String text) {
        if (text.isEmpty()) {
            return "";
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node != null && node.isObject() && node.has("error")) {
                String description = node.path("error_description").asText("");
                return ": " + node.path("error").asText() + (description.isEmpty() ? "" : " (" + description + ")");
            }
        } catch (IOException notJson) {
            // Shown as text below.
        }
        return ": " + dev.rowpipe.internal.convert.Conversion.shorten(text);
    }

    private FireboltAuth.Token token(JsonNode answer, String what) throws SQLException {
        String access = answer.path("access_token").asText(null);
        if (access == null || access.isEmpty()) {
            throw SqlState.CONNECTION_REJECTED.exception(what + " answered without an access_token");
        }
        long seconds = answer.path("expires_in").asLong(0);
        Duration lifetime = Duration.ofSeconds(seconds > 0 ? seconds : DEFAULT_LIFETIME_SECONDS);
        return new FireboltAuth.Token(access, null, clock.instant().plus(lifetime), lifetime);
    }

    /** A server that echoes the form or the token must not put them into an exception message. */
    @Override
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(clientSecret, "***");
        String encoded = encode(clientSecret);
        if (!encoded.equals(clientSecret)) {
            out = out.replace(encoded, "***");
        }
        FireboltAuth.Token t = cache.get(key);
        if (t != null && !t.access().isEmpty()) {
            out = out.replace(t.access(), "***");
        }
        return HttpErrors.maskCredentials(out);
    }

    /** Form encoding (application/x-www-form-urlencoded): every reserved character escaped, spaces as '+'. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ServiceAccountAuth{" + tokenUri + ", clientId=" + clientId + "}";
    }
}
