package dev.rowpipe.internal.spi;

import java.sql.SQLException;
import java.util.List;

/**
 * What a backend knows of its catalog. Pattern arguments are JDBC LIKE patterns ({@code %}, {@code _}, escape
 * {@code \}) or null for "any"; a backend may use them to narrow its request, but the JDBC layer filters the rows
 * again with {@link LikePattern}, so returning more than asked is safe and returning less is a bug.
 */
public interface MetadataSource {

    /** Every catalog (database) the user can see. */
    List<String> catalogs() throws SQLException;

    /** Schemas in the matching catalogs (none for services without schemas). */
    List<SchemaRow> schemas(String catalog, String schemaPattern) throws SQLException;

    List<TableRow> tables(String catalog, String schemaPattern, String tablePattern) throws SQLException;

    List<ColumnRow> columns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
            throws SQLException;

    /** The schema a new connection is in, or null. */
    String currentSchema();

    record SchemaRow(String catalog, String schema) { }

    /** @param type JDBC table type: TABLE, VIEW, EXTERNAL TABLE, SYSTEM TABLE, ... */
    record TableRow(String catalog, String schema, String name, String type, String remarks) { }

    /** @param ordinal 1-based position in the table */
    record ColumnRow(String catalog, String schema, String table, String name, ColumnType type, int ordinal,
                     String defaultValue, String remarks) { }
}
