package dev.rowpipe.local.firebolt2;

import java.util.Locale;

/**
 * A result column type as Firebolt 2.0 names it ({@code int}, {@code bigint}, {@code real}, {@code double precision},
 * {@code numeric(p, s)}, {@code text}, {@code boolean}, {@code date}, {@code timestamp}, {@code timestamptz},
 * {@code bytea}, {@code array(T)}), read from DuckDB's type name, with how its values are written.
 *
 * @param kind    how values are written
 * @param name    the 2.0 name without nullability
 * @param element the element type of an array, else null
 */
record Type2(Kind kind, String name, Type2 element) {

    enum Kind { INT, BIGINT, NUMERIC, REAL, DOUBLE, BOOLEAN, TEXT, DATE, TIMESTAMP, TIMESTAMPTZ, BYTEA, ARRAY }

    /** From DuckDB's spelling of a type ({@code INTEGER}, {@code DECIMAL(10,2)}, {@code VARCHAR[]}, ...). */
    static Type2 ofDuckDb(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT).trim();
        if (t.endsWith("[]")) {
            Type2 element = ofDuckDb(t.substring(0, t.length() - 2));
            return new Type2(Kind.ARRAY, "array(" + element.name + ")", element);
        }
        if (t.startsWith("DECIMAL")) {
            String args = t.substring("DECIMAL".length()).replace(" ", "");
            if (args.isEmpty()) {
                args = "(18,3)";
            }
            return new Type2(Kind.NUMERIC, "numeric" + args.replace(",", ", "), null);
        }
        switch (t) {
            case "TINYINT":
            case "SMALLINT":
            case "INTEGER":
            case "UTINYINT":
            case "USMALLINT":
                return new Type2(Kind.INT, "int", null);
            case "UINTEGER":
            case "BIGINT":
                return new Type2(Kind.BIGINT, "bigint", null);
            case "HUGEINT":
            case "UBIGINT":
            case "UHUGEINT":
                // Wider than bigint: Firebolt has no such integer, numeric(38, 0) holds every value exactly.
                return new Type2(Kind.NUMERIC, "numeric(38, 0)", null);
            case "FLOAT":
                return new Type2(Kind.REAL, "real", null);
            case "DOUBLE":
                return new Type2(Kind.DOUBLE, "double precision", null);
            case "BOOLEAN":
                return new Type2(Kind.BOOLEAN, "boolean", null);
            case "DATE":
                return new Type2(Kind.DATE, "date", null);
            case "TIMESTAMP":
            case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
            case "TIMESTAMP_S":
                return new Type2(Kind.TIMESTAMP, "timestamp", null);
            case "TIMESTAMP WITH TIME ZONE":
            case "TIMESTAMPTZ":
                return new Type2(Kind.TIMESTAMPTZ, "timestamptz", null);
            case "BLOB":
                return new Type2(Kind.BYTEA, "bytea", null);
            default:
                // VARCHAR, and DuckDB types Firebolt does not have (UUID, INTERVAL, JSON, STRUCT, MAP): as text.
                return new Type2(Kind.TEXT, "text", null);
        }
    }

    /**
     * The name with nullability as result types carry it. DuckDB reports every result column (and every array
     * element) as nullable, so every level says {@code null}: {@code array(int null) null}.
     */
    String resultName() {
        return (kind == Kind.ARRAY ? "array(" + element.resultName() + ")" : name) + " null";
    }
}
