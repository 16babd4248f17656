package dev.rowpipe.internal.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.http.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Access tokens for one (API host, user). Tokens live in a {@link TokenCache} shared by every connection of that
 * user, so a pool of connections logs in once. The cache holds tokens only; the password stays with the session
 * that needs it to log in again. A token is renewed shortly before it expires (refresh first, a new login when
 * the refresh is refused), and {@link #invalidate} forces renewal after a 401.
 */
final class FireboltAuth implements TokenSource {
    private static final Logger LOG = Logger.getLogger(FireboltAuth.class.getName());
    private static final String JSON_TYPE = "application/json;charset=UTF-8";
    /** When the answer names no lifetime: the documented 12 hours. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    private final HttpTransport transport;
    private final URI apiBase;
    private final TokenCache.Key key;
    private final String password;
    private final Clock clock;
    private final TokenCache cache;

    FireboltAuth(HttpTransport transport, URI apiBase, String user, String password, Clock clock,
                 TokenCache cache) {
        this.transport = transport;
        this.apiBase = apiBase;
        this.key = new TokenCache.Key(apiBase.toString(), user, TokenCache.digest(password));
        this.password = password;
        this.clock = clock;
        this.cache = cache;
    }

    /** A token valid for a while yet; logs in or refreshes when needed. */
    @Override
    public String token() throws SQLException {
        return cache.access(key, clock, stale -> {
            if (stale != null && stale.refresh() != null) {
                try {
                    return refresh(stale.refresh());
                } catch (SQLException e) {
                    LOG.log(Level.FINE, "Firebolt token refresh failed ({0}); logging in again", e.getSQLState());
                }
            }
            return login();
        });
    }

    /**
     * Marks {@code token} as no longer accepted (the server said 401), keeping its refresh token, so the next
     * {@link #token()} renews. A token already replaced by another thread is left alone.
     */
    @Override
    public void invalidate(String token) {
        cache.expire(key, token);
    }

    private TokenCache.Token login() throws SQLException {
        if (key.principal() == null || key.principal().isEmpty()) {
            throw SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception(
                    "Firebolt login needs the connection property 'user'");
        }
        if (password == null) {
            throw SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception("Firebolt login for user '"
                    + key.principal() + "' needs the connection property 'password'");
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("username", key.principal()).put("password", password);
        JsonNode answer = post("/auth/v1/login", body, "Firebolt login");
        return TokenExchange.token(answer, answer.path("refresh_token").asText(null), DEFAULT_LIFETIME, clock,
                "Firebolt login");
    }

    private TokenCache.Token refresh(String refreshToken) throws SQLException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("refresh_token", refreshToken);
        JsonNode answer = post("/auth/v1/refresh", body, "Firebolt token refresh");
        return TokenExchange.token(answer, answer.path("refresh_token").asText(refreshToken), DEFAULT_LIFETIME,
                clock, "Firebolt token refresh");
    }

    private JsonNode post(String path, ObjectNode body, String what) throws SQLException {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw SqlState.GENERAL_ERROR.exception(what + ": cannot encode the request", e);
        }
        HttpRequestSpec spec = new HttpRequestSpec("POST", apiBase.resolve(path), List.of(), bytes, JSON_TYPE,
                HttpRequestSpec.RetryMode.IDEMPOTENT, what);
        return TokenExchange.send(transport, spec, this::scrub, (status, endpoint, text) -> what + " failed for user '"
                + key.principal() + "' at " + endpoint + ": HTTP " + status
                + (text.isBlank() ? "" : ": " + text.strip()));
    }

    /**
     * A server that echoes the request must not leak the password or a token into an exception message: both are
     * replaced by {@code ***}, and so is whatever follows {@code Bearer} (a token this session no longer holds).
     */
    @Override
    public String scrub(String text) {
        TokenCache.Token t = cache.get(key);
        return t == null ? TokenExchange.mask(text, password)
                : TokenExchange.mask(text, password, t.refresh(), t.access());
    }

    @Override
    public String toString() {
        return "FireboltAuth{" + key.host() + ", user=" + key.principal() + "}";
    }
}
