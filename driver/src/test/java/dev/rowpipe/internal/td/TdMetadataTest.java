package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.internal.http.HttpErrors;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.MetadataSource.ColumnRow;
import dev.rowpipe.internal.testing.PomVersion;
import java.sql.SQLException;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TdMetadataTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeTd td = new FakeTd();

    @AfterEach
    void closeSessions() {
        td.closeAll();
    }

    static final String DATABASES = "{\"databases\":[{\"name\":\"www_access\",\"count\":10,"
            + "\"created_at\":\"2012-09-17 21:00:00 UTC\",\"permission\":\"owner\"},{\"name\":\"db0\",\"count\":0},"
            + "{\"name\":\"wwwXaccess\"}]}";
    static final String TABLES = "{\"database\":\"www_access\",\"tables\":["
            + "{\"id\":1,\"name\":\"access_log\",\"type\":\"log\",\"count\":13123233,\"estimated_storage_size\":0,"
            + "\"schema\":\"[[\\\"host\\\",\\\"string\\\"],[\\\"code\\\",\\\"int\\\",\\\"status_code\\\"],"
            + "[\\\"size\\\",\\\"long\\\"],[\\\"tags\\\",\\\"array<string>\\\"],"
            + "[\\\"attrs\\\",\\\"map<string,double>\\\"]]\","
            + "\"expire_days\":null},"
            + "{\"name\":\"payment_log\",\"type\":\"log\",\"count\":331232,\"schema\":\"[]\"},"
            + "{\"name\":\"items\",\"type\":\"item\",\"count\":5,\"schema\":\"[[\\\"k\\\",\\\"string\\\"]]\"},"
            + "{\"name\":\"odd\",\"type\":\"log\",\"schema\":\"not json\"}]}";

    @Test
    void catalogsAreAllDatabases() throws Exception {
        td.onJson("/v3/database/list", DATABASES);
        TdSession session = td.session(server, "");
        assertEquals(List.of("db0", "wwwXaccess", "www_access"), session.metadata().catalogs());
        assertEquals(List.of(), session.metadata().schemas(null, null));
        assertNull(session.metadata().currentSchema());
        RecordedRequest r = td.requests.get(0);
        assertEquals("GET", r.getMethod());
        assertEquals("TD1 " + FakeTd.KEY, r.getHeaders().get("Authorization"));
    }

    @Test
    void tablesOfOneCatalogFilteredByPattern() throws Exception {
        td.onJson("/v3/table/list/www_access", TABLES);
        MetadataSource md = td.session(server, "").metadata();
        List<MetadataSource.TableRow> all = md.tables("www_access", null, null);
        assertEquals(List.of("access_log", "items", "odd", "payment_log"),
                all.stream().map(MetadataSource.TableRow::name).toList());
        assertTrue(all.stream().allMatch(t -> t.type().equals("TABLE") && t.schema() == null
                && t.catalog().equals("www_access")));
        assertEquals(List.of("access_log"),
                md.tables("www_access", null, "acc%\\_log").stream().map(MetadataSource.TableRow::name).toList());
        assertEquals(List.of(), md.tables("www_access", null, "access\\_lo"));
        assertEquals(List.of(), md.tables("", null, null));
        assertEquals(List.of("GET /v3/table/list/www_access", "GET /v3/table/list/www_access",
                "GET /v3/table/list/www_access"), td.paths());
    }

    @Test
    void tablesOfEveryCatalogWhenNoneGiven() throws Exception {
        td.onJson("/v3/database/list", DATABASES);
        td.onJson("/v3/table/list/www_access", TABLES);
        td.onJson("/v3/table/list/db0", "{\"database\":\"db0\",\"tables\":[{\"name\":\"t\",\"type\":\"log\"}]}");
        // wwwXaccess is not scripted: FakeTd answers 404, which counts as "no tables", not an error.
        List<MetadataSource.TableRow> all = td.session(server, "").metadata().tables(null, null, "%");
        assertEquals(List.of("db0.t", "www_access.access_log", "www_access.items", "www_access.odd",
                "www_access.payment_log"), all.stream().map(t -> t.catalog() + "." + t.name()).toList());
    }

    @Test
    void columnsFromTheSchemaWithTheImplicitTimeColumnLast() throws Exception {
        td.onJson("/v3/table/list/www_access", TABLES);
        MetadataSource md = td.session(server, "").metadata();
        List<ColumnRow> cols = md.columns("www_access", null, "access_log", null);
        assertEquals(List.of("host", "code", "size", "tags", "attrs", "time"),
                cols.stream().map(ColumnRow::name).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), cols.stream().map(ColumnRow::ordinal).toList());
        assertEquals(List.of(Kind.VARCHAR, Kind.BIGINT, Kind.BIGINT, Kind.ARRAY, Kind.MAP, Kind.BIGINT),
                cols.stream().map(c -> c.type().kind()).toList());
        assertEquals("array<string>", cols.get(3).type().typeName());

        List<ColumnRow> items = md.columns("www_access", null, "items", null);
        assertEquals(List.of("k"), items.stream().map(ColumnRow::name).toList(), "item tables have no time");
        List<ColumnRow> odd = md.columns("www_access", null, "odd", null);
        assertEquals(List.of("time"), odd.stream().map(ColumnRow::name).toList());
        List<ColumnRow> filtered = md.columns("www_access", null, "%", "t%");
        assertEquals(List.of("access_log.tags", "access_log.time", "odd.time", "payment_log.time"),
                filtered.stream().map(c -> c.table() + "." + c.name()).toList());
        assertEquals(4, filtered.get(0).ordinal());
    }

    @Test
    void apiEndpointsOnTheWire() throws Exception {
        td.onJson("/v3/database/list", DATABASES);
        td.onJson("/v3/table/list/my%20db", TABLES);
        td.onJson("/v3/table/swap/db0/a%2Fb/c", "{\"database\":\"db0\",\"table1\":\"a/b\",\"table2\":\"c\"}");
        td.onJson("/v3/job/status/77", "{\"job_id\":\"77\",\"status\":\"running\",\"created_at\":\"c\","
                + "\"start_at\":\"s\",\"end_at\":null,\"num_records\":3}");
        td.onJson("/v3/job/kill/77", "{\"former_status\":\"running\",\"job_id\":\"77\"}");
        TdSession session = td.session(server, "");
        TreasureDataApi api = session.unwrap(TreasureDataApi.class);
        assertNull(session.unwrap(TdSession.class), "the session itself is internal");
        assertNull(session.unwrap(String.class));

        assertEquals(new TreasureDataApi.Database("www_access", 10), api.listDatabases().get(0));
        TreasureDataApi.Table t = api.listTables("my db").get(0);
        assertEquals("access_log", t.name());
        assertEquals("log", t.type());
        assertEquals(13123233, t.count());
        assertEquals(5, t.columns().size());
        assertEquals(new TreasureDataApi.Column("code", "int", java.sql.Types.BIGINT), t.columns().get(1));
        assertEquals(new TreasureDataApi.Column("tags", "array<string>", java.sql.Types.ARRAY), t.columns().get(3));
        api.swapTables("db0", "a/b", "c");
        assertEquals(new TreasureDataApi.JobStatus("77", "running", "c", "s", null, 3), api.jobStatus("77"));
        assertEquals("running", api.killJob("77"));

        assertEquals(List.of("GET /v3/database/list", "GET /v3/table/list/my%20db", "POST /v3/table/swap/db0/a%2Fb/c",
                "GET /v3/job/status/77", "POST /v3/job/kill/77"), td.paths());
        for (RecordedRequest r : td.requests) {
            assertEquals("TD1 " + FakeTd.KEY, r.getHeaders().get("Authorization"));
            assertEquals(PomVersion.userAgent("Treasure Data"), r.getHeaders().get("User-Agent"));
        }
    }

    @Test
    void errorBodiesAreReadIntoMessages() throws Exception {
        td.on("/v3/table/swap/db0/a/b", FakeTd.json(404, "{\"error\":\"Not Found\",\"text\":\"Table 'a' does not "
                + "exist\",\"severity\":\"error\"}"));
        td.on("/v3/job/status/1", FakeTd.json(400, "<html>bad</html>"));
        TreasureDataApi api = td.session(server, "").unwrap(TreasureDataApi.class);
        SQLException e = assertThrows(SQLException.class, () -> api.swapTables("db0", "a", "b"));
        assertEquals("42S02", e.getSQLState());
        assertTrue(e.getMessage().contains("Not Found: Table 'a' does not exist"), e.getMessage());
        SQLException e2 = assertThrows(SQLException.class, () -> api.jobStatus("1"));
        assertEquals("42000", e2.getSQLState());
        assertTrue(e2.getMessage().contains("<html>bad</html>"), e2.getMessage());
    }

    @Test
    void httpStatusesMapToTheStatesOfTheSharedTable() throws Exception {
        int[] statuses = {400, 401, 403, 404, 408, 429, 500, 502, 503, 504};
        for (int status : statuses) {
            td.on("/v3/job/status/" + status, FakeTd.json(status, "{\"error\":\"e" + status + "\"}"));
        }
        TreasureDataApi api = td.session(server, ";retries=0").unwrap(TreasureDataApi.class);
        for (int status : statuses) {
            SQLException e = assertThrows(SQLException.class, () -> api.jobStatus(String.valueOf(status)));
            assertEquals(HttpErrors.state(status).code(), e.getSQLState(), "HTTP " + status);
            assertEquals(HttpErrors.state(status).exception("x").getClass(), e.getClass(), "HTTP " + status);
            assertEquals(status, e.getErrorCode());
            assertTrue(e.getMessage().contains("e" + status), e.getMessage());
        }
    }

    @Test
    void isValidAndProductInfo() throws Exception {
        td.onJson("/v3/database/list", DATABASES);
        TdSession session = td.session(server, "");
        assertTrue(session.isValid(5));
        assertEquals("Treasure Data", session.productName());
        assertEquals("v3", session.productVersion());
        assertEquals("mydb", session.database());
        session.close();
        assertFalse(session.isValid(5));
        assertEquals("08003", assertThrows(SQLException.class, () -> session.newExecution("SELECT 1", null))
                .getSQLState());
    }

    @Test
    void isValidFalseOnRejectedKey() throws Exception {
        td.on("/v3/database/list", FakeTd.json(401, "{\"error\":\"Unauthorized\"}"));
        assertFalse(td.session(server, "").isValid(0));
    }
}
