package dev.rowpipe.internal.spi;

import dev.rowpipe.internal.settings.ConnectionProperty;
import java.sql.SQLException;
import java.util.List;

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

    /**
     * The connection properties a statement may set for itself ({@code RowpipeStatement.setStatementOption}); their
     * decoded values reach {@link #newExecution} in {@link ExecutionOptions#statementOptions()}. None by default.
     */
    default List<ConnectionProperty<?>> statementOptions() {
        return List.of();
    }

    /** Metadata for DatabaseMetaData. */
    MetadataSource metadata();

    /** Product name and version shown by DatabaseMetaData. */
    String productName();

    String productVersion();

    /**
     * The connection's current database (JDBC catalog): the one it was opened on, or the one a statement or
     * {@link #switchDatabase} moved it to on a service whose sessions can switch; null when it has none.
     */
    String database();

    /**
     * Moves the connection to another database ({@code Connection.setCatalog}). Returns false, changing nothing,
     * when the service cannot switch a connection's database (the JDBC layer then keeps it and warns).
     */
    default boolean switchDatabase(String database) throws SQLException {
        return false;
    }

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

    /**
     * Whether the service runs transactions and how ({@link TransactionSupport#NONE} when every statement commits as
     * it runs).
     */
    TransactionSupport transactions();

    /** Literal quoting for client-side parameter binding (dialects differ: backslash vs doubled quote). */
    SqlDialect dialect();

    @Override
    void close() throws SQLException;
}
