package dev.rowpipe.internal.spi;

import java.sql.DatabaseMetaData;
import java.util.Objects;

/**
 * One row of a service's type table, as {@code DatabaseMetaData.getTypeInfo} reports it (the JDBC layer adds the
 * unused SQL_DATA_TYPE and SQL_DATETIME_SUB). Start from {@link #of} and change what differs with the
 * {@code with*} methods.
 *
 * @param name                 TYPE_NAME, the service's own spelling
 * @param dataType             DATA_TYPE, a {@link java.sql.Types} code
 * @param precision            PRECISION: maximum digits of a number, characters of text, length of a date literal
 * @param literalPrefix        LITERAL_PREFIX, or null
 * @param literalSuffix        LITERAL_SUFFIX, or null
 * @param createParams         CREATE_PARAMS, e.g. {@code precision,scale}, or null
 * @param nullable             NULLABLE: {@link DatabaseMetaData#typeNoNulls}, {@code typeNullable} or
 *                             {@code typeNullableUnknown}
 * @param caseSensitive        CASE_SENSITIVE
 * @param searchable           SEARCHABLE: {@link DatabaseMetaData#typePredNone}, {@code typePredChar},
 *                             {@code typePredBasic} or {@code typeSearchable}
 * @param unsigned             UNSIGNED_ATTRIBUTE
 * @param fixedPrecisionScale  FIXED_PREC_SCALE (a money type)
 * @param autoIncrement        AUTO_INCREMENT
 * @param localName            LOCAL_TYPE_NAME, or null
 * @param minimumScale         MINIMUM_SCALE
 * @param maximumScale         MAXIMUM_SCALE
 * @param radix                NUM_PREC_RADIX, or null where it does not apply
 */
public record TypeInfo(String name, int dataType, int precision, String literalPrefix, String literalSuffix,
                       String createParams, int nullable, boolean caseSensitive, int searchable, boolean unsigned,
                       boolean fixedPrecisionScale, boolean autoIncrement, String localName, int minimumScale,
                       int maximumScale, Integer radix) {

    /**
     * The length reported for text and binary whose maximum the service does not state: a type row's PRECISION
     * and a column's COLUMN_SIZE, so tools that size buffers from it never see 0.
     */
    public static final int UNKNOWN_LENGTH = 65535;

    public TypeInfo {
        Objects.requireNonNull(name, "name is null");
        if (precision < 0) {
            throw new IllegalArgumentException("precision of " + name + " is " + precision + "; expected 0 or more");
        }
        if (nullable != DatabaseMetaData.typeNoNulls && nullable != DatabaseMetaData.typeNullable
                && nullable != DatabaseMetaData.typeNullableUnknown) {
            throw new IllegalArgumentException("nullable of " + name + " is " + nullable
                    + "; expected a DatabaseMetaData.typeNo/typeNullable* code");
        }
        if (searchable < DatabaseMetaData.typePredNone || searchable > DatabaseMetaData.typeSearchable) {
            throw new IllegalArgumentException("searchable of " + name + " is " + searchable
                    + "; expected a DatabaseMetaData.typePred*/typeSearchable code");
        }
        if (minimumScale > maximumScale) {
            throw new IllegalArgumentException("scale range of " + name + " is " + minimumScale + ".." + maximumScale);
        }
    }

    /**
     * A type named {@code name}, locally too: nullable, searchable with every operator but LIKE, not case-sensitive,
     * not unsigned, scale 0, no literal quotes, no create parameters and no radix.
     */
    public static TypeInfo of(String name, int dataType, int precision) {
        return new TypeInfo(name, dataType, precision, null, null, null, DatabaseMetaData.typeNullable, false,
                DatabaseMetaData.typePredBasic, false, false, false, name, 0, 0, null);
    }

    /** Literals of this type are written {@code prefix value suffix}, e.g. {@code DATE '} and {@code '}. */
    public TypeInfo withLiteral(String prefix, String suffix) {
        return new TypeInfo(name, dataType, precision, prefix, suffix, createParams, nullable, caseSensitive,
                searchable, unsigned, fixedPrecisionScale, autoIncrement, localName, minimumScale, maximumScale,
                radix);
    }

    public TypeInfo withCreateParams(String value) {
        return new TypeInfo(name, dataType, precision, literalPrefix, literalSuffix, value, nullable, caseSensitive,
                searchable, unsigned, fixedPrecisionScale, autoIncrement, localName, minimumScale, maximumScale,
                radix);
    }

    public TypeInfo withNullable(int value) {
        return new TypeInfo(name, dataType, precision, literalPrefix, literalSuffix, createParams, value,
                caseSensitive, searchable, unsigned, fixedPrecisionScale, autoIncrement, localName, minimumScale,
                maximumScale, radix);
    }

    public TypeInfo withCaseSensitive(boolean value) {
        return new TypeInfo(name, dataType, precision, literalPrefix, literalSuffix, createParams, nullable, value,
                searchable, unsigned, fixedPrecisionScale, autoIncrement, localName, minimumScale, maximumScale,
                radix);
    }

    public TypeInfo withSearchable(int value) {
        return new TypeInfo(name, dataType, precision, literalPrefix, literalSuffix, createParams, nullable,
                caseSensitive, value, unsigned, fixedPrecisionScale, autoIncrement, localName, minimumScale,
                maximumScale, radix);
    }

    public TypeInfo withUnsigned(boolean value) {
        return new TypeInfo(name, dataType, precision, literalPrefix, literalSuffix, createParams, nullable,
                caseSensitive, searchable, value, fixedPrecisionScale, autoIncrement, localName, minimumScale,
                maximumScale, radix);
    }

    public TypeInfo withFixedPrecisionScale(boolean value) {
        return new TypeInfo(name, dataType, precision, literalPrefix, literalSuffix, createParams, nullable,
                caseSensitive, searchable, unsigned, value, autoIncrement, localName, minimumScale, maximumScale,
                radix);
    }

    public TypeInfo withAutoIncrement(boolean value) {
        return new TypeInfo(name, dataType, precision, literalPrefix, literalSuffix, createParams, nullable,
                caseSensitive, searchable, unsigned, fixedPrecisionScale, value, localName, minimumScale,
                maximumScale, radix);
    }

    public TypeInfo withLocalName(String value) {
        return new TypeInfo(name, dataType, precision, literalPrefix, literalSuffix, createParams, nullable,
                caseSensitive, searchable, unsigned, fixedPrecisionScale, autoIncrement, value, minimumScale,
                maximumScale, radix);
    }

    public TypeInfo withScale(int minimum, int maximum) {
        return new TypeInfo(name, dataType, precision, literalPrefix, literalSuffix, createParams, nullable,
                caseSensitive, searchable, unsigned, fixedPrecisionScale, autoIncrement, localName, minimum, maximum,
                radix);
    }

    public TypeInfo withRadix(Integer value) {
        return new TypeInfo(name, dataType, precision, literalPrefix, literalSuffix, createParams, nullable,
                caseSensitive, searchable, unsigned, fixedPrecisionScale, autoIncrement, localName, minimumScale,
                maximumScale, value);
    }
}
