package dev.rowpipe.jdbc;

import static dev.rowpipe.jdbc.MetaTestSupport.column;
import static dev.rowpipe.jdbc.MetaTestSupport.columnNames;
import static dev.rowpipe.jdbc.MetaTestSupport.connect;
import static dev.rowpipe.jdbc.MetaTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.BackendDescription.IdentifierCase;
import dev.rowpipe.internal.spi.BackendDescription.NullOrder;
import dev.rowpipe.internal.spi.BackendDescription.StatementKind;
import dev.rowpipe.internal.spi.TypeInfo;
import dev.rowpipe.internal.td.TdDescription;
import dev.rowpipe.internal.td.TdDialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RowpipeDatabaseMetaDataTest {
    private Connection connection;
    private DatabaseMetaData md;

    @BeforeEach
    void open() throws SQLException {
        FakeBackend.reset();
        connection = connect();
        md = connection.getMetaData();
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        FakeBackend.reset();
    }

    @FunctionalInterface
    private interface Call {
        ResultSet run() throws SQLException;
    }

    /** The JDBC 4.3 javadoc's columns for each metadata result, written out independently of the driver. */
    private Map<String, Object[]> layouts() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("getTables", new Object[] {(Call) () -> md.getTables(null, null, "%", null),
                "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,TABLE_TYPE,REMARKS,TYPE_CAT,TYPE_SCHEM,TYPE_NAME,"
                        + "SELF_REFERENCING_COL_NAME,REF_GENERATION"});
        m.put("getColumns", new Object[] {(Call) () -> md.getColumns(null, null, "%", "%"),
                "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,DATA_TYPE,TYPE_NAME,COLUMN_SIZE,BUFFER_LENGTH,"
                        + "DECIMAL_DIGITS,NUM_PREC_RADIX,NULLABLE,REMARKS,COLUMN_DEF,SQL_DATA_TYPE,SQL_DATETIME_SUB,"
                        + "CHAR_OCTET_LENGTH,ORDINAL_POSITION,IS_NULLABLE,SCOPE_CATALOG,SCOPE_SCHEMA,SCOPE_TABLE,"
                        + "SOURCE_DATA_TYPE,IS_AUTOINCREMENT,IS_GENERATEDCOLUMN,SOURCE_TYPE_NAME"});
        m.put("getSchemas()", new Object[] {(Call) () -> md.getSchemas(), "TABLE_SCHEM,TABLE_CATALOG"});
        m.put("getSchemas(c,p)", new Object[] {(Call) () -> md.getSchemas("db1", "%"), "TABLE_SCHEM,TABLE_CATALOG"});
        m.put("getCatalogs", new Object[] {(Call) () -> md.getCatalogs(), "TABLE_CAT"});
        m.put("getTableTypes", new Object[] {(Call) () -> md.getTableTypes(), "TABLE_TYPE"});
        m.put("getTypeInfo", new Object[] {(Call) () -> md.getTypeInfo(),
                "TYPE_NAME,DATA_TYPE,PRECISION,LITERAL_PREFIX,LITERAL_SUFFIX,CREATE_PARAMS,NULLABLE,CASE_SENSITIVE,"
                        + "SEARCHABLE,UNSIGNED_ATTRIBUTE,FIXED_PREC_SCALE,AUTO_INCREMENT,LOCAL_TYPE_NAME,"
                        + "MINIMUM_SCALE,MAXIMUM_SCALE,SQL_DATA_TYPE,SQL_DATETIME_SUB,NUM_PREC_RADIX"});
        m.put("getPrimaryKeys", new Object[] {(Call) () -> md.getPrimaryKeys("db1", "public", "abc"),
                "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,KEY_SEQ,PK_NAME"});
        String keys = "PKTABLE_CAT,PKTABLE_SCHEM,PKTABLE_NAME,PKCOLUMN_NAME,FKTABLE_CAT,FKTABLE_SCHEM,FKTABLE_NAME,"
                + "FKCOLUMN_NAME,KEY_SEQ,UPDATE_RULE,DELETE_RULE,FK_NAME,PK_NAME,DEFERRABILITY";
        m.put("getImportedKeys", new Object[] {(Call) () -> md.getImportedKeys("db1", "public", "abc"), keys});
        m.put("getExportedKeys", new Object[] {(Call) () -> md.getExportedKeys("db1", "public", "abc"), keys});
        m.put("getCrossReference", new Object[] {
                (Call) () -> md.getCrossReference("db1", "public", "abc", "db1", "public", "a_c"), keys});
        m.put("getIndexInfo", new Object[] {(Call) () -> md.getIndexInfo("db1", "public", "abc", false, true),
                "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,NON_UNIQUE,INDEX_QUALIFIER,INDEX_NAME,TYPE,ORDINAL_POSITION,"
                        + "COLUMN_NAME,ASC_OR_DESC,CARDINALITY,PAGES,FILTER_CONDITION"});
        m.put("getProcedures", new Object[] {(Call) () -> md.getProcedures("db1", "public", "%"),
                "PROCEDURE_CAT,PROCEDURE_SCHEM,PROCEDURE_NAME,RESERVED1,RESERVED2,RESERVED3,REMARKS,PROCEDURE_TYPE,"
                        + "SPECIFIC_NAME"});
        m.put("getProcedureColumns", new Object[] {(Call) () -> md.getProcedureColumns(null, null, "%", "%"),
                "PROCEDURE_CAT,PROCEDURE_SCHEM,PROCEDURE_NAME,COLUMN_NAME,COLUMN_TYPE,DATA_TYPE,TYPE_NAME,PRECISION,"
                        + "LENGTH,SCALE,RADIX,NULLABLE,REMARKS,COLUMN_DEF,SQL_DATA_TYPE,SQL_DATETIME_SUB,"
                        + "CHAR_OCTET_LENGTH,ORDINAL_POSITION,IS_NULLABLE,SPECIFIC_NAME"});
        m.put("getFunctions", new Object[] {(Call) () -> md.getFunctions("db1", "public", "%"),
                "FUNCTION_CAT,FUNCTION_SCHEM,FUNCTION_NAME,REMARKS,FUNCTION_TYPE,SPECIFIC_NAME"});
        m.put("getFunctionColumns", new Object[] {(Call) () -> md.getFunctionColumns(null, null, "%", "%"),
                "FUNCTION_CAT,FUNCTION_SCHEM,FUNCTION_NAME,COLUMN_NAME,COLUMN_TYPE,DATA_TYPE,TYPE_NAME,PRECISION,"
                        + "LENGTH,SCALE,RADIX,NULLABLE,REMARKS,CHAR_OCTET_LENGTH,ORDINAL_POSITION,IS_NULLABLE,"
                        + "SPECIFIC_NAME"});
        m.put("getUDTs", new Object[] {(Call) () -> md.getUDTs(null, null, "%", null),
                "TYPE_CAT,TYPE_SCHEM,TYPE_NAME,CLASS_NAME,DATA_TYPE,REMARKS,BASE_TYPE"});
        m.put("getSuperTypes", new Object[] {(Call) () -> md.getSuperTypes(null, null, "%"),
                "TYPE_CAT,TYPE_SCHEM,TYPE_NAME,SUPERTYPE_CAT,SUPERTYPE_SCHEM,SUPERTYPE_NAME"});
        m.put("getSuperTables", new Object[] {(Call) () -> md.getSuperTables(null, null, "%"),
                "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,SUPERTABLE_NAME"});
        m.put("getAttributes", new Object[] {(Call) () -> md.getAttributes(null, null, "%", "%"),
                "TYPE_CAT,TYPE_SCHEM,TYPE_NAME,ATTR_NAME,DATA_TYPE,ATTR_TYPE_NAME,ATTR_SIZE,DECIMAL_DIGITS,"
                        + "NUM_PREC_RADIX,NULLABLE,REMARKS,ATTR_DEF,SQL_DATA_TYPE,SQL_DATETIME_SUB,CHAR_OCTET_LENGTH,"
                        + "ORDINAL_POSITION,IS_NULLABLE,SCOPE_CATALOG,SCOPE_SCHEMA,SCOPE_TABLE,SOURCE_DATA_TYPE"});
        String rowId = "SCOPE,COLUMN_NAME,DATA_TYPE,TYPE_NAME,COLUMN_SIZE,BUFFER_LENGTH,DECIMAL_DIGITS,PSEUDO_COLUMN";
        m.put("getBestRowIdentifier", new Object[] {
                (Call) () -> md.getBestRowIdentifier("db1", "public", "abc", DatabaseMetaData.bestRowSession, true),
                rowId});
        m.put("getVersionColumns", new Object[] {(Call) () -> md.getVersionColumns("db1", "public", "abc"), rowId});
        m.put("getColumnPrivileges", new Object[] {(Call) () -> md.getColumnPrivileges("db1", "public", "abc", "%"),
                "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,GRANTOR,GRANTEE,PRIVILEGE,IS_GRANTABLE"});
        m.put("getTablePrivileges", new Object[] {(Call) () -> md.getTablePrivileges("db1", "public", "%"),
                "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,GRANTOR,GRANTEE,PRIVILEGE,IS_GRANTABLE"});
        m.put("getClientInfoProperties", new Object[] {(Call) () -> md.getClientInfoProperties(),
                "NAME,MAX_LEN,DEFAULT_VALUE,DESCRIPTION"});
        m.put("getPseudoColumns", new Object[] {(Call) () -> md.getPseudoColumns(null, null, "%", "%"),
                "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,DATA_TYPE,COLUMN_SIZE,DECIMAL_DIGITS,NUM_PREC_RADIX,"
                        + "COLUMN_USAGE,REMARKS,CHAR_OCTET_LENGTH,IS_NULLABLE"});
        return m;
    }

    @Test
    void everyResultHasTheJavadocLayout() throws SQLException {
        for (Map.Entry<String, Object[]> e : layouts().entrySet()) {
            try (ResultSet rs = ((Call) e.getValue()[0]).run()) {
                assertEquals(List.of(((String) e.getValue()[1]).split(",")), columnNames(rs), e.getKey());
                assertNull(rs.getStatement(), e.getKey());
            }
        }
    }

    @Test
    void clientInfoPropertiesNameTheApplication() throws SQLException {
        assertEquals(List.of(List.of("ApplicationName", "64")),
                rows(md.getClientInfoProperties(), "NAME", "MAX_LEN"));
    }

    @Test
    void unsupportedObjectsGiveEmptyResults() throws SQLException {
        for (Map.Entry<String, Object[]> e : layouts().entrySet()) {
            String name = e.getKey();
            if (name.startsWith("getTables") || name.startsWith("getColumns") || name.startsWith("getSchemas")
                    || name.equals("getCatalogs") || name.equals("getTableTypes") || name.equals("getTypeInfo")
                    || name.equals("getClientInfoProperties")) {
                continue;
            }
            try (ResultSet rs = ((Call) e.getValue()[0]).run()) {
                assertFalse(rs.next(), name + " should be empty");
            }
        }
    }

    @Test
    void columnTypesFollowTheJavadoc() throws SQLException {
        try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
            ResultSetMetaData m = rs.getMetaData();
            assertEquals(Types.VARCHAR, m.getColumnType(4));
            assertEquals(Types.INTEGER, m.getColumnType(5));
            assertEquals(Types.INTEGER, m.getColumnType(7));
            assertEquals(Types.SMALLINT, m.getColumnType(22));
        }
        try (ResultSet rs = md.getIndexInfo(null, null, "abc", false, true)) {
            ResultSetMetaData m = rs.getMetaData();
            assertEquals(Types.BOOLEAN, m.getColumnType(4));
            assertEquals(Types.SMALLINT, m.getColumnType(7));
            assertEquals(Types.BIGINT, m.getColumnType(11));
        }
        try (ResultSet rs = md.getTypeInfo()) {
            ResultSetMetaData m = rs.getMetaData();
            assertEquals(Types.INTEGER, m.getColumnType(2));
            assertEquals(Types.SMALLINT, m.getColumnType(7));
            assertEquals(Types.BOOLEAN, m.getColumnType(8));
        }
    }

    @Test
    void tablesAreSortedByTypeCatalogSchemaName() throws SQLException {
        assertEquals(List.of(
                List.of("db2", "public", "events", "EXTERNAL TABLE"),
                List.of("db1", "information_schema", "tables", "SYSTEM TABLE"),
                List.of("db1", "public", "a_c", "TABLE"),
                List.of("db1", "public", "abc", "TABLE"),
                List.of("db1", "public", "wwwXaccess", "TABLE"),
                List.of("db1", "public", "www_access", "TABLE"),
                List.of("db2", "public", "orders", "TABLE"),
                List.of("db1", "public", "abc_view", "VIEW")),
                rows(md.getTables(null, null, "%", null), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
        assertEquals(List.of(List.of("abc", "letters")),
                rows(md.getTables("db1", "public", "abc", null), "TABLE_NAME", "REMARKS"));
    }

    @Test
    void likePatternsFollowTheSpecWithEscapes() throws SQLException {
        assertEquals(List.of("www_access"), column(md.getTables(null, null, "www\\_access", null), "TABLE_NAME"));
        assertEquals(List.of("wwwXaccess", "www_access"),
                column(md.getTables(null, null, "www%access", null), "TABLE_NAME"));
        assertEquals(List.of("a_c", "abc", "abc_view"), column(md.getTables(null, null, "a_c%", null), "TABLE_NAME"));
        assertEquals(List.of("abc"), column(md.getTables(null, null, "ab_", null), "TABLE_NAME"));
        assertEquals(List.of(), column(md.getTables(null, null, "ABC", null), "TABLE_NAME"));
        assertEquals(List.of("tables"), column(md.getTables(null, "information\\_schema", "%", null), "TABLE_NAME"));
        assertEquals(List.of("tables"), column(md.getTables(null, "info%", "%", null), "TABLE_NAME"));
    }

    @Test
    void anUnescapedNameThatExistsSelectsOnlyThatTable() throws SQLException {
        // Deliberate deviation for tools that pass names unescaped: "www_access" would also match "wwwXaccess".
        assertEquals(List.of("www_access"), column(md.getTables(null, null, "www_access", null), "TABLE_NAME"));
        assertEquals(List.of("a_c"), column(md.getTables(null, null, "a_c", null), "TABLE_NAME"));
        // No table is literally named "a_b", so the pattern is a pattern.
        assertEquals(List.of(), column(md.getTables(null, null, "a_b", null), "TABLE_NAME"));
        assertEquals(List.of("tables"), column(md.getTables(null, "information_schema", "%", null), "TABLE_NAME"));
    }

    @Test
    void columnsOfAnUnescapedNameBelongToThatTableOnly() throws SQLException {
        List<List<String>> expected = List.of(List.of("a_c", "a_c_id"), List.of("a_c", "flag"));
        assertEquals(expected, rows(md.getColumns("db1", "public", "a_c", "%"), "TABLE_NAME", "COLUMN_NAME"));
        assertEquals(expected, rows(md.getColumns("db1", "public", "a\\_c", "%"), "TABLE_NAME", "COLUMN_NAME"));
        assertEquals(List.of(List.of("www_access", "ts"), List.of("www_access", "url")),
                rows(md.getColumns(null, null, "www_access", null), "TABLE_NAME", "COLUMN_NAME"));
    }

    @Test
    void catalogArgumentIsHonoured() throws SQLException {
        assertEquals(List.of("events", "orders"), column(md.getTables("db2", null, "%", null), "TABLE_NAME"));
        assertEquals(List.of(), column(md.getTables("", null, "%", null), "TABLE_NAME"));
        assertEquals(List.of(), column(md.getTables("nope", null, "%", null), "TABLE_NAME"));
        // Sorted by table (events before orders), then by ordinal position.
        assertEquals(List.of("payload", "order_id", "created", "tags"),
                column(md.getColumns("db2", null, "%", "%"), "COLUMN_NAME"));
        assertEquals(List.of(List.of("public", "db2")),
                rows(md.getSchemas("db2", "%"), "TABLE_SCHEM", "TABLE_CATALOG"));
    }

    @Test
    void tableTypesFilter() throws SQLException {
        assertEquals(List.of("abc_view"), column(md.getTables(null, null, "%", new String[] {"VIEW"}), "TABLE_NAME"));
        assertEquals(List.of("a_c", "abc", "wwwXaccess", "www_access", "orders", "abc_view"),
                column(md.getTables(null, null, "%", new String[] {"TABLE", "VIEW"}), "TABLE_NAME"));
        assertEquals(List.of(), column(md.getTables(null, null, "%", new String[0]), "TABLE_NAME"));
        assertEquals(List.of("EXTERNAL TABLE", "SYSTEM TABLE", "TABLE", "VIEW"),
                column(md.getTableTypes(), "TABLE_TYPE"));
    }

    @Test
    void columnDescriptions() throws SQLException {
        String[] labels = {"COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX",
            "NULLABLE", "REMARKS", "COLUMN_DEF", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE",
            "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"};
        List<List<String>> abc = rows(md.getColumns("db1", "public", "abc", "%"), labels);
        // TYPE_NAME is the SQL name the description gives the kind; the service's spelling is SOURCE_TYPE_NAME.
        assertEquals(java.util.Arrays.asList("id", "4", "INTEGER", "10", "0", "10", "0", "key", null, null, "1", "NO",
                null, "NO", "NO"), abc.get(0));
        assertEquals(java.util.Arrays.asList("name", "12", "VARCHAR", "65535", null, "10", "1", null, null, "65535",
                "2", "YES", null, "NO", "NO"), abc.get(1));
        assertEquals(java.util.Arrays.asList("amount", "3", "DECIMAL", "12", "2", "10", "1", null, "0", null,
                "3", "YES", null, "NO", "NO"), abc.get(2));
        assertEquals(List.of("int", "text", "numeric(12,2)"),
                column(md.getColumns("db1", "public", "abc", "%"), "SOURCE_TYPE_NAME"));
        assertEquals(List.of(List.of("tags", "ARRAY", "array(text)")),
                rows(md.getColumns("db2", "public", "orders", "tags"), "COLUMN_NAME", "TYPE_NAME",
                        "SOURCE_TYPE_NAME"));
        assertEquals(List.of(List.of("ts", "93", "26", "6")),
                rows(md.getColumns("db1", "public", "www_access", "ts"), "COLUMN_NAME", "DATA_TYPE", "COLUMN_SIZE",
                        "DECIMAL_DIGITS"));
        assertEquals(List.of(java.util.Arrays.asList("tags", "2003", null)),
                rows(md.getColumns("db2", "public", "orders", "tags"), "COLUMN_NAME", "DATA_TYPE", "COLUMN_SIZE"));
        assertEquals(List.of(List.of("payload", "100", "400")),
                rows(md.getColumns("db2", "public", "events", "%"), "COLUMN_NAME", "COLUMN_SIZE",
                        "CHAR_OCTET_LENGTH"));
        assertEquals(List.of("name", "amount"), column(md.getColumns("db1", "public", "abc", "%m%"), "COLUMN_NAME"));
    }

    @Test
    void catalogsAndSchemas() throws SQLException {
        assertEquals(List.of("db1", "db2"), column(md.getCatalogs(), "TABLE_CAT"));
        assertEquals(List.of(List.of("information_schema", "db1"), List.of("public", "db1"), List.of("public", "db2")),
                rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG"));
        assertEquals(List.of(List.of("public", "db1"), List.of("public", "db2")),
                rows(md.getSchemas(null, "pub%"), "TABLE_SCHEM", "TABLE_CATALOG"));
        assertEquals(List.of("information_schema", "public"), column(md.getSchemas("db1", "%"), "TABLE_SCHEM"));
    }

    @Test
    void typeInfoIsSortedByDataType() throws SQLException {
        List<List<String>> info = rows(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX",
                "LITERAL_SUFFIX", "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE", "MINIMUM_SCALE",
                "MAXIMUM_SCALE", "LOCAL_TYPE_NAME");
        List<String> names = new ArrayList<>();
        int previous = Integer.MIN_VALUE;
        for (List<String> row : info) {
            names.add(row.get(0));
            int type = Integer.parseInt(row.get(1));
            assertTrue(type >= previous, "sorted by DATA_TYPE");
            previous = type;
            assertEquals(String.valueOf(DatabaseMetaData.typeNullable), row.get(5));
            assertEquals("false", row.get(8));
            assertEquals(row.get(0), row.get(11));
        }
        assertEquals(List.of("TINYINT", "BIGINT", "BYTEA", "NOTHING", "NUMERIC", "DECIMAL", "INTEGER", "SMALLINT",
                "REAL", "DOUBLE", "VARCHAR", "TEXT", "BOOLEAN", "DATE", "TIMESTAMP", "TUPLE", "ARRAY", "TIMESTAMPTZ"),
                names);
        List<String> varchar = info.get(names.indexOf("VARCHAR"));
        assertEquals(List.of("'", "'", "true", String.valueOf(DatabaseMetaData.typeSearchable)),
                List.of(varchar.get(3), varchar.get(4), varchar.get(6), varchar.get(7)));
        List<String> decimal = info.get(names.indexOf("DECIMAL"));
        assertEquals(List.of("38", "0", "38"), List.of(decimal.get(2), decimal.get(9), decimal.get(10)));
        assertEquals("DATE '", info.get(names.indexOf("DATE")).get(3));
    }

    @Test
    void productDriverAndConnection() throws SQLException {
        assertEquals("Firebolt", md.getDatabaseProductName());
        assertEquals("4.12.3", md.getDatabaseProductVersion());
        assertEquals(4, md.getDatabaseMajorVersion());
        assertEquals(12, md.getDatabaseMinorVersion());
        assertEquals(RowpipeDriver.NAME, md.getDriverName());
        assertEquals(dev.rowpipe.internal.testing.PomVersion.get(), md.getDriverVersion());
        assertEquals(new RowpipeDriver().getMajorVersion(), md.getDriverMajorVersion());
        assertEquals(new RowpipeDriver().getMinorVersion(), md.getDriverMinorVersion());
        assertEquals(4, md.getJDBCMajorVersion());
        assertEquals(3, md.getJDBCMinorVersion());
        assertEquals("alice", md.getUserName());
        assertEquals(MetaTestSupport.URL, md.getURL());
        assertTrue(md.getConnection() == connection);
        assertTrue(md.isWrapperFor(RowpipeDatabaseMetaData.class));
        assertTrue(md.unwrap(RowpipeDatabaseMetaData.class) == md);
        assertThrows(SQLException.class, () -> md.unwrap(String.class));
    }

    @Test
    void versionPartsOfOddVersions() {
        assertEquals(0, RowpipeDatabaseMetaData.versionPart(null, 0));
        assertEquals(0, RowpipeDatabaseMetaData.versionPart("", 0));
        assertEquals(0, RowpipeDatabaseMetaData.versionPart("dev", 1));
        assertEquals(3, RowpipeDatabaseMetaData.versionPart("v3", 0));
        assertEquals(0, RowpipeDatabaseMetaData.versionPart("v3", 1));
        assertEquals(0, RowpipeDatabaseMetaData.versionPart("99999999999.2", 0));
        assertEquals(2, RowpipeDatabaseMetaData.versionPart("99999999999.2", 1));
        assertEquals(2024, RowpipeDatabaseMetaData.versionPart("Presto 2024.10-td", 0));
    }

    @Test
    void urlHidesSecretsAndUserIsOptional() throws SQLException {
        try (Connection c = DriverManager.getConnection(MetaTestSupport.URL + "?password=s3cret&retries=1",
                new Properties())) {
            DatabaseMetaData m = c.getMetaData();
            assertFalse(m.getURL().contains("s3cret"), m.getURL());
            assertTrue(m.getURL().contains("password=***"), m.getURL());
            assertTrue(m.getURL().contains("retries=1"), m.getURL());
            assertNull(m.getUserName());
        }
    }

    @Test
    void dialectAndCapabilities() throws SQLException {
        assertEquals("\"", md.getIdentifierQuoteString());
        assertEquals("\\", md.getSearchStringEscape());
        assertEquals(".", md.getCatalogSeparator());
        assertEquals("database", md.getCatalogTerm());
        assertEquals("schema", md.getSchemaTerm());
        assertEquals("procedure", md.getProcedureTerm());
        assertTrue(md.isCatalogAtStart());
        assertTrue(md.supportsCatalogsInDataManipulation() && md.supportsCatalogsInTableDefinitions());
        assertFalse(md.supportsCatalogsInProcedureCalls() || md.supportsCatalogsInIndexDefinitions()
                || md.supportsCatalogsInPrivilegeDefinitions());
        assertTrue(md.supportsSchemasInDataManipulation() && md.supportsSchemasInTableDefinitions());
        assertTrue(md.storesLowerCaseIdentifiers());
        assertFalse(md.storesUpperCaseIdentifiers() || md.storesMixedCaseIdentifiers()
                || md.supportsMixedCaseIdentifiers());
        assertTrue(md.supportsMixedCaseQuotedIdentifiers() && md.storesMixedCaseQuotedIdentifiers());
        assertTrue(md.nullsAreSortedHigh());
        assertFalse(md.nullsAreSortedLow() || md.nullsAreSortedAtStart() || md.nullsAreSortedAtEnd());
        assertFalse(md.supportsTransactions());
        assertEquals(Connection.TRANSACTION_NONE, md.getDefaultTransactionIsolation());
        assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE));
        assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED));
        assertTrue(md.supportsBatchUpdates());
        assertTrue(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
        assertFalse(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
        assertTrue(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY));
        assertFalse(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
        assertEquals(DatabaseMetaData.sqlStateSQL, md.getSQLStateType());
        assertEquals(RowIdLifetime.ROWID_UNSUPPORTED, md.getRowIdLifetime());
        assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, md.getResultSetHoldability());
        assertFalse(md.supportsGetGeneratedKeys() || md.generatedKeyAlwaysReturned() || md.locatorsUpdateCopy()
                || md.supportsRefCursors() || md.supportsSharding() || md.isReadOnly()
                || md.supportsStoredFunctionsUsingCallSyntax() || md.autoCommitFailureClosesAllResultSets());
        assertTrue(md.supportsCorrelatedSubqueries() && md.supportsSubqueriesInComparisons()
                && md.supportsSubqueriesInExists() && md.supportsSubqueriesInIns()
                && md.supportsSubqueriesInQuantifieds());
        assertEquals(0, md.getMaxColumnsInSelect());
        assertFalse(md.getSQLKeywords().isBlank());
        assertFalse(md.getSQLKeywords().contains(" "));
    }

    @Test
    void serviceWithoutSchemasAndOtherQuote() throws SQLException {
        FakeBackend.lastSession().product("Treasure Data", "presto").dialect(TdDialect.forType("hive"))
                .description(TdDescription.HIVE);
        assertFalse(md.supportsSchemasInDataManipulation() || md.supportsSchemasInProcedureCalls()
                || md.supportsSchemasInTableDefinitions() || md.supportsSchemasInIndexDefinitions()
                || md.supportsSchemasInPrivilegeDefinitions());
        assertEquals("`", md.getIdentifierQuoteString());
        assertEquals(0, md.getDatabaseMajorVersion());
        assertEquals(0, md.getDatabaseMinorVersion());
        // Databases still qualify names: db.table.
        assertTrue(md.supportsCatalogsInDataManipulation() && md.supportsCatalogsInTableDefinitions());
    }

    @Test
    void aThirdBackendThatDeclaresNothingGetsNothingOfAnotherService() throws SQLException {
        // Named like Firebolt on purpose: what the metadata says follows the description, never the product name.
        FakeBackend.lastSession().product("Firebolt compatible", "4.12.3").dialect(TdDialect.forType("presto"))
                .description(FakeSession.PLAIN);
        for (String list : List.of(md.getSQLKeywords(), md.getNumericFunctions(), md.getStringFunctions(),
                md.getSystemFunctions(), md.getTimeDateFunctions(), md.getExtraNameCharacters())) {
            assertEquals("", list);
        }
        assertEquals(List.of(), column(md.getTableTypes(), "TABLE_TYPE"));
        assertEquals(List.of(), column(md.getTypeInfo(), "TYPE_NAME"));
        assertFalse(md.supportsSchemasInDataManipulation() || md.supportsSchemasInProcedureCalls()
                || md.supportsSchemasInTableDefinitions() || md.supportsSchemasInIndexDefinitions()
                || md.supportsSchemasInPrivilegeDefinitions());
        assertFalse(md.supportsCatalogsInDataManipulation() || md.supportsCatalogsInProcedureCalls()
                || md.supportsCatalogsInTableDefinitions() || md.supportsCatalogsInIndexDefinitions()
                || md.supportsCatalogsInPrivilegeDefinitions());
        assertEquals(List.of("catalog", "schema", ".", "\\"),
                List.of(md.getCatalogTerm(), md.getSchemaTerm(), md.getCatalogSeparator(), md.getSearchStringEscape()));
        assertTrue(md.isCatalogAtStart());
        // PLAIN declares the SQL standard's case rules and NULLs last.
        assertTrue(md.storesUpperCaseIdentifiers());
        assertFalse(md.storesLowerCaseIdentifiers() || md.storesMixedCaseIdentifiers()
                || md.supportsMixedCaseIdentifiers());
        assertTrue(md.supportsMixedCaseQuotedIdentifiers() && md.storesMixedCaseQuotedIdentifiers());
        assertTrue(md.nullsAreSortedAtEnd());
        assertFalse(md.nullsAreSortedHigh() || md.nullsAreSortedLow() || md.nullsAreSortedAtStart());
        // Catalog rows come from the backend's MetadataSource as before.
        assertEquals(List.of("db1", "db2"), column(md.getCatalogs(), "TABLE_CAT"));
    }

    @Test
    void aThirdBackendsDescriptionIsRenderedAsDeclared() throws SQLException {
        BackendDescription own = BackendDescription.builder()
                .sqlKeywords("PIVOT", "UNPIVOT")
                .numericFunctions("ABS", "SQRT")
                .stringFunctions("CONCAT")
                .systemFunctions("USER")
                .timeDateFunctions("NOW")
                .tableTypes("VIEW", "BASE TABLE")
                .catalogTerm("project")
                .schemaTerm("dataset")
                .catalogSeparator(":", false)
                .catalogsIn(Set.of(StatementKind.DATA_MANIPULATION))
                .schemasIn(Set.of(StatementKind.DATA_MANIPULATION, StatementKind.TABLE_DEFINITION))
                .extraNameCharacters("$@")
                .identifierCase(IdentifierCase.MIXED, IdentifierCase.UPPER)
                .nullOrder(NullOrder.LOW)
                .types(List.of(
                        TypeInfo.of("STRING", Types.VARCHAR, 100).withLiteral("'", "'").withCreateParams("length")
                                .withNullable(DatabaseMetaData.typeNoNulls).withCaseSensitive(true)
                                .withSearchable(DatabaseMetaData.typeSearchable).withLocalName("string"),
                        TypeInfo.of("INT64", Types.BIGINT, 19).withRadix(10).withAutoIncrement(true),
                        TypeInfo.of("MONEY", Types.DECIMAL, 19).withFixedPrecisionScale(true).withUnsigned(true)
                                .withScale(2, 4).withRadix(10).withLocalName(null),
                        TypeInfo.of("INT", Types.BIGINT, 19).withRadix(10)))
                .build();
        FakeBackend.lastSession().product("Third", "1").description(own);
        assertEquals("PIVOT,UNPIVOT", md.getSQLKeywords());
        assertEquals("ABS,SQRT", md.getNumericFunctions());
        assertEquals("CONCAT", md.getStringFunctions());
        assertEquals("USER", md.getSystemFunctions());
        assertEquals("NOW", md.getTimeDateFunctions());
        assertEquals(List.of("BASE TABLE", "VIEW"), column(md.getTableTypes(), "TABLE_TYPE"));
        assertEquals(List.of("project", "dataset", ":", "$@"), List.of(md.getCatalogTerm(), md.getSchemaTerm(),
                md.getCatalogSeparator(), md.getExtraNameCharacters()));
        assertFalse(md.isCatalogAtStart());
        assertEquals(List.of(true, false, false, false, false), List.of(md.supportsCatalogsInDataManipulation(),
                md.supportsCatalogsInProcedureCalls(), md.supportsCatalogsInTableDefinitions(),
                md.supportsCatalogsInIndexDefinitions(), md.supportsCatalogsInPrivilegeDefinitions()));
        assertEquals(List.of(true, false, true, false, false), List.of(md.supportsSchemasInDataManipulation(),
                md.supportsSchemasInProcedureCalls(), md.supportsSchemasInTableDefinitions(),
                md.supportsSchemasInIndexDefinitions(), md.supportsSchemasInPrivilegeDefinitions()));
        assertEquals(List.of(true, false, false, true), List.of(md.supportsMixedCaseIdentifiers(),
                md.storesUpperCaseIdentifiers(), md.storesLowerCaseIdentifiers(), md.storesMixedCaseIdentifiers()));
        assertEquals(List.of(false, true, false, false), List.of(md.supportsMixedCaseQuotedIdentifiers(),
                md.storesUpperCaseQuotedIdentifiers(), md.storesLowerCaseQuotedIdentifiers(),
                md.storesMixedCaseQuotedIdentifiers()));
        assertEquals(List.of(false, true, false, false), List.of(md.nullsAreSortedHigh(), md.nullsAreSortedLow(),
                md.nullsAreSortedAtStart(), md.nullsAreSortedAtEnd()));
        // Every column of the type table as declared, ordered by DATA_TYPE; equal codes keep the declared order.
        String[] all = {"TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS",
            "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT",
            "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE", "SQL_DATA_TYPE", "SQL_DATETIME_SUB",
            "NUM_PREC_RADIX"};
        assertEquals(List.of(
                Arrays.asList("INT64", "-5", "19", null, null, null, "1", "false", "2", "false", "false", "true",
                        "INT64", "0", "0", null, null, "10"),
                Arrays.asList("INT", "-5", "19", null, null, null, "1", "false", "2", "false", "false", "false",
                        "INT", "0", "0", null, null, "10"),
                Arrays.asList("MONEY", "3", "19", null, null, null, "1", "false", "2", "true", "true", "false",
                        null, "2", "4", null, null, "10"),
                Arrays.asList("STRING", "12", "100", "'", "'", "length", "0", "true", "3", "false", "false", "false",
                        "string", "0", "0", null, null, null)),
                rows(md.getTypeInfo(), all));
        try (ResultSet rs = md.getTypeInfo()) {
            assertTrue(rs.next());
            assertEquals(Types.BIGINT, rs.getInt("DATA_TYPE"));
            assertEquals(DatabaseMetaData.typeNullable, rs.getShort("NULLABLE"));
            assertTrue(rs.getBoolean("AUTO_INCREMENT"));
        }
    }

    @Test
    void catalogCallsOnAClosedConnectionFail() throws SQLException {
        connection.close();
        SQLException e = assertThrows(SQLException.class, () -> md.getTables(null, null, "%", null));
        assertEquals("08003", e.getSQLState());
        assertEquals("08003", assertThrows(SQLException.class, () -> md.getPrimaryKeys(null, null, "t"))
                .getSQLState());
    }

    /** Every DatabaseMetaData method answers: no UnsupportedOperationException, no null where a value is due. */
    @Test
    void everyMethodAnswers() throws Exception {
        for (Method method : DatabaseMetaData.class.getMethods()) {
            if (method.getDeclaringClass() != DatabaseMetaData.class) {
                continue;
            }
            Class<?>[] params = method.getParameterTypes();
            Object[] args = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                if (params[i] == int.class) {
                    args[i] = 0;
                } else if (params[i] == boolean.class) {
                    args[i] = false;
                } else if (params[i] == Class.class) {
                    args[i] = DatabaseMetaData.class;
                }
            }
            Object value;
            try {
                value = method.invoke(md, args);
            } catch (InvocationTargetException e) {
                throw new AssertionError(method.getName() + " threw " + e.getCause(), e.getCause());
            }
            if (method.getReturnType() != void.class) {
                assertNotNull(value, method.getName());
            }
            if (value instanceof ResultSet rs) {
                rs.close();
            }
        }
    }
}
