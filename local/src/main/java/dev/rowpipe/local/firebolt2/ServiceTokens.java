package dev.rowpipe.local.firebolt2;

import com.sun.net.httpserver.HttpExchange;
import dev.rowpipe.local.TokenStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service account behind each 2.0 access token. Expiry lives in the shared {@link TokenStore}, so
 * {@code expireAllTokens()} and the {@code expire-tokens} fault end 2.0 sessions too; a v1 token is not a 2.0 one.
 */
final class ServiceTokens {

    private final TokenStore tokens;
    private final Map<String, ServiceAccount> owners = new ConcurrentHashMap<>();

    ServiceTokens(TokenStore tokens) {
        this.tokens = tokens;
    }

    long ttlSeconds() {
        return tokens.ttlSeconds();
    }

    String issue(ServiceAccount account) {
        // Forget tokens that expired so a long-running server does not grow without bound.
        owners.keySet().removeIf(t -> !tokens.isValid(t));
        String token = tokens.issueAccess();
        owners.put(token, account);
        return token;
    }

    /** The account of the request's bearer token; a missing, unknown or expired token is a 401. */
    ServiceAccount authenticate(HttpExchange exchange) throws Firebolt2Error {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Firebolt2Error.unauthenticated("Missing bearer token");
        }
        String token = header.substring(7).trim();
        ServiceAccount account = owners.get(token);
        if (account == null || !tokens.isValid(token)) {
            throw Firebolt2Error.unauthenticated("Token is invalid or expired");
        }
        return account;
    }
}
