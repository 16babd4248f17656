package dev.rowpipe.internal.td;

import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.Settings;
import java.util.Map;

/**
 * The {@code job/issue} fields a user sets per connection, per {@code SET td.NAME = value}, or per statement:
 * priority, retry limit, resource pool, engine version. Immutable; a more specific level is laid over a more general
 * one with {@link #with}.
 *
 * @param retryLimit    null leaves TD's default (not sent)
 * @param poolName      null leaves TD's default pool (not sent)
 * @param engineVersion null leaves TD's default engine version (not sent)
 */
record TdJobOptions(int priority, Integer retryLimit, String poolName, String engineVersion) {

    /** TD's defaults: priority 0 (normal), nothing else sent. */
    static final TdJobOptions DEFAULTS = new TdJobOptions(0, null, null, null);

    TdJobOptions {
        poolName = poolName == null || poolName.isEmpty() ? null : poolName;
        engineVersion = engineVersion == null || engineVersion.isEmpty() ? null : engineVersion;
    }

    /** The connection's options: the properties it was opened with. */
    static TdJobOptions of(Settings settings) {
        return new TdJobOptions(settings.get(TdProperties.PRIORITY),
                settings.isSet(TdProperties.RETRY_LIMIT) ? settings.get(TdProperties.RETRY_LIMIT) : null,
                settings.get(TdProperties.POOL_NAME), settings.get(TdProperties.ENGINE_VERSION));
    }

    /**
     * These options with each of {@code values} (decoded values of {@link TdProperties#JOB_OPTIONS}, by property
     * name) in place of this one's.
     */
    TdJobOptions with(Map<String, Object> values) {
        TdJobOptions out = this;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            out = out.with(property(e.getKey()), e.getValue());
        }
        return out;
    }

    /** These options with {@code property} (one of {@link TdProperties#JOB_OPTIONS}) set to a decoded value. */
    TdJobOptions with(ConnectionProperty<?> property, Object value) {
        if (property == TdProperties.PRIORITY) {
            return new TdJobOptions((Integer) value, retryLimit, poolName, engineVersion);
        }
        if (property == TdProperties.RETRY_LIMIT) {
            return new TdJobOptions(priority, (Integer) value, poolName, engineVersion);
        }
        if (property == TdProperties.POOL_NAME) {
            return new TdJobOptions(priority, retryLimit, (String) value, engineVersion);
        }
        if (property == TdProperties.ENGINE_VERSION) {
            return new TdJobOptions(priority, retryLimit, poolName, (String) value);
        }
        throw new IllegalArgumentException("Not a Treasure Data job option: " + property);
    }

    /** These options with {@code property}'s value taken from {@code source}. */
    TdJobOptions withValueOf(ConnectionProperty<?> property, TdJobOptions source) {
        Object value;
        if (property == TdProperties.PRIORITY) {
            value = source.priority;
        } else if (property == TdProperties.RETRY_LIMIT) {
            value = source.retryLimit;
        } else if (property == TdProperties.POOL_NAME) {
            value = source.poolName;
        } else {
            value = source.engineVersion;
        }
        return with(property, value);
    }

    /** The job option called {@code name} (as {@link TdProperties#JOB_OPTIONS} spell it, any case); null if none. */
    static ConnectionProperty<?> property(String name) {
        for (ConnectionProperty<?> p : TdProperties.JOB_OPTIONS) {
            if (p.matches(name)) {
                return p;
            }
        }
        return null;
    }
}
