package dev.rowpipe.local.firebolt;

/**
 * A configured engine.
 *
 * @param name     engine name
 * @param database the database it is the default engine of, or null
 * @param running  whether it is running when the server starts
 */
public record EngineSpec(String name, String database, boolean running) {
}
