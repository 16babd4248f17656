package dev.rowpipe.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.spi.ColumnInfo;
import dev.rowpipe.spi.ColumnType;
import dev.rowpipe.spi.RowBuffer;
import dev.rowpipe.spi.RowCursor;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TdJsonLinesCursorTest {
    static RowCursor cursor(String body, List<ColumnInfo> columns) {
        return new TdJsonLinesCursor(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), columns,
                () -> { });
    }

    @Test
    void hostileValues() throws Exception {
        List<ColumnInfo> columns = new ArrayList<>(TdMsgpackCursorTest.columns(7));
        columns.set(4, new ColumnInfo("d", ColumnType.decimal("decimal(38,20)", 38, 20)));
        String body = "[null,\"it's \\\"q\\\"\\t\\n\\r\\\\ \\u0000 \uD83D\uDE00 \\ud83d\\ude00\","
                + "-9223372036854775808,18446744073709551615,0.12345678901234567890123,true,"
                + "[[],[\"x\",null],{}]]\n"
                + "[\"\",9223372036854775807,{\"k\":[1,2.5],\"m\":{\"n\":null}},1.5,NaN,false,[]]\n";
        RowCursor c = cursor(body, columns);
        RowBuffer row = new RowBuffer(7);
        assertTrue(c.next(row));
        assertTrue(row.isNull(0));
        assertEquals("it's \"q\"\t\n\r\\ \u0000 \uD83D\uDE00 \uD83D\uDE00", row.text(1));
        assertEquals(Long.MIN_VALUE, row.longValue(2));
        assertEquals(new BigDecimal("18446744073709551615"), row.objectValue(3));
        assertEquals(new BigDecimal("0.12345678901234567890123"), row.objectValue(4));
        assertTrue(row.booleanValue(5));
        assertEquals(Arrays.asList(List.of(), Arrays.asList("x", null), Map.of()), row.objectValue(6));

        assertTrue(c.next(row));
        assertEquals("", row.text(0));
        assertEquals(Long.MAX_VALUE, row.longValue(1));
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put("k", List.of(1L, 2.5));
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put("n", null);
        expected.put("m", inner);
        assertEquals(expected, row.objectValue(2));
        assertEquals(1.5, row.doubleValue(3));
        assertTrue(Double.isNaN(row.doubleValue(4)));
        assertFalse(row.booleanValue(5));
        assertEquals(List.of(), row.objectValue(6));
        assertFalse(c.next(row));
    }

    @Test
    void emptyBodyAndBlankLines() throws Exception {
        RowBuffer row = new RowBuffer(1);
        assertFalse(cursor("", TdMsgpackCursorTest.columns(1)).next(row));
        RowCursor c = cursor("[1]\n\n[2]\r\n", TdMsgpackCursorTest.columns(1));
        assertTrue(c.next(row));
        assertTrue(c.next(row));
        assertEquals(2, row.longValue(0));
        assertFalse(c.next(row));
    }

    @Test
    void truncatedOrMalformedBodiesAreErrorsNamingTheRow() {
        String[] bodies = {"[1,\"a\"]\n[2,\"b", "[1,\"a\"]\n[2,", "[1,\"a\"]\n[2]\n", "[1,\"a\"]\n[2,\"b\",3]\n",
            "[1,\"a\"]\n{\"error\":\"x\"}\n", "[1,\"a\"]\n[2,[1,2\n"};
        for (String body : bodies) {
            RowCursor c = cursor(body, TdMsgpackCursorTest.columns(2));
            RowBuffer row = new RowBuffer(2);
            SQLException e = assertThrows(SQLException.class, () -> {
                while (c.next(row)) {
                    // Reads until the failure.
                }
            }, body);
            assertEquals("08S01", e.getSQLState());
            assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        }
    }
}
