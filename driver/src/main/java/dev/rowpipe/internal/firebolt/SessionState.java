package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.http.HttpResponseStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The session of one Firebolt 2.0 or Core connection, which the client keeps because the server keeps none: the
 * endpoint statements go to and the parameters every request carries (the database, the engine, the account id, the
 * user's settings, an open transaction). It changes only as the server says, through the headers of a 2xx answer
 * ({@link #apply}): {@code Firebolt-Update-Parameters}, {@code -Remove-Parameters}, {@code -Reset-Session},
 * {@code -Update-Endpoint}. A 2.0 session starts on the account's system engine and remembers it, for the statements
 * that run there. Thread-safe: the statements of a connection may run at once.
 */
final class SessionState {
    static final String UPDATE_PARAMETERS = "Firebolt-Update-Parameters";
    static final String REMOVE_PARAMETERS = "Firebolt-Remove-Parameters";
    static final String RESET_SESSION = "Firebolt-Reset-Session";
    static final String UPDATE_ENDPOINT = "Firebolt-Update-Endpoint";

    static final String DATABASE = "database";
    static final String ENGINE = "engine";
    static final String ACCOUNT_ID = "account_id";
    static final String TRANSACTION_ID = "transaction_id";
    static final String TRANSACTION_SEQUENCE_ID = "transaction_sequence_id";

    /** What a reset keeps: where the session is, not what the user set. */
    private static final Set<String> KEPT_BY_RESET = Set.of(DATABASE, ENGINE, ACCOUNT_ID);
    private static final Set<String> TRANSACTION = Set.of(TRANSACTION_ID, TRANSACTION_SEQUENCE_ID);
    /** Where a comma starts the next pair of a comma-joined header value ({@code a=1,b=2}). */
    private static final Pattern PAIR_START = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_.]*=.*", Pattern.DOTALL);

    private final boolean ssl;
    private final EngineEndpoint system;
    private final Map<String, String> systemParameters;
    private EngineEndpoint current;
    private final LinkedHashMap<String, String> parameters = new LinkedHashMap<>();

    /**
     * @param system           the system engine (2.0), or null (Core)
     * @param systemParameters the parameters its address carried (the account id)
     * @param current          where statements go now
     * @param parameters       the session parameters now
     */
    private SessionState(boolean ssl, EngineEndpoint system, Map<String, String> systemParameters,
                         EngineEndpoint current, Map<String, String> parameters) {
        this.ssl = ssl;
        this.system = system;
        this.systemParameters = Map.copyOf(systemParameters);
        this.current = Objects.requireNonNull(current, "current is null");
        this.parameters.putAll(parameters);
    }

    /** A 2.0 session on the account's system engine, as {@code engineUrl} gave it. */
    static SessionState onSystemEngine(EngineEndpoint.Parsed system, boolean ssl) {
        return new SessionState(ssl, system.endpoint(), system.parameters(), system.endpoint(), system.parameters());
    }

    /** A Core session: one engine, no parameters yet. */
    static SessionState onCore(EngineEndpoint core) {
        return new SessionState(core.base().getScheme().equals("https"), null, Map.of(), core, Map.of());
    }

    /** A session as {@link #save()} left another connection's. */
    static SessionState restore(Saved saved) {
        return new SessionState(saved.ssl(), saved.system(), saved.systemParameters(), saved.current(),
                saved.parameters());
    }

    /** Where to send a statement and what it carries. */
    record Target(EngineEndpoint endpoint, Map<String, String> parameters, boolean systemEngine) {
        Target {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /** The session to start the next connection of the same settings from (without a transaction). */
    record Saved(boolean ssl, EngineEndpoint system, Map<String, String> systemParameters, EngineEndpoint current,
                 Map<String, String> parameters) {
        Saved {
            systemParameters = Collections.unmodifiableMap(new LinkedHashMap<>(systemParameters));
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /**
     * The current endpoint with every session parameter ({@code withTransaction} false leaves an open transaction
     * out: the driver's own lookups run beside it); or, for {@code systemEngine}, the system engine with its own
     * parameters and the database.
     */
    synchronized Target target(boolean systemEngine, boolean withTransaction) {
        if (systemEngine && system != null) {
            Map<String, String> p = new LinkedHashMap<>(systemParameters);
            String database = parameters.get(DATABASE);
            if (database != null) {
                p.put(DATABASE, database);
            }
            return new Target(system, p, true);
        }
        Map<String, String> p = new LinkedHashMap<>(parameters);
        if (!withTransaction) {
            p.keySet().removeAll(TRANSACTION);
        }
        return new Target(current, p, system != null && current.equals(system));
    }

    /** Applies the session headers of an answer; only a 2xx answer changes the session. */
    void apply(HttpResponseStream response) throws SQLException {
        if (!response.isSuccess()) {
            return;
        }
        List<String> endpoint = response.headers(UPDATE_ENDPOINT);
        apply(response.headers(UPDATE_PARAMETERS), response.headers(REMOVE_PARAMETERS),
                !response.headers(RESET_SESSION).isEmpty(), endpoint.isEmpty() ? null : endpoint.get(endpoint.size() - 1));
    }

    /**
     * Applies one answer's changes in the order that keeps them meaningful together: reset, removals, updates, then
     * the new endpoint (whose address may carry parameters of its own). Each header value is one {@code k=v} (or one
     * name), or several joined by commas.
     */
    synchronized void apply(List<String> updates, List<String> removes, boolean reset, String endpoint)
            throws SQLException {
        // Parsed first, so a bad address changes nothing.
        EngineEndpoint.Parsed moved = endpoint == null || endpoint.isBlank() ? null : EngineEndpoint.parse(endpoint, ssl);
        if (reset) {
            parameters.keySet().retainAll(KEPT_BY_RESET);
        }
        for (String value : removes) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    parameters.remove(name.strip());
                }
            }
        }
        for (String value : updates) {
            for (String pair : pairs(value)) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
                }
            }
        }
        if (moved != null) {
            current = moved.endpoint();
            parameters.putAll(moved.parameters());
        }
    }

    /** {@code k=v} pairs of one header value: split on the commas that start another pair (a value may hold commas). */
    static List<String> pairs(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            if (!out.isEmpty() && !PAIR_START.matcher(part).matches()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + part);
            } else if (!part.isBlank() || !out.isEmpty()) {
                out.add(part.stripLeading());
            }
        }
        return out;
    }

    /** A setting the user made with SET and the server accepted; sent from now on. */
    synchronized void put(String name, String value) {
        parameters.put(name, value);
    }

    synchronized String parameter(String name) {
        return parameters.get(name);
    }

    synchronized String database() {
        return parameters.get(DATABASE);
    }

    synchronized boolean inTransaction() {
        return parameters.containsKey(TRANSACTION_ID);
    }

    synchronized boolean onSystemEngine() {
        return system != null && current.equals(system);
    }

    synchronized Saved save() {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.keySet().removeAll(TRANSACTION);
        return new Saved(ssl, system, systemParameters, current, p);
    }

    @Override
    public synchronized String toString() {
        return "SessionState{" + current + ", parameters=" + parameters.keySet() + "}";
    }
}
