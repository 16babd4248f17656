package dev.rowpipe.jdbc;

import dev.rowpipe.internal.DriverVersion;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.BackendDescription.IdentifierCase;
import dev.rowpipe.internal.spi.BackendDescription.NullOrder;
import dev.rowpipe.internal.spi.BackendDescription.StatementKind;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.LikePattern;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.MetadataSource.ColumnRow;
import dev.rowpipe.internal.spi.MetadataSource.SchemaRow;
import dev.rowpipe.internal.spi.MetadataSource.TableRow;
import dev.rowpipe.internal.spi.Session;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the driver and the service can do, and the service's catalog (databases, schemas, tables, columns) as
 * JDBC result sets.
 *
 * <p>Catalog rows come from the backend's {@link MetadataSource}, and are always filtered again here with the
 * caller's catalog and LIKE patterns ({@code %}, {@code _}, escape {@code \}), then sorted as the spec asks.
 * One deliberate deviation: a table or schema pattern with wildcards that equals an existing name exactly selects
 * only that name, because DBeaver and other tools pass names unescaped (see {@link MetadataFilter}).
 *
 * <p>Everything that differs between services (keywords, functions, table types, where names may be qualified,
 * identifier case, NULL order, the type table) comes from the backend's {@link BackendDescription}; this class
 * knows no service. What is the driver's own (transactions, result set kinds, the metadata pattern escape) is
 * answered here.
 *
 * <p>The services have no keys, indexes, procedures, functions, user-defined types or privileges that the driver
 * can list: those calls return correctly shaped empty results rather than throwing, because BI tools report an
 * exception there as an error in their UI.
 */
public final class RowpipeDatabaseMetaData implements DatabaseMetaData {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final RowpipeConnection connection;
    private final Session session;

    RowpipeDatabaseMetaData(RowpipeConnection connection) {
        this.connection = connection;
        this.session = connection.session();
    }

    private MetadataSource source() throws SQLException {
        connection.checkOpen();
        return new Guarded(session.metadata());
    }

    /** The backend's catalog with its RuntimeExceptions made SQLExceptions: none leaves a JDBC method. */
    private record Guarded(MetadataSource source) implements MetadataSource {
        @Override
        public List<String> catalogs() throws SQLException {
            try {
                return source.catalogs();
            } catch (RuntimeException e) {
                throw Errors.unexpected("Listing the catalogs", e);
            }
        }

        @Override
        public List<SchemaRow> schemas(String catalog, String schemaPattern) throws SQLException {
            try {
                return source.schemas(catalog, schemaPattern);
            } catch (RuntimeException e) {
                throw Errors.unexpected("Listing the schemas", e);
            }
        }

        @Override
        public List<TableRow> tables(String catalog, String schemaPattern, String tablePattern) throws SQLException {
            try {
                return source.tables(catalog, schemaPattern, tablePattern);
            } catch (RuntimeException e) {
                throw Errors.unexpected("Listing the tables", e);
            }
        }

        @Override
        public List<ColumnRow> columns(String catalog, String schemaPattern, String tablePattern,
                                       String columnPattern) throws SQLException {
            try {
                return source.columns(catalog, schemaPattern, tablePattern, columnPattern);
            } catch (RuntimeException e) {
                throw Errors.unexpected("Listing the columns", e);
            }
        }

        @Override
        public String currentSchema() {
            return source.currentSchema();
        }
    }

    private static ResultSet result(List<ColumnInfo> layout, List<? extends List<?>> rows) {
        return RowpipeResultSet.ofRows(null, layout, rows);
    }

    private ResultSet empty(List<ColumnInfo> layout) throws SQLException {
        connection.checkOpen();
        return result(layout, List.of());
    }

    /** The session's description, asked per call like its product name. */
    private BackendDescription description() {
        return session.description();
    }

    // ---- catalog: databases, schemas, tables, columns ----

    @Override
    public ResultSet getCatalogs() throws SQLException {
        List<String> names = new ArrayList<>(new java.util.TreeSet<>(nonNull(source().catalogs())));
        List<List<Object>> rows = new ArrayList<>(names.size());
        for (String name : names) {
            rows.add(List.of(name));
        }
        return result(MetadataColumns.CATALOGS, rows);
    }

