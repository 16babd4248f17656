package dev.rowpipe.local.firebolt;

import dev.rowpipe.local.sql.SqlLexer.Token;

import java.util.List;
import java.util.Locale;

/** Firebolt type names in DDL to DuckDB types, and DuckDB result types to Firebolt names for {@code meta}. */
public final class TypeNames {

    private TypeNames() {
    }

    /** Reads one Firebolt type expression at {@code cursor[0]} and returns the DuckDB spelling. */
    static String toDuckDb(List<Token> t, int[] cursor) {
        int pos = cursor[0];
        if (pos >= t.size()) {
            throw new IllegalArgumentException("Expected a column type");
        }
        String name = t.get(pos++).text();
        String upper = name.toUpperCase(Locale.ROOT);
        String result;
        if ((upper.equals("ARRAY") || upper.equals("NULLABLE")) && pos < t.size() && t.get(pos).isSymbol("(")) {
            cursor[0] = pos + 1;
            String inner = toDuckDb(t, cursor);
            pos = cursor[0];
            if (pos >= t.size() || !t.get(pos).isSymbol(")")) {
                throw new IllegalArgumentException("Expected ')' after " + name + "(" + inner);
            }
            pos++;
            result = upper.equals("ARRAY") ? inner + "[]" : inner;
        } else {
            StringBuilder args = new StringBuilder();
            if (pos < t.size() && t.get(pos).isSymbol("(")) {
                while (pos < t.size() && !t.get(pos).isSymbol(")")) {
                    args.append(t.get(pos++).render());
                }
                args.append(')');
                pos++;
            }
            result = scalar(upper, args.toString());
        }
        // A trailing "NULL" / "NOT NULL" stays with the column's constraints.
        cursor[0] = pos;
        return result;
    }

    private static String scalar(String upper, String args) {
        switch (upper) {
            case "INT":
            case "INTEGER":
            case "INT32":
            case "INT4":
                return "INTEGER";
            case "LONG":
            case "BIGINT":
            case "INT64":
            case "INT8":
                return "BIGINT";
            case "TEXT":
            case "STRING":
            case "VARCHAR":
                return "VARCHAR";
            case "FLOAT":
            case "FLOAT32":
            case "REAL":
                return "FLOAT";
            case "DOUBLE":
            case "FLOAT64":
                return "DOUBLE";
            case "DATE":
            case "DATE32":
            case "PGDATE":
                return "DATE";
            case "TIMESTAMP":
            case "DATETIME":
            case "DATETIME64":
            case "TIMESTAMPNTZ":
                return "TIMESTAMP";
            case "TIMESTAMPTZ":
                return "TIMESTAMPTZ";
            case "BOOLEAN":
            case "BOOL":
                return "BOOLEAN";
            case "DECIMAL":
            case "NUMERIC":
                return "DECIMAL" + args;
            case "BYTEA":
                return "BLOB";
            default:
                return upper + args;
        }
    }

    /** The Firebolt name of a DuckDB result column type (as JDBC's getColumnTypeName spells it). */
    public static String fireboltName(String duckType) {
        String upper = duckType.toUpperCase(Locale.ROOT).trim();
        if (upper.endsWith("[]")) {
            return "Array(" + fireboltName(upper.substring(0, upper.length() - 2)) + ")";
        }
        if (upper.startsWith("DECIMAL")) {
            String args = upper.substring("DECIMAL".length()).replace(" ", "").replace(",", ", ");
            return "Decimal" + (args.isEmpty() ? "(18, 3)" : args);
        }
        switch (upper) {
            case "TINYINT":
            case "SMALLINT":
            case "INTEGER":
            case "UTINYINT":
            case "USMALLINT":
                return "Int32";
            case "UINTEGER":
            case "BIGINT":
            case "HUGEINT":
            case "UBIGINT":
            case "UHUGEINT":
                return "Int64";
            case "FLOAT":
                return "Float32";
            case "DOUBLE":
                return "Float64";
            case "DATE":
                return "Date";
            case "TIMESTAMP":
            case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
            case "TIMESTAMP_S":
                return "DateTime";
            case "TIMESTAMP WITH TIME ZONE":
            case "TIMESTAMPTZ":
                return "TimestampTz";
            case "BOOLEAN":
                return "Boolean";
            case "BLOB":
                return "ByteA";
            default:
                return "String";
        }
    }
}
