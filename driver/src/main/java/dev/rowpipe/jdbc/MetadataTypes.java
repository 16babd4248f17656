package dev.rowpipe.jdbc;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.TypeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sizes of column types for getColumns, and a backend's type table as getTypeInfo rows. Numbers follow the JDBC
 * definitions of COLUMN_SIZE: digits for numbers, characters for text, the length of the literal for dates and
 * timestamps, and null where a size does not apply.
 */
final class MetadataTypes {
    private MetadataTypes() {
    }

    /** Reported for text and binary columns whose maximum length the service does not state. */
    static final int UNKNOWN_LENGTH = TypeInfo.UNKNOWN_LENGTH;
    /**
     * COLUMN_SIZE of a DECIMAL whose precision the service does not state: the widest precision JDBC consumers
     * take (Spark's DecimalType and Parquet writers fail on 0 or on more than 38).
     */
    static final int MAX_DECIMAL_PRECISION = 38;

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
            case DECIMAL -> decimalPrecision(type);
            case VARCHAR, JSON, OTHER, BINARY -> p > 0 ? p : UNKNOWN_LENGTH;
            case DATE -> 10;
            // yyyy-mm-dd hh:mm:ss plus '.' and the fractional digits, plus +hh:mm for a zoned timestamp.
            case TIMESTAMP -> 19 + fraction(type);
            case TIMESTAMP_TZ -> 25 + fraction(type);
            case ARRAY, MAP, STRUCT, NULL -> null;
        };
    }

    /**
     * The precision of a DECIMAL as JDBC consumers can take it: from 1 to 38. A service that states none (or 0)
     * gets 38; both services cap DECIMAL at 38, so a larger value cannot be a real column and is reported as 38.
     */
    static int decimalPrecision(ColumnType type) {
        int p = type.precision();
        return p <= 0 || p > MAX_DECIMAL_PRECISION ? MAX_DECIMAL_PRECISION : p;
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

    /**
     * getTypeInfo rows of a backend's type table, ordered by DATA_TYPE as the spec asks; types with the same code
     * keep the backend's order (its closest match first).
     */
    static List<List<Object>> typeInfoRows(List<TypeInfo> types) {
        List<TypeInfo> sorted = new ArrayList<>(types);
        sorted.sort(Comparator.comparingInt(TypeInfo::dataType));
        List<List<Object>> rows = new ArrayList<>(sorted.size());
        for (TypeInfo t : sorted) {
            rows.add(Arrays.asList(t.name(), t.dataType(), t.precision(), t.literalPrefix(), t.literalSuffix(),
                    t.createParams(), t.nullable(), t.caseSensitive(), t.searchable(), t.unsigned(),
                    t.fixedPrecisionScale(), t.autoIncrement(), t.localName(), t.minimumScale(), t.maximumScale(),
                    null, null, t.radix()));
        }
        return rows;
    }
}
