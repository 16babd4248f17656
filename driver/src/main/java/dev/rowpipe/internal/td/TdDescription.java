package dev.rowpipe.internal.td;

import dev.rowpipe.internal.spi.BackendDescription;
import dev.rowpipe.internal.spi.BackendDescription.IdentifierCase;
import dev.rowpipe.internal.spi.BackendDescription.NullOrder;
import dev.rowpipe.internal.spi.BackendDescription.StatementKind;
import dev.rowpipe.internal.spi.TypeInfo;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.List;
import java.util.Set;

/**
 * Treasure Data as DatabaseMetaData describes it. Every TD database is a catalog and may qualify a name
 * ({@code db.table}); there are no schemas, so no schema ever qualifies one.
 *
 * <p>The word and function lists, table types, case rules, NULL order and type table are the values the driver
 * reported for TD when the JDBC layer still described both services alike; they are kept as they were, so what
 * a tool sees does not change. {@link TdMetadata} itself only lists {@code TABLE}s.
 */
public final class TdDescription {
    /** Widest DECIMAL TD's engines accept. */
    private static final int MAX_DECIMAL_PRECISION = 38;
    /** TD's engines keep timestamps with up to microseconds. */
    private static final int MAX_FRACTIONAL_DIGITS = 6;

    public static final BackendDescription DESCRIPTION = BackendDescription.builder()
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
            .catalogsIn(StatementKind.all())
            .schemasIn(Set.of())
            .extraNameCharacters("")
            .identifierCase(IdentifierCase.LOWER, IdentifierCase.MIXED)
            .nullOrder(NullOrder.HIGH)
            .types(types())
            .build();

    private TdDescription() {
    }

    /** One row per type the driver reads from TD's results. */
    private static List<TypeInfo> types() {
        int searchable = DatabaseMetaData.typeSearchable;
        return List.of(
                TypeInfo.of("BOOLEAN", Types.BOOLEAN, 1),
                TypeInfo.of("TINYINT", Types.TINYINT, 3).withRadix(10),
                TypeInfo.of("SMALLINT", Types.SMALLINT, 5).withRadix(10),
                TypeInfo.of("INTEGER", Types.INTEGER, 10).withRadix(10),
                TypeInfo.of("BIGINT", Types.BIGINT, 19).withRadix(10),
                TypeInfo.of("REAL", Types.REAL, 7).withRadix(10),
                TypeInfo.of("DOUBLE", Types.DOUBLE, 15).withRadix(10),
                TypeInfo.of("DECIMAL", Types.DECIMAL, MAX_DECIMAL_PRECISION).withCreateParams("precision,scale")
                        .withScale(0, MAX_DECIMAL_PRECISION).withRadix(10),
                TypeInfo.of("VARCHAR", Types.VARCHAR, TypeInfo.UNKNOWN_LENGTH).withLiteral("'", "'")
                        .withCaseSensitive(true).withSearchable(searchable),
                TypeInfo.of("DATE", Types.DATE, 10).withLiteral("DATE '", "'"),
                // yyyy-mm-dd hh:mm:ss plus '.' and the fractional digits, plus +hh:mm for a zoned timestamp.
                TypeInfo.of("TIMESTAMP", Types.TIMESTAMP, 19 + MAX_FRACTIONAL_DIGITS + 1)
                        .withLiteral("TIMESTAMP '", "'").withScale(0, MAX_FRACTIONAL_DIGITS),
                TypeInfo.of("TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP_WITH_TIMEZONE, 25 + MAX_FRACTIONAL_DIGITS + 1)
                        .withLiteral("TIMESTAMP '", "'").withScale(0, MAX_FRACTIONAL_DIGITS),
                TypeInfo.of("VARBINARY", Types.VARBINARY, TypeInfo.UNKNOWN_LENGTH),
                TypeInfo.of("ARRAY", Types.ARRAY, 0).withSearchable(DatabaseMetaData.typePredNone));
    }
}
