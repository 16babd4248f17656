package dev.rowpipe.conformance;

import dev.rowpipe.local.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DBeaver's generic plugin, call by call (../shared/reference/dbeaver-calls.md): connect, dialect setup, the
 * navigator, the data tab with the table name qualified the way the metadata says, the SQL editor, keep-alive and
 * disconnect.
 */
@ExtendWith(SharedLocalServer.class)
class DbeaverReplayTest {

    /** DBeaver sends user/password only when non-empty and nothing else by default. */
    private static Connection connect(LocalServer server, Service service) throws SQLException {
        Driver driver = DriverManager.getDriver(service.url(server));
        assertTrue(driver.acceptsURL(service.url(server)));
        DriverPropertyInfo[] info = driver.getPropertyInfo(service.url(server), new Properties());
        assertTrue(info.length > 0);
        Connection c = driver.connect(service.url(server), service.properties(server));
        c.setAutoCommit(true);
        assertTrue(c.getAutoCommit());
        String catalog = c.getCatalog();
        if (catalog == null || catalog.isEmpty()) {
            c.getSchema();
        }
        return c;
    }

    private static void dialectSetup(DatabaseMetaData md) throws SQLException {
        md.getDatabaseMajorVersion();
        md.getDatabaseMinorVersion();
        assertNotNull(md.getIdentifierQuoteString());
        md.getSQLStateType();
        md.supportsCorrelatedSubqueries();
        md.supportsSubqueriesInComparisons();
        md.supportsSubqueriesInExists();
        md.supportsSubqueriesInIns();
        md.supportsSubqueriesInQuantifieds();
        md.supportsMixedCaseIdentifiers();
        md.supportsMixedCaseQuotedIdentifiers();
        md.storesLowerCaseIdentifiers();
        md.storesUpperCaseIdentifiers();
        md.storesLowerCaseQuotedIdentifiers();
        md.storesUpperCaseQuotedIdentifiers();
        md.getSearchStringEscape();
        md.getCatalogSeparator();
        md.supportsCatalogsInDataManipulation();
        md.supportsCatalogsInTableDefinitions();
        md.supportsCatalogsInProcedureCalls();
        md.supportsCatalogsInIndexDefinitions();
        md.supportsCatalogsInPrivilegeDefinitions();
        md.supportsSchemasInDataManipulation();
        md.supportsSchemasInTableDefinitions();
        md.supportsSchemasInProcedureCalls();
        md.supportsSchemasInIndexDefinitions();
        md.supportsSchemasInPrivilegeDefinitions();
        md.getExtraNameCharacters();
        md.isCatalogAtStart();
        assertNotNull(md.getSQLKeywords());
        md.getNumericFunctions();
        md.getStringFunctions();
        md.getSystemFunctions();
        md.getTimeDateFunctions();
        assertNotNull(md.getDatabaseProductName());
        md.getDatabaseProductVersion();
        assertNotNull(md.getDriverName());
        assertNotNull(md.getDriverVersion());
        md.getSchemaTerm();
        md.getProcedureTerm();
        md.getCatalogTerm();
        md.supportsBatchUpdates();
        if (md.supportsTransactions()) {
            md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED);
        }
        try (ResultSet rs = md.getTypeInfo()) {
            int n = 0;
            while (rs.next()) {
                rs.getString("TYPE_NAME");
                rs.getInt("DATA_TYPE");
                rs.getString("LOCAL_TYPE_NAME");
                rs.getBoolean("UNSIGNED_ATTRIBUTE");
                rs.getInt("SEARCHABLE");
                rs.getInt("PRECISION");
                rs.getInt("MINIMUM_SCALE");
                rs.getInt("MAXIMUM_SCALE");
                n++;
            }
            assertTrue(n > 0);
        }
    }

    /** The table name as DBeaver writes it into the data tab's SELECT. */
    private static String qualified(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException {
        String q = md.getIdentifierQuoteString().trim();
        String sep = md.getCatalogSeparator() == null || md.getCatalogSeparator().isEmpty() ? "." : md.getCatalogSeparator();
        StringBuilder sb = new StringBuilder();
        if (catalog != null && md.supportsCatalogsInDataManipulation() && md.isCatalogAtStart()) {
            sb.append(q).append(catalog).append(q).append(sep);
        }
        if (schema != null && md.supportsSchemasInDataManipulation()) {
            sb.append(q).append(schema).append(q).append('.');
        }
        return sb.append(q).append(table).append(q).toString();
    }

    private static void replay(Service service, LocalServer server) throws Exception {
        String table = "dbv_a_c";
        service.createTable(server, table);
        // A table whose name the pattern dbv_a_c also matches if '_' were a wildcard.
        service.createTable(server, "dbv_abc");
        try (Connection main = connect(server, service); Connection meta = connect(server, service)) {
            DatabaseMetaData md = meta.getMetaData();
            dialectSetup(md);

            List<String> catalogs = new ArrayList<>();
            try (ResultSet rs = md.getCatalogs()) {
                while (rs.next()) {
                    catalogs.add(rs.getString("TABLE_CAT"));
                }
            }
            assertTrue(catalogs.contains(service.catalog()), catalogs.toString());
            String catalog = service.catalog();
            String schema = null;
            try (ResultSet rs = md.getSchemas(catalog, "%")) {
                if (rs.next()) {
                    schema = rs.getString("TABLE_SCHEM");
                }
            }

            String tableType = null;
            try (ResultSet rs = md.getTables(catalog, schema, "%", null)) {
                while (rs.next()) {
                    rs.getString("TABLE_SCHEM");
                    rs.getString("REMARKS");
                    if (rs.getString("TABLE_NAME").equals(table)) {
                        tableType = rs.getString("TABLE_TYPE");
                    }
                }
            }
            assertNotNull(tableType, "navigator lists " + table);
            assertFalse(tableType.contains("VIEW"));

            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(catalog, schema, table, "%")) {
                while (rs.next()) {
                    assertEquals(table, rs.getString("TABLE_NAME"));
                    columns.add(rs.getString("COLUMN_NAME"));
                    rs.getInt("DATA_TYPE");
                    rs.getShort("SOURCE_DATA_TYPE");
                    rs.getString("TYPE_NAME");
                    rs.getInt("COLUMN_SIZE");
                    rs.getInt("NULLABLE");
                    rs.getInt("DECIMAL_DIGITS");
                    rs.getInt("NUM_PREC_RADIX");
                    rs.getString("COLUMN_DEF");
                    rs.getString("REMARKS");
                    rs.getInt("CHAR_OCTET_LENGTH");
                    rs.getInt("ORDINAL_POSITION");
                    rs.getString("IS_AUTOINCREMENT");
                    rs.getString("IS_GENERATEDCOLUMN");
                }
            }
            assertEquals(service.columns(), columns);

            for (MetaCall call : List.<MetaCall>of(
                    () -> md.getPrimaryKeys(catalog, null, table),
                    () -> md.getImportedKeys(catalog, null, table),
                    () -> md.getExportedKeys(catalog, null, table),
                    () -> md.getIndexInfo(catalog, null, table, false, true),
                    () -> md.getIndexInfo(catalog, null, "%", false, true))) {
                try (ResultSet rs = call.run()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                } catch (SQLFeatureNotSupportedException acceptable) {
                    // DBeaver shows no keys or indexes.
                }
            }
            try (ResultSet rs = md.getFunctions(catalog, schema, "%")) {
                while (rs.next()) {
                    rs.getString(1);
                }
            } catch (SQLException ignoredByDbeaver) {
                // DBeaver ignores errors here.
            }
            try (ResultSet rs = md.getProcedures(catalog, schema, "%")) {
                assertTrue(rs.getMetaData().getColumnCount() >= 8);
            }

            dataTab(main, qualified(md, catalog, schema, table));
            sqlEditor(server, service, catalog);
        }
    }

    private interface MetaCall {
        ResultSet run() throws SQLException;
    }

    private static void dataTab(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setMaxRows(200);
            assertTrue(st.execute("SELECT * FROM " + name), name);
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData m = rs.getMetaData();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    m.getColumnLabel(i);
                    m.getColumnName(i);
                    m.getTableName(i);
                    m.getCatalogName(i);
                    m.getSchemaName(i);
                    m.isNullable(i);
                    m.getColumnDisplaySize(i);
                    m.getColumnTypeName(i);
                    m.getColumnType(i);
                    m.isAutoIncrement(i);
                    m.getPrecision(i);
                    m.getScale(i);
                    m.isWritable(i);
                }
                int rows = 0;
                while (rs.next()) {
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        switch (m.getColumnType(i)) {
                            case Types.INTEGER, Types.BIGINT -> rs.getLong(i);
                            case Types.SMALLINT -> rs.getInt(i);
                            case Types.TINYINT -> rs.getShort(i);
                            case Types.DATE -> rs.getDate(i);
                            case Types.TIME -> rs.getTime(i);
                            case Types.BOOLEAN -> rs.getBoolean(i);
                            case Types.ARRAY -> rs.getArray(i);
                            default -> rs.getObject(i);
                        }
                        rs.wasNull();
                    }
                    rows++;
                }
                assertEquals(Dataset.ITEMS.size(), rows);
            }
            st.getWarnings();
            st.clearWarnings();
        }
        c.getWarnings();
        c.clearWarnings();
    }

    private static void sqlEditor(LocalServer server, Service service, String catalog) throws SQLException {
        try (Connection editor = connect(server, service)) {
            editor.setCatalog(editor.getCatalog());
            String schema = editor.getSchema();
            if (schema != null) {
                editor.setSchema(schema);
            }
            try (Statement st = editor.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM dbv_abc")) {
                assertTrue(rs.next());
                assertEquals(Dataset.ITEMS.size(), rs.getLong(1));
            }
            assertFalse(editor.isClosed());
            assertTrue(editor.isValid(10));
            if (!editor.getAutoCommit()) {
                editor.rollback();
            }
        }
    }

    /** The SQL editor runs an INSERT with execute() and shows getLargeUpdateCount (getUpdateCount if it throws). */
    private static void editorUpdateCount(Service service, LocalServer server) throws Exception {
        String table = "dbv_insert";
        service.createTable(server, table);
        try (Connection editor = connect(server, service);
             Statement st = editor.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setMaxRows(200);
            assertFalse(st.execute("INSERT INTO " + table + " (id, name) VALUES (100, 'from the editor')"));
            long count;
            try {
                count = st.getLargeUpdateCount();
            } catch (SQLException e) {
                count = st.getUpdateCount();
            }
            assertEquals(1, count, "update count DBeaver shows");
        }
    }

    @Test
    void fireboltEditorUpdateCount(LocalServer server) throws Exception {
        editorUpdateCount(Service.FIREBOLT, server);
    }

    @Test
    void tdEditorUpdateCount(LocalServer server) throws Exception {
        editorUpdateCount(Service.TD, server);
    }

    @Test
    void firebolt(LocalServer server) throws Exception {
        replay(Service.FIREBOLT, server);
    }

    @Test
    void td(LocalServer server) throws Exception {
        replay(Service.TD, server);
    }

    @Test
    void firebolt2(LocalServer server) throws Exception {
        replay(Service.FIREBOLT2, server);
    }

    @Test
    void fireboltCore(LocalServer server) throws Exception {
        replay(Service.FIREBOLT_CORE, server);
    }
}
