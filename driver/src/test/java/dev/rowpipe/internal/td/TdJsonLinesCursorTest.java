package dev.rowpipe.internal.td;

import dev.rowpipe.internal.testing.TestStreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
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
        columns.set(4, new ColumnInfo("d", TdTypes.parse("decimal(38,20)")));
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

    private static final String HOSTILE = "[\"t\\u00e9\\ud83d\\ude00 \u00e9\u20ac\uD83D\uDE00 \\\\ \\\"\",-12,1.5e-3,"
            + "[1,{\"k\":[2.5,null]}]]\n"
            + "[null,9223372036854775808,-Infinity,{}]\n"
            + "[\"\",0,NaN,[]]\n";

    private static List<List<Object>> readAll(java.io.InputStream in) throws SQLException {
        RowCursor c = new TdJsonLinesCursor(in, TdMsgpackCursorTest.columns(4), () -> { });
        RowBuffer row = new RowBuffer(4);
        List<List<Object>> out = new ArrayList<>();
        while (c.next(row)) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                values.add(switch (row.kind(i)) {
                    case RowBuffer.TEXT -> row.text(i);
                    case RowBuffer.LONG -> row.longValue(i);
                    case RowBuffer.DOUBLE -> row.doubleValue(i);
                    case RowBuffer.BOOLEAN -> row.booleanValue(i);
                    case RowBuffer.OBJECT -> row.objectValue(i);
                    default -> null;
                });
            }
            out.add(values);
        }
        return out;
    }

    @Test
    void sameRowsWhateverSizeTheReadsHave() throws SQLException {
        byte[] body = HOSTILE.getBytes(StandardCharsets.UTF_8);
        List<List<Object>> expected = readAll(new ByteArrayInputStream(body));
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put("k", Arrays.asList(2.5, null));
        assertEquals(Arrays.asList("t\u00e9\uD83D\uDE00 \u00e9\u20ac\uD83D\uDE00 \\ \"", -12L, 0.0015,
                List.of(1L, inner)), expected.get(0));
        assertEquals(Arrays.asList(null, new BigDecimal("9223372036854775808"), Double.NEGATIVE_INFINITY,
                Map.of()), expected.get(1));
        assertEquals(Arrays.asList("", 0L, Double.NaN, List.of()), expected.get(2));
        assertEquals(expected, readAll(TestStreams.trickle(body)));
        for (int seed = 1; seed < 20; seed++) {
            assertEquals(expected, readAll(TestStreams.randomChunks(body, 17, seed)));
        }
    }

    @Test
    void everyTruncationInsideARowIsAnError() throws SQLException {
        byte[] body = HOSTILE.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < body.length; cut++) {
            byte[] part = Arrays.copyOf(body, cut);
            // A line-based body has no trailer: cut right after a row's closing bracket it is whole rows.
            if (body[cut - 1] == ']' && body[cut] == '\n' || body[cut - 1] == '\n') {
                int lines = 0;
                for (byte b : part) {
                    lines += b == '\n' ? 1 : 0;
                }
                assertEquals(body[cut - 1] == '\n' ? lines : lines + 1,
                        readAll(new ByteArrayInputStream(part)).size());
                continue;
            }
            java.io.InputStream in = TestStreams.randomChunks(part, 17, cut);
            SQLException e = assertThrows(SQLException.class, () -> readAll(in), "cut at " + cut);
            assertEquals("08S01", e.getSQLState());
            assertTrue(e.getMessage().contains("at row "), e.getMessage());
        }
    }

    @Test
    void malformedRowsNameWhatWasFound() {
        String[] bodies = {"[1,\"a\"]\n[2 \"b\"]\n", "[1,\"a\"]\n[2,\"b\\q\"]\n", "[1,\"a\"]\n[02,\"b\"]\n",
            "[1,\"a\"]\nCode: 1. DB::Exception\n", "[1,\"a\"]\n[2,\"b\t\"]\n"};
        for (String body : bodies) {
            RowCursor c = cursor(body, TdMsgpackCursorTest.columns(2));
            RowBuffer row = new RowBuffer(2);
            SQLException e = assertThrows(SQLException.class, () -> {
                while (c.next(row)) {
                    // Reads until the failure.
                }
            }, body);
            assertEquals("08S01", e.getSQLState());
            assertTrue(e.getMessage().contains("at row 2: Malformed"), e.getMessage());
        }
    }
}