    private static List<String> nonNull(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        List<SchemaRow> found = source().schemas(catalog, schemaPattern);
        found = MetadataFilter.byCatalog(found, catalog, SchemaRow::catalog);
        found = MetadataFilter.byName(found, schemaPattern, SchemaRow::schema);
        List<SchemaRow> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(SchemaRow::catalog, NULLS_FIRST)
                .thenComparing(SchemaRow::schema, NULLS_FIRST));
        List<List<Object>> rows = new ArrayList<>(sorted.size());
        for (SchemaRow s : sorted) {
            rows.add(Arrays.asList(s.schema(), s.catalog()));
        }
        return result(MetadataColumns.SCHEMAS, rows);
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        connection.checkOpen();
        List<String> types = new ArrayList<>(description().tableTypes());
        types.sort(Comparator.naturalOrder());
        List<List<Object>> rows = new ArrayList<>(types.size());
        for (String type : types) {
            rows.add(List.of(type));
        }
        return result(MetadataColumns.TABLE_TYPES, rows);
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        List<TableRow> found = source().tables(catalog, schemaPattern, tableNamePattern);
        found = MetadataFilter.byCatalog(found, catalog, TableRow::catalog);
        found = MetadataFilter.byName(found, schemaPattern, TableRow::schema);
        found = MetadataFilter.byName(found, tableNamePattern, TableRow::name);
        Set<String> wanted = types == null ? null : new HashSet<>(Arrays.asList(types));
        List<TableRow> kept = new ArrayList<>(found.size());
        for (TableRow t : found) {
            if (wanted == null || wanted.contains(t.type())) {
                kept.add(t);
            }
        }
        kept.sort(Comparator.comparing(TableRow::type, NULLS_FIRST)
                .thenComparing(TableRow::catalog, NULLS_FIRST)
                .thenComparing(TableRow::schema, NULLS_FIRST)
                .thenComparing(TableRow::name, NULLS_FIRST));
        List<List<Object>> rows = new ArrayList<>(kept.size());
        for (TableRow t : kept) {
            rows.add(Arrays.asList(t.catalog(), t.schema(), t.name(), t.type(), t.remarks(), null, null, null,
                    null, null));
        }
        return result(MetadataColumns.TABLES, rows);
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
                                String columnNamePattern) throws SQLException {
        List<ColumnRow> found = source().columns(catalog, schemaPattern, tableNamePattern, columnNamePattern);
        found = MetadataFilter.byCatalog(found, catalog, ColumnRow::catalog);
        found = MetadataFilter.byName(found, schemaPattern, ColumnRow::schema);
        found = MetadataFilter.byName(found, tableNamePattern, ColumnRow::table);
        found = MetadataFilter.byPattern(found, columnNamePattern, ColumnRow::name);
        List<ColumnRow> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(ColumnRow::catalog, NULLS_FIRST)
                .thenComparing(ColumnRow::schema, NULLS_FIRST)
                .thenComparing(ColumnRow::table, NULLS_FIRST)
                .thenComparingInt(ColumnRow::ordinal));
        List<List<Object>> rows = new ArrayList<>(sorted.size());
        BackendDescription description = description();
        for (ColumnRow c : sorted) {
            rows.add(columnRow(c, description));
        }
        return result(MetadataColumns.COLUMNS, rows);
    }

    /**
     * One getColumns row: TYPE_NAME is the SQL type name the description gives the column's kind (listed by
     * getTypeInfo), and the service's own spelling follows the standard columns as SOURCE_TYPE_NAME.
     */
    private static List<Object> columnRow(ColumnRow c, BackendDescription description) {
        ColumnType type = c.type();
        boolean nullable = type.nullable();
        return Arrays.asList(c.catalog(), c.schema(), c.table(), c.name(),
                MetadataTypes.dataType(type), description.sqlTypeName(type), MetadataTypes.columnSize(type), null,
                MetadataTypes.decimalDigits(type), 10,
                nullable ? columnNullable : columnNoNulls, c.remarks(), c.defaultValue(), null, null,
                MetadataTypes.charOctetLength(type), c.ordinal(), nullable ? "YES" : "NO", null, null, null, null,
                "NO", "NO", type.typeName());
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        connection.checkOpen();
        return result(MetadataColumns.TYPE_INFO, MetadataTypes.typeInfoRows(description().types()));
    }

    // ---- things the services do not have: correctly shaped empty results ----

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        return empty(MetadataColumns.PRIMARY_KEYS);
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return empty(MetadataColumns.KEYS);
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return empty(MetadataColumns.KEYS);
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
                                       String foreignCatalog, String foreignSchema, String foreignTable)
            throws SQLException {
        return empty(MetadataColumns.KEYS);
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        return empty(MetadataColumns.INDEX_INFO);
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
            throws SQLException {
        return empty(MetadataColumns.PROCEDURES);
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
                                         String columnNamePattern) throws SQLException {
        return empty(MetadataColumns.PROCEDURE_COLUMNS);
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
            throws SQLException {
        return empty(MetadataColumns.FUNCTIONS);
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
                                        String columnNamePattern) throws SQLException {
        return empty(MetadataColumns.FUNCTION_COLUMNS);
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
            throws SQLException {
        return empty(MetadataColumns.UDTS);
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern)
            throws SQLException {
        return empty(MetadataColumns.SUPER_TYPES);
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return empty(MetadataColumns.SUPER_TABLES);
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
                                   String attributeNamePattern) throws SQLException {
        return empty(MetadataColumns.ATTRIBUTES);
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        return empty(MetadataColumns.BEST_ROW_IDENTIFIER);
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        return empty(MetadataColumns.VERSION_COLUMNS);
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
            throws SQLException {
        return empty(MetadataColumns.COLUMN_PRIVILEGES);
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
            throws SQLException {
        return empty(MetadataColumns.TABLE_PRIVILEGES);
    }

    /**
     * ApplicationName, which the connection's User-Agent carries when it is set at connect time (the
     * {@code application_name} property, or {@code ApplicationName} as tools pass it); a later
     * {@code setClientInfo} changes what {@code getClientInfo} reports, not the User-Agent. Other client info is kept
     * on the connection only.
     */
    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        connection.checkOpen();
        return result(MetadataColumns.CLIENT_INFO_PROPERTIES, List.of(Arrays.asList(
                RowpipeConnection.APPLICATION_NAME, DriverVersion.MAX_APPLICATION_NAME, null,
                "The application's name, sent in the User-Agent when set at connect time")));
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
                                      String columnNamePattern) throws SQLException {
        return empty(MetadataColumns.PSEUDO_COLUMNS);
    }

    // ---- product, driver, connection ----

    @Override
    public String getDatabaseProductName() {
        return session.productName();
    }

    @Override
    public String getDatabaseProductVersion() {
        return session.productVersion();
    }

    @Override
    public int getDatabaseMajorVersion() {
        return versionPart(session.productVersion(), 0);
    }

    @Override
    public int getDatabaseMinorVersion() {
        return versionPart(session.productVersion(), 1);
    }

    /** The n-th run of digits in a version text ("4.12.3" -> 4, 12), or 0 when there is none or it overflows. */
    static int versionPart(String version, int index) {
        if (version == null) {
            return 0;
        }
        int seen = 0;
        int i = 0;
        while (i < version.length()) {
            if (!Character.isDigit(version.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < version.length() && Character.isDigit(version.charAt(i))) {
                i++;
            }
            if (seen++ == index) {
                try {
                    return Integer.parseInt(version.substring(start, i));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    @Override
    public String getDriverName() {
        return RowpipeDriver.NAME;
    }

    @Override
    public String getDriverVersion() {
        return DriverVersion.full();
    }

    @Override
    public int getDriverMajorVersion() {
        return DriverVersion.major();
    }

    @Override
    public int getDriverMinorVersion() {
        return DriverVersion.minor();
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 3;
    }

    /** The connection URL with secrets already replaced by {@code ***}. */
    @Override
    public String getURL() {
        return connection.safeUrl();
    }

    /** The {@code user} property when the backend has one (a backend may authenticate by key alone). */
    @Override
    public String getUserName() {
        Settings settings = connection.settings();
        for (ConnectionProperty<?> p : settings.knownProperties()) {
            if (p.matches("user") && !p.secret()) {
                Object v = settings.get(p);
                return v == null ? null : String.valueOf(v);
            }
        }
        return null;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    // ---- SQL dialect ----

    @Override
    public String getIdentifierQuoteString() {
        return session.dialect().identifierQuote();
    }

    /** Words the service reserves beyond SQL:2003 (DBeaver highlights them and quotes identifiers so named). */
    @Override
    public String getSQLKeywords() {
        return String.join(",", description().sqlKeywords());
    }

    @Override
    public String getNumericFunctions() {
        return String.join(",", description().numericFunctions());
    }

    @Override
    public String getStringFunctions() {
        return String.join(",", description().stringFunctions());
    }

    @Override
    public String getSystemFunctions() {
        return String.join(",", description().systemFunctions());
    }

    @Override
    public String getTimeDateFunctions() {
        return String.join(",", description().timeDateFunctions());
    }

    /** The escape of the patterns this class filters catalog rows with, whatever the service's own LIKE uses. */
    @Override
    public String getSearchStringEscape() {
        return LikePattern.ESCAPE;
    }

    @Override
    public String getExtraNameCharacters() {
        return description().extraNameCharacters();
    }

    @Override
    public String getSchemaTerm() {
        return description().schemaTerm();
    }

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    @Override
    public String getCatalogTerm() {
        return description().catalogTerm();
    }

    @Override
    public boolean isCatalogAtStart() {
        return description().catalogAtStart();
    }

    @Override
    public String getCatalogSeparator() {
        return description().catalogSeparator();
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    // Identifier case as the backend describes it. A name kept as written (MIXED) is both case-sensitive and
    // stored in mixed case, so it answers true to supportsMixedCase* and to storesMixedCase*.

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return description().unquotedCase() == IdentifierCase.MIXED;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return description().unquotedCase() == IdentifierCase.UPPER;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return description().unquotedCase() == IdentifierCase.LOWER;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return description().unquotedCase() == IdentifierCase.MIXED;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return description().quotedCase() == IdentifierCase.MIXED;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return description().quotedCase() == IdentifierCase.UPPER;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return description().quotedCase() == IdentifierCase.LOWER;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return description().quotedCase() == IdentifierCase.MIXED;
    }

    @Override
    public boolean nullsAreSortedHigh() {
        return description().nullOrder() == NullOrder.HIGH;
    }

    @Override
    public boolean nullsAreSortedLow() {
        return description().nullOrder() == NullOrder.LOW;
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        return description().nullOrder() == NullOrder.AT_START;
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        return description().nullOrder() == NullOrder.AT_END;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    // ---- catalogs and schemas in statements ----

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return description().catalogsIn().contains(StatementKind.DATA_MANIPULATION);
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        return description().catalogsIn().contains(StatementKind.PROCEDURE_CALL);
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return description().catalogsIn().contains(StatementKind.TABLE_DEFINITION);
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        return description().catalogsIn().contains(StatementKind.INDEX_DEFINITION);
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        return description().catalogsIn().contains(StatementKind.PRIVILEGE_DEFINITION);
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return description().schemasIn().contains(StatementKind.DATA_MANIPULATION);
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() {
        return description().schemasIn().contains(StatementKind.PROCEDURE_CALL);
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return description().schemasIn().contains(StatementKind.TABLE_DEFINITION);
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() {
        return description().schemasIn().contains(StatementKind.INDEX_DEFINITION);
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        return description().schemasIn().contains(StatementKind.PRIVILEGE_DEFINITION);
    }

    // ---- query features ----

    @Override
    public boolean allProceduresAreCallable() {
        return true;
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    @Override
    public boolean usesLocalFiles() {
        return false;
    }

    @Override
    public boolean usesLocalFilePerTable() {
        return false;
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() {
        return false;
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() {
        return false;
    }

    @Override
    public boolean supportsColumnAliasing() {
        return true;
    }

    @Override
    public boolean supportsConvert() {
        return false;
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) {
        return false;
    }

    @Override
    public boolean supportsTableCorrelationNames() {
        return true;
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() {
        return false;
    }

    @Override
    public boolean supportsExpressionsInOrderBy() {
        return true;
    }

    @Override
    public boolean supportsOrderByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupBy() {
        return true;
    }

    @Override
    public boolean supportsGroupByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupByBeyondSelect() {
        return true;
    }

    @Override
    public boolean supportsLikeEscapeClause() {
        return false;
    }

    /** A script of several statements gives one result per statement through getMoreResults. */
    @Override
    public boolean supportsMultipleResultSets() {
        return true;
    }

    @Override
    public boolean supportsMultipleTransactions() {
        return false;
    }

    @Override
    public boolean supportsNonNullableColumns() {
        return true;
    }

    @Override
    public boolean supportsMinimumSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsCoreSQLGrammar() {
        return false;
    }

    @Override
    public boolean supportsExtendedSQLGrammar() {
        return false;
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() {
        return true;
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() {
        return false;
    }

    @Override
    public boolean supportsANSI92FullSQL() {
        return false;
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() {
        return false;
    }

    @Override
    public boolean supportsOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsFullOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsLimitedOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsPositionedDelete() {
        return false;
    }

    @Override
    public boolean supportsPositionedUpdate() {
        return false;
    }

    @Override
    public boolean supportsSelectForUpdate() {
        return false;
    }

    @Override
    public boolean supportsStoredProcedures() {
        return false;
    }

    @Override
    public boolean supportsSubqueriesInComparisons() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        return true;
    }

    @Override
    public boolean supportsCorrelatedSubqueries() {
        return true;
    }

    @Override
    public boolean supportsUnion() {
        return true;
    }

    @Override
    public boolean supportsUnionAll() {
        return true;
    }

    // ---- transactions: the session's, or none (every statement commits as it runs) ----

    @Override
    public boolean supportsOpenCursorsAcrossCommit() {
        return false;
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() {
        return false;
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() {
        return true;
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() {
        return true;
    }

    /** As the session's transactions say; without them, auto-commit off is emulated (see TransactionState). */
    @Override
    public boolean supportsTransactions() {
        return session.transactions().available();
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return session.transactions().isolation();
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == session.transactions().isolation();
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return false;
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return false;
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return false;
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        return false;
    }

    @Override
    public boolean supportsSavepoints() {
        return false;
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() {
        return false;
    }

    // ---- limits: 0 means none known ----

    @Override
    public int getMaxBinaryLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxCharLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxColumnNameLength() {
        return 0;
    }

    @Override
    public int getMaxColumnsInGroupBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInIndex() {
        return 0;
    }

    @Override
    public int getMaxColumnsInOrderBy() {
        return 0;
    }

    @Override
    public int getMaxColumnsInSelect() {
        return 0;
    }

    @Override
    public int getMaxColumnsInTable() {
        return 0;
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public int getMaxCursorNameLength() {
        return 0;
    }

    @Override
    public int getMaxIndexLength() {
        return 0;
    }

    @Override
    public int getMaxSchemaNameLength() {
        return 0;
    }

    @Override
    public int getMaxProcedureNameLength() {
        return 0;
    }

    @Override
    public int getMaxCatalogNameLength() {
        return 0;
    }

    @Override
    public int getMaxRowSize() {
        return 0;
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() {
        return false;
    }

    @Override
    public int getMaxStatementLength() {
        return 0;
    }

    @Override
    public int getMaxStatements() {
        return 0;
    }

    @Override
    public int getMaxTableNameLength() {
        return 0;
    }

    @Override
    public int getMaxTablesInSelect() {
        return 0;
    }

    @Override
    public int getMaxUserNameLength() {
        return 0;
    }

    @Override
    public long getMaxLogicalLobSize() {
        return 0;
    }

    // ---- result sets and statements: forward-only, read-only ----

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int type) {
        return false;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public boolean supportsNamedParameters() {
        return false;
    }

    /** getMoreResults(KEEP_CURRENT_RESULT) keeps the previous result of a script open. */
    @Override
    public boolean supportsMultipleOpenResults() {
        return true;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return false;
    }

    @Override
    public boolean generatedKeyAlwaysReturned() {
        return false;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public boolean locatorsUpdateCopy() {
        return false;
    }

    @Override
    public boolean supportsStatementPooling() {
        return false;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() {
        return false;
    }

    @Override
    public boolean supportsRefCursors() {
        return false;
    }

    @Override
    public boolean supportsSharding() {
        return false;
    }

    // ---- wrapper ----

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface != null && iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlState.GENERAL_ERROR.exception("DatabaseMetaData is not a wrapper for "
                + (iface == null ? "null" : iface.getName()));
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface != null && iface.isInstance(this);
    }
}
