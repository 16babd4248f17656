package dev.rowpipe.api;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Treasure Data operations that have no JDBC equivalent, reached with
 * {@code connection.unwrap(TreasureDataApi.class)} on a {@code jdbc:td:} connection. Each call is one REST request
 * with the connection's API key. Thread-safe.
 */
public interface TreasureDataApi {

    /** A database as {@code /v3/database/list} reports it; count is -1 when not reported. */
    record Database(String name, long count) { }

    /**
     * A table as {@code /v3/table/list} reports it.
     *
     * @param type    TD's table type ({@code log}, {@code item}, ...), null when not reported
     * @param count   row count, -1 when not reported
     * @param columns the declared schema, in order (without the implicit {@code time} column of log tables)
     */
    record Table(String database, String name, String type, long count, List<Column> columns) {
        public Table {
            columns = List.copyOf(columns);
        }
    }

    /**
     * One declared column of a table.
     *
     * @param name     the column name
     * @param typeName TD's own spelling of the type, e.g. {@code string}, {@code array<long>}
     * @param jdbcType the {@link java.sql.Types} constant the driver reads the column as
     */
    record Column(String name, String typeName, int jdbcType) {
        public Column {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(typeName, "typeName is null");
        }
    }

    /** A job's state as {@code /v3/job/status} reports it; numRecords is -1 when not reported. */
    record JobStatus(String jobId, String status, String createdAt, String startAt, String endAt, long numRecords) { }

    List<Database> listDatabases() throws SQLException;

    /** The tables of one database; 42S02 when the database does not exist. */
    List<Table> listTables(String database) throws SQLException;

    /** Swaps the contents of two tables of one database ({@code ALTER TABLE t1 SWAP WITH t2} does the same). */
    void swapTables(String database, String table1, String table2) throws SQLException;

    JobStatus jobStatus(String jobId) throws SQLException;

    /** Asks TD to kill a job (asynchronous on TD's side); returns the job's former status. */
    String killJob(String jobId) throws SQLException;
}
