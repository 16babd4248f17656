package dev.rowpipe.internal.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.api.EngineStatus;
import dev.rowpipe.api.FireboltEngines;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.RequestHandle;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Firebolt's engine endpoints: lookup, start, stop, restart. The session uses it to find and start its engine, and
 * hands it out as the public {@link FireboltEngines} through {@code connection.unwrap}. Every call goes to the API
 * host with the session's token.
 */
final class FireboltEngineClient implements FireboltEngines {
    private static final Logger LOG = Logger.getLogger(FireboltEngineClient.class.getName());
    private static final String ENGINES = "/core/v1/account/engines";

    private final FireboltClient client;
    private final URI apiBase;
    private final String account;
    private final Pacer pacer;

    FireboltEngineClient(FireboltClient client, URI apiBase, String account, Pacer pacer) {
        this.client = client;
        this.apiBase = apiBase;
        this.account = account;
        this.pacer = pacer;
    }

    @Override
    public String resolveEndpoint(String engineName, String database) throws SQLException {
        if (engineName != null) {
            return requireEndpoint(status(engineName));
        }
        if (database == null || database.isEmpty()) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Firebolt needs a database or an engine name to find an engine");
        }
        JsonNode answer = client.json("GET", uri(ENGINES + ":getURLByDatabaseName?database_name="
                + FireboltClient.encode(database)), "Firebolt default engine lookup for database '" + database + "'");
        String url = answer.path("engine_url").asText("");
        if (url.isEmpty()) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Firebolt database '" + database + "' has no default engine; name one with the "
                    + "connection property 'engine'");
        }
        return url;
    }

    @Override
    public String engineId(String name) throws SQLException {
        requireName(name);
        String query = "?engine_name=" + FireboltClient.encode(name)
                + (account == null || account.isEmpty() ? "" : "&account=" + FireboltClient.encode(account));
        JsonNode answer = client.json("GET", uri(ENGINES + ":getIdByName" + query),
                "Firebolt engine id lookup for engine '" + name + "'");
        String id = answer.path("engine_id").path("engine_id").asText("");
        if (id.isEmpty()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(
                    "Firebolt engine '" + name + "' was not found (no engine id)");
        }
        return id;
    }

    @Override
    public EngineStatus start(String name) throws SQLException {
        return control(name, "start");
    }

    @Override
    public EngineStatus stop(String name) throws SQLException {
        return control(name, "stop");
    }

    @Override
    public EngineStatus restart(String name) throws SQLException {
        return control(name, "restart");
    }

    /**
     * The engine's current state from the engines list. The list filter matches substrings, so only the node
     * whose name is exactly {@code name} counts.
     */
    @Override
    public EngineStatus status(String name) throws SQLException {
        requireName(name);
        JsonNode answer = client.json("GET", uri(ENGINES + "?filter.name_contains=" + FireboltClient.encode(name)),
                "Firebolt engine lookup for engine '" + name + "'");
        for (JsonNode edge : answer.path("edges")) {
            JsonNode node = edge.path("node");
            if (name.equals(node.path("name").asText(null))) {
                return status(node, name);
            }
        }
        throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Firebolt engine '" + name + "' was not found");
    }

    @Override
    public EngineStatus startAndWait(String name, Duration timeout) throws SQLException {
        return startAndWait(status(name), timeout, null);
    }

    /**
     * As {@link #startAndWait(String, Duration)}, from a status just read; stops waiting early (returning the
     * last status) once {@code handle} is cancelled.
     */
    EngineStatus startAndWait(EngineStatus current, Duration timeout, RequestHandle handle) throws SQLException {
        String name = current.name();
        EngineStatus status = current;
        if (status.isServing()) {
            return status;
        }
        if (!status.isRunning() && !status.isStarting()) {
            LOG.log(Level.FINE, "Starting Firebolt engine {0}", name);
            start(name);
        }
        EngineWait wait = new EngineWait(pacer, name, timeout);
        while (true) {
            status = status(name);
            if (status.isServing() || (handle != null && handle.isCancelled())) {
                return status;
            }
            if (wait.expired()) {
                throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                        "Firebolt engine '" + name + "' did not start serving within "
                        + timeout.toSeconds() + " s (last status " + status.currentStatus() + ", "
                        + status.currentStatusSummary() + "); raise engine_start_timeout or check the engine");
            }
            wait.pause();
        }
    }

    private EngineStatus control(String name, String action) throws SQLException {
        String id = engineId(name);
        JsonNode answer = client.json("POST", uri(ENGINES + "/" + FireboltClient.encode(id) + ":" + action),
                "Firebolt " + action + " of engine '" + name + "'");
        return status(answer.path("engine"), name);
    }

    static String requireEndpoint(EngineStatus status) throws SQLException {
        if (status.endpoint() == null || status.endpoint().isEmpty()) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Firebolt engine '" + status.name() + "' has no endpoint (status "
                    + status.currentStatusSummary() + "); start it or connect with auto_start=true");
        }
        return status.endpoint();
    }

    private static EngineStatus status(JsonNode node, String name) {
        return new EngineStatus(node.path("name").asText(name), node.path("endpoint").asText(""),
                node.path("current_status").asText(""), node.path("current_status_summary").asText(""));
    }

    private static void requireName(String name) throws SQLException {
        if (name == null || name.isBlank()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("A Firebolt engine name is required");
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create(apiBase.toString() + pathAndQuery);
    }
}
