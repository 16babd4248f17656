package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import org.junit.jupiter.api.Test;

class TdTypesTest {
    static Kind kind(String name) {
        return TdTypes.parse(name).kind();
    }

    @Test
    void scalarResultTypes() {
        assertEquals(Kind.VARCHAR, kind("string"));
        assertEquals(Kind.VARCHAR, kind("VARCHAR"));
        ColumnType v = TdTypes.parse("varchar(10)");
        assertEquals(Kind.VARCHAR, v.kind());
        assertEquals(10, v.precision());
        assertEquals("varchar(10)", v.typeName());
        assertEquals(5, TdTypes.parse("char(5)").precision());
        assertEquals(Kind.INTEGER, kind("int"));
        assertEquals(Kind.INTEGER, kind("integer"));
        assertEquals(Kind.BIGINT, kind("long"));
        assertEquals(Kind.BIGINT, kind("bigint"));
        assertEquals(Kind.TINYINT, kind("tinyint"));
        assertEquals(Kind.SMALLINT, kind("smallint"));
        assertEquals(Kind.DOUBLE, kind("double"));
        assertEquals(Kind.DOUBLE, kind("double precision"));
        assertEquals(Kind.REAL, kind("float"));
        assertEquals(Kind.REAL, kind("real"));
        ColumnType d = TdTypes.parse("decimal(38, 9)");
        assertEquals(Kind.DECIMAL, d.kind());
        assertEquals(38, d.precision());
        assertEquals(9, d.scale());
        assertEquals(Kind.DECIMAL, kind("decimal"));
        assertEquals(Kind.BOOLEAN, kind("boolean"));
        assertEquals(Kind.DATE, kind("date"));
        assertEquals(Kind.TIMESTAMP, kind("timestamp"));
        assertEquals(Kind.TIMESTAMP, kind("timestamp(6)"));
        assertEquals(Kind.TIMESTAMP_TZ, kind("timestamp with time zone"));
        assertEquals(Kind.TIMESTAMP_TZ, kind("timestamp(3) with time zone"));
        assertEquals(Kind.JSON, kind("json"));
        assertEquals(Kind.BINARY, kind("varbinary"));
        assertTrue(TdTypes.parse("bigint").nullable());
    }

    @Test
    void nestedTypes() {
        ColumnType a = TdTypes.parse("array<string>");
        assertEquals(Kind.ARRAY, a.kind());
        assertEquals(Kind.VARCHAR, a.element().kind());
        ColumnType p = TdTypes.parse("array(varchar)");
        assertEquals(Kind.ARRAY, p.kind());
        assertEquals(Kind.VARCHAR, p.element().kind());
        ColumnType m = TdTypes.parse("map<string,array<bigint>>");
        assertEquals(Kind.MAP, m.kind());
        assertEquals(Kind.VARCHAR, m.key().kind());
        assertEquals(Kind.ARRAY, m.element().kind());
        assertEquals(Kind.BIGINT, m.element().element().kind());
        assertEquals(Kind.MAP, kind("map(varchar, double)"));
        assertEquals(Kind.STRUCT, kind("struct<a:int,b:array<string>>"));
        ColumnType row = TdTypes.parse("row(a integer, b row(c varchar))");
        assertEquals(Kind.STRUCT, row.kind());
        assertEquals("row(a integer, b row(c varchar))", row.typeName());
        assertEquals(Kind.ARRAY, kind("array(row(x bigint, y varchar))"));
    }

    @Test
    void unknownOrMalformedIsOtherAndNeverThrows() {
        for (String s : new String[] {"uuid", "interval day to second", "qdigest(bigint)", "array<", "map<int>",
            "decimal(x,1)", "varchar(", "", "  ", "array<string>>", "timestamp with", "row(a int"}) {
            ColumnType t = TdTypes.parse(s);
            assertEquals(Kind.OTHER, t.kind(), s);
            assertEquals(s.trim(), t.typeName());
        }
        assertEquals(Kind.OTHER, TdTypes.parse(null).kind());
        assertNull(TdTypes.parse("uuid").element());
    }

    @Test
    void tableSchemaIntegersAre64Bit() {
        assertEquals(Kind.BIGINT, TdTypes.parseTableType("int").kind());
        assertEquals(Kind.BIGINT, TdTypes.parseTableType("long").kind());
        assertEquals(Kind.DOUBLE, TdTypes.parseTableType("float").kind());
        assertEquals(Kind.BIGINT, TdTypes.parseTableType("array<int>").element().kind());
        assertEquals(Kind.VARCHAR, TdTypes.parseTableType("string").kind());
    }

    @Test
    void everyTypeReadsNumbersAsUnixSecondsNestedTypesToo() {
        for (String s : new String[] {"bigint", "double", "varchar", "timestamp", "date", "uuid", "array<bigint>",
            "map<string,array<timestamp>>", "row(a int)", "decimal(10,2)"}) {
            ColumnType t = TdTypes.parse(s);
            assertTrue(t.numbersAreEpochSeconds(), s);
            assertTrue(TdTypes.parseTableType(s).numbersAreEpochSeconds(), s);
            for (ColumnType inner = t.element(); inner != null; inner = inner.element()) {
                assertTrue(inner.numbersAreEpochSeconds(), s);
            }
            if (t.key() != null) {
                assertTrue(t.key().numbersAreEpochSeconds(), s);
            }
        }
        assertTrue(TdTypes.parse(null).numbersAreEpochSeconds());
    }
}
