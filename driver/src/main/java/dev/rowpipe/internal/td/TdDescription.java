package dev.rowpipe.internal.td;

import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.BackendDescription.IdentifierCase;
import dev.rowpipe.internal.spi.BackendDescription.NullOrder;
import dev.rowpipe.internal.spi.BackendDescription.StatementKind;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import dev.rowpipe.internal.spi.TypeInfo;
import dev.rowpipe.internal.spi.TypeRows;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Treasure Data as DatabaseMetaData describes it, per job engine. Every TD database is a catalog and may qualify a
 * name ({@code db.table}) in queries, DML and table definitions (TD has no procedures, indexes or privileges in
 * SQL); there are no schemas, so no schema ever qualifies one. Presto and Trino also read {@code td.db.table}, but
 * {@code db.table} is what both engines accept, and it is what a tool builds from catalog and table.
 *
 * <p>Columns report the SQL type names of the engine's dialect: Hive's ({@code STRING}, {@code INT},
 * {@code BIGINT}, {@code DOUBLE}, {@code DECIMAL}, {@code ARRAY}, {@code MAP}, {@code STRUCT}) or Presto's and
 * Trino's ({@code VARCHAR}, {@code INTEGER}, {@code BIGINT}, {@code DECIMAL}, {@code ARRAY}, {@code MAP},
 * {@code ROW}, {@code JSON}), the same for table schemas ({@code long}, {@code string}, {@code array<string>}) and
 * job results ({@code bigint}, {@code varchar(10)}, {@code decimal(12,2)}).
 *
 * <p>The word and function lists, table types, case rules and NULL order are the values the driver reported for
 * TD when the JDBC layer still described both services alike; they are kept as they were, so what a tool sees does
 * not change. {@link TdMetadata} itself only lists {@code TABLE}s.
 */
public final class TdDescription {
    /** Widest DECIMAL TD's engines accept. */
    private static final int MAX_DECIMAL_PRECISION = 38;
    /** TD's engines keep timestamps with up to microseconds. */
    private static final int MAX_FRACTIONAL_DIGITS = 6;

    /** Hive jobs. */
    public static final BackendDescription HIVE = common()
            .types(hiveTypes())
            .typeNames(Map.ofEntries(Map.entry(Kind.BOOLEAN, "BOOLEAN"), Map.entry(Kind.TINYINT, "TINYINT"),
                    Map.entry(Kind.SMALLINT, "SMALLINT"), Map.entry(Kind.INTEGER, "INT"),
                    Map.entry(Kind.BIGINT, "BIGINT"), Map.entry(Kind.REAL, "FLOAT"), Map.entry(Kind.DOUBLE, "DOUBLE"),
                    Map.entry(Kind.DECIMAL, "DECIMAL"), Map.entry(Kind.VARCHAR, "STRING"),
                    Map.entry(Kind.DATE, "DATE"), Map.entry(Kind.TIMESTAMP, "TIMESTAMP"),
                    Map.entry(Kind.TIMESTAMP_TZ, "TIMESTAMP WITH LOCAL TIME ZONE"), Map.entry(Kind.BINARY, "BINARY"),
                    Map.entry(Kind.ARRAY, "ARRAY"), Map.entry(Kind.MAP, "MAP"), Map.entry(Kind.STRUCT, "STRUCT"),
                    // Hive has no JSON type: JSON text is a STRING.
                    Map.entry(Kind.JSON, "STRING")))
            .build();

