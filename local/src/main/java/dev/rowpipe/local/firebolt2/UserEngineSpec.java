package dev.rowpipe.local.firebolt2;

import java.util.Objects;

/**
 * A configured 2.0 user engine.
 *
 * @param name      engine name
 * @param running   whether it is running when the server starts
 * @param autoStart whether a query sent to it while it is stopped starts it (Firebolt's AUTO_START)
 */
public record UserEngineSpec(String name, boolean running, boolean autoStart) {

    public UserEngineSpec {
        Objects.requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("engine name is empty");
        }
    }
}
