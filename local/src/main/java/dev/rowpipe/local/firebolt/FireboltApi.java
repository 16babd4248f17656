package dev.rowpipe.local.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rowpipe.local.Exchanges;
import dev.rowpipe.local.TokenStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Firebolt control plane: {@code /auth/v1/*} and {@code /core/v1/account/engines*}. */
public final class FireboltApi implements HttpHandler {

    private static final String ENGINES = "/core/v1/account/engines";

    private final Map<String, String> users;
    private final TokenStore tokens;
    private final Engines engines;
    private final String account;

    public FireboltApi(Map<String, String> users, TokenStore tokens, Engines engines, String account) {
        this.users = Map.copyOf(users);
        this.tokens = tokens;
        this.engines = engines;
        this.account = account;
    }

    /** Checks the bearer token; on failure answers 401 and returns false. */
    static boolean authorized(HttpExchange exchange, TokenStore tokens) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Exchanges.json(exchange, 401, error("Missing bearer token", 16));
            return false;
        }
        if (!tokens.isValid(header.substring(7).trim())) {
            Exchanges.json(exchange, 401, error("Token is invalid or expired", 16));
            return false;
        }
        return true;
    }

    /** The gRPC-gateway style error body Firebolt's control plane answers with (v1's, and 2.0's api host). */
    public static Map<String, Object> error(String message, int code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("code", code);
        m.put("message", message);
        return m;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/auth/v1/login") && method.equals("POST")) {
            login(exchange);
            return;
        }
        if (path.equals("/auth/v1/refresh") && method.equals("POST")) {
            refresh(exchange);
            return;
        }
        if (!path.startsWith(ENGINES)) {
            Exchanges.json(exchange, 404, error("Not found: " + path, 5));
            return;
        }
        if (!authorized(exchange, tokens)) {
            return;
        }
        Map<String, String> q = Exchanges.query(exchange);
        String rest = path.substring(ENGINES.length());
        if (rest.equals(":getIdByName") && method.equals("GET")) {
            Engine e = engines.byName(q.getOrDefault("engine_name", ""));
            if (e == null) {
                Exchanges.json(exchange, 404, error("Engine '" + q.get("engine_name") + "' not found", 5));
            } else {
                Exchanges.json(exchange, 200, Map.of("engine_id", e.idJson()));
            }
        } else if (rest.equals(":getURLByDatabaseName") && method.equals("GET")) {
            String db = q.getOrDefault("database_name", "");
            Engine e = engines.defaultFor(db);
            if (e == null) {
                Exchanges.json(exchange, 404, error("Database '" + db + "' has no default engine", 5));
            } else {
                Exchanges.json(exchange, 200, Map.of("engine_url", e.endpoint()));
            }
        } else if ((rest.isEmpty() || rest.equals("/")) && method.equals("GET")) {
            list(exchange, q.getOrDefault("filter.name_contains", ""));
        } else if (rest.startsWith("/") && method.equals("POST") && rest.indexOf(':') > 0) {
            String id = rest.substring(1, rest.indexOf(':'));
            String action = rest.substring(rest.indexOf(':') + 1);
            Engine e = engines.byId(id);
            if (e == null) {
                Exchanges.json(exchange, 404, error("Engine '" + id + "' not found", 5));
                return;
            }
            switch (action) {
                case "start":
                    e.start();
                    break;
                case "stop":
                    e.stop();
                    break;
                case "restart":
                    e.restart();
                    break;
                default:
                    Exchanges.json(exchange, 404, error("Unknown engine action '" + action + "'", 5));
                    return;
            }
            engineResponse(exchange, e);
        } else if (rest.startsWith("/") && method.equals("GET")) {
            Engine e = engines.byId(rest.substring(1));
            if (e == null) {
                Exchanges.json(exchange, 404, error("Engine '" + rest.substring(1) + "' not found", 5));
            } else {
                engineResponse(exchange, e);
            }
        } else {
            Exchanges.json(exchange, 404, error("Not found: " + method + " " + path, 5));
        }
    }

    private void engineResponse(HttpExchange exchange, Engine e) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("engine", e.toJson());
        body.put("desired_engine_revision", null);
        Exchanges.json(exchange, 200, body);
    }

    private void list(HttpExchange exchange, String contains) throws IOException {
        List<Object> edges = new ArrayList<>();
        for (Engine e : engines.all()) {
            if (e.name().contains(contains)) {
                edges.add(Map.of("cursor", e.id(), "node", e.toJson()));
            }
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("has_previous_page", false);
        page.put("has_next_page", false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", page);
        body.put("edges", edges);
        Exchanges.json(exchange, 200, body);
    }

    private void login(HttpExchange exchange) throws IOException {
        JsonNode req = parse(exchange);
        String user = req == null ? null : req.path("username").asText(null);
        String password = req == null ? null : req.path("password").asText(null);
        if (user == null || password == null || !password.equals(users.get(user))) {
            Exchanges.json(exchange, 401, error("Wrong username or password", 16));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issueAccess());
        body.put("expires_in", tokens.ttlSeconds());
        body.put("refresh_token", tokens.issueRefresh(user));
        body.put("scope", "offline_access");
        body.put("token_type", "Bearer");
        Exchanges.json(exchange, 200, body);
    }

    private void refresh(HttpExchange exchange) throws IOException {
        JsonNode req = parse(exchange);
        String user = tokens.refreshUser(req == null ? null : req.path("refresh_token").asText(null));
        if (user == null || !users.containsKey(user)) {
            Exchanges.json(exchange, 401, error("Refresh token is invalid", 16));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issueAccess());
        body.put("scope", "offline_access");
        body.put("expires_in", tokens.ttlSeconds());
        body.put("token_type", "Bearer");
        Exchanges.json(exchange, 200, body);
    }

    private static JsonNode parse(HttpExchange exchange) throws IOException {
        try {
            JsonNode n = Exchanges.JSON.readTree(Exchanges.body(exchange));
            return n != null && n.isObject() ? n : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    public String account() {
        return account;
    }
}
