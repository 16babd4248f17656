package dev.rowpipe.local.firebolt2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rowpipe.local.Exchanges;
import dev.rowpipe.local.firebolt.FireboltApi;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "api" host's 2.0 endpoints (beside v1's {@code /auth/v1} and {@code /core/v1} on the same port):
 * {@code GET /web/v3/account/<account>/engineUrl} -> {@code {"engineUrl": "127.0.0.1:PORT/query?account_id=.."}},
 * the account's system engine (no scheme: the client adds it); {@code GET /web/v3/account/<account>/resolve} ->
 * {@code {"id","region"}}. Bearer token required; an unknown account is a 404.
 */
final class AccountEndpoints implements HttpHandler {

    static final String PREFIX = "/web/v3/account/";

    private final Firebolt2 platform;
    private final ServiceTokens tokens;

    AccountEndpoints(Firebolt2 platform, ServiceTokens tokens) {
        this.platform = platform;
        this.tokens = tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith(PREFIX) || path.indexOf('/', PREFIX.length()) < 0) {
            Exchanges.json(exchange, 404, FireboltApi.error("Not found: " + exchange.getRequestURI().getPath(), 5));
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            Exchanges.json(exchange, 405, FireboltApi.error("Use GET", 12));
            return;
        }
        try {
            tokens.authenticate(exchange);
        } catch (Firebolt2Error e) {
            Exchanges.json(exchange, 401, FireboltApi.error(e.description(), 16));
            return;
        }
        int slash = path.indexOf('/', PREFIX.length());
        String account = URLDecoder.decode(path.substring(PREFIX.length(), slash), StandardCharsets.UTF_8);
        String action = path.substring(slash + 1);
        if (!account.equals(platform.settings().account())) {
            Exchanges.json(exchange, 404, FireboltApi.error("Account '" + account
                    + "' does not exist or the service account may not see it", 5));
            return;
        }
        switch (action) {
            case "engineUrl":
                Exchanges.json(exchange, 200, Map.of("engineUrl", platform.systemEngineEndpoint()));
                return;
            case "resolve": {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", platform.accountId());
                body.put("region", "local");
                Exchanges.json(exchange, 200, body);
                return;
            }
            default:
                Exchanges.json(exchange, 404, FireboltApi.error("Not found: " + exchange.getRequestURI().getPath(), 5));
        }
    }
}
