package dev.rowpipe.internal.td;

import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.ColumnInfo;
import java.sql.SQLException;
import java.util.List;

/**
 * Treasure Data operations that have no JDBC equivalent, reached with
 * {@code connection.unwrap(TreasureDataApi.class)}. Each call is one REST request with the connection's API key.
 */
public final class TreasureDataApi {
    private final TdClient client;

    TreasureDataApi(TdClient client) {
        this.client = client;
    }

    /** A database as {@code /v3/database/list} reports it; count is -1 when not reported. */
    public record Database(String name, long count) { }

    /**
     * A table as {@code /v3/table/list} reports it.
     *
     * @param type    TD's table type ({@code log}, {@code item}, ...), null when not reported
     * @param count   row count, -1 when not reported
     * @param columns the declared schema, in order (without the implicit {@code time} column of log tables)
     */
    public record Table(String database, String name, String type, long count, List<ColumnInfo> columns) {
        public Table {
            columns = List.copyOf(columns);
        }
    }

    /** A job's state as {@code /v3/job/status} reports it; numRecords is -1 when not reported. */
    public record JobStatus(String jobId, String status, String createdAt, String startAt, String endAt,
                            long numRecords) { }

    public List<Database> listDatabases() throws SQLException {
        return client.listDatabases(new RequestHandle());
    }

    public List<Table> listTables(String database) throws SQLException {
        return client.listTables(database, new RequestHandle());
    }

    /** Swaps the contents of two tables of one database ({@code ALTER TABLE t1 SWAP WITH t2} does the same). */
    public void swapTables(String database, String table1, String table2) throws SQLException {
        client.swapTables(database, table1, table2, new RequestHandle());
    }

    public JobStatus jobStatus(String jobId) throws SQLException {
        return client.jobStatus(jobId, new RequestHandle());
    }

    /** Asks TD to kill a job (asynchronous on TD's side); returns the job's former status. */
    public String killJob(String jobId) throws SQLException {
        return client.killJob(jobId, new RequestHandle());
    }
}
