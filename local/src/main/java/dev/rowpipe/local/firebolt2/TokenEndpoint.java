package dev.rowpipe.local.firebolt2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rowpipe.local.Exchanges;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "id" host: {@code POST /oauth/token}, OAuth 2.0 client credentials in a form body
 * ({@code grant_type=client_credentials}, {@code audience=https://api.firebolt.io}, {@code client_id},
 * {@code client_secret}, each percent-decoded) -> {@code {"access_token","token_type":"Bearer","expires_in"}}.
 * There is no refresh token: a client signs in again. Errors are OAuth's {@code {"error","error_description"}}.
 */
final class TokenEndpoint implements HttpHandler {

    static final String PATH = "/oauth/token";
    static final String AUDIENCE = "https://api.firebolt.io";

    private final List<ServiceAccount> accounts;
    private final ServiceTokens tokens;

    TokenEndpoint(List<ServiceAccount> accounts, ServiceTokens tokens) {
        this.accounts = List.copyOf(accounts);
        this.tokens = tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            Exchanges.json(exchange, 404, error("not_found", "Not found: " + exchange.getRequestURI().getPath()));
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            Exchanges.json(exchange, 405, error("invalid_request", "Use POST"));
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            Exchanges.json(exchange, 400, error("invalid_request",
                    "Content-Type must be application/x-www-form-urlencoded, not " + type));
            return;
        }
        Map<String, String> form;
        try {
            form = Exchanges.parseForm(Exchanges.body(exchange));
        } catch (IllegalArgumentException e) {
            Exchanges.json(exchange, 400, error("invalid_request", "The form body is not percent-encoded correctly"));
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            Exchanges.json(exchange, 400, error("unsupported_grant_type",
                    "grant_type must be client_credentials, not '" + form.get("grant_type") + "'"));
            return;
        }
        if (!AUDIENCE.equals(form.get("audience"))) {
            Exchanges.json(exchange, 403, error("access_denied",
                    "Service not found: audience must be " + AUDIENCE + ", not '" + form.get("audience") + "'"));
            return;
        }
        ServiceAccount account = find(form.get("client_id"), form.get("client_secret"));
        if (account == null) {
            // Neither which part was wrong nor the secret itself goes into the answer.
            Exchanges.json(exchange, 401, error("access_denied", "Unauthorized"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue(account));
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.ttlSeconds());
        Exchanges.json(exchange, 200, body);
    }

    private ServiceAccount find(String clientId, String secret) {
        for (ServiceAccount a : accounts) {
            if (a.clientId().equals(clientId) && java.security.MessageDigest.isEqual(
                    a.clientSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    String.valueOf(secret).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                return a;
            }
        }
        return null;
    }

    private static Map<String, Object> error(String code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("error_description", description);
        return m;
    }
}
