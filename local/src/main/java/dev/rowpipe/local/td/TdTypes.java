package dev.rowpipe.local.td;

import java.util.Locale;

/** DuckDB type names to TD table column types and to job result (engine) types. */
final class TdTypes {

    private TdTypes() {
    }

    /** TD table schema type: int, long, double, float, string, boolean, array<T>, map<K,V>. */
    static String tableType(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT).trim();
        if (t.endsWith("[]")) {
            return "array<" + tableType(t.substring(0, t.length() - 2)) + ">";
        }
        if (t.startsWith("MAP(")) {
            String[] kv = splitPair(t.substring(4, t.length() - 1));
            return "map<" + tableType(kv[0]) + "," + tableType(kv[1]) + ">";
        }
        if (t.startsWith("DECIMAL")) {
            return "double";
        }
        switch (t) {
            case "TINYINT":
            case "SMALLINT":
            case "INTEGER":
            case "UTINYINT":
            case "USMALLINT":
                return "int";
            case "BIGINT":
            case "UINTEGER":
            case "HUGEINT":
            case "UBIGINT":
                return "long";
            case "FLOAT":
                return "float";
            case "DOUBLE":
                return "double";
            case "BOOLEAN":
                return "boolean";
            default:
                return "string";
        }
    }

    /** Result type as Presto/Trino (or Hive for hive jobs) would name it. */
    static String resultType(String duckType, boolean hive) {
        String t = duckType.toUpperCase(Locale.ROOT).trim();
        if (t.endsWith("[]")) {
            String inner = resultType(t.substring(0, t.length() - 2), hive);
            return hive ? "array<" + inner + ">" : "array(" + inner + ")";
        }
        if (t.startsWith("MAP(")) {
            String[] kv = splitPair(t.substring(4, t.length() - 1));
            String k = resultType(kv[0], hive);
            String v = resultType(kv[1], hive);
            return hive ? "map<" + k + "," + v + ">" : "map(" + k + ", " + v + ")";
        }
        if (t.startsWith("DECIMAL")) {
            return t.toLowerCase(Locale.ROOT).replace(" ", "");
        }
        switch (t) {
            case "TINYINT":
                return "tinyint";
            case "SMALLINT":
                return "smallint";
            case "INTEGER":
                return hive ? "int" : "integer";
            case "BIGINT":
            case "UINTEGER":
            case "HUGEINT":
            case "UBIGINT":
                return "bigint";
            case "FLOAT":
                return hive ? "float" : "real";
            case "DOUBLE":
                return "double";
            case "BOOLEAN":
                return "boolean";
            case "DATE":
                return "date";
            case "TIMESTAMP":
            case "TIMESTAMP WITH TIME ZONE":
                return "timestamp";
            case "VARCHAR":
                return hive ? "string" : "varchar";
            default:
                return hive ? "string" : "varchar";
        }
    }

    private static String[] splitPair(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return new String[] {s.substring(0, i).trim(), s.substring(i + 1).trim()};
            }
        }
        return new String[] {s, "VARCHAR"};
    }
}
