package dev.rowpipe.jdbc;

import static dev.rowpipe.jdbc.MetaTestSupport.column;
import static dev.rowpipe.jdbc.MetaTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays, call by call, what DBeaver's generic JDBC plugin does (see /work/shared/reference/dbeaver-calls.md)
 * against {@code jdbc:fake://localhost/db1}, asserting what DBeaver reads. Values are read with getString here;
 * the typed getters DBeaver uses (getLong, getInt, getShort, getDate, getBoolean, getArray) belong to the value
 * reader's tests.
 */
class DbeaverReplayTest {
    private static final String URL = MetaTestSupport.URL;

    @BeforeEach
    @AfterEach
    void reset() {
        FakeBackend.reset();
    }

    /** Connect step 2: what DBeaver does on every connection it opens. */
    private static Connection openLikeDbeaver(Properties props) throws SQLException {
        Connection c = DriverManager.getConnection(URL, props);
        c.setAutoCommit(true);
        assertTrue(c.getAutoCommit());
        String catalog = c.getCatalog();
        assertEquals("db1", catalog);
        if (catalog == null || catalog.isEmpty()) {
            c.getSchema();
        }
        return c;
    }

    @Test
    void replay() throws SQLException {
        // Driver registration: acceptsURL and the Driver properties tab.
        Driver driver = DriverManager.getDriver(URL);
        assertTrue(driver.acceptsURL(URL));
        List<String> propertyNames = new ArrayList<>();
        for (DriverPropertyInfo p : driver.getPropertyInfo(URL, new Properties())) {
            propertyNames.add(p.name);
        }
        assertTrue(propertyNames.containsAll(List.of("user", "password")), propertyNames.toString());

        Properties props = new Properties();
        props.setProperty("user", "alice");
        props.setProperty("password", "s3cret");
        Connection main = openLikeDbeaver(props);
        Connection meta = openLikeDbeaver(props);
        try {
            DatabaseMetaData md = meta.getMetaData();
            dialectSetup(md);
            navigator(md);
            sqlEditor(props);
            tableDataTab(main);

            // Keep-alive, then disconnect (autocommit is on, so no rollback).
            assertFalse(main.isClosed());
            assertTrue(main.isValid(10000));
            assertTrue(main.getAutoCommit());
        } finally {
            main.close();
            meta.close();
        }
        assertTrue(main.isClosed());
        assertTrue(meta.isClosed());
    }

    /** Connect step 3 on the metadata connection. */
    private static void dialectSetup(DatabaseMetaData md) throws SQLException {
        assertEquals(4, md.getDatabaseMajorVersion());
        assertEquals(12, md.getDatabaseMinorVersion());
        assertEquals("\"", md.getIdentifierQuoteString());
        assertEquals(DatabaseMetaData.sqlStateSQL, md.getSQLStateType());
        assertTrue(md.supportsCorrelatedSubqueries());
        assertTrue(md.supportsSubqueriesInComparisons() && md.supportsSubqueriesInExists()
                && md.supportsSubqueriesInIns() && md.supportsSubqueriesInQuantifieds());
        assertFalse(md.supportsMixedCaseIdentifiers());
        assertTrue(md.supportsMixedCaseQuotedIdentifiers());
        assertFalse(md.storesUpperCaseIdentifiers());
        assertTrue(md.storesLowerCaseIdentifiers());
        assertFalse(md.storesUpperCaseQuotedIdentifiers());
        assertFalse(md.storesLowerCaseQuotedIdentifiers());
        assertEquals("\\", md.getSearchStringEscape());
        assertEquals(".", md.getCatalogSeparator());
        // Firebolt: names are qualified in queries, DML and table definitions; v1 has no procedures, qualified
        // index definitions or privileges.
        assertTrue(md.supportsCatalogsInDataManipulation() && md.supportsCatalogsInTableDefinitions());
        assertFalse(md.supportsCatalogsInProcedureCalls() || md.supportsCatalogsInIndexDefinitions()
                || md.supportsCatalogsInPrivilegeDefinitions());
        assertTrue(md.supportsSchemasInDataManipulation() && md.supportsSchemasInTableDefinitions());
        assertFalse(md.supportsSchemasInProcedureCalls() || md.supportsSchemasInIndexDefinitions()
                || md.supportsSchemasInPrivilegeDefinitions());
        assertEquals("", md.getExtraNameCharacters());
        assertTrue(md.isCatalogAtStart());
        assertNotNull(md.getSQLKeywords());
        assertNotNull(md.getNumericFunctions());
        assertNotNull(md.getStringFunctions());
        assertNotNull(md.getSystemFunctions());
        assertNotNull(md.getTimeDateFunctions());
        assertEquals("Firebolt", md.getDatabaseProductName());
        assertEquals("4.12.3", md.getDatabaseProductVersion());
        assertEquals(RowpipeDriver.NAME, md.getDriverName());
        assertNotNull(md.getDriverVersion());
        assertEquals("schema", md.getSchemaTerm());
        assertEquals("procedure", md.getProcedureTerm());
        assertEquals("database", md.getCatalogTerm());
        assertTrue(md.supportsBatchUpdates());
        assertFalse(md.supportsTransactions());

        List<List<String>> types = rows(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE", "LOCAL_TYPE_NAME",
                "UNSIGNED_ATTRIBUTE", "SEARCHABLE", "PRECISION", "MINIMUM_SCALE", "MAXIMUM_SCALE");
        assertEquals(18, types.size());
        for (List<String> t : types) {
            assertNotNull(t.get(0));
            Integer.parseInt(t.get(1));
            assertEquals("false", t.get(3));
        }

        List<String> catalogs = column(md.getCatalogs(), "TABLE_CAT");
        assertEquals(List.of("db1", "db2"), catalogs);
        // Only without catalogs would DBeaver ask for schemas here; both forms must still answer.
        assertEquals(3, rows(md.getSchemas(null, "%"), "TABLE_SCHEM", "TABLE_CATALOG").size());
        assertEquals(3, rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG").size());
    }

    /** The navigator tree: schemas of a catalog, tables and views, columns, keys, indexes, procedures. */
    private static void navigator(DatabaseMetaData md) throws SQLException {
        assertEquals(List.of("information_schema", "public"), column(md.getSchemas("db1", "%"), "TABLE_SCHEM"));

        List<String> tables = new ArrayList<>();
        List<String> views = new ArrayList<>();
        for (List<String> t : rows(md.getTables("db1", "public", "%", null), "TABLE_NAME", "TABLE_TYPE",
                "TABLE_SCHEM", "REMARKS")) {
            assertEquals("public", t.get(2));
            String type = t.get(1);
            if (type != null && type.contains("VIEW")) {
                views.add(t.get(0));
            } else if (type == null || !type.contains("SYSTEM")) {
                tables.add(t.get(0));
            }
        }
        assertEquals(List.of("a_c", "abc", "wwwXaccess", "www_access"), tables);
        assertEquals(List.of("abc_view"), views);

        List<String> all = new ArrayList<>(tables);
        all.addAll(views);
        for (String table : all) {
            // The name is passed unescaped; every row returned is attributed to this table.
            List<List<String>> cols = rows(md.getColumns("db1", "public", table, "%"), "TABLE_NAME", "COLUMN_NAME",
                    "DATA_TYPE", "SOURCE_DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "NULLABLE", "DECIMAL_DIGITS",
                    "NUM_PREC_RADIX", "COLUMN_DEF", "REMARKS", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
                    "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");
            assertFalse(cols.isEmpty(), table);
            int ordinal = 0;
            for (List<String> c : cols) {
                assertEquals(table, c.get(0));
                assertNull(c.get(3));
                assertEquals(++ordinal, Integer.parseInt(c.get(12)), table + "." + c.get(1));
                assertEquals("NO", c.get(13));
                assertEquals("NO", c.get(14));
            }
            if (table.equals("a_c")) {
                assertEquals(List.of("a_c_id", "flag"), List.of(cols.get(0).get(1), cols.get(1).get(1)));
                assertEquals(2, cols.size());
            }

            assertTrue(rows(md.getPrimaryKeys("db1", "public", table), "COLUMN_NAME").isEmpty());
            assertTrue(rows(md.getImportedKeys("db1", "public", table), "FKCOLUMN_NAME").isEmpty());
            assertTrue(rows(md.getExportedKeys("db1", "public", table), "FKCOLUMN_NAME").isEmpty());
            assertTrue(rows(md.getIndexInfo("db1", "public", table, false, true), "INDEX_NAME").isEmpty());
        }
        assertTrue(rows(md.getIndexInfo("db1", "public", "%", false, true), "INDEX_NAME").isEmpty());
        assertTrue(rows(md.getFunctions("db1", "public", "%"), "FUNCTION_NAME").isEmpty());
        assertTrue(rows(md.getProcedures("db1", "public", "%"), "PROCEDURE_NAME").isEmpty());
    }

    /** A SQL editor connection is switched to the catalog/schema that getCatalog/getSchema gave: no throw. */
    private static void sqlEditor(Properties props) throws SQLException {
        try (Connection editor = openLikeDbeaver(props)) {
            editor.setCatalog(editor.getCatalog());
            editor.setSchema(editor.getSchema());
            assertEquals("public", editor.getSchema());
            assertNull(editor.getWarnings());
        }
    }

    /** The table data tab: execute with maxRows 200, read metadata and values, warnings, then an update. */
    private static void tableDataTab(Connection c) throws SQLException {
        try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setMaxRows(200);
            assertTrue(st.execute("SELECT * FROM db1.public.abc"));
            assertEquals(List.of("SELECT * FROM db1.public.abc"), FakeBackend.executed());
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData rm = rs.getMetaData();
                assertEquals(FakeResults.SAMPLE_COLUMNS.size(), rm.getColumnCount());
                for (int i = 1; i <= rm.getColumnCount(); i++) {
                    assertEquals(FakeResults.SAMPLE_COLUMNS.get(i - 1).name(), rm.getColumnLabel(i));
                    assertEquals(FakeResults.SAMPLE_COLUMNS.get(i - 1).name(), rm.getColumnName(i));
                    assertNotNull(rm.getTableName(i));
                    assertNotNull(rm.getCatalogName(i));
                    assertNotNull(rm.getSchemaName(i));
                    rm.isNullable(i);
                    assertTrue(rm.getColumnDisplaySize(i) > 0, rm.getColumnName(i));
                    assertNotNull(rm.getColumnTypeName(i));
                    rm.getColumnType(i);
                    assertFalse(rm.isAutoIncrement(i));
                    rm.getPrecision(i);
                    rm.getScale(i);
                    assertFalse(rm.isWritable(i));
                }
                assertEquals(Types.INTEGER, rm.getColumnType(1));
                assertEquals(ResultSetMetaData.columnNoNulls, rm.isNullable(1));
                assertEquals(Types.ARRAY, rm.getColumnType(7));

                assertTrue(rs.next());
                assertEquals("1", rs.getString(1));
                assertFalse(rs.wasNull());
                assertEquals("one", rs.getString(4));
                assertEquals("2024-01-02", rs.getString(5));
                assertTrue(rs.next());
                assertEquals("2", rs.getString(1));
                assertNull(rs.getString(2));
                assertTrue(rs.wasNull());
                assertFalse(rs.next());
            }
            st.getWarnings();
            st.clearWarnings();
            c.getWarnings();
            c.clearWarnings();

            assertFalse(st.execute("INSERT INTO abc VALUES (3, 'three', 1)"));
            assertNull(st.getResultSet());
            assertEquals(1L, st.getLargeUpdateCount());
        }
    }
}
