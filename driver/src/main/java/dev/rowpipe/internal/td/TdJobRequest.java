package dev.rowpipe.internal.td;

import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ExecutionOptions;
import java.util.List;
import java.util.Objects;

/**
 * Everything one statement needs to run as a job, fixed when it is prepared: what {@code job/issue} sends (the SQL,
 * engine type, database, and the job options: priority, retry limit, resource pool, engine version), how the job is
 * waited for and its result read, the statement's options, and the client all of it goes through. Immutable: a
 * {@link TdExecution} never reaches back into its session.
 *
 * @param sql                the statement as the user wrote it; {@link #query()} is what is issued
 * @param job                the job options in force for this statement (connection, then {@code SET td.*}, then
 *                           the statement's)
 * @param resultFormatChosen true when the user set {@code result_format}; otherwise the driver may pick a text
 *                           format for results msgpack cannot carry exactly ({@link #formatFor})
 */
record TdJobRequest(String sql, TdClient client, String database, String type, TdJobOptions job,
                    TdResultFormat resultFormat, boolean resultFormatChosen, TdPolling polling,
                    ExecutionOptions options) {

    /** Widest DECIMAL every value of which a double (msgpack's float) carries exactly. */
    static final int EXACT_DOUBLE_DIGITS = 15;

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

    /**
     * The format to download a result of {@code columns} in: the configured one, except that a result with a DECIMAL
     * wider than 15 digits comes as json when the user did not choose a format, because TD writes decimals into
     * msgpack as doubles, which cannot carry every such value, while json carries their exact text.
     */
    TdResultFormat formatFor(List<ColumnInfo> columns) {
        if (resultFormatChosen || resultFormat == TdResultFormat.JSON) {
            return resultFormat;
        }
        for (ColumnInfo c : columns) {
            if (c.type().kind() == ColumnType.Kind.DECIMAL
                    && (c.type().precision() <= 0 || c.type().precision() > EXACT_DOUBLE_DIGITS)) {
                return TdResultFormat.JSON;
            }
        }
        return resultFormat;
    }
}
