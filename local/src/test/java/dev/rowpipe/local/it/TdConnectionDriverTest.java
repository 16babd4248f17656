package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.jdbc.RowpipeStatement;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Connecting, jobs, errors, prepared statements, swaps and metadata: the TD driver against the local server. */
@ExtendWith(LocalServerExtension.class)
class TdConnectionDriverTest {

    static Connection connect(LocalServer server, String type) throws SQLException {
        Properties p = new Properties();
        p.setProperty("apikey", server.demoApiKey());
        p.setProperty("type", type);
        // A local server answers in milliseconds: poll often so that the many small jobs here stay fast.
        p.setProperty("poll_initial_ms", "5");
        p.setProperty("poll_max_ms", "50");
        return DriverManager.getConnection(server.tdJdbcUrl(), p);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void apiKeyOrPasswordConnects(LocalServer server) throws Exception {
        try (Connection c = connect(server, "presto")) {
            assertEquals(2000, count(c, "SELECT count(*) FROM www_access"));
        }
        Properties p = new Properties();
        p.setProperty("user", "someone");
        p.setProperty("password", server.demoApiKey());
        try (Connection c = DriverManager.getConnection(server.tdJdbcUrl(), p)) {
            assertEquals(2000, count(c, "SELECT count(*) FROM nasdaq"));
        }
    }

    @Test
    void wrongKeyIs28000WithoutTheKey(LocalServer server) {
        String key = "1/wrongwrongwrongwrongwrongwrongwrong0123";
        Properties p = new Properties();
        p.setProperty("apikey", key);
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = DriverManager.getConnection(server.tdJdbcUrl(), p)) {
                count(c, "SELECT 1");
            }
        });
        assertEquals("28000", e.getSQLState(), e.toString());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(key), t.toString());
            assertFalse(String.valueOf(t.getMessage()).contains("wrongwrong"), t.toString());
        }
    }

    @Test
    void jobIdIsReportedAndVisible(LocalServer server) throws Exception {
        try (Connection c = connect(server, "presto"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 42")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
            String jobId = st.unwrap(RowpipeStatement.class).getLastQueryId();
            assertNotNull(jobId);
            assertTrue(jobId.matches("\\d+"), jobId);
            SQLWarning w = st.getWarnings();
            assertNotNull(w);
            StringBuilder all = new StringBuilder();
            for (; w != null; w = w.getNextWarning()) {
                all.append(w.getMessage()).append('\n');
            }
            assertTrue(all.toString().contains(jobId), all.toString());
            TreasureDataApi api = c.unwrap(TreasureDataApi.class);
            TreasureDataApi.JobStatus status = api.jobStatus(jobId);
            assertEquals(jobId, status.jobId());
            assertEquals("success", status.status());
            assertEquals(1, status.numRecords());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hive", "presto", "trino"})
    void badSqlCarriesTheEngineError(String type, LocalServer server) throws Exception {
        try (Connection c = connect(server, type); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.executeQuery("SELECT no_such_column FROM www_access"));
            assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
            assertNotNull(e.getSQLState());
            // The connection stays usable.
            assertEquals(1, count(c, "SELECT 1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hive", "presto", "trino"})
    void preparedHostileStringsRoundTrip(String type, LocalServer server) throws Exception {
        String table = "ps_" + type;
        List<String> values = List.of(TdResultFormatsDriverTest.HOSTILE, "it's", "back\\slash\\", "\\'", "''",
                "\\\\n", "--", "/* x */", ";", "", "\u00e9\u4e2d");
        try (Connection c = connect(server, type); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id BIGINT, s VARCHAR)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                for (int i = 0; i < values.size(); i++) {
                    ps.setLong(1, i);
                    ps.setString(2, values.get(i));
                    ps.execute();
                }
            }
            List<String> read = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT s FROM " + table + " ORDER BY id")) {
                while (rs.next()) {
                    read.add(rs.getString(1));
                }
            }
            assertEquals(values, read);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + " WHERE s = ?")) {
                for (int i = 0; i < values.size(); i++) {
                    ps.setString(1, values.get(i));
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), values.get(i));
                        assertEquals(i, rs.getLong(1));
                        assertFalse(rs.next());
                    }
                }
            }
        }
    }

    @Test
    void swapAndListings(LocalServer server) throws Exception {
        try (Connection c = connect(server, "presto"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE swap_a AS SELECT 'a' AS v");
            st.execute("CREATE TABLE swap_b AS SELECT 'b' AS v UNION ALL SELECT 'bb'");
            st.execute("ALTER TABLE swap_a SWAP WITH swap_b");
            assertEquals(2, count(c, "SELECT count(*) FROM swap_a"));
            assertEquals(1, count(c, "SELECT count(*) FROM swap_b"));
            TreasureDataApi api = c.unwrap(TreasureDataApi.class);
            List<String> dbs = new ArrayList<>();
            for (TreasureDataApi.Database d : api.listDatabases()) {
                dbs.add(d.name());
            }
            assertTrue(dbs.contains("sample_datasets"), dbs.toString());
            List<String> tables = new ArrayList<>();
            for (TreasureDataApi.Table t : api.listTables("sample_datasets")) {
                tables.add(t.name());
                if (t.name().equals("www_access")) {
                    assertEquals(2000, t.count());
                    assertFalse(t.columns().isEmpty());
                }
            }
            assertTrue(tables.containsAll(List.of("www_access", "nasdaq", "swap_a", "swap_b")), tables.toString());
        }
    }

    @Test
    void metadata(LocalServer server) throws Exception {
        try (Connection c = connect(server, "presto"); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS meta_db");
            st.execute("CREATE TABLE IF NOT EXISTS meta_db.other_table (x BIGINT)");
            DatabaseMetaData md = c.getMetaData();
            List<String> catalogs = new ArrayList<>();
            try (ResultSet rs = md.getCatalogs()) {
                while (rs.next()) {
                    catalogs.add(rs.getString("TABLE_CAT"));
                }
            }
            assertTrue(catalogs.containsAll(List.of("sample_datasets", "meta_db")), catalogs.toString());

            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "www\\_access", null)) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_CAT") + "." + rs.getString("TABLE_NAME"));
                }
            }
            assertEquals(List.of("sample_datasets.www_access"), tables);
            try (ResultSet rs = md.getTables("meta_db", null, "%", null)) {
                assertTrue(rs.next());
                assertEquals("other_table", rs.getString("TABLE_NAME"));
                assertEquals("meta_db", rs.getString("TABLE_CAT"));
                assertFalse(rs.next());
            }
            try (ResultSet rs = md.getTables("meta_db", null, "www%", null)) {
                assertFalse(rs.next());
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns("sample_datasets", null, "www\\_access", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME"));
                    assertEquals("www_access", rs.getString("TABLE_NAME"));
                    if (rs.getString("COLUMN_NAME").equals("time")) {
                        assertEquals(java.sql.Types.BIGINT, rs.getInt("DATA_TYPE"));
                    }
                }
            }
            assertTrue(columns.containsAll(List.of("time", "host", "path", "method", "code", "size")), columns.toString());
        }
    }

    @Test
    void literalsFollowTheEngine(LocalServer server) throws Exception {
        // Hive: a backslash escapes, and 'x' 'y' are joined; presto: standard SQL, '' is a quote.
        String hive = "SELECT 'a\\tb' AS s, 'it\\'s' AS q, 'x' 'y' AS j";
        try (Connection c = connect(server, "hive"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(hive)) {
            assertTrue(rs.next());
            assertEquals("a\tb", rs.getString(1));
            assertEquals("it's", rs.getString(2));
            assertEquals("xy", rs.getString(3));
        }
        String presto = "SELECT 'a\\tb' AS s, 'it''s' AS q";
        try (Connection c = connect(server, "presto"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(presto)) {
            assertTrue(rs.next());
            assertEquals("a\\tb", rs.getString(1));
            assertEquals("it's", rs.getString(2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hive", "presto"})
    void preparedTypedParametersRoundTrip(String type, LocalServer server) throws Exception {
        String table = "typed_" + type;
        try (Connection c = connect(server, type); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id BIGINT, d DATE, ts TIMESTAMP, dec DECIMAL(12,3), b BOOLEAN, "
                    + "dbl DOUBLE, s VARCHAR)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, Long.MIN_VALUE);
                ps.setDate(2, java.sql.Date.valueOf("2024-02-29"));
                ps.setTimestamp(3, java.sql.Timestamp.valueOf("2024-02-29 23:59:58.125"));
                ps.setBigDecimal(4, new java.math.BigDecimal("-123456789.125"));
                ps.setBoolean(5, true);
                ps.setDouble(6, -1.5e-7);
                ps.setNull(7, java.sql.Types.VARCHAR);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ? AND d = ? AND s IS NULL");
                 ) {
                ps.setLong(1, Long.MIN_VALUE);
                ps.setObject(2, java.time.LocalDate.of(2024, 2, 29));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(java.sql.Timestamp.valueOf("2024-02-29 23:59:58.125"), rs.getTimestamp("ts"));
                    assertEquals(0, new java.math.BigDecimal("-123456789.125").compareTo(rs.getBigDecimal("dec")));
                    assertTrue(rs.getBoolean("b"));
                    assertEquals(-1.5e-7, rs.getDouble("dbl"));
                    assertEquals(null, rs.getString("s"));
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void unknownDatabaseIsNamed(LocalServer server) throws Exception {
        Properties p = new Properties();
        p.setProperty("apikey", server.demoApiKey());
        String url = server.tdJdbcUrl().replace("/sample_datasets", "/no_such_db");
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = DriverManager.getConnection(url, p)) {
                count(c, "SELECT 1");
            }
        });
        assertTrue(e.getMessage().contains("no_such_db"), e.getMessage());
        assertFalse(e.getMessage().contains(server.demoApiKey()), e.getMessage());
    }
}
