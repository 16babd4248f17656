package dev.rowpipe.internal.spi;

import java.sql.DatabaseMetaData;
import java.sql.Types;

/**
 * The type-table rows most services write alike, by what the type is, for a backend's own table in
 * {@link BackendDescription}: the name and the JDBC type are the service's, the rest follows from the kind of type
 * and the SQL standard's literals. A row that differs starts from one of these and changes it with
 * {@link TypeInfo}'s {@code with*} methods.
 */
public final class TypeRows {
    private TypeRows() {
    }

    /** A boolean: one digit. */
    public static TypeInfo bool(String name) {
        return TypeInfo.of(name, Types.BOOLEAN, 1);
    }

    /** A number of at most {@code precision} decimal digits (an integer's, or a float's significant ones). */
    public static TypeInfo number(String name, int dataType, int precision) {
        return TypeInfo.of(name, dataType, precision).withRadix(10);
    }

    /** A DECIMAL or NUMERIC of up to {@code maxPrecision} digits, any of them after the point, created as (p, s). */
    public static TypeInfo decimal(String name, int dataType, int maxPrecision) {
        return number(name, dataType, maxPrecision).withCreateParams("precision,scale").withScale(0, maxPrecision);
    }

    /**
     * Text of a length the service does not state: a {@code '...'} literal, case-sensitive, searchable with LIKE
     * too.
     */
    public static TypeInfo text(String name) {
        return TypeInfo.of(name, Types.VARCHAR, TypeInfo.UNKNOWN_LENGTH).withLiteral("'", "'")
                .withCaseSensitive(true).withSearchable(DatabaseMetaData.typeSearchable);
    }

    /** A date: {@code yyyy-mm-dd}, written {@code DATE '...'}. */
    public static TypeInfo date(String name) {
        return TypeInfo.of(name, Types.DATE, 10).withLiteral("DATE '", "'");
    }

    /**
     * A timestamp with up to {@code fractionalDigits} digits after the seconds: {@code yyyy-mm-dd hh:mm:ss}, a
     * {@code .} and those digits, written {@code TIMESTAMP '...'}.
     */
    public static TypeInfo timestamp(String name, int fractionalDigits) {
        return TypeInfo.of(name, Types.TIMESTAMP, 19 + 1 + fractionalDigits).withLiteral("TIMESTAMP '", "'")
                .withScale(0, fractionalDigits);
    }

    /** As {@link #timestamp} followed by {@code +hh:mm}. */
    public static TypeInfo zonedTimestamp(String name, int fractionalDigits) {
        return TypeInfo.of(name, Types.TIMESTAMP_WITH_TIMEZONE, 25 + 1 + fractionalDigits)
                .withLiteral("TIMESTAMP '", "'").withScale(0, fractionalDigits);
    }

    /** Bytes of a length the service does not state. */
    public static TypeInfo binary(String name) {
        return TypeInfo.of(name, Types.VARBINARY, TypeInfo.UNKNOWN_LENGTH);
    }

    /** A type no predicate compares (arrays, maps, structs, the type of a bare NULL): no precision. */
    public static TypeInfo unsearchable(String name, int dataType) {
        return TypeInfo.of(name, dataType, 0).withSearchable(DatabaseMetaData.typePredNone);
    }
}
