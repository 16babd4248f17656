package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays, call by call, what DBeaver's generic JDBC plugin does (/work/shared/reference/dbeaver-calls.md) against
 * the local server's Treasure Data API, key given as the password the way DBeaver sends it.
 */
@ExtendWith(LocalServerExtension.class)
class TdDbeaverReplayDriverTest {

    private static Connection openLikeDbeaver(String url, Properties props) throws SQLException {
        Connection c = DriverManager.getConnection(url, props);
        c.setAutoCommit(true);
        assertTrue(c.getAutoCommit());
        String catalog = c.getCatalog();
        assertEquals("sample_datasets", catalog);
        return c;
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getString(name));
            }
        }
        return out;
    }

    /** Keys, indexes: an empty result or SQLFeatureNotSupportedException; anything else is a UI error. */
    private interface MetaCall {
        ResultSet call() throws SQLException;
    }

    private static void emptyOrUnsupported(MetaCall call) throws SQLException {
        try (ResultSet rs = call.call()) {
            assertFalse(rs.next());
        } catch (SQLFeatureNotSupportedException expected) {
            // DBeaver treats this as "none".
        }
    }

    @Test
    void replay(LocalServer server) throws Exception {
        String url = server.tdJdbcUrl();
        Driver driver = DriverManager.getDriver(url);
        assertTrue(driver.acceptsURL(url));
        List<String> names = new ArrayList<>();
        for (DriverPropertyInfo p : driver.getPropertyInfo(url, new Properties())) {
            names.add(p.name);
        }
        assertTrue(names.containsAll(List.of("user", "password")), names.toString());

        Properties props = new Properties();
        props.setProperty("user", "me");
        props.setProperty("password", server.demoApiKey());
        try (Connection main = openLikeDbeaver(url, props); Connection meta = openLikeDbeaver(url, props)) {
            DatabaseMetaData md = meta.getMetaData();
            md.getDatabaseMajorVersion();
            md.getDatabaseMinorVersion();
            assertNotNull(md.getIdentifierQuoteString());
            md.getSQLStateType();
            md.supportsCorrelatedSubqueries();
            md.storesLowerCaseIdentifiers();
            assertNotNull(md.getSearchStringEscape());
            md.getCatalogSeparator();
            // TD's own description: databases qualify names, there are no schemas to.
            assertTrue(md.supportsCatalogsInDataManipulation());
            assertFalse(md.supportsSchemasInDataManipulation() || md.supportsSchemasInTableDefinitions());
            assertNotNull(md.getSQLKeywords());
            assertNotNull(md.getNumericFunctions());
            assertNotNull(md.getStringFunctions());
            assertNotNull(md.getSystemFunctions());
            assertNotNull(md.getTimeDateFunctions());
            assertNotNull(md.getDatabaseProductName());
            assertNotNull(md.getDatabaseProductVersion());
            assertNotNull(md.getDriverName());
            md.supportsBatchUpdates();
            assertFalse(md.supportsTransactions());
            try (ResultSet rs = md.getTypeInfo()) {
                int n = 0;
                while (rs.next()) {
                    assertNotNull(rs.getString("TYPE_NAME"));
                    rs.getInt("DATA_TYPE");
                    rs.getString("LOCAL_TYPE_NAME");
                    rs.getBoolean("UNSIGNED_ATTRIBUTE");
                    rs.getShort("SEARCHABLE");
                    rs.getInt("PRECISION");
                    rs.getShort("MINIMUM_SCALE");
                    rs.getShort("MAXIMUM_SCALE");
                    n++;
                }
                assertTrue(n > 0);
            }
            List<String> catalogs = column(md.getCatalogs(), "TABLE_CAT");
            assertTrue(catalogs.contains("sample_datasets"), catalogs.toString());

            // Navigator.
            column(md.getSchemas("sample_datasets", "%"), "TABLE_SCHEM");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables("sample_datasets", null, "%", null)) {
                while (rs.next()) {
                    rs.getString("TABLE_TYPE");
                    rs.getString("TABLE_SCHEM");
                    rs.getString("REMARKS");
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.containsAll(List.of("nasdaq", "www_access")), tables.toString());
            for (String table : tables) {
                int ordinal = 0;
                try (ResultSet rs = md.getColumns("sample_datasets", null, table, "%")) {
                    while (rs.next()) {
                        assertEquals(table, rs.getString("TABLE_NAME"));
                        rs.getInt("DATA_TYPE");
                        rs.getShort("SOURCE_DATA_TYPE");
                        assertNotNull(rs.getString("TYPE_NAME"));
                        rs.getInt("COLUMN_SIZE");
                        rs.getInt("NULLABLE");
                        rs.getInt("DECIMAL_DIGITS");
                        rs.getInt("NUM_PREC_RADIX");
                        rs.getString("COLUMN_DEF");
                        rs.getString("REMARKS");
                        rs.getInt("CHAR_OCTET_LENGTH");
                        assertEquals(++ordinal, rs.getInt("ORDINAL_POSITION"));
                        rs.getString("IS_AUTOINCREMENT");
                        rs.getString("IS_GENERATEDCOLUMN");
                    }
                }
                assertTrue(ordinal > 0, table);
                emptyOrUnsupported(() -> md.getPrimaryKeys("sample_datasets", null, table));
                emptyOrUnsupported(() -> md.getImportedKeys("sample_datasets", null, table));
                emptyOrUnsupported(() -> md.getExportedKeys("sample_datasets", null, table));
                emptyOrUnsupported(() -> md.getIndexInfo("sample_datasets", null, table, false, true));
            }
            emptyOrUnsupported(() -> md.getIndexInfo("sample_datasets", null, "%", false, true));
            try {
                md.getFunctions("sample_datasets", null, "%").close();
            } catch (SQLException ignored) {
                // DBeaver ignores errors here.
            }
            try (ResultSet rs = md.getProcedures("sample_datasets", null, "%")) {
                assertFalse(rs.next());
            }

            // SQL editor connection.
            try (Connection editor = openLikeDbeaver(url, props)) {
                editor.setCatalog(editor.getCatalog());
                editor.setSchema(editor.getSchema());
            }

            // Table data tab, two pages.
            for (int page = 1; page <= 2; page++) {
                try (Statement st = main.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    st.setMaxRows(200 * page);
                    assertTrue(st.execute("SELECT * FROM www_access"));
                    int rows = 0;
                    try (ResultSet rs = st.getResultSet()) {
                        ResultSetMetaData rm = rs.getMetaData();
                        for (int i = 1; i <= rm.getColumnCount(); i++) {
                            assertNotNull(rm.getColumnLabel(i));
                            assertNotNull(rm.getColumnName(i));
                            rm.getTableName(i);
                            rm.getCatalogName(i);
                            rm.getSchemaName(i);
                            rm.isNullable(i);
                            assertTrue(rm.getColumnDisplaySize(i) > 0);
                            assertNotNull(rm.getColumnTypeName(i));
                            rm.isAutoIncrement(i);
                            rm.getPrecision(i);
                            rm.getScale(i);
                            rm.isWritable(i);
                        }
                        while (rs.next()) {
                            for (int i = 1; i <= rm.getColumnCount(); i++) {
                                switch (rm.getColumnType(i)) {
                                    case Types.BIGINT, Types.INTEGER -> rs.getLong(i);
                                    case Types.BOOLEAN -> rs.getBoolean(i);
                                    case Types.DATE -> rs.getDate(i);
                                    case Types.ARRAY -> {
                                        Array a = rs.getArray(i);
                                        if (a != null) {
                                            a.getArray();
                                        }
                                    }
                                    default -> rs.getObject(i);
                                }
                                rs.wasNull();
                            }
                            rows++;
                        }
                    }
                    assertEquals(200 * page, rows);
                    st.getWarnings();
                    st.clearWarnings();
                }
            }
            main.getWarnings();
            main.clearWarnings();
            assertFalse(main.isClosed());
            assertTrue(main.isValid(10));
        }
    }
}
