package dev.rowpipe.internal.firebolt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens of v1's login ({@link FireboltAuth}) and 2.0's sign-in ({@link ServiceAccountAuth}) by (host,
 * principal, password digest), with one lock per key so concurrent connections of one principal sign in once. The
 * cache holds tokens only; the secret stays with the session that needs it to sign in again. The driver uses
 * {@link #JVM}, shared by every connection; a test gives its backend a cache of its own instead of clearing a shared
 * one.
 */
final class TokenCache {
    static final TokenCache JVM = new TokenCache();

    /** The least time before it expires at which a token is renewed. */
    private static final Duration MIN_MARGIN = Duration.ofSeconds(60);

    /** Per-JVM salt of the secret digests in cache keys. */
    private static final byte[] SALT = new byte[16];

    static {
        new SecureRandom().nextBytes(SALT);
    }

    private final ConcurrentHashMap<Key, Token> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Object> locks = new ConcurrentHashMap<>();

    /**
     * The secret takes part in the key only as a salted digest ({@link #digest}), so a connection with a wrong secret
     * never borrows a token another connection obtained with the right one.
     */
    record Key(String host, String principal, String secretDigest) {
        @Override
        public String toString() {
            return "Key{" + host + ", " + principal + "}";
        }
    }

    /** Secrets are left out of toString. {@code refresh} is null where the service gives none (2.0). */
    record Token(String access, String refresh, Instant expiresAt, Duration lifetime) {
        @Override
        public String toString() {
            return "Token{expiresAt=" + expiresAt + "}";
        }
    }

    /** How a token source gets a new token. */
    interface Renewal {
        /** @param stale the token the cache holds for the key (expired, or refused by a 401), or null */
        Token renew(Token stale) throws SQLException;
    }

    /**
     * A token of {@code key} valid for a while yet: the cached one, or else one renewed under the key's lock (a
     * connection that waited for another's renewal takes its token) and cached.
     */
    String access(Key key, Clock clock, Renewal renewal) throws SQLException {
        Token t = tokens.get(key);
        if (fresh(t, clock)) {
            return t.access();
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            t = tokens.get(key);
            if (fresh(t, clock)) {
                return t.access();
            }
            Token renewed = renewal.renew(t);
            tokens.put(key, renewed);
            return renewed.access();
        }
    }

    /** The token held for {@code key}, or null (to scrub it from server text). */
    Token get(Key key) {
        return tokens.get(key);
    }

    /** Marks {@code access} as refused (keeping a refresh token), unless another thread replaced it already. */
    void expire(Key key, String access) {
        tokens.computeIfPresent(key, (k, t) -> t.access().equals(access)
                ? new Token(t.access(), t.refresh(), Instant.EPOCH, t.lifetime()) : t);
    }

    /** The salted digest of a secret in a {@link Key}; empty for none. */
    static String digest(String secret) {
        if (secret == null) {
            return "";
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(SALT);
            return HexFormat.of().formatHex(md.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** Fresh until a tenth of its lifetime (at least a minute) before it expires. */
    private static boolean fresh(Token t, Clock clock) {
        if (t == null) {
            return false;
        }
        Duration margin = t.lifetime().dividedBy(10);
        if (margin.compareTo(MIN_MARGIN) < 0) {
            margin = MIN_MARGIN;
        }
        return clock.instant().plus(margin).isBefore(t.expiresAt());
    }
}
