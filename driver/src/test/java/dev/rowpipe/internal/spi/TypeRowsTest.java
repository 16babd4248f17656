package dev.rowpipe.internal.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import org.junit.jupiter.api.Test;

class TypeRowsTest {

    @Test
    void aDateOrTimestampsPrecisionIsItsLongestText() {
        assertEquals("2024-01-31".length(), TypeRows.date("DATE").precision());
        assertEquals("2024-01-31 23:59:59.123456".length(), TypeRows.timestamp("TIMESTAMP", 6).precision());
        assertEquals("2024-01-31 23:59:59.123456+05:30".length(),
                TypeRows.zonedTimestamp("TIMESTAMPTZ", 6).precision());
        assertEquals(6, TypeRows.timestamp("TIMESTAMP", 6).maximumScale());
        assertEquals("TIMESTAMP '", TypeRows.zonedTimestamp("TIMESTAMPTZ", 3).literalPrefix());
    }

    @Test
    void numbersHaveADecimalRadixAndDecimalsTheirScale() {
        TypeInfo decimal = TypeRows.decimal("DECIMAL", Types.DECIMAL, 38);
        assertEquals(38, decimal.precision());
        assertEquals(0, decimal.minimumScale());
        assertEquals(38, decimal.maximumScale());
        assertEquals("precision,scale", decimal.createParams());
        assertEquals(10, decimal.radix());
        assertEquals(10, TypeRows.number("INT", Types.INTEGER, 10).radix());
        assertNull(TypeRows.bool("BOOLEAN").radix());
    }

    @Test
    void textIsQuotedAndSearchableWithLike() {
        TypeInfo text = TypeRows.text("TEXT");
        assertEquals("'", text.literalPrefix());
        assertEquals("'", text.literalSuffix());
        assertEquals(DatabaseMetaData.typeSearchable, text.searchable());
        assertEquals(TypeInfo.UNKNOWN_LENGTH, text.precision());
        assertEquals(TypeInfo.UNKNOWN_LENGTH, TypeRows.binary("BYTEA").precision());
        assertEquals(DatabaseMetaData.typePredNone, TypeRows.unsearchable("ARRAY", Types.ARRAY).searchable());
        assertEquals(0, TypeRows.unsearchable("ARRAY", Types.ARRAY).precision());
    }
}
