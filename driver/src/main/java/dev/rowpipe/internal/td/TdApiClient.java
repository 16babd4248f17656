package dev.rowpipe.internal.td;

import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.ColumnInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The public {@link TreasureDataApi} over a session's {@link TdClient}; {@code connection.unwrap} hands it out.
 * Internal column types are turned into the API's plain {@link TreasureDataApi.Column} records here.
 */
final class TdApiClient implements TreasureDataApi {
    private final TdClient client;

    TdApiClient(TdClient client) {
        this.client = client;
    }

    @Override
    public List<Database> listDatabases() throws SQLException {
        return client.listDatabases(new RequestHandle());
    }

    @Override
    public List<Table> listTables(String database) throws SQLException {
        List<Table> out = new ArrayList<>();
        for (TdTable t : client.listTables(database, new RequestHandle())) {
            List<Column> columns = new ArrayList<>(t.columns().size());
            for (ColumnInfo c : t.columns()) {
                columns.add(new Column(c.name(), c.type().typeName(), c.type().sqlType()));
            }
            out.add(new Table(t.database(), t.name(), t.type(), t.count(), columns));
        }
        return out;
    }

    @Override
    public void swapTables(String database, String table1, String table2) throws SQLException {
        client.swapTables(database, table1, table2, new RequestHandle());
    }

    @Override
    public JobStatus jobStatus(String jobId) throws SQLException {
        return client.jobStatus(jobId, new RequestHandle());
    }

    @Override
    public String killJob(String jobId) throws SQLException {
        return client.killJob(jobId, new RequestHandle());
    }
}
