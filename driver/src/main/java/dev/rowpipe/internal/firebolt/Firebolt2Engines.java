package dev.rowpipe.internal.firebolt;

import dev.rowpipe.api.EngineStatus;
import dev.rowpipe.api.FireboltEngines;
import dev.rowpipe.internal.error.SqlState;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@link FireboltEngines} on Firebolt 2.0, where engines are managed with SQL on the account's system engine:
 * {@code information_schema.engines} for their state and URL, {@code START ENGINE} / {@code STOP ENGINE} to change
 * it. An engine has no id apart from its name on 2.0, and no database has a default engine. The status of a 2.0
 * engine is {@code RUNNING}, {@code STARTING}, {@code STOPPED}, ... (both status fields of {@link EngineStatus}).
 */
final class Firebolt2Engines implements FireboltEngines {

    /** SQL on the system engine. */
    interface SystemEngine {
        /** Runs a query there and returns its rows as text, {@code width} columns each. */
        List<String[]> query(String sql, int width) throws SQLException;

        /** Runs a statement there. */
        void run(String sql) throws SQLException;

        /** How names and literals are written in the session's SQL. */
        String quoteString(String value);
    }

    private final SystemEngine system;
    private final Pacer pacer;

    Firebolt2Engines(SystemEngine system, Pacer pacer) {
        this.system = Objects.requireNonNull(system, "system is null");
        this.pacer = Objects.requireNonNull(pacer, "pacer is null");
    }

    @Override
    public String resolveEndpoint(String engineName, String database) throws SQLException {
        if (engineName == null) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Firebolt 2.0 databases have no default engine: "
                    + "name the engine (database '" + database + "')");
        }
        EngineStatus status = status(engineName);
        if (status.endpoint().isEmpty()) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Firebolt engine '" + engineName
                    + "' has no URL (status " + status.currentStatus() + ")");
        }
        return status.endpoint();
    }

    /** On 2.0 the name is what START ENGINE and STOP ENGINE take. */
    @Override
    public String engineId(String name) throws SQLException {
        return status(name).name();
    }

    @Override
    public EngineStatus start(String name) throws SQLException {
        status(name);
        system.run("START ENGINE " + identifier(name));
        return status(name);
    }

    @Override
    public EngineStatus stop(String name) throws SQLException {
        status(name);
        system.run("STOP ENGINE " + identifier(name));
        return status(name);
    }

    /** 2.0 has no RESTART ENGINE: a stop, then a start. */
    @Override
    public EngineStatus restart(String name) throws SQLException {
        stop(name);
        return start(name);
    }

    @Override
    public EngineStatus status(String name) throws SQLException {
        if (name == null || name.isBlank()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("A Firebolt engine name is required");
        }
        List<String[]> rows = system.query("SELECT engine_name, url, status FROM information_schema.engines "
                + "WHERE engine_name = " + system.quoteString(name), 3);
        for (String[] row : rows) {
            if (name.equals(row[0])) {
                String state = row[2] == null ? "" : row[2].trim().toUpperCase(Locale.ROOT);
                return new EngineStatus(row[0], row[1] == null ? "" : row[1], state, state);
            }
        }
        throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Firebolt engine '" + name
                + "' was not found in information_schema.engines (it does not exist, or the service account may not "
                + "see it)");
    }

    @Override
    public EngineStatus startAndWait(String name, Duration timeout) throws SQLException {
        EngineStatus status = status(name);
        if (status.isServing()) {
            return status;
        }
        if (!status.isStarting()) {
            status = start(name);
        }
        EngineWait wait = new EngineWait(pacer, name, timeout);
        while (!status.isServing()) {
            if (wait.expired()) {
                throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Firebolt engine '" + name
                        + "' did not start within " + timeout.toSeconds() + " s (last status "
                        + status.currentStatus() + ")");
            }
            wait.pause();
            status = status(name);
        }
        return status;
    }

    /** A quoted identifier: the name exactly as given. */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
