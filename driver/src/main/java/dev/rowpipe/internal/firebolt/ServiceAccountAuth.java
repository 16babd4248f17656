package dev.rowpipe.internal.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.http.HttpTransport;
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
 * the JVM's {@link TokenCache}, keyed by (id host, client id, salted digest of the secret), so the
 * connections of one service account sign in once per token lifetime and a wrong secret never borrows a token.
 *
 * <p>The form's values are percent-encoded: a secret holding {@code +}, {@code &}, {@code =} or {@code %} reaches
 * the server as written (the official driver sends them raw and such a secret fails).
 */
final class ServiceAccountAuth implements TokenSource {
    static final String AUDIENCE = "https://api.firebolt.io";
    private static final String FORM = "application/x-www-form-urlencoded";
    /** When the answer names no lifetime: a day, Firebolt's usual. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofDays(1);

    private final HttpTransport transport;
    private final URI tokenUri;
    private final TokenCache.Key key;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final TokenCache cache;

    ServiceAccountAuth(HttpTransport transport, URI idBase, String clientId, String clientSecret, Clock clock,
                       TokenCache cache) {
        this.transport = Objects.requireNonNull(transport, "transport is null");
        this.tokenUri = URI.create(idBase + "/oauth/token");
        this.clientId = Objects.requireNonNull(clientId, "clientId is null");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret is null");
        // The prefix keeps 2.0 tokens apart from v1 tokens of a host that serves both (a proxy, the local server).
        this.key = new TokenCache.Key("oauth " + idBase, clientId, TokenCache.digest(clientSecret));
        this.clock = clock;
        this.cache = cache;
    }

    String clientId() {
        return clientId;
    }

    @Override
    public String token() throws SQLException {
        return cache.access(key, clock, stale -> signIn());
    }

    @Override
    public void invalidate(String token) {
        cache.expire(key, token);
    }

    private TokenCache.Token signIn() throws SQLException {
        String what = "Firebolt 2.0 sign-in of service account '" + clientId + "'";
        byte[] form = ("grant_type=client_credentials&audience=" + encode(AUDIENCE) + "&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8);
        HttpRequestSpec spec = new HttpRequestSpec("POST", tokenUri, List.of(), form, FORM,
                HttpRequestSpec.RetryMode.IDEMPOTENT, what);
        JsonNode answer = TokenExchange.send(transport, spec, this::scrub, (status, endpoint, text) -> what
                + " failed at " + endpoint + ": HTTP " + status + describe(text.strip())
                + (status == 401 || status == 403 || status == 400
                        ? ": check client_id and client_secret (the service account's id and secret)" : ""));
        return TokenExchange.token(answer, null, DEFAULT_LIFETIME, clock, what);
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

    /** A server that echoes the form or the token must not put them into an exception message. */
    @Override
    public String scrub(String text) {
        TokenCache.Token t = cache.get(key);
        return TokenExchange.mask(text, clientSecret, encode(clientSecret), t == null ? null : t.access());
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
