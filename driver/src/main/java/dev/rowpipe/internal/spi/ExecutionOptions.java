package dev.rowpipe.internal.spi;

/**
 * Per-statement knobs from the JDBC Statement.
 *
 * @param queryTimeoutSeconds 0 = none; the backend sends it to the server when the protocol can carry it
 *                            (the JDBC layer enforces it on the client side in any case)
 * @param maxRows             0 = unlimited; the JDBC layer stops reading after this many rows
 * @param fetchSize           hint only
 */
public record ExecutionOptions(int queryTimeoutSeconds, long maxRows, int fetchSize) {
    public static final ExecutionOptions DEFAULT = new ExecutionOptions(0, 0, 0);
}
