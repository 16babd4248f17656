package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.BackendDescription.IdentifierCase;
import dev.rowpipe.internal.spi.BackendDescription.NullOrder;
import dev.rowpipe.internal.spi.BackendDescription.StatementKind;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import dev.rowpipe.internal.spi.TypeInfo;
import dev.rowpipe.internal.spi.TypeRows;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Firebolt as DatabaseMetaData describes it. Databases are catalogs and have schemas ({@code public},
 * {@code information_schema}). A query reads only the database it is sent to, so the names Firebolt accepts are
 * {@code t}, {@code public.t} and {@code <database>.public.t} (never {@code <database>.t}): a catalog qualifies a
 * name only together with a schema, and only the connection's database, which is the one catalog
 * {@link FireboltMetadata} lists. Names may be qualified in queries, DML and table definitions; Firebolt v1 has no
 * procedures, index definitions that take qualified names, or privileges. Unquoted identifiers fold to lower case
 * and quoted ones keep theirs; NULL sorts above every value (PostgreSQL's rules, which Firebolt's SQL follows).
 *
 * <p>Columns report the SQL names of Firebolt's types ({@code BIGINT}, {@code VARCHAR}, {@code DECIMAL},
 * {@code TIMESTAMP}, {@code ARRAY}, ...), never the ClickHouse-style spelling of its results
 * ({@code Nullable(Int64)}, {@code Decimal(10, 2)}): precision and scale are in COLUMN_SIZE and DECIMAL_DIGITS,
 * nullability in NULLABLE. Text reports {@code VARCHAR}, Firebolt's standard synonym of {@code TEXT} (both are in
 * the type table), because consumers map names to types with the standard's words. Firebolt 2.0 and Core
 * ({@link #DESCRIPTION_2}) report 2.0's own names ({@code TEXT}, {@code NUMERIC}, {@code DOUBLE PRECISION}).
 */
public final class FireboltDescription {
    /** Widest DECIMAL Firebolt accepts. */
    private static final int MAX_DECIMAL_PRECISION = 38;
    /** Firebolt stores timestamps with microseconds. */
    private static final int MAX_FRACTIONAL_DIGITS = 6;

    /** Firebolt v1. */
    public static final BackendDescription DESCRIPTION = builder()
            .types(types())
            .typeNames(Map.ofEntries(Map.entry(Kind.BOOLEAN, "BOOLEAN"), Map.entry(Kind.TINYINT, "TINYINT"),
                    Map.entry(Kind.SMALLINT, "SMALLINT"), Map.entry(Kind.INTEGER, "INTEGER"),
                    Map.entry(Kind.BIGINT, "BIGINT"), Map.entry(Kind.HUGEINT, "NUMERIC"), Map.entry(Kind.REAL, "REAL"),
                    Map.entry(Kind.DOUBLE, "DOUBLE"), Map.entry(Kind.DECIMAL, "DECIMAL"),
                    Map.entry(Kind.VARCHAR, "VARCHAR"), Map.entry(Kind.DATE, "DATE"),
                    Map.entry(Kind.TIMESTAMP, "TIMESTAMP"), Map.entry(Kind.TIMESTAMP_TZ, "TIMESTAMPTZ"),
                    Map.entry(Kind.BINARY, "BYTEA"), Map.entry(Kind.ARRAY, "ARRAY"), Map.entry(Kind.STRUCT, "TUPLE"),
                    Map.entry(Kind.NULL, "NOTHING")))
            .build();

    /**
     * Firebolt 2.0 and Core: the same SQL and names, with 2.0's type names ({@code TEXT}, {@code NUMERIC},
     * {@code DOUBLE PRECISION}, ...), the ones its results and {@code information_schema.columns} use.
     */
    public static final BackendDescription DESCRIPTION_2 = builder()
            .types(types2())
            .typeNames(Map.ofEntries(Map.entry(Kind.BOOLEAN, "BOOLEAN"), Map.entry(Kind.INTEGER, "INTEGER"),
                    Map.entry(Kind.BIGINT, "BIGINT"), Map.entry(Kind.REAL, "REAL"),
                    Map.entry(Kind.DOUBLE, "DOUBLE PRECISION"), Map.entry(Kind.DECIMAL, "NUMERIC"),
                    Map.entry(Kind.VARCHAR, "TEXT"), Map.entry(Kind.DATE, "DATE"),
                    Map.entry(Kind.TIMESTAMP, "TIMESTAMP"), Map.entry(Kind.TIMESTAMP_TZ, "TIMESTAMPTZ"),
                    Map.entry(Kind.BINARY, "BYTEA"), Map.entry(Kind.ARRAY, "ARRAY")))
            .build();

    /** What v1 and 2.0 share: keywords, functions, table types and naming rules. */
    private static BackendDescription.Builder builder() {
        return BackendDescription.builder()
            // Beyond SQL:2003; DBeaver highlights these and quotes identifiers so named.
            .sqlKeywords("ANALYZE", "DESCRIBE", "ENGINE", "EXPLAIN", "ILIKE", "LIMIT", "OFFSET", "QUALIFY", "SHOW",
                    "TABLESAMPLE", "UNNEST", "USE", "VACUUM")
            .numericFunctions("ABS", "ACOS", "ASIN", "ATAN", "ATAN2", "CBRT", "CEIL", "CEILING", "COS", "COT",
                    "DEGREES", "EXP", "FLOOR", "LN", "LOG", "LOG10", "MOD", "PI", "POW", "POWER", "RADIANS",
                    "RANDOM", "ROUND", "SIGN", "SIN", "SQRT", "TAN", "TRUNCATE")
            .stringFunctions("BTRIM", "CONCAT", "LENGTH", "LOWER", "LPAD", "LTRIM", "OCTET_LENGTH", "REGEXP_LIKE",
                    "REPEAT", "REPLACE", "REVERSE", "RPAD", "RTRIM", "SPLIT_PART", "STRPOS", "SUBSTR", "SUBSTRING",
                    "TRIM", "UPPER")
            .systemFunctions("COALESCE", "CURRENT_DATABASE", "IFNULL", "NULLIF", "VERSION")
            .timeDateFunctions("CURRENT_DATE", "CURRENT_TIMESTAMP", "DATE_ADD", "DATE_DIFF", "DATE_TRUNC", "EXTRACT",
                    "LOCALTIMESTAMP", "NOW", "TO_DATE", "TO_TIMESTAMP")
            // What FireboltMetadata makes of information_schema.tables' table_type.
            .tableTypes("EXTERNAL TABLE", "SYSTEM TABLE", "TABLE", "VIEW")
            .catalogTerm("database")
            .schemaTerm("schema")
            .catalogSeparator(".", true)
            .catalogsIn(EnumSet.of(StatementKind.DATA_MANIPULATION, StatementKind.TABLE_DEFINITION))
            .schemasIn(EnumSet.of(StatementKind.DATA_MANIPULATION, StatementKind.TABLE_DEFINITION))
            .extraNameCharacters("")
            .identifierCase(IdentifierCase.LOWER, IdentifierCase.MIXED)
            .nullOrder(NullOrder.HIGH);
    }

    private FireboltDescription() {
    }

    /** One row per type the driver reads from Firebolt, in Firebolt's words. */
    private static List<TypeInfo> types() {
        return List.of(
                TypeRows.bool("BOOLEAN"),
                TypeRows.number("TINYINT", Types.TINYINT, 3),
                TypeRows.number("SMALLINT", Types.SMALLINT, 5),
                TypeRows.number("INTEGER", Types.INTEGER, 10),
                TypeRows.number("BIGINT", Types.BIGINT, 19),
                TypeRows.number("REAL", Types.REAL, 7),
                TypeRows.number("DOUBLE", Types.DOUBLE, 15),
                // UInt64 results: whole numbers wider than BIGINT (NUMERIC is Firebolt's synonym of DECIMAL).
                TypeRows.decimal("NUMERIC", Types.NUMERIC, MAX_DECIMAL_PRECISION),
                TypeRows.decimal("DECIMAL", Types.DECIMAL, MAX_DECIMAL_PRECISION),
                TypeRows.text("VARCHAR"),
                TypeRows.text("TEXT"),
                TypeRows.date("DATE"),
                TypeRows.timestamp("TIMESTAMP", MAX_FRACTIONAL_DIGITS),
                TypeRows.zonedTimestamp("TIMESTAMPTZ", MAX_FRACTIONAL_DIGITS),
                TypeRows.binary("BYTEA"),
                TypeRows.unsearchable("ARRAY", Types.ARRAY),
                // Tuple(...) results and Nothing, the type of a bare NULL: never a column of a table.
                TypeRows.unsearchable("TUPLE", Types.STRUCT),
                TypeRows.unsearchable("NOTHING", Types.NULL));
    }

    /** One row per type of Firebolt 2.0 (and Core), by the names its SQL and its result types use. */
    private static List<TypeInfo> types2() {
        return List.of(
                TypeRows.bool("BOOLEAN"),
                TypeRows.number("INTEGER", Types.INTEGER, 10),
                TypeRows.number("BIGINT", Types.BIGINT, 19),
                TypeRows.number("REAL", Types.REAL, 7),
                TypeRows.number("DOUBLE PRECISION", Types.DOUBLE, 15),
                TypeRows.decimal("NUMERIC", Types.DECIMAL, MAX_DECIMAL_PRECISION),
                TypeRows.text("TEXT"),
                TypeRows.date("DATE"),
                TypeRows.timestamp("TIMESTAMP", MAX_FRACTIONAL_DIGITS),
                TypeRows.zonedTimestamp("TIMESTAMPTZ", MAX_FRACTIONAL_DIGITS).withLiteral("TIMESTAMPTZ '", "'"),
                TypeRows.binary("BYTEA"),
                TypeRows.unsearchable("ARRAY", Types.ARRAY),
                // Geography columns are read as their text (WKT or WKB hex).
                TypeInfo.of("GEOGRAPHY", Types.OTHER, TypeInfo.UNKNOWN_LENGTH)
                        .withSearchable(DatabaseMetaData.typePredNone));
    }
}
