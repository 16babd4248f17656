package dev.rowpipe.jdbc;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import dev.rowpipe.internal.spi.MetadataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of a {@link FakeSession}. Like a lazy backend, it narrows by catalog only and ignores the name
 * patterns, so the JDBC layer's own filtering is what the tests see.
 *
 * <p>The {@link #sample()} catalog has two databases with names chosen so that LIKE wildcards matter: {@code abc}
 * and {@code a_c}, {@code www_access} and {@code wwwXaccess}. Its rows are deliberately not sorted.
 */
final class FakeCatalog implements MetadataSource {
    static final List<String> CATALOGS = List.of("db2", "db1");

    static final List<SchemaRow> SCHEMAS = List.of(
            new SchemaRow("db1", "public"), new SchemaRow("db1", "information_schema"),
            new SchemaRow("db2", "public"));

    static final List<TableRow> TABLES = List.of(
            new TableRow("db1", "public", "wwwXaccess", "TABLE", null),
            new TableRow("db1", "public", "abc", "TABLE", "letters"),
            new TableRow("db1", "public", "a_c", "TABLE", null),
            new TableRow("db1", "public", "www_access", "TABLE", "web log"),
            new TableRow("db1", "public", "abc_view", "VIEW", null),
            new TableRow("db1", "information_schema", "tables", "SYSTEM TABLE", null),
            new TableRow("db2", "public", "orders", "TABLE", null),
            new TableRow("db2", "public", "events", "EXTERNAL TABLE", null));

    private static ColumnType t(Kind kind, String name) {
        return ColumnType.of(kind, name);
    }

    static final List<ColumnRow> COLUMNS = List.of(
            new ColumnRow("db1", "public", "abc", "name", t(Kind.VARCHAR, "text"), 2, null, null),
            new ColumnRow("db1", "public", "abc", "id", t(Kind.INTEGER, "int").withNullable(false), 1, null, "key"),
            new ColumnRow("db1", "public", "abc", "amount", ColumnType.decimal("numeric(12,2)", 12, 2), 3, "0",
                    null),
            new ColumnRow("db1", "public", "a_c", "a_c_id", t(Kind.BIGINT, "bigint").withNullable(false), 1, null,
                    null),
            new ColumnRow("db1", "public", "a_c", "flag", t(Kind.BOOLEAN, "boolean"), 2, null, null),
            new ColumnRow("db1", "public", "www_access", "ts",
                    t(Kind.TIMESTAMP, "timestamp").withPrecision(0, 6), 1, null, null),
            new ColumnRow("db1", "public", "www_access", "url", t(Kind.VARCHAR, "text"), 2, null, null),
            new ColumnRow("db1", "public", "wwwXaccess", "x", t(Kind.INTEGER, "int"), 1, null, null),
            new ColumnRow("db1", "public", "abc_view", "id", t(Kind.INTEGER, "int"), 1, null, null),
            new ColumnRow("db1", "information_schema", "tables", "table_name", t(Kind.VARCHAR, "text"), 1, null,
                    null),
            new ColumnRow("db2", "public", "orders", "order_id", t(Kind.BIGINT, "bigint"), 1, null, null),
            new ColumnRow("db2", "public", "orders", "created", t(Kind.DATE, "date"), 2, null, null),
            new ColumnRow("db2", "public", "orders", "tags",
                    ColumnType.array("array(text)", t(Kind.VARCHAR, "text")), 3, null, null),
            new ColumnRow("db2", "public", "events", "payload", t(Kind.VARCHAR, "text").withPrecision(100, 0), 1,
                    null, null));

    private final List<String> catalogs;
    private final List<SchemaRow> schemas;
    private final List<TableRow> tables;
    private final List<ColumnRow> columns;
    private final String currentSchema;

    private FakeCatalog(List<String> catalogs, List<SchemaRow> schemas, List<TableRow> tables,
                        List<ColumnRow> columns, String currentSchema) {
        this.catalogs = catalogs;
        this.schemas = schemas;
        this.tables = tables;
        this.columns = columns;
        this.currentSchema = currentSchema;
    }

    /** The sample catalog described above; the connection starts in schema {@code public}. */
    static FakeCatalog sample() {
        return new FakeCatalog(CATALOGS, SCHEMAS, TABLES, COLUMNS, "public");
    }

    /** Just the one database, with no schemas or tables; the connection starts in schema {@code public}. */
    static FakeCatalog only(String database) {
        return new FakeCatalog(List.of(database), List.of(), List.of(), List.of(), "public");
    }

    private static boolean inCatalog(String catalog, String rowCatalog) {
        return catalog == null || catalog.equals(rowCatalog);
    }

    @Override
    public List<String> catalogs() {
        return catalogs;
    }

    @Override
    public List<SchemaRow> schemas(String catalog, String schemaPattern) {
        List<SchemaRow> out = new ArrayList<>();
        for (SchemaRow s : schemas) {
            if (inCatalog(catalog, s.catalog())) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public List<TableRow> tables(String catalog, String schemaPattern, String tablePattern) {
        List<TableRow> out = new ArrayList<>();
        for (TableRow t : tables) {
            if (inCatalog(catalog, t.catalog())) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public List<ColumnRow> columns(String catalog, String schemaPattern, String tablePattern,
                                   String columnPattern) {
        List<ColumnRow> out = new ArrayList<>();
        for (ColumnRow c : columns) {
            if (inCatalog(catalog, c.catalog())) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public String currentSchema() {
        return currentSchema;
    }
}
