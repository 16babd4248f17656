package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.Execution;
import dev.rowpipe.internal.spi.LikePattern;
import dev.rowpipe.internal.spi.MetadataSource;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.spi.StatementResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Catalog metadata from Firebolt's information_schema (v1, 2.0 and Core alike), queried through the session like any
 * statement. Name filters are pushed down (exact names as {@code =}, patterns as {@code LIKE .. ESCAPE}) with the
 * session's literal rules; the JDBC layer filters the rows again, so a server that ignores a filter still gives
 * right answers.
 */
final class FireboltMetadata implements MetadataSource {
    /** What the metadata queries need of their session. */
    interface Source {
        /** A driver's statement: outside any transaction of the user's. */
        Execution execution(String sql) throws SQLException;

        /** The current database, or null. */
        String database();

        SqlDialect dialect();

        /** The schema a connection is in, or null where schemas are not chosen. */
        String currentSchema();
    }

    private final Source session;

    FireboltMetadata(Source session) {
        this.session = session;
    }

    /**
     * Only the connection's (current) database: a Firebolt query reads the one database it is sent to, so another
     * database's tables could be listed but not queried on this connection, and a tool that qualifies names with the
     * catalog it found would write SQL that fails. None on a Core connection that named no database.
     */
    @Override
    public List<String> catalogs() {
        String database = session.database();
        return database == null ? List.of() : List.of(database);
    }

    @Override
    public List<SchemaRow> schemas(String catalog, String schemaPattern) throws SQLException {
        if (catalog != null && !catalog.equals(session.database())) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT DISTINCT table_catalog, table_schema FROM information_schema.tables");
        Where where = new Where(sql, session.dialect());
        where.equalsLiteral("table_catalog", catalog);
        where.like("table_schema", schemaPattern);
        sql.append(" ORDER BY table_schema");
        List<SchemaRow> out = new ArrayList<>();
        for (String[] row : query(sql.toString(), 2)) {
            out.add(new SchemaRow(row[0] == null ? session.database() : row[0], row[1]));
        }
        return out;
    }

    @Override
    public List<TableRow> tables(String catalog, String schemaPattern, String tablePattern) throws SQLException {
        if (catalog != null && !catalog.equals(session.database())) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(
                "SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables");
        Where where = new Where(sql, session.dialect());
        where.equalsLiteral("table_catalog", catalog);
        where.like("table_schema", schemaPattern);
        where.like("table_name", tablePattern);
        sql.append(" ORDER BY table_schema, table_name");
        List<TableRow> out = new ArrayList<>();
        for (String[] row : query(sql.toString(), 4)) {
            out.add(new TableRow(row[0] == null ? session.database() : row[0], row[1], row[2], tableType(row[3]),
                    null));
        }
        return out;
    }

    @Override
    public List<ColumnRow> columns(String catalog, String schemaPattern, String tablePattern, String columnPattern)
            throws SQLException {
        if (catalog != null && !catalog.equals(session.database())) {
            // information_schema describes the connected database only.
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT table_schema, table_name, column_name, data_type, is_nullable, "
                + "ordinal_position, column_default FROM information_schema.columns");
        Where where = new Where(sql, session.dialect());
        where.like("table_schema", schemaPattern);
        where.like("table_name", tablePattern);
        where.like("column_name", columnPattern);
        sql.append(" ORDER BY table_schema, table_name, ordinal_position");
        List<ColumnRow> out = new ArrayList<>();
        for (String[] row : query(sql.toString(), 7)) {
            ColumnType type = FireboltTypes.parse(row[3]);
            String nullable = row[4] == null ? "" : row[4].trim().toUpperCase(Locale.ROOT);
            if (nullable.equals("YES") || nullable.equals("1") || nullable.equals("TRUE")) {
                type = type.withNullable(true);
            } else if (nullable.equals("NO") || nullable.equals("0") || nullable.equals("FALSE")) {
                type = type.withNullable(false);
            }
            out.add(new ColumnRow(session.database(), row[0], row[1], row[2], type, ordinal(row[5], out.size()),
                    row[6], null));
        }
        return out;
    }

    @Override
    public String currentSchema() {
        return session.currentSchema();
    }

    static String tableType(String type) {
        if (type == null) {
            return "TABLE";
        }
        return switch (type.trim().toUpperCase(Locale.ROOT)) {
            case "BASE TABLE", "FACT", "DIMENSION", "TABLE" -> "TABLE";
            case "VIEW" -> "VIEW";
            case "EXTERNAL" -> "EXTERNAL TABLE";
            default -> type.trim().toUpperCase(Locale.ROOT);
        };
    }

    private static int ordinal(String text, int index) {
        try {
            return text == null ? index + 1 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return index + 1;
        }
    }

    /** Runs one metadata query and reads every row as text, {@code width} columns wide. */
    private List<String[]> query(String sql, int width) throws SQLException {
        Execution execution = session.execution(sql);
        StatementResult result = execution.start();
        List<String[]> rows = new ArrayList<>();
        if (!result.hasRows()) {
            return rows;
        }
        if (result.columns().size() < width) {
            result.cursor().close();
            throw SqlState.GENERAL_ERROR.exception("Firebolt metadata query returned " + result.columns().size()
                    + " columns, expected " + width + ": " + sql);
        }
        try (RowCursor cursor = result.cursor()) {
            RowBuffer row = new RowBuffer(result.columns().size());
            while (cursor.next(row)) {
                String[] values = new String[width];
                for (int i = 0; i < width; i++) {
                    values[i] = text(row, i);
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private static String text(RowBuffer row, int i) {
        return switch (row.kind(i)) {
            case RowBuffer.NULL -> null;
            case RowBuffer.TEXT -> row.text(i);
            case RowBuffer.LONG -> Long.toString(row.longValue(i));
            case RowBuffer.DOUBLE -> Double.toString(row.doubleValue(i));
            case RowBuffer.BOOLEAN -> row.booleanValue(i) ? "true" : "false";
            default -> String.valueOf(row.objectValue(i));
        };
    }

    /** Appends WHERE/AND conditions with literals quoted as the session reads them. */
    private static final class Where {
        private final StringBuilder sql;
        private final SqlDialect dialect;
        private boolean first = true;

        Where(StringBuilder sql, SqlDialect dialect) {
            this.sql = sql;
            this.dialect = dialect;
        }

        void equalsLiteral(String column, String value) {
            if (value != null) {
                add(column + " = " + dialect.quoteString(value));
            }
        }

        void like(String column, String pattern) {
            LikePattern p = LikePattern.of(pattern);
            if (p.matchesAll()) {
                return;
            }
            String literal = p.literal();
            if (literal != null) {
                add(column + " = " + dialect.quoteString(literal));
            } else {
                // The JDBC escape is a backslash, quoted as the dialect reads a backslash (v1 escapes it).
                add(column + " LIKE " + dialect.quoteString(pattern) + " ESCAPE " + dialect.quoteString("\\"));
            }
        }

        private void add(String condition) {
            sql.append(first ? " WHERE " : " AND ").append(condition);
            first = false;
        }
    }
}
