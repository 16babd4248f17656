package dev.rowpipe.internal.spi;

import java.sql.Types;
import java.util.Objects;

/**
 * A column's type as the driver understands it, independent of the service. Backends translate their own type
 * names (Firebolt's {@code Nullable(Int64)}, TD's {@code array<string>}) into this; the JDBC layer and the value
 * conversions only look at {@link #kind()}.
 *
 * @param kind      logical kind
 * @param typeName  the server's own spelling, reported by getColumnTypeName
 * @param precision decimal precision or max length, 0 when not known
 * @param scale     decimal scale or fractional-second digits
 * @param nullable  true when the server says the column may hold NULL
 * @param element   element type of ARRAY, value type of MAP, else null
 * @param key       key type of MAP, else null
 * @param timeZone  zone of a DateTime64(p, 'TZ') column, else null
 * @param numbersAreEpochSeconds a number in this column read as a date, time or timestamp is unix seconds (UTC
 *                  wall time), as Treasure Data stores its {@code time} column; without it a number is not a date
 */
public record ColumnType(Kind kind, String typeName, int precision, int scale, boolean nullable,
                         ColumnType element, ColumnType key, String timeZone, boolean numbersAreEpochSeconds) {

    /**
     * How deeply type names and array or map text may nest ({@code Array(Array(..))}, {@code array<array<..>>},
     * {@code [[..]]}): far beyond any real type, and shallow enough that a hostile one cannot exhaust the stack.
     */
    public static final int MAX_NESTING = 100;

    public enum Kind {
        BOOLEAN(Types.BOOLEAN, Boolean.class),
        TINYINT(Types.TINYINT, Integer.class),
        SMALLINT(Types.SMALLINT, Integer.class),
        INTEGER(Types.INTEGER, Integer.class),
        BIGINT(Types.BIGINT, Long.class),
        /** Integers wider than a long (UInt64): exact as BigDecimal with scale 0. */
        HUGEINT(Types.NUMERIC, java.math.BigDecimal.class),
        REAL(Types.REAL, Float.class),
        DOUBLE(Types.DOUBLE, Double.class),
        DECIMAL(Types.DECIMAL, java.math.BigDecimal.class),
        VARCHAR(Types.VARCHAR, String.class),
        DATE(Types.DATE, java.sql.Date.class),
        TIMESTAMP(Types.TIMESTAMP, java.sql.Timestamp.class),
        TIMESTAMP_TZ(Types.TIMESTAMP_WITH_TIMEZONE, java.time.OffsetDateTime.class),
        BINARY(Types.VARBINARY, byte[].class),
        ARRAY(Types.ARRAY, java.sql.Array.class),
        MAP(Types.JAVA_OBJECT, java.util.Map.class),
        STRUCT(Types.STRUCT, java.util.List.class),
        JSON(Types.VARCHAR, String.class),
        /** Firebolt's {@code Nothing}: the type of a bare NULL. */
        NULL(Types.NULL, Object.class),
        /** Anything unknown: read as text rather than failing. */
        OTHER(Types.OTHER, String.class);

        private final int sqlType;
        private final Class<?> javaClass;

        Kind(int sqlType, Class<?> javaClass) {
            this.sqlType = sqlType;
            this.javaClass = javaClass;
        }

        public int sqlType() {
            return sqlType;
        }

        public Class<?> javaClass() {
            return javaClass;
        }
    }

    public ColumnType {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(typeName, "typeName is null");
    }

    /** A type whose numbers are not dates (every service but Treasure Data). */
    public ColumnType(Kind kind, String typeName, int precision, int scale, boolean nullable, ColumnType element,
                      ColumnType key, String timeZone) {
        this(kind, typeName, precision, scale, nullable, element, key, timeZone, false);
    }

    public static ColumnType of(Kind kind, String typeName) {
        return new ColumnType(kind, typeName, 0, 0, true, null, null, null);
    }

    public static ColumnType decimal(String typeName, int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, typeName, precision, scale, true, null, null, null);
    }

    public static ColumnType array(String typeName, ColumnType element) {
        return new ColumnType(Kind.ARRAY, typeName, 0, 0, true, element, null, null);
    }

    public static ColumnType map(String typeName, ColumnType key, ColumnType value) {
        return new ColumnType(Kind.MAP, typeName, 0, 0, true, value, key, null);
    }

    public ColumnType withNullable(boolean value) {
        return new ColumnType(kind, typeName, precision, scale, value, element, key, timeZone, numbersAreEpochSeconds);
    }

    public ColumnType withTypeName(String value) {
        return new ColumnType(kind, value, precision, scale, nullable, element, key, timeZone, numbersAreEpochSeconds);
    }

    public ColumnType withPrecision(int p, int s) {
        return new ColumnType(kind, typeName, p, s, nullable, element, key, timeZone, numbersAreEpochSeconds);
    }

    public ColumnType withTimeZone(String zone) {
        return new ColumnType(kind, typeName, precision, scale, nullable, element, key, zone, numbersAreEpochSeconds);
    }

    /** This type, and its element and key types, with {@link #numbersAreEpochSeconds} set to {@code value}. */
    public ColumnType withNumbersAreEpochSeconds(boolean value) {
        return new ColumnType(kind, typeName, precision, scale, nullable,
                element == null ? null : element.withNumbersAreEpochSeconds(value),
                key == null ? null : key.withNumbersAreEpochSeconds(value), timeZone, value);
    }

    public int sqlType() {
        return kind.sqlType();
    }
}
