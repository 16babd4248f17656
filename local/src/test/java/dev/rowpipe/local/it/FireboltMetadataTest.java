package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DatabaseMetaData against the local server, and DBeaver's call sequence replayed against it. */
@ExtendWith(LocalServerExtension.class)
class FireboltMetadataTest {

    @BeforeAll
    static void tables(LocalServer server) throws SQLException {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            st.execute("CREATE FACT TABLE IF NOT EXISTS md_a_c (a_c_id BIGINT NOT NULL, flag BOOLEAN) PRIMARY INDEX a_c_id");
            st.execute("CREATE FACT TABLE IF NOT EXISTS md_abc (id INT NOT NULL, name TEXT, amount DECIMAL(38,9),"
                    + " d DATE, ts TIMESTAMP, f DOUBLE, tags Array(TEXT)) PRIMARY INDEX id");
            st.execute("INSERT INTO md_abc VALUES (1, 'one', 1.5, '2024-01-02', '2024-01-02 03:04:05', 0.5, ['x']),"
                    + " (2, NULL, NULL, NULL, NULL, NULL, NULL)");
        }
    }

    private static List<List<String>> rows(ResultSet rs, String... columns) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (String c : columns) {
                    row.add(rs.getString(c));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<String> r : rows(rs, name)) {
            out.add(r.get(0));
        }
        return out;
    }

    @Test
    void catalogsTablesAndColumns(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server)) {
            DatabaseMetaData md = c.getMetaData();
            List<String> catalogs = column(md.getCatalogs(), "TABLE_CAT");
            assertTrue(catalogs.contains("local_db"), catalogs.toString());
            assertEquals("local_db", c.getCatalog());

            List<String> tables = column(md.getTables(null, null, "md_%", null), "TABLE_NAME");
            assertEquals(List.of("md_a_c", "md_abc"), tables);
            assertEquals(List.of("md_a_c"), column(md.getTables(null, null, "md\\_a\\_c", null), "TABLE_NAME"));
            assertEquals(List.of("md_a_c"), column(md.getTables(null, null, "md_a\\_%", null), "TABLE_NAME"));
            assertTrue(column(md.getTables(null, null, "%", null), "TABLE_NAME").contains("page_views_sample"));

            List<List<String>> cols = rows(md.getColumns(null, null, "md_abc", "%"), "TABLE_NAME", "COLUMN_NAME",
                    "DATA_TYPE", "TYPE_NAME", "NULLABLE", "IS_NULLABLE", "DECIMAL_DIGITS", "COLUMN_SIZE",
                    "ORDINAL_POSITION");
            assertEquals(7, cols.size(), cols.toString());
            String[] names = {"id", "name", "amount", "d", "ts", "f", "tags"};
            int[] types = {Types.INTEGER, Types.VARCHAR, Types.DECIMAL, Types.DATE, Types.TIMESTAMP, Types.DOUBLE,
                    Types.ARRAY};
            for (int i = 0; i < 7; i++) {
                List<String> col = cols.get(i);
                assertEquals("md_abc", col.get(0));
                assertEquals(names[i], col.get(1));
                assertEquals(String.valueOf(types[i]), col.get(2), "DATA_TYPE of " + col);
                assertEquals(String.valueOf(i + 1), col.get(8));
                boolean notNull = i == 0;
                assertEquals(String.valueOf(notNull ? DatabaseMetaData.columnNoNulls : DatabaseMetaData.columnNullable),
                        col.get(4), "NULLABLE of " + col);
                assertEquals(notNull ? "NO" : "YES", col.get(5), "IS_NULLABLE of " + col);
            }
            assertEquals("9", cols.get(2).get(6), "Decimal(38,9) scale");
            assertEquals("38", cols.get(2).get(7), "Decimal(38,9) precision");

            // An unescaped underscore is a wildcard only in patterns; DBeaver passes table names unescaped.
            List<List<String>> ac = rows(md.getColumns(null, null, "md\\_a\\_c", "%"), "TABLE_NAME", "COLUMN_NAME");
            assertEquals(List.of(List.of("md_a_c", "a_c_id"), List.of("md_a_c", "flag")), ac);
        }
    }

    @Test
    void dbeaverCallSequence(LocalServer server) throws Exception {
        String url = server.fireboltJdbcUrl();
        Driver driver = DriverManager.getDriver(url);
        assertTrue(driver.acceptsURL(url));
        assertTrue(driver.getPropertyInfo(url, new java.util.Properties()).length > 0);

        try (Connection main = openLikeDbeaver(server); Connection meta = openLikeDbeaver(server)) {
            DatabaseMetaData md = meta.getMetaData();
            md.getDatabaseMajorVersion();
            md.getDatabaseMinorVersion();
            assertEquals("\"", md.getIdentifierQuoteString());
            md.getSQLStateType();
            md.supportsCorrelatedSubqueries();
            md.storesLowerCaseIdentifiers();
            assertNotNull(md.getSearchStringEscape());
            md.getCatalogSeparator();
            md.getExtraNameCharacters();
            md.isCatalogAtStart();
            assertNotNull(md.getSQLKeywords());
            assertNotNull(md.getNumericFunctions());
            assertNotNull(md.getStringFunctions());
            assertNotNull(md.getSystemFunctions());
            assertNotNull(md.getTimeDateFunctions());
            assertNotNull(md.getDatabaseProductName());
            assertNotNull(md.getDatabaseProductVersion());
            assertNotNull(md.getDriverName());
            assertNotNull(md.getDriverVersion());
            md.getSchemaTerm();
            md.getProcedureTerm();
            md.getCatalogTerm();
            // Firebolt's own description: schemas qualify names, and its table types include external tables.
            assertTrue(md.supportsSchemasInDataManipulation() && md.supportsCatalogsInDataManipulation());
            assertTrue(column(md.getTableTypes(), "TABLE_TYPE").contains("EXTERNAL TABLE"));
            assertTrue(md.supportsBatchUpdates());
            md.supportsTransactions();
            assertFalse(rows(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE", "LOCAL_TYPE_NAME", "UNSIGNED_ATTRIBUTE",
                    "SEARCHABLE", "PRECISION", "MINIMUM_SCALE", "MAXIMUM_SCALE").isEmpty());
            List<String> catalogs = column(md.getCatalogs(), "TABLE_CAT");
            assertTrue(catalogs.contains("local_db"));

            // Navigator: schemas of the catalog, one getTables call, columns per table, keys, indexes, procedures.
            List<String> schemas = column(md.getSchemas("local_db", "%"), "TABLE_SCHEM");
            assertEquals(List.of("public"), schemas);
            List<String> tables = new ArrayList<>();
            for (String schema : schemas) {
                for (List<String> t : rows(md.getTables("local_db", schema, "%", null), "TABLE_NAME", "TABLE_TYPE",
                        "TABLE_SCHEM", "REMARKS")) {
                    assertEquals(schema, t.get(2));
                    if (t.get(1) == null || !t.get(1).contains("SYSTEM")) {
                        tables.add(schema + "\u0000" + t.get(0));
                    }
                }
            }
            assertTrue(tables.stream().anyMatch(t -> t.endsWith("\u0000md_a_c")), tables.toString());
            for (String qualified : tables) {
                String schema = qualified.substring(0, qualified.indexOf('\u0000'));
                String table = qualified.substring(qualified.indexOf('\u0000') + 1);
                List<List<String>> cols = rows(md.getColumns("local_db", schema, table, "%"), "TABLE_NAME",
                        "COLUMN_NAME", "DATA_TYPE", "SOURCE_DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "NULLABLE",
                        "DECIMAL_DIGITS", "NUM_PREC_RADIX", "COLUMN_DEF", "REMARKS", "CHAR_OCTET_LENGTH",
                        "ORDINAL_POSITION", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");
                assertFalse(cols.isEmpty(), table);
                int ordinal = 0;
                for (List<String> col : cols) {
                    assertEquals(table, col.get(0), "columns of " + table + " attributed to another table");
                    assertEquals(++ordinal, Integer.parseInt(col.get(12)));
                }
                if (table.equals("md_a_c")) {
                    assertEquals(2, cols.size(), "md_a_c must not list md_abc's columns");
                }
                rows(md.getPrimaryKeys("local_db", schema, table), "COLUMN_NAME");
                rows(md.getImportedKeys("local_db", schema, table), "FKCOLUMN_NAME");
                rows(md.getExportedKeys("local_db", schema, table), "FKCOLUMN_NAME");
                rows(md.getIndexInfo("local_db", schema, table, false, true), "INDEX_NAME");
            }
            rows(md.getProcedures("local_db", schemas.get(0), "%"), "PROCEDURE_NAME");

            // SQL editor connection.
            try (Connection editor = openLikeDbeaver(server)) {
                editor.setCatalog(editor.getCatalog());
                editor.setSchema(editor.getSchema());
            }

            // Table data tab.
            try (Statement st = main.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                st.setMaxRows(200);
                assertTrue(st.execute("SELECT * FROM md_abc ORDER BY id"));
                try (ResultSet rs = st.getResultSet()) {
                    ResultSetMetaData rm = rs.getMetaData();
                    assertEquals(7, rm.getColumnCount());
                    for (int i = 1; i <= rm.getColumnCount(); i++) {
                        rm.getColumnLabel(i);
                        rm.getColumnName(i);
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
                    assertEquals(Types.INTEGER, rm.getColumnType(1));
                    assertEquals(Types.ARRAY, rm.getColumnType(7));
                    assertTrue(rs.next());
                    assertEquals(1L, rs.getLong(1));
                    assertEquals("one", rs.getObject(2));
                    assertEquals(java.sql.Date.valueOf("2024-01-02"), rs.getDate(4));
                    assertEquals("x", ((Object[]) rs.getArray(7).getArray())[0]);
                    assertTrue(rs.next());
                    assertNull(rs.getObject(2));
                    assertTrue(rs.wasNull());
                    assertNull(rs.getArray(7));
                    assertFalse(rs.next());
                }
                st.getWarnings();
                st.clearWarnings();
                assertFalse(st.execute("INSERT INTO md_a_c VALUES (1, true)"));
                assertNull(st.getResultSet());
                st.getLargeUpdateCount();
            }
            assertTrue(main.isValid(10));
        }
    }

    private static Connection openLikeDbeaver(LocalServer server) throws SQLException {
        Connection c = FireboltIt.connect(server);
        c.setAutoCommit(true);
        assertTrue(c.getAutoCommit());
        if (c.getCatalog() == null || c.getCatalog().isEmpty()) {
            c.getSchema();
        }
        return c;
    }
}
