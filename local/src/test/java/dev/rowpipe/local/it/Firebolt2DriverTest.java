package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.EngineStatus;
import dev.rowpipe.api.FireboltEngines;
import dev.rowpipe.jdbc.RowpipeStatement;
import dev.rowpipe.local.Firebolt2Extension;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.firebolt2.Firebolt2;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The driver against the local Firebolt 2.0 platform and Firebolt Core: connect, query in every format, metadata,
 * cancel, timeout, transactions, engine statements, the session the server steers.
 */
@ExtendWith(Firebolt2Extension.class)
class Firebolt2DriverTest {
    /** Runs for many minutes unless cancelled. */
    private static final String SLOW = FireboltCancelTest.SLOW;

    /** 2.0 on the user engine, or Core. */
    private static Connection connect(LocalServer server, String flavour, String... extra) throws SQLException {
        return flavour.equals("core") ? Firebolt2It.core(server, LocalServer.FIREBOLT_DATABASE, extra)
                : Firebolt2It.platform(server, "local_engine", extra);
    }

    @Test
    void aServiceAccountConnectsToItsEngineAndDatabase(LocalServer server) throws Exception {
        Firebolt2 fb = server.firebolt2();
        try (Connection c = Firebolt2It.platform(server, "local_engine")) {
            assertEquals("local_db", c.getCatalog());
            assertEquals("public", c.getSchema());
            assertEquals("Firebolt", c.getMetaData().getDatabaseProductName());
            assertTrue(c.isValid(5));
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM page_views_sample")) {
                assertTrue(rs.next());
                assertEquals(100, rs.getLong(1));
            }
        }
        // What BI tools send: user and password; and a service account whose id and secret need encoding.
        Properties tool = new Properties();
        tool.setProperty("user", "encoded+client");
        tool.setProperty("password", "s3cr+t&x=y%z");
        try (Connection c = DriverManager.getConnection(fb.jdbcUrl("local_db", "local_engine"), tool);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 5")) {
            assertTrue(rs.next());
            assertEquals(5, rs.getInt(1));
        }
    }

    @Test
    void theSystemEngineAloneAnswersCatalogQueriesAndUseEngineMovesTheSession(LocalServer server) throws Exception {
        try (Connection c = Firebolt2It.platform(server, null); Statement st = c.createStatement()) {
            assertEquals("local_db", c.getCatalog());
            try (ResultSet rs = st.executeQuery("SELECT engine_name, status FROM information_schema.engines "
                    + "ORDER BY engine_name")) {
                assertTrue(rs.next());
                assertEquals("local_engine", rs.getString(1));
            }
            SQLException refused = assertThrows(SQLException.class,
                    () -> st.executeQuery("SELECT count(*) FROM page_views_sample"));
            assertTrue(refused.getMessage().contains("SystemEngineRestriction"), refused.getMessage());
            // Typed in a SQL editor: the server's answer moves the session to the user engine.
            st.execute("USE ENGINE local_engine");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM page_views_sample")) {
                assertTrue(rs.next());
                assertEquals(100, rs.getLong(1));
            }
            assertEquals("local_db", c.getCatalog());
        }
    }

    @Test
    void wrongAccountAndUnlinkedServiceAccountSayWhatToCheck(LocalServer server) throws Exception {
        Firebolt2 fb = server.firebolt2();
        Properties demo = new Properties();
        demo.setProperty("client_id", fb.demoClientId());
        demo.setProperty("client_secret", fb.demoClientSecret());
        String url = fb.jdbcUrl("local_db", "local_engine");
        SQLException account = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url.replace("account=local", "account=nope"), demo));
        assertEquals("42S02", account.getSQLState());
        assertTrue(account.getMessage().contains("'nope'") && account.getMessage().contains("'account'"),
                account.getMessage());

        Properties unlinked = new Properties();
        unlinked.setProperty("client_id", fb.unlinkedClientId());
        unlinked.setProperty("client_secret", fb.unlinkedClientSecret());
        SQLException engine = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                fb.jdbcUrl("local_db", "local_engine").replace("/local_db", "/"), unlinked));
        assertTrue(engine.getMessage().contains("does not exist or not authorized"), engine.getMessage());
        assertTrue(engine.getMessage().contains("service account '" + fb.unlinkedClientId()
                + "' may lack access: link it to a user"), engine.getMessage());

        Properties wrong = new Properties();
        wrong.setProperty("client_id", fb.demoClientId());
        wrong.setProperty("client_secret", "not-the-secret");
        SQLException secret = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, wrong));
        assertEquals("28000", secret.getSQLState());
        assertFalse(secret.getMessage().contains("not-the-secret"), secret.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TabSeparatedWithNamesAndTypes", "JSON_Compact", "JSONLines_Compact"})
    void everyFormatReadsThe20Types(String format, LocalServer server) throws Exception {
        for (String flavour : new String[] {"platform", "core"}) {
            try (Connection c = connect(server, flavour, "output_format", format); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1::INT AS i, 9007199254740993::BIGINT AS b, "
                         + "CAST('12.50' AS DECIMAL(10,2)) AS n, 'a\\b''c' AS s, true AS t, DATE '2024-02-29' AS d, "
                         + "TIMESTAMP '2024-01-02 03:04:05.123456' AS ts, "
                         + "TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tz, [1, NULL, 3] AS a, ['x y', NULL, ''] AS sa, "
                         + "NULL::INT AS z")) {
                String where = flavour + " " + format;
                assertTrue(rs.next(), where);
                assertEquals(1, rs.getInt("i"), where);
                assertEquals(9007199254740993L, rs.getLong("b"), where);
                assertEquals(new BigDecimal("12.50"), rs.getBigDecimal("n"), where);
                assertEquals("a\\b'c", rs.getString("s"), where);
                assertTrue(rs.getBoolean("t"), where);
                assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("d", LocalDate.class), where);
                assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
                        rs.getObject("ts", LocalDateTime.class), where);
                assertEquals(OffsetDateTime.parse("2024-01-02T03:04:05Z").toInstant(),
                        rs.getObject("tz", OffsetDateTime.class).toInstant(), where);
                assertEquals(Arrays.asList(1, null, 3), Arrays.asList((Object[]) rs.getArray("a").getArray()), where);
                assertEquals(Arrays.asList("x y", null, ""), Arrays.asList((Object[]) rs.getArray("sa").getArray()),
                        where);
                rs.getInt("z");
                assertTrue(rs.wasNull(), where);
                assertEquals(Types.DECIMAL, rs.getMetaData().getColumnType(3), where);
                assertEquals(Types.ARRAY, rs.getMetaData().getColumnType(9), where);
                assertFalse(rs.next(), where);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform", "core"})
    void hostileStringsRoundTripThroughStandardLiterals(String flavour, LocalServer server) throws Exception {
        List<String> corpus = new ArrayList<>(FireboltStatementsTest.hostileStrings());
        corpus.removeIf(s -> s.indexOf('\0') >= 0);
        String table = "fb2_hostile_" + flavour;
        try (Connection c = connect(server, flavour); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id INT, s TEXT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                for (int i = 0; i < corpus.size(); i++) {
                    ps.setInt(1, i);
                    ps.setString(2, corpus.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT id, s FROM " + table + " WHERE s = ?")) {
                for (int i = 0; i < corpus.size(); i++) {
                    q.setString(1, corpus.get(i));
                    try (ResultSet rs = q.executeQuery()) {
                        assertTrue(rs.next(), "no row for corpus entry " + i);
                        assertEquals(i, rs.getInt(1), "corpus entry " + i);
                        assertEquals(corpus.get(i), rs.getString(2), "corpus entry " + i);
                        assertFalse(rs.next());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform", "core"})
    void metadataFromInformationSchema(String flavour, LocalServer server) throws Exception {
        String table = "fb2_meta_" + flavour;
        try (Connection c = connect(server, flavour); Statement st = c.createStatement()) {
            st.execute("DROP VIEW IF EXISTS " + table + "_v");
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL, name TEXT, price NUMERIC(10, 2), "
                    + "seen TIMESTAMPTZ, tags ARRAY(TEXT), ok BOOLEAN)");
            st.execute("CREATE VIEW " + table + "_v AS SELECT id, name FROM " + table);
            DatabaseMetaData md = c.getMetaData();
            List<String> catalogs = new ArrayList<>();
            try (ResultSet rs = md.getCatalogs()) {
                while (rs.next()) {
                    catalogs.add(rs.getString("TABLE_CAT"));
                }
            }
            assertTrue(catalogs.contains("local_db"), catalogs.toString());
            try (ResultSet rs = md.getSchemas("local_db", "%")) {
                assertTrue(rs.next());
                assertEquals("public", rs.getString("TABLE_SCHEM"));
            }
            Map<String, String> types = new TreeMap<>();
            try (ResultSet rs = md.getTables("local_db", "public", table + "%", null)) {
                while (rs.next()) {
                    types.put(rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE"));
                }
            }
            assertEquals(Map.of(table, "TABLE", table + "_v", "VIEW"), types);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns("local_db", "public", table, "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " "
                            + rs.getInt("NULLABLE"));
                }
            }
            assertEquals(List.of("id " + Types.BIGINT + " " + DatabaseMetaData.columnNoNulls,
                    "name " + Types.VARCHAR + " " + DatabaseMetaData.columnNullable,
                    "price " + Types.DECIMAL + " " + DatabaseMetaData.columnNullable,
                    "seen " + Types.TIMESTAMP_WITH_TIMEZONE + " " + DatabaseMetaData.columnNullable,
                    "tags " + Types.ARRAY + " " + DatabaseMetaData.columnNullable,
                    "ok " + Types.BOOLEAN + " " + DatabaseMetaData.columnNullable), columns);
            try (ResultSet rs = md.getTypeInfo()) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString("TYPE_NAME"));
                }
                assertTrue(names.contains("TEXT") && names.contains("DOUBLE PRECISION"), names.toString());
            }
            assertTrue(md.supportsTransactions() == flavour.equals("platform"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform", "core"})
    void cancelStopsTheServersQuery(String flavour, LocalServer server) throws Exception {
        try (Connection c = connect(server, flavour); Statement st = c.createStatement()) {
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    st.executeQuery(SLOW);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            });
            // A cancel that comes before the request is sent has nothing to stop: repeat until it lands.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!running.isDone() && System.nanoTime() < deadline) {
                st.cancel();
                try {
                    running.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // still running, or done: the loop decides
                }
            }
            assertTrue(running.isDone(), "cancel did not stop the query within 30 s");
            SQLException e = assertInstanceOf(SQLException.class,
                    assertThrows(ExecutionException.class, running::get).getCause());
            assertEquals("HY008", e.getSQLState(), e.toString());
            String label = st.unwrap(RowpipeStatement.class).getLastQueryId();
            assertNotNull(label);
            assertFalse(Firebolt2It.stillRuns(server, c, label), "query " + label + " still runs");
            try (ResultSet rs = st.executeQuery("SELECT 7")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform", "core"})
    void queryTimeoutIsHyt00AndEndsTheServersQuery(String flavour, LocalServer server) throws Exception {
        try (Connection c = connect(server, flavour); Statement st = c.createStatement()) {
            st.setQueryTimeout(1);
            long start = System.nanoTime();
            SQLTimeoutException e = assertThrows(SQLTimeoutException.class, () -> st.executeQuery(SLOW));
            assertEquals("HYT00", e.getSQLState());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15),
                    "the timeout took " + Duration.ofNanos(System.nanoTime() - start));
            String label = st.unwrap(RowpipeStatement.class).getLastQueryId();
            st.setQueryTimeout(0);
            assertFalse(Firebolt2It.stillRuns(server, c, label), "query " + label + " still runs");
            try (ResultSet rs = st.executeQuery("SELECT 8")) {
                assertTrue(rs.next());
                assertEquals(8, rs.getInt(1));
            }
        }
    }

    @Test
    void transactionsCommitAndRollBack(LocalServer server) throws Exception {
        try (Connection c = Firebolt2It.platform(server, "local_engine");
             Connection other = Firebolt2It.platform(server, "local_engine");
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS fb2_tx");
            st.execute("CREATE TABLE fb2_tx (id INT)");
            c.setAutoCommit(false);
            assertFalse(c.getAutoCommit());
            st.execute("INSERT INTO fb2_tx VALUES (1)");
            st.execute("INSERT INTO fb2_tx VALUES (2)");
            assertEquals(2, count(c, "fb2_tx"), "the transaction sees its own rows");
            assertEquals(0, count(other, "fb2_tx"), "others do not before the commit");
            c.commit();
            assertEquals(2, count(other, "fb2_tx"));
            st.execute("INSERT INTO fb2_tx VALUES (3)");
            c.rollback();
            assertEquals(2, count(c, "fb2_tx"));
            st.execute("INSERT INTO fb2_tx VALUES (4)");
            c.setAutoCommit(true);
            assertEquals(3, count(other, "fb2_tx"), "setAutoCommit(true) commits");
            st.execute("INSERT INTO fb2_tx VALUES (5)");
            assertEquals(4, count(other, "fb2_tx"));
        }
        // Core and v1 have no transactions: auto-commit off is accepted with a warning, and a rollback after a write
        // says the write cannot be undone.
        for (Connection none : new Connection[] {Firebolt2It.core(server, "local_db"), FireboltIt.connect(server)}) {
            try (none; Statement s = none.createStatement()) {
                none.setAutoCommit(false);
                assertTrue(none.getWarnings().getMessage().contains("no transactions"), none.getWarnings().getMessage());
                s.execute("INSERT INTO fb2_tx VALUES (9)");
                SQLException e = assertThrows(SQLException.class, none::rollback);
                assertEquals("25000", e.getSQLState());
            }
        }
    }

    @Test
    void closingWithAnOpenTransactionRollsItBack(LocalServer server) throws Exception {
        try (Connection c = Firebolt2It.platform(server, "local_engine"); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS fb2_tx_close");
            st.execute("CREATE TABLE fb2_tx_close (id INT)");
        }
        try (Connection c = Firebolt2It.platform(server, "local_engine"); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("INSERT INTO fb2_tx_close VALUES (1)");
        }
        try (Connection c = Firebolt2It.platform(server, "local_engine")) {
            assertEquals(0, count(c, "fb2_tx_close"));
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void engineStatementsAndTheEnginesApi(LocalServer server) throws Exception {
        try (Connection c = Firebolt2It.platform(server, "local_engine"); Statement st = c.createStatement()) {
            FireboltEngines engines = c.unwrap(FireboltEngines.class);
            assertTrue(engines.status("local_engine").isServing());
            st.execute("START ENGINE local_engine_2");
            assertEquals("RUNNING", engines.status("local_engine_2").currentStatus());
            st.execute("STOP ENGINE local_engine_2");
            EngineStatus stopped = engines.status("local_engine_2");
            assertEquals("STOPPED", stopped.currentStatus());
            assertFalse(stopped.isRunning());
            assertTrue(engines.startAndWait("local_engine_2", Duration.ofSeconds(30)).isServing());
            engines.stop("local_engine_2");
            assertEquals(server.firebolt2().userEngineEndpoint("local_engine"),
                    engines.resolveEndpoint("local_engine", "local_db"));
            SQLException unknown = assertThrows(SQLException.class, () -> st.execute("START ENGINE nope"));
            assertTrue(unknown.getMessage().contains("Engine \"nope\" does not exist"), unknown.getMessage());
        }
        // A health check on a stopped engine answers false and leaves it stopped.
        try (Connection c = Firebolt2It.platform(server, "local_engine_2")) {
            assertFalse(c.isValid(5));
            try (Connection admin = Firebolt2It.platform(server, null)) {
                assertEquals("STOPPED", admin.unwrap(FireboltEngines.class).status("local_engine_2").currentStatus());
            }
        }
        try (Connection core = Firebolt2It.core(server, "local_db"); Statement st = core.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.execute("START ENGINE x"));
            assertTrue(e.getMessage().contains("NotSupported"), e.getMessage());
            assertFalse(core.isWrapperFor(FireboltEngines.class));
        }
    }

    @Test
    void setAndUseChangeTheSessionAsTheServerSays(LocalServer server) throws Exception {
        try (Connection c = Firebolt2It.platform(server, "local_engine"); Statement st = c.createStatement()) {
            st.execute("SET time_zone = 'Asia/Kolkata'");
            try (ResultSet rs = st.executeQuery("SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' AS t")) {
                assertTrue(rs.next());
                assertEquals(java.time.ZoneOffset.ofHoursMinutes(5, 30),
                        rs.getObject(1, OffsetDateTime.class).getOffset(), rs.getString(1));
            }
            st.execute("SET time_zone TO DEFAULT");
            try (ResultSet rs = st.executeQuery("SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' AS t")) {
                assertTrue(rs.next());
                assertEquals(java.time.ZoneOffset.UTC, rs.getObject(1, OffsetDateTime.class).getOffset());
            }
            SQLException typo = assertThrows(SQLException.class, () -> st.execute("SET time_zon = 'UTC'"));
            assertTrue(typo.getMessage().contains("UnknownSetting"), typo.getMessage());
            // Literals follow the session: with standard_conforming_strings off a backslash escapes again.
            st.execute("SET standard_conforming_strings = false");
            try (PreparedStatement ps = c.prepareStatement("SELECT ? AS s")) {
                ps.setString(1, "it's a \\ backslash");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("it's a \\ backslash", rs.getString(1));
                }
            }
        }
        try (Connection core = Firebolt2It.core(server, "firebolt"); Statement st = core.createStatement()) {
            assertEquals("firebolt", core.getCatalog());
            core.setCatalog("local_db");
            assertEquals("local_db", core.getCatalog());
            assertEquals(100, count(core, "page_views_sample"));
            st.execute("USE DATABASE firebolt");
            assertEquals("firebolt", core.getCatalog());
            assertNull(core.getWarnings());
        }
        SQLException unknown = assertThrows(SQLException.class, () -> Firebolt2It.core(server, "nope"));
        assertTrue(unknown.getMessage().contains("Database \"nope\" does not exist"), unknown.getMessage());
    }

    @Test
    void anErrorAfterRowsIsRaisedInEveryFormat(LocalServer server) throws Exception {
        for (String format : new String[] {"TabSeparatedWithNamesAndTypes", "JSON_Compact", "JSONLines_Compact"}) {
            Firebolt2 fb = server.firebolt2();
            Properties p = new Properties();
            p.setProperty("client_id", fb.demoClientId());
            p.setProperty("client_secret", fb.demoClientSecret());
            p.setProperty("output_format", format);
            server.setFaults(dev.rowpipe.local.FaultSettings.NONE.withErrorAfterRows(10));
            try (Connection c = DriverManager.getConnection(fb.jdbcUrl("local_db", "local_engine"), p);
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT range FROM range(100)")) {
                int rows = 0;
                SQLException e = null;
                try {
                    while (rs.next()) {
                        rows++;
                    }
                } catch (SQLException failure) {
                    e = failure;
                }
                assertNotNull(e, format + ": the error after rows must not end the result quietly");
                assertTrue(e.getMessage().contains("injected fault"), format + ": " + e.getMessage());
                assertTrue(rows <= 10, format + ": " + rows + " rows");
            } finally {
                server.setFaults(dev.rowpipe.local.FaultSettings.NONE);
            }
        }
    }
}
