package dev.rowpipe.internal.spi;

import dev.rowpipe.internal.settings.ConnectionProperty;
import java.util.Map;
import java.util.Objects;

/**
 * Per-statement knobs from the JDBC Statement.
 *
 * @param queryTimeoutSeconds 0 = none; the backend sends it to the server when the protocol can carry it
 *                            (the JDBC layer enforces it on the client side in any case)
 * @param maxRows             0 = unlimited; the JDBC layer stops reading after this many rows
 * @param fetchSize           hint only
 * @param applicationName     the connection's {@code ApplicationName} client info at this moment; null when none
 * @param statementOptions    the statement's own values of the backend's {@link Session#statementOptions()}, by
 *                            property name, decoded; empty when the statement sets none
 * @param progress            where the execution reports its {@code QueryProgress}
 */
public record ExecutionOptions(int queryTimeoutSeconds, long maxRows, int fetchSize, String applicationName,
                               Map<String, Object> statementOptions, ProgressReporter progress) {
    public static final ExecutionOptions DEFAULT = new ExecutionOptions(0, 0, 0);

    public ExecutionOptions {
        statementOptions = Map.copyOf(statementOptions);
        Objects.requireNonNull(progress, "progress is null");
    }

    public ExecutionOptions(int queryTimeoutSeconds, long maxRows, int fetchSize) {
        this(queryTimeoutSeconds, maxRows, fetchSize, null, Map.of(), ProgressReporter.NONE);
    }

    /** The statement's own value of {@code property}, or null when the statement does not set it. */
    @SuppressWarnings("unchecked")
    public <T> T statementOption(ConnectionProperty<T> property) {
        return (T) statementOptions.get(property.name());
    }
}
