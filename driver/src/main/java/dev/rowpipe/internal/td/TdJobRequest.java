package dev.rowpipe.internal.td;

import dev.rowpipe.internal.spi.ExecutionOptions;
import java.util.Objects;

/**
 * Everything one statement needs to run as a job, fixed when it is prepared: what {@code job/issue} sends (the SQL,
 * engine type, database, and the job options: priority, retry limit, resource pool, engine version), how the job is
 * waited for and its result read, the statement's options, and the client all of it goes through. Immutable: a
 * {@link TdExecution} never reaches back into its session.
 *
 * @param sql the statement as the user wrote it; {@link #query()} is what is issued
 * @param job the job options in force for this statement (connection, then {@code SET td.*}, then the statement's)
 */
record TdJobRequest(String sql, TdClient client, String database, String type, TdJobOptions job,
                    TdResultFormat resultFormat, TdPolling polling, ExecutionOptions options) {

    TdJobRequest {
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(client, "client is null");
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(job, "job is null");
        Objects.requireNonNull(resultFormat, "resultFormat is null");
        Objects.requireNonNull(polling, "polling is null");
        Objects.requireNonNull(options, "options is null");
    }

    /** The query text {@code job/issue} sends: the attribution comment line, then the statement as written. */
    String query() {
        return TdQueryComment.attributed(sql, options.applicationName());
    }
}
