package dev.rowpipe.local;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issues and checks opaque Firebolt access and refresh tokens. */
public final class TokenStore {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> accessExpiry = new ConcurrentHashMap<>();
    private final Map<String, String> refreshUsers = new ConcurrentHashMap<>();
    private final long ttlSeconds;
    private final Clock clock;

    public TokenStore(long ttlSeconds, Clock clock) {
        this.ttlSeconds = ttlSeconds;
        this.clock = clock;
    }

    public long ttlSeconds() {
        return ttlSeconds;
    }

    public String issueAccess() {
        String token = newToken();
        long now = clock.millis();
        // Forget expired tokens so a long-running server does not grow without bound.
        accessExpiry.values().removeIf(expiry -> expiry <= now);
        accessExpiry.put(token, now + ttlSeconds * 1000);
        return token;
    }

    public String issueRefresh(String user) {
        String token = newToken();
        refreshUsers.put(token, user);
        return token;
    }

    /** The user a refresh token was issued to, or null. */
    public String refreshUser(String refreshToken) {
        return refreshToken == null ? null : refreshUsers.get(refreshToken);
    }

    public boolean isValid(String accessToken) {
        Long expiry = accessToken == null ? null : accessExpiry.get(accessToken);
        return expiry != null && clock.millis() < expiry;
    }

    /** Expires every access token issued so far (refresh tokens stay valid, as after a real expiry). */
    public void expireAll() {
        accessExpiry.clear();
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
