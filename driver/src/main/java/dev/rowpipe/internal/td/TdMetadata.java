package dev.rowpipe.internal.td;

import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.LikePattern;
import dev.rowpipe.internal.spi.MetadataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Treasure Data's catalog for DatabaseMetaData: every TD database is a JDBC catalog (all of them, not only the
 * connected one), there are no schemas, and every table is a {@code TABLE}. Columns come from each table's
 * declared schema; log tables also get their implicit {@code time} column (BIGINT, unix seconds), placed
 * <em>last</em>, which is where TD's engines put it in {@code SELECT *}, so ordinal positions match a
 * {@code SELECT *} result.
 */
final class TdMetadata implements MetadataSource {
    private static final ColumnType TIME_TYPE = ColumnType.of(ColumnType.Kind.BIGINT, "long");

    private final TdClient client;

    TdMetadata(TdClient client) {
        this.client = client;
    }

    @Override
    public List<String> catalogs() throws SQLException {
        List<String> out = new ArrayList<>();
        for (TreasureDataApi.Database db : client.listDatabases(new RequestHandle())) {
            out.add(db.name());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @Override
    public List<SchemaRow> schemas(String catalog, String schemaPattern) {
        return List.of();
    }

    @Override
    public List<TableRow> tables(String catalog, String schemaPattern, String tablePattern) throws SQLException {
        List<TableRow> out = new ArrayList<>();
        for (TdTable t : matchingTables(catalog, tablePattern)) {
            out.add(new TableRow(t.database(), null, t.name(), "TABLE", null));
        }
        return out;
    }

    @Override
    public List<ColumnRow> columns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
            throws SQLException {
        LikePattern columnMatch = LikePattern.of(columnPattern);
        List<ColumnRow> out = new ArrayList<>();
        for (TdTable t : matchingTables(catalog, tablePattern)) {
            int ordinal = 0;
            for (ColumnInfo c : selectStarColumns(t)) {
                ordinal++;
                if (columnMatch.matches(c.name())) {
                    boolean implicit = c.type() == TIME_TYPE;
                    out.add(new ColumnRow(t.database(), null, t.name(), c.name(), c.type(), ordinal, null,
                            implicit ? "Implicit time column of a log table (unix seconds)" : null));
                }
            }
        }
        return out;
    }

    /**
     * The columns {@code SELECT *} of the table returns, in order: its declared schema, then, for a log table that
     * does not declare one, the implicit {@code time} column.
     */
    static List<ColumnInfo> selectStarColumns(TdTable t) {
        List<ColumnInfo> out = new ArrayList<>(t.columns());
        boolean hasTime = t.columns().stream().anyMatch(c -> c.name().equals("time"));
        if (!hasTime && (t.type() == null || t.type().equals("log"))) {
            out.add(new ColumnInfo("time", TIME_TYPE));
        }
        return out;
    }

    @Override
    public String currentSchema() {
        return null;
    }

    /** Tables of one catalog (null = every database) whose names match the pattern, sorted. */
    private List<TdTable> matchingTables(String catalog, String tablePattern) throws SQLException {
        List<String> databases;
        if (catalog == null) {
            databases = catalogs();
        } else if (catalog.isEmpty()) {
            // "" asks for tables without a catalog; every TD table belongs to a database.
            return List.of();
        } else {
            databases = List.of(catalog);
        }
        LikePattern match = LikePattern.of(tablePattern);
        List<TdTable> out = new ArrayList<>();
        for (String db : databases) {
            // A catalog that does not exist has no tables; metadata calls do not fail for it.
            for (TdTable t : client.listTablesIfExists(db, new RequestHandle()).orElse(List.of())) {
                if (match.matches(t.name())) {
                    out.add(t);
                }
            }
        }
        out.sort(Comparator.comparing(TdTable::database).thenComparing(TdTable::name));
        return out;
    }
}
