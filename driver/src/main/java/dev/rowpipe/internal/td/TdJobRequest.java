package dev.rowpipe.internal.td;

import dev.rowpipe.internal.spi.ExecutionOptions;
import java.util.Objects;

/**
 * Everything one statement needs to run as a job, fixed when it is prepared: what {@code job/issue} sends (the SQL,
 * engine type, database, priority, retry limit, resource pool), how the job is waited for and its result read, the
 * statement's options, and the client all of it goes through. Immutable: a {@link TdExecution} never reaches back
 * into its session.
 *
 * @param retryLimit null to leave TD's default
 * @param poolName   null or empty for TD's default pool
 */
record TdJobRequest(String sql, TdClient client, String database, String type, int priority, Integer retryLimit,
                    String poolName, TdResultFormat resultFormat, TdPolling polling, ExecutionOptions options) {

    TdJobRequest {
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(client, "client is null");
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(resultFormat, "resultFormat is null");
        Objects.requireNonNull(polling, "polling is null");
        Objects.requireNonNull(options, "options is null");
    }
}
