package dev.rowpipe.internal.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpErrors;
import dev.rowpipe.internal.http.HttpFailure;
import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.http.HttpResponseStream;
import dev.rowpipe.internal.http.HttpTransport;
import dev.rowpipe.internal.http.RequestHandle;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Access tokens for one (API host, user). Tokens live in a JVM-wide cache shared by every connection of that
 * user, so a pool of connections logs in once. The cache holds tokens only; the password stays with the session
 * that needs it to log in again. A token is renewed shortly before it expires (refresh first, a new login when
 * the refresh is refused), and {@link #invalidate} forces renewal after a 401.
 */
final class FireboltAuth implements TokenSource {
    private static final Logger LOG = Logger.getLogger(FireboltAuth.class.getName());
    private static final String JSON_TYPE = "application/json;charset=UTF-8";
    private static final int MAX_BODY = 64 * 1024;
    private static final Duration MIN_MARGIN = Duration.ofSeconds(60);

    /** Per-JVM salt of the password digests in cache keys. */
    private static final byte[] SALT = new byte[16];

    static {
        new java.security.SecureRandom().nextBytes(SALT);
    }

    private final HttpTransport transport;
    private final URI apiBase;
    private final Key key;
    private final String password;
    private final Clock clock;
    private final TokenCache cache;

    /**
     * Tokens by (API host, user, password digest), with one lock per key so concurrent connections log in once.
     * The driver uses {@link #JVM}; a test gives its backend a cache of its own instead of clearing a shared one.
     */
    static final class TokenCache {
        static final TokenCache JVM = new TokenCache();

        private final ConcurrentHashMap<Key, Token> tokens = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<Key, Object> locks = new ConcurrentHashMap<>();

        Token get(Key key) {
            return tokens.get(key);
        }

        void put(Key key, Token token) {
            tokens.put(key, token);
        }

        /** The lock that makes concurrent connections of one key sign in once. */
        Object lock(Key key) {
            return locks.computeIfAbsent(key, k -> new Object());
        }

        /** Marks {@code access} as refused (keeping a refresh token), unless another thread replaced it already. */
        void expire(Key key, String access) {
            tokens.computeIfPresent(key, (k, t) -> t.access().equals(access)
                    ? new Token(t.access(), t.refresh(), Instant.EPOCH, t.lifetime()) : t);
        }
    }

    /**
     * The password takes part in the key only as a salted digest, so a connection with a wrong password never
     * borrows a token another connection obtained with the right one.
     */
    record Key(String apiBase, String user, String secretDigest) {
        @Override
        public String toString() {
            return "Key{" + apiBase + ", " + user + "}";
        }
    }

    /** Secrets are left out of toString. */
    record Token(String access, String refresh, Instant expiresAt, Duration lifetime) {
        @Override
        public String toString() {
            return "Token{expiresAt=" + expiresAt + "}";
        }
    }

    FireboltAuth(HttpTransport transport, URI apiBase, String user, String password, Clock clock,
                 TokenCache cache) {
        this.transport = transport;
        this.apiBase = apiBase;
        this.key = new Key(apiBase.toString(), user, digest(password));
        this.password = password;
        this.clock = clock;
        this.cache = cache;
    }

    static String digest(String secret) {
        if (secret == null) {
            return "";
        }
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(SALT);
            return java.util.HexFormat.of().formatHex(md.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** A token valid for a while yet; logs in or refreshes when needed. */
    @Override
    public String token() throws SQLException {
        Token t = cache.tokens.get(key);
        if (fresh(t)) {
            return t.access();
        }
        synchronized (cache.locks.computeIfAbsent(key, k -> new Object())) {
            t = cache.tokens.get(key);
            if (fresh(t)) {
                return t.access();
            }
            Token renewed = null;
            if (t != null && t.refresh() != null) {
                try {
                    renewed = refresh(t.refresh());
                } catch (SQLException e) {
                    LOG.log(Level.FINE, "Firebolt token refresh failed ({0}); logging in again", e.getSQLState());
                }
            }
            if (renewed == null) {
                renewed = login();
            }
            cache.tokens.put(key, renewed);
            return renewed.access();
        }
    }

    /**
     * Marks {@code token} as no longer accepted (the server said 401), keeping its refresh token, so the next
     * {@link #token()} renews. A token already replaced by another thread is left alone.
     */
    @Override
    public void invalidate(String token) {
        cache.expire(key, token);
    }

    private boolean fresh(Token t) {
        return fresh(t, clock);
    }

    /** Fresh until a tenth of its lifetime (at least a minute) before it expires. */
    static boolean fresh(Token t, Clock clock) {
        if (t == null) {
            return false;
        }
        Duration margin = t.lifetime().dividedBy(10);
        if (margin.compareTo(MIN_MARGIN) < 0) {
            margin = MIN_MARGIN;
        }
        return clock.instant().plus(margin).isBefore(t.expiresAt());
    }

    private Token login() throws SQLException {
        if (key.user() == null || key.user().isEmpty()) {
            throw SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception(
                    "Firebolt login needs the connection property 'user'");
        }
        if (password == null) {
            throw SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception("Firebolt login for user '" + key.user()
                    + "' needs the connection property 'password'");
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("username", key.user()).put("password", password);
        JsonNode answer = post("/auth/v1/login", body, "Firebolt login");
        return token(answer, null, "Firebolt login");
    }

    private Token refresh(String refreshToken) throws SQLException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("refresh_token", refreshToken);
        JsonNode answer = post("/auth/v1/refresh", body, "Firebolt token refresh");
        return token(answer, refreshToken, "Firebolt token refresh");
    }

    private Token token(JsonNode answer, String previousRefresh, String what) throws SQLException {
        String access = answer.path("access_token").asText(null);
        if (access == null || access.isEmpty()) {
            throw SqlState.CONNECTION_REJECTED.exception(what + " answered without an access_token");
        }
        long seconds = answer.path("expires_in").asLong(0);
        if (seconds <= 0) {
            // No lifetime given: assume the documented 12 hours; a 401 renews it earlier if needed.
            seconds = 43_200;
        }
        String refresh = answer.path("refresh_token").asText(previousRefresh);
        Duration lifetime = Duration.ofSeconds(seconds);
        return new Token(access, refresh, clock.instant().plus(lifetime), lifetime);
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
            text = scrub(response.readText());
        } catch (IOException e) {
            throw SqlState.COMMUNICATION_ERROR.exception(what + " failed reading the answer from "
                    + response.endpoint() + ": " + e, e);
        }
        int status = response.status();
        String message = what + " failed for user '" + key.user() + "' at " + response.endpoint() + ": HTTP "
                + status + (text.isBlank() ? "" : ": " + text.strip());
        // A 400 from login or refresh is about what was sent, and all that was sent are credentials.
        throw status == 400 ? SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception(message, status, null)
                : HttpErrors.refused(status, message);
    }

    /**
     * A server that echoes the request must not leak the password or a token into an exception message: both are
     * replaced by {@code ***}, and so is whatever follows {@code Bearer} (a token this session no longer holds).
     */
    @Override
    public String scrub(String text) {
        if (password != null && !password.isEmpty()) {
            text = text.replace(password, "***");
        }
        Token t = cache.tokens.get(key);
        if (t != null && t.refresh() != null) {
            text = text.replace(t.refresh(), "***");
        }
        if (t != null && t.access() != null && !t.access().isEmpty()) {
            text = text.replace(t.access(), "***");
        }
        return HttpErrors.maskCredentials(text);
    }

    @Override
    public String toString() {
        return "FireboltAuth{" + key.apiBase() + ", user=" + key.user() + "}";
    }
}
