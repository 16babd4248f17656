package dev.rowpipe.local.sql;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** How a DuckDB result column is read and written, decided once per column from its type name. */
public enum ColumnKind {
    INTEGER, BIG_INTEGER, DECIMAL, FLOAT, BOOLEAN, STRING, DATE, TIMESTAMP, LIST, OTHER;

    public static ColumnKind of(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT).trim();
        if (t.endsWith("[]")) {
            return LIST;
        }
        if (t.startsWith("DECIMAL")) {
            return DECIMAL;
        }
        switch (t) {
            case "TINYINT":
            case "SMALLINT":
            case "INTEGER":
            case "BIGINT":
            case "UTINYINT":
            case "USMALLINT":
            case "UINTEGER":
                return INTEGER;
            case "HUGEINT":
            case "UBIGINT":
            case "UHUGEINT":
                return BIG_INTEGER;
            case "FLOAT":
            case "DOUBLE":
                return FLOAT;
            case "BOOLEAN":
                return BOOLEAN;
            case "VARCHAR":
                return STRING;
            case "DATE":
                return DATE;
            case "TIMESTAMP":
            case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
            case "TIMESTAMP_S":
            case "TIMESTAMP WITH TIME ZONE":
            case "TIMESTAMPTZ":
                return TIMESTAMP;
            default:
                return OTHER;
        }
    }

    public static ColumnKind[] of(ResultSetMetaData meta) throws SQLException {
        ColumnKind[] kinds = new ColumnKind[meta.getColumnCount()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = of(meta.getColumnTypeName(i + 1));
        }
        return kinds;
    }
}
