package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FireboltTypesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Int8|TINYINT", "Int16|SMALLINT", "Int32|INTEGER", "Int64|BIGINT",
        "UInt8|SMALLINT", "UInt16|INTEGER", "UInt32|BIGINT", "UInt64|HUGEINT",
        "INT|INTEGER", "integer|INTEGER", "BIGINT|BIGINT", "LONG|BIGINT",
        "Float32|REAL", "FLOAT|REAL", "real|REAL", "Float64|DOUBLE", "DOUBLE|DOUBLE", "double precision|DOUBLE",
        "String|VARCHAR", "TEXT|VARCHAR", "varchar|VARCHAR",
        "Date|DATE", "Date32|DATE", "PGDate|DATE",
        "DateTime|TIMESTAMP", "TIMESTAMP|TIMESTAMP", "TimestampNtz|TIMESTAMP", "Timestamptz|TIMESTAMP_TZ",
        "DateTime64(3)|TIMESTAMP", "Decimal(38, 9)|DECIMAL", "NUMERIC(10,2)|DECIMAL",
        "Boolean|BOOLEAN", "Array(Int32)|ARRAY", "VARCHAR[]|ARRAY", "INTEGER[][]|ARRAY", "[]|OTHER", "Tuple(Int32, String)|STRUCT", "ByteA|BINARY",
        "Nothing|NULL", "Nullable(Nothing)|NULL", "GEOGRAPHY|OTHER", "Int32(|OTHER", "Decimal(x,1)|OTHER",
    })
    void kinds(String name, Kind kind) {
        ColumnType type = FireboltTypes.parse(name);
        assertEquals(kind, type.kind(), name);
        assertEquals(name, type.typeName());
    }

    /** Firebolt 2.0's names, with the nullability suffixes its result types carry. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "int|INTEGER|false", "int null|INTEGER|true", "bigint not null|BIGINT|false", "real null|REAL|true",
        "double precision null|DOUBLE|true", "numeric(38, 9) null|DECIMAL|true", "text|VARCHAR|false",
        "text null|VARCHAR|true", "boolean null|BOOLEAN|true", "date|DATE|false", "timestamp null|TIMESTAMP|true",
        "timestamptz null|TIMESTAMP_TZ|true", "bytea null|BINARY|true", "array(int null) null|ARRAY|true",
        "array(array(text null) null)|ARRAY|false", "geography null|OTHER|true",
    })
    void firebolt2Names(String name, Kind kind, boolean nullable) {
        ColumnType type = FireboltTypes.parse(name);
        assertEquals(kind, type.kind(), name);
        assertEquals(nullable, type.nullable(), name);
        assertEquals(name, type.typeName());
    }

    @Test
    void firebolt2ArraysAndNumerics() {
        ColumnType nested = FireboltTypes.parse("array(array(text null) null) not null");
        assertFalse(nested.nullable());
        assertEquals(Kind.ARRAY, nested.element().kind());
        assertTrue(nested.element().nullable());
        assertEquals(Kind.VARCHAR, nested.element().element().kind());
        assertTrue(nested.element().element().nullable());
        ColumnType numeric = FireboltTypes.parse("numeric(38, 9) null");
        assertEquals(38, numeric.precision());
        assertEquals(9, numeric.scale());
    }

    @Test
    void nullability() {
        assertFalse(FireboltTypes.parse("Int32").nullable());
        assertTrue(FireboltTypes.parse("Nullable(Int32)").nullable());
        assertEquals(Kind.INTEGER, FireboltTypes.parse("Nullable(Int32)").kind());
        assertTrue(FireboltTypes.parse("INT NULL").nullable());
        assertTrue(FireboltTypes.parse("text null").nullable());
        assertFalse(FireboltTypes.parse("INT NOT NULL").nullable());
        assertEquals(Kind.INTEGER, FireboltTypes.parse("INT NOT NULL").kind());
        assertEquals("INT NOT NULL", FireboltTypes.parse("INT NOT NULL").typeName());
    }

    @Test
    void argumentsAndNesting() {
        ColumnType dec = FireboltTypes.parse("Nullable(Decimal(38, 9))");
        assertEquals(Kind.DECIMAL, dec.kind());
        assertEquals(38, dec.precision());
        assertEquals(9, dec.scale());
        assertTrue(dec.nullable());

        ColumnType ts = FireboltTypes.parse("DateTime64(6, 'Europe/Berlin')");
        assertEquals(6, ts.scale());
        assertEquals("Europe/Berlin", ts.timeZone());

        ColumnType nested = FireboltTypes.parse("Array(Array(Nullable(String)))");
        assertEquals(Kind.ARRAY, nested.kind());
        assertEquals(Kind.ARRAY, nested.element().kind());
        assertEquals(Kind.VARCHAR, nested.element().element().kind());
        assertTrue(nested.element().element().nullable());
        assertEquals("Array(Nullable(String))", nested.element().typeName());

        ColumnType arrNull = FireboltTypes.parse("ARRAY(INT NULL) NOT NULL");
        assertFalse(arrNull.nullable());
        assertTrue(arrNull.element().nullable());

        assertEquals(20, FireboltTypes.parse("UInt64").precision());
    }

    @Test
    void neverThrows() {
        for (String s : new String[] {null, "", " ", "(", ")", "Nullable(", "Array()", "Decimal(1,2,3)",
                "DateTime64('x')", "Tuple(", " NULL", "NOT NULL"}) {
            ColumnType t = FireboltTypes.parse(s);
            assertEquals(t.kind(), t.kind());
        }
    }

    @Test
    void numbersAreNeverDates() {
        for (String s : new String[] {"Int64", "bigint", "Float64", "DateTime", "Nullable(UInt64)",
            "Array(Array(Int64))", "Decimal(38,9)", "Mystery", ""}) {
            ColumnType t = FireboltTypes.parse(s);
            for (ColumnType inner = t; inner != null; inner = inner.element()) {
                assertFalse(inner.numbersAreEpochSeconds(), s);
            }
        }
    }
}
