package dev.rowpipe.api;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Firebolt's engine API, reached with {@code connection.unwrap(FireboltEngines.class)} on a {@code jdbc:firebolt:}
 * connection: look engines up, start, stop and restart them. On v1 every call is a request to the API host with the
 * connection's token; on Firebolt 2.0 it is SQL on the account's system engine ({@code information_schema.engines},
 * {@code START ENGINE}, {@code STOP ENGINE}; an engine's id is its name, a restart is a stop and a start, and no
 * database has a default engine). Firebolt Core is one engine and has no such API. Thread-safe.
 */
public interface FireboltEngines {

    /**
     * The endpoint (host, host:port, or a URL) that serves queries: the named engine's, or with a null name the
     * default engine of {@code database}.
     *
     * @throws SQLException 08001 when the engine has no endpoint or the database has no default engine
     */
    String resolveEndpoint(String engineName, String database) throws SQLException;

    /** The engine's id, as the start/stop/restart endpoints take it. */
    String engineId(String name) throws SQLException;

    /** Asks Firebolt to start the engine; returns the status it answers with (usually still starting). */
    EngineStatus start(String name) throws SQLException;

    EngineStatus stop(String name) throws SQLException;

    EngineStatus restart(String name) throws SQLException;

    /** The engine's current state. */
    EngineStatus status(String name) throws SQLException;

    /**
     * Starts the engine unless it is already running or starting, then polls its status with growing pauses
     * until it serves queries.
     *
     * @throws SQLException 08001 naming the engine when it does not serve within {@code timeout}
     */
    EngineStatus startAndWait(String name, Duration timeout) throws SQLException;
}
