package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.StatementResult;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Schema probes (WHERE 1=0, LIMIT 0) are answered from /v3/table/list: no job is issued. */
class TdSchemaProbeTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeTd td = new FakeTd();

    static final String ITEMS = "{\"database\":\"mydb\",\"tables\":[{\"name\":\"items\",\"type\":\"log\","
            + "\"schema\":\"[[\\\"id\\\",\\\"long\\\"],[\\\"name\\\",\\\"string\\\"],[\\\"price\\\",\\\"double\\\"],"
            + "[\\\"tags\\\",\\\"array<string>\\\"]]\"}]}";
    static final String OTHER = "{\"database\":\"otherdb\",\"tables\":[{\"name\":\"t2\",\"type\":\"log\","
            + "\"schema\":\"[[\\\"time\\\",\\\"long\\\"],[\\\"v\\\",\\\"int\\\"]]\"}]}";

    @AfterEach
    void closeSessions() {
        td.closeAll();
    }

    private List<ColumnInfo> probe(String params, String sql) throws Exception {
        td.onJson("/v3/table/list/mydb", ITEMS);
        td.onJson("/v3/table/list/otherdb", OTHER);
        TdSession session = td.session(server, params);
        StatementResult result = session.newExecution(sql, null).start();
        assertTrue(result.hasRows(), sql);
        assertFalse(result.cursor().next(new RowBuffer(result.columns().size())), sql + " returns no rows");
        assertTrue(result.warning().contains("without running a job"), result.warning());
        assertTrue(td.paths().stream().noneMatch(p -> p.contains("/v3/job/")), sql + ": " + td.paths());
        return result.columns();
    }

    @Test
    void sparksAndTableausProbesAreAnsweredFromTheTableSchema() throws Exception {
        for (String sql : List.of("SELECT * FROM items WHERE 1=0", "select * from items where 1 = 0;",
                "SELECT * FROM mydb.items LIMIT 0", "SELECT * FROM `items` WHERE 1=0",
                "SELECT * FROM (SELECT * FROM items) SPARK_GEN_SUBQ_0 WHERE 1=0",
                "SELECT * FROM ( select * from mydb.items ) AS t LIMIT 0", "/* probe */ SELECT *\nFROM items\nWHERE 1=0")) {
            List<ColumnInfo> columns = probe("", sql);
            assertEquals(List.of("id", "name", "price", "tags", "time"),
                    columns.stream().map(ColumnInfo::name).toList(), sql);
            assertEquals(List.of(ColumnType.Kind.BIGINT, ColumnType.Kind.VARCHAR, ColumnType.Kind.DOUBLE,
                    ColumnType.Kind.ARRAY, ColumnType.Kind.BIGINT),
                    columns.stream().map(c -> c.type().kind()).toList(), sql);
            td.requests.clear();
        }
    }

    @Test
    void prestoReadsItsOwnQuotesAndTheTdCatalog() throws Exception {
        assertEquals(List.of("time", "v"), probe(";type=presto", "SELECT * FROM \"otherdb\".\"t2\" WHERE 1=0")
                .stream().map(ColumnInfo::name).toList());
        td.requests.clear();
        assertEquals(2, probe(";type=presto", "SELECT * FROM td.otherdb.t2 LIMIT 0").size());
    }

    @Test
    void whatIsNotAPlainProbeIsAJob() {
        for (String sql : List.of("SELECT * FROM items WHERE 1=1", "SELECT id FROM items WHERE 1=0",
                "SELECT * FROM items WHERE 1=0 AND id = 2", "SELECT * FROM items LIMIT 1",
                "SELECT * FROM (SELECT id FROM items) q WHERE 1=0", "SELECT * FROM a.b.c WHERE 1=0",
                "SELECT * FROM \"items\" WHERE 1=0", "SELECT * FROM items, others WHERE 1=0")) {
            assertNull(TdSchemaProbe.recognise(sql, "hive", "mydb"), sql);
        }
        assertNull(TdSchemaProbe.recognise("SELECT * FROM `items` WHERE 1=0", "presto", "mydb"));
        assertEquals(new TdSchemaProbe.Target("mydb", "items"),
                TdSchemaProbe.recognise("SELECT * FROM ITEMS WHERE 1=0", "hive", "mydb"));
    }

    @Test
    void aTableTheListDoesNotHaveRunsAsAJob() throws Exception {
        td.onJson("/v3/table/list/mydb", ITEMS);
        td.onJson("/v3/job/issue/hive/mydb", TdExecutionTest.ISSUED);
        td.onJson("/v3/job/show/42", "{\"job_id\":\"42\",\"status\":\"error\",\"hive_result_schema\":\"\","
                + "\"debug\":{\"stderr\":\"Table not found 'a_view'\"}}");
        TdSession session = td.session(server, "");
        java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> session.newExecution("SELECT * FROM a_view WHERE 1=0", null).start());
        assertTrue(e.getMessage().contains("Table not found 'a_view'"), e.getMessage());
        assertEquals(List.of("GET /v3/table/list/mydb", "POST /v3/job/issue/hive/mydb", "GET /v3/job/show/42"),
                td.paths().subList(0, 3));
    }
}
