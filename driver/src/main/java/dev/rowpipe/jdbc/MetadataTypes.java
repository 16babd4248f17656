package dev.rowpipe.jdbc;

import dev.rowpipe.internal.spi.ColumnType;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sizes and descriptions of the driver's types for getColumns and getTypeInfo. Numbers follow the JDBC
 * definitions of COLUMN_SIZE: digits for numbers, characters for text, the length of the literal for dates and
 * timestamps, and null where a size does not apply.
 */
final class MetadataTypes {
    private MetadataTypes() {
    }

    /** Reported for text and binary columns whose maximum length the service does not state. */
    static final int UNKNOWN_LENGTH = 65535;
    /** Widest DECIMAL both services accept. */
    static final int MAX_DECIMAL_PRECISION = 38;
    /** Both services store timestamps with microseconds. */
    static final int MAX_FRACTIONAL_DIGITS = 6;

    /** The JDBC type code reported for a column (the kind's code: JSON columns report VARCHAR). */
    static int dataType(ColumnType type) {
        return type.sqlType();
    }

    /** COLUMN_SIZE, or null where it does not apply (arrays, maps, structs). Always fits in an int. */
    static Integer columnSize(ColumnType type) {
        int p = type.precision();
        return switch (type.kind()) {
            case BOOLEAN -> 1;
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case HUGEINT -> p > 0 ? p : 20;
            case REAL -> 7;
            case DOUBLE -> 15;
            case DECIMAL -> p > 0 ? p : MAX_DECIMAL_PRECISION;
            case VARCHAR, JSON, OTHER, BINARY -> p > 0 ? p : UNKNOWN_LENGTH;
            case DATE -> 10;
            // yyyy-mm-dd hh:mm:ss plus '.' and the fractional digits, plus +hh:mm for a zoned timestamp.
            case TIMESTAMP -> 19 + fraction(type);
            case TIMESTAMP_TZ -> 25 + fraction(type);
            case ARRAY, MAP, STRUCT, NULL -> null;
        };
    }

    private static int fraction(ColumnType type) {
        int digits = Math.min(type.scale(), 9);
        return digits > 0 ? digits + 1 : 0;
    }

    /** DECIMAL_DIGITS: the scale of exact numbers and fractional-second digits of timestamps, else null. */
    static Integer decimalDigits(ColumnType type) {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT -> 0;
            case DECIMAL, TIMESTAMP, TIMESTAMP_TZ -> type.scale();
            default -> null;
        };
    }

    /** CHAR_OCTET_LENGTH: maximum bytes of a text column (UTF-8, up to 4 bytes a character), else null. */
    static Integer charOctetLength(ColumnType type) {
        return switch (type.kind()) {
            case VARCHAR, JSON, OTHER -> {
                int p = type.precision();
                yield p > 0 ? (int) Math.min(4L * p, Integer.MAX_VALUE) : UNKNOWN_LENGTH;
            }
            default -> null;
        };
    }

    /** One getTypeInfo row: name, code, precision, literal quotes, create params, case, search, scale range. */
    private record TypeInfo(String name, int dataType, int precision, String prefix, String suffix,
                            String createParams, boolean caseSensitive, int searchable, boolean unsigned,
                            int minScale, int maxScale, Integer radix) {
        List<Object> row() {
            return Arrays.asList(name, dataType, precision, prefix, suffix, createParams,
                    DatabaseMetaData.typeNullable, caseSensitive, searchable, unsigned, false, false, name,
                    minScale, maxScale, null, null, radix);
        }
    }

    /** getTypeInfo rows, one per real type the driver reads, ordered by DATA_TYPE as the spec asks. */
    static List<List<Object>> typeInfoRows() {
        int basic = DatabaseMetaData.typePredBasic;
        int all = DatabaseMetaData.typeSearchable;
        List<TypeInfo> types = new ArrayList<>(List.of(
                new TypeInfo("BOOLEAN", Types.BOOLEAN, 1, null, null, null, false, basic, false, 0, 0, null),
                new TypeInfo("TINYINT", Types.TINYINT, 3, null, null, null, false, basic, false, 0, 0, 10),
                new TypeInfo("SMALLINT", Types.SMALLINT, 5, null, null, null, false, basic, false, 0, 0, 10),
                new TypeInfo("INTEGER", Types.INTEGER, 10, null, null, null, false, basic, false, 0, 0, 10),
                new TypeInfo("BIGINT", Types.BIGINT, 19, null, null, null, false, basic, false, 0, 0, 10),
                new TypeInfo("REAL", Types.REAL, 7, null, null, null, false, basic, false, 0, 0, 10),
                new TypeInfo("DOUBLE", Types.DOUBLE, 15, null, null, null, false, basic, false, 0, 0, 10),
                new TypeInfo("DECIMAL", Types.DECIMAL, MAX_DECIMAL_PRECISION, null, null, "precision,scale", false,
                        basic, false, 0, MAX_DECIMAL_PRECISION, 10),
                new TypeInfo("VARCHAR", Types.VARCHAR, UNKNOWN_LENGTH, "'", "'", null, true, all, false, 0, 0,
                        null),
                new TypeInfo("DATE", Types.DATE, 10, "DATE '", "'", null, false, basic, false, 0, 0, null),
                new TypeInfo("TIMESTAMP", Types.TIMESTAMP, 19 + MAX_FRACTIONAL_DIGITS + 1, "TIMESTAMP '", "'",
                        null, false, basic, false, 0, MAX_FRACTIONAL_DIGITS, null),
                new TypeInfo("TIMESTAMP WITH TIME ZONE", Types.TIMESTAMP_WITH_TIMEZONE,
                        25 + MAX_FRACTIONAL_DIGITS + 1, "TIMESTAMP '", "'", null, false, basic, false, 0,
                        MAX_FRACTIONAL_DIGITS, null),
                new TypeInfo("VARBINARY", Types.VARBINARY, UNKNOWN_LENGTH, null, null, null, false,
                        basic, false, 0, 0, null),
                new TypeInfo("ARRAY", Types.ARRAY, 0, null, null, null, false, DatabaseMetaData.typePredNone,
                        false, 0, 0, null)));
        types.sort(Comparator.comparingInt(TypeInfo::dataType));
        List<List<Object>> rows = new ArrayList<>(types.size());
        for (TypeInfo t : types) {
            rows.add(t.row());
        }
        return rows;
    }
}