    /** Presto and Trino jobs. */
    public static final BackendDescription STANDARD = common()
            .types(standardTypes())
            .typeNames(Map.ofEntries(Map.entry(Kind.BOOLEAN, "BOOLEAN"), Map.entry(Kind.TINYINT, "TINYINT"),
                    Map.entry(Kind.SMALLINT, "SMALLINT"), Map.entry(Kind.INTEGER, "INTEGER"),
                    Map.entry(Kind.BIGINT, "BIGINT"), Map.entry(Kind.REAL, "REAL"), Map.entry(Kind.DOUBLE, "DOUBLE"),
                    Map.entry(Kind.DECIMAL, "DECIMAL"), Map.entry(Kind.VARCHAR, "VARCHAR"),
                    Map.entry(Kind.DATE, "DATE"), Map.entry(Kind.TIMESTAMP, "TIMESTAMP"),
                    Map.entry(Kind.TIMESTAMP_TZ, "TIMESTAMP WITH TIME ZONE"), Map.entry(Kind.BINARY, "VARBINARY"),
                    Map.entry(Kind.ARRAY, "ARRAY"), Map.entry(Kind.MAP, "MAP"), Map.entry(Kind.STRUCT, "ROW"),
                    Map.entry(Kind.JSON, "JSON")))
            .build();

    private TdDescription() {
    }

    /** The description of a job type ({@code hive}, {@code presto}, {@code trino}). */
    public static BackendDescription forType(String type) {
        return "hive".equalsIgnoreCase(type) ? HIVE : STANDARD;
    }

    private static BackendDescription.Builder common() {
        return BackendDescription.builder()
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
            .tableTypes("EXTERNAL TABLE", "SYSTEM TABLE", "TABLE", "VIEW")
            .catalogTerm("database")
            .schemaTerm("schema")
            .catalogSeparator(".", true)
            .catalogsIn(EnumSet.of(StatementKind.DATA_MANIPULATION, StatementKind.TABLE_DEFINITION))
            .schemasIn(Set.of())
            .extraNameCharacters("")
            .identifierCase(IdentifierCase.LOWER, IdentifierCase.MIXED)
            .nullOrder(NullOrder.HIGH);
    }

    /** The types both engines share, in the spelling they share. */
    private static List<TypeInfo> sharedTypes() {
        return List.of(
                TypeRows.bool("BOOLEAN"),
                TypeRows.number("TINYINT", Types.TINYINT, 3),
                TypeRows.number("SMALLINT", Types.SMALLINT, 5),
                TypeRows.number("BIGINT", Types.BIGINT, 19),
                TypeRows.number("DOUBLE", Types.DOUBLE, 15),
                TypeRows.decimal("DECIMAL", Types.DECIMAL, MAX_DECIMAL_PRECISION),
                TypeRows.date("DATE"),
                TypeRows.timestamp("TIMESTAMP", MAX_FRACTIONAL_DIGITS),
                TypeRows.unsearchable("ARRAY", Types.ARRAY),
                TypeRows.unsearchable("MAP", Types.JAVA_OBJECT));
    }

    private static List<TypeInfo> hiveTypes() {
        List<TypeInfo> types = new ArrayList<>(sharedTypes());
        types.addAll(List.of(
                TypeRows.number("INT", Types.INTEGER, 10),
                TypeRows.number("FLOAT", Types.REAL, 7),
                TypeRows.text("STRING"),
                TypeRows.text("VARCHAR").withCreateParams("max length"),
                // Hive writes no literal of this type.
                TypeRows.zonedTimestamp("TIMESTAMP WITH LOCAL TIME ZONE", MAX_FRACTIONAL_DIGITS)
                        .withLiteral(null, null),
                TypeRows.binary("BINARY"),
                TypeRows.unsearchable("STRUCT", Types.STRUCT)));
        return types;
    }

    private static List<TypeInfo> standardTypes() {
        List<TypeInfo> types = new ArrayList<>(sharedTypes());
        types.addAll(List.of(
                TypeRows.number("INTEGER", Types.INTEGER, 10),
                TypeRows.number("REAL", Types.REAL, 7),
                TypeRows.text("VARCHAR").withCreateParams("max length"),
                // Presto's JSON values are read as their text.
                TypeRows.text("JSON").withLiteral("JSON '", "'"),
                TypeRows.zonedTimestamp("TIMESTAMP WITH TIME ZONE", MAX_FRACTIONAL_DIGITS),
                TypeRows.binary("VARBINARY"),
                TypeRows.unsearchable("ROW", Types.STRUCT)));
        return types;
    }
}
