package dev.rowpipe.internal.spi;

import java.sql.SQLException;

/**
 * A logged-in connection to one service. Thread-safe: several statements of one JDBC connection may run
 * through it at once.
 */
public interface Session extends AutoCloseable {

    /**
     * Prepares (does not yet send) one single statement; the JDBC layer has already split scripts on ';'.
     * The returned execution is what {@code Statement.cancel()} and query timeouts act on.
     */
    Execution newExecution(String sql, ExecutionOptions options) throws SQLException;

    /** Metadata for DatabaseMetaData. */
    MetadataSource metadata();

    /** Product name and version shown by DatabaseMetaData. */
    String productName();

    String productVersion();

    /** The database the connection was opened on (JDBC catalog). */
    String database();

    /**
     * A service-specific API object for {@code Connection.unwrap}: only public types of {@code dev.rowpipe.api}
     * (e.g. FireboltEngines, TreasureDataApi), never the session or other internal objects; null when the backend
     * has none of that type.
     */
    <T> T unwrap(Class<T> type);

    /** Cheap liveness check used by {@code Connection.isValid}. */
    boolean isValid(int timeoutSeconds);

    /** What the service says about itself through DatabaseMetaData: keywords, names, case rules, types. */
    BackendDescription description();

    /** Literal quoting for client-side parameter binding (dialects differ: backslash vs doubled quote). */
    SqlDialect dialect();

    @Override
    void close() throws SQLException;
}
