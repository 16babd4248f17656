package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.convert.ValueReader;
import dev.rowpipe.internal.testing.TestStreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FireboltJsonDecoderTest {
    private static final String META = "{\"meta\":[{\"name\":\"s\",\"type\":\"Nullable(String)\"},"
            + "{\"name\":\"n\",\"type\":\"Int64\"},{\"name\":\"d\",\"type\":\"Decimal(38,9)\"}],\"data\":[";

    private static DecodedResult open(InputStream in) throws SQLException {
        return FireboltJsonDecoder.open(in, FireboltTypes::parse, () -> { });
    }

    private static ColumnType type(DecodedResult r, int i) {
        return r.columns().get(i).type();
    }

    @Test
    void objectAndCompactRowsWithHostileValues() throws SQLException {
        String body = META
                + "{\"s\":\"tab\\there\\nnew \\\\ \\\"q\\\" 😀\",\"n\":-9223372036854775808,"
                + "\"d\":123456789012345678901234567890.123456789},"
                + "{\"d\":\"1.5\",\"n\":\"9223372036854775807\",\"s\":null},"
                + "[\"\\ud83d\\ude00\",0,1e-3]"
                + "],\"rows\":3,\"statistics\":{\"elapsed\":0.1}}\n";
        DecodedResult r = open(TestStreams.utf8(body));
        assertEquals(3, r.columns().size());
        RowBuffer row = new RowBuffer(3);
        assertTrue(r.cursor().next(row));
        assertEquals("tab\there\nnew \\ \"q\" 😀", row.text(0));
        assertEquals(Long.MIN_VALUE, ValueReader.getLong(row, 1, type(r, 1)));
        assertEquals(new BigDecimal("123456789012345678901234567890.123456789"),
                ValueReader.getObject(row, 2, type(r, 2)));
        assertTrue(r.cursor().next(row));
        assertTrue(row.isNull(0));
        assertEquals(Long.MAX_VALUE, ValueReader.getObject(row, 1, type(r, 1)));
        // At the column's declared scale (Decimal(38,9)).
        assertEquals(new BigDecimal("1.500000000"), ValueReader.getBigDecimal(row, 2, type(r, 2)));
        assertTrue(r.cursor().next(row));
        assertEquals("😀", row.text(0));
        assertEquals(new BigDecimal("0.001000000"), ValueReader.getBigDecimal(row, 2, type(r, 2)));
        assertFalse(r.cursor().next(row));
        assertFalse(r.cursor().next(row));
    }

    @Test
    void nestedValuesBecomeObjects() throws SQLException {
        String body = "{\"meta\":[{\"name\":\"a\",\"type\":\"Array(Array(Int64))\"},{\"name\":\"b\",\"type\":\"Boolean\"},"
                + "{\"name\":\"f\",\"type\":\"Float64\"},{\"name\":\"u\",\"type\":\"Array(UInt64)\"}],"
                + "\"data\":[[[[1,2],[]],true,\"inf\",[18446744073709551615,null]],"
                + "[[],false,NaN,[]]],\"rows\":2}";
        DecodedResult r = open(TestStreams.utf8(body));
        RowBuffer row = new RowBuffer(4);
        assertTrue(r.cursor().next(row));
        assertEquals(List.of(List.of(1L, 2L), List.of()), ValueReader.getObject(row, 0, type(r, 0)));
        assertEquals("[[1,2],[]]", ValueReader.getString(row, 0, type(r, 0)));
        assertEquals(Boolean.TRUE, ValueReader.getObject(row, 1, type(r, 1)));
        assertEquals(Double.POSITIVE_INFINITY, ValueReader.getObject(row, 2, type(r, 2)));
        assertEquals(Arrays.asList(new BigDecimal("18446744073709551615"), null),
                ValueReader.getList(row, 3, type(r, 3)));
        assertTrue(r.cursor().next(row));
        assertEquals(List.of(), ValueReader.getList(row, 0, type(r, 0)));
        assertTrue(Double.isNaN(ValueReader.getDouble(row, 2, type(r, 2))));
        assertFalse(r.cursor().next(row));
    }

    @Test
    void emptyBodyIsAResultWithoutColumns() throws SQLException {
        AtomicInteger closes = new AtomicInteger();
        DecodedResult r = FireboltJsonDecoder.open(TestStreams.utf8(""), FireboltTypes::parse, closes::incrementAndGet);
        assertTrue(r.columns().isEmpty());
        assertFalse(r.cursor().next(new RowBuffer(0)));
        r.cursor().close();
        r.cursor().close();
        assertEquals(1, closes.get());
    }

    @Test
    void errorObjectsInTheBody() {
        SQLException e = assertThrows(SQLException.class, () -> open(TestStreams.utf8(
                "{\"errors\":[{\"description\":\"Column x not found\"}]}")));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("Column x not found"), e.getMessage());
        e = assertThrows(SQLException.class, () -> open(TestStreams.utf8("{\"error\":\"engine is stopping\"}")));
        assertTrue(e.getMessage().contains("engine is stopping"));
    }

    @Test
    void errorKeyAfterTheRows() throws SQLException {
        DecodedResult r = open(TestStreams.utf8(META + "[\"a\",1,1]],\"error\":\"late failure\"}"));
        RowBuffer row = new RowBuffer(3);
        assertTrue(r.cursor().next(row));
        SQLException e = assertThrows(SQLException.class, () -> r.cursor().next(row));
        assertTrue(e.getMessage().contains("late failure"));
    }

    @Test
    void serverTextAppendedToAnUnclosedBody() throws SQLException {
        DecodedResult r = open(TestStreams.utf8(META + "[\"a\",1,1],\n"
                + "Code: 241. DB::Exception: Memory limit exceeded. (MEMORY_LIMIT_EXCEEDED)\n"));
        RowBuffer row = new RowBuffer(3);
        assertTrue(r.cursor().next(row));
        SQLException e = assertThrows(SQLException.class, () -> r.cursor().next(row));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("Code: 241. DB::Exception: Memory limit exceeded"), e.getMessage());
        assertThrows(SQLException.class, () -> r.cursor().next(row), "stays failed");
    }

    @Test
    void textAfterTheClosedJson() throws SQLException {
        DecodedResult r = open(TestStreams.utf8(META + "[\"a\",1,1]],\"rows\":1}\nCode: 1. DB::Exception: x"));
        RowBuffer row = new RowBuffer(3);
        assertTrue(r.cursor().next(row));
        SQLException e = assertThrows(SQLException.class, () -> r.cursor().next(row));
        assertTrue(e.getMessage().contains("Code: 1. DB::Exception: x"), e.getMessage());
    }

    @Test
    void truncatedBodies() throws SQLException {
        RowBuffer row = new RowBuffer(3);
        DecodedResult notClosed = open(TestStreams.utf8(META + "[\"a\",1,1],[\"b\",2,2]"));
        assertTrue(notClosed.cursor().next(row));
        assertTrue(notClosed.cursor().next(row));
        SQLException e = assertThrows(SQLException.class, () -> notClosed.cursor().next(row));
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("ended early after 2 rows"), e.getMessage());

        DecodedResult midRow = open(TestStreams.utf8(META + "[\"a\",1,1],{\"s\":\"b"));
        assertTrue(midRow.cursor().next(row));
        assertEquals("08S01", assertThrows(SQLException.class, () -> midRow.cursor().next(row)).getSQLState());

        DecodedResult reset = open(TestStreams.broken(META + "[\"a\",1,1],[\"b\""));
        assertTrue(reset.cursor().next(row));
        assertEquals("08S01", assertThrows(SQLException.class, () -> reset.cursor().next(row)).getSQLState());

        DecodedResult noEnd = open(TestStreams.utf8(META + "[\"a\",1,1]],\"rows\":1"));
        assertTrue(noEnd.cursor().next(row));
        assertEquals("08S01", assertThrows(SQLException.class, () -> noEnd.cursor().next(row)).getSQLState());

        DecodedResult wrongCount = open(TestStreams.utf8(META + "[\"a\",1,1]],\"rows\":5}"));
        assertTrue(wrongCount.cursor().next(row));
        assertEquals("08S01", assertThrows(SQLException.class, () -> wrongCount.cursor().next(row)).getSQLState());

        assertEquals("08S01", assertThrows(SQLException.class,
                () -> open(TestStreams.utf8("{\"meta\":[{\"name\":\"s\""))).getSQLState());
    }

    @Test
    void wrongValueCounts() throws SQLException {
        RowBuffer row = new RowBuffer(3);
        DecodedResult few = open(TestStreams.utf8(META + "[\"a\",1]]}"));
        SQLException e = assertThrows(SQLException.class, () -> few.cursor().next(row));
        assertTrue(e.getMessage().contains("Row 1 has 2 values, expected 3"), e.getMessage());
        DecodedResult many = open(TestStreams.utf8(META + "[\"a\",1,2,3]]}"));
        assertThrows(SQLException.class, () -> many.cursor().next(row));
        DecodedResult missing = open(TestStreams.utf8(META + "{\"s\":\"a\",\"n\":1}]}"));
        e = assertThrows(SQLException.class, () -> missing.cursor().next(row));
        assertTrue(e.getMessage().contains("'d'"), e.getMessage());
        DecodedResult unknown = open(TestStreams.utf8(META + "{\"s\":\"a\",\"n\":1,\"zz\":1}]}"));
        e = assertThrows(SQLException.class, () -> unknown.cursor().next(row));
        assertTrue(e.getMessage().contains("zz"), e.getMessage());
    }

    @Test
    void objectKeysAreMatchedInAnyOrderAndSpelling() throws SQLException {
        RowBuffer row = new RowBuffer(3);
        // Keys in order, out of order, and escaped (the in-place byte match misses; the name lookup finds it).
        DecodedResult r = open(TestStreams.utf8(META + "{\"s\":\"a\",\"n\":1,\"d\":2},"
                + "{\"n\":3,\"d\":4,\"s\":\"b\"},{\"\\u0073\":\"c\",\"n\":5,\"\\u0064\":6}]}"));
        assertTrue(r.cursor().next(row));
        assertEquals(List.of("a", 1L), List.of(row.text(0), ValueReader.getLong(row, 1, type(r, 1))));
        assertTrue(r.cursor().next(row));
        assertEquals(List.of("b", 3L), List.of(row.text(0), ValueReader.getLong(row, 1, type(r, 1))));
        assertTrue(r.cursor().next(row));
        assertEquals(List.of("c", 5L), List.of(row.text(0), ValueReader.getLong(row, 1, type(r, 1))));
        assertEquals(new BigDecimal("6.000000000"), ValueReader.getBigDecimal(row, 2, type(r, 2)));
        assertFalse(r.cursor().next(row));
        DecodedResult twice = open(TestStreams.utf8(META + "{\"s\":\"a\",\"s\":\"b\",\"d\":1}]}"));
        SQLException e = assertThrows(SQLException.class, () -> twice.cursor().next(row));
        assertTrue(e.getMessage().contains("two values for column 's'"), e.getMessage());
    }

    @Test
    void dataBeforeMetaIsAnError() {
        SQLException e = assertThrows(SQLException.class, () -> open(TestStreams.utf8(
                "{\"data\":[[1]],\"meta\":[{\"name\":\"n\",\"type\":\"Int64\"}]}")));
        assertTrue(e.getMessage().contains("before \"meta\""), e.getMessage());
    }

    @Test
    void firstRowIsReadableBeforeTheBodyEnds() throws Exception {
        TestStreams.Chunked gate = TestStreams.gated(META + "{\"s\":\"first\",\"n\":1,\"d\":1}",
                ",{\"s\":\"second\",\"n\":2,\"d\":2}],\"rows\":2}");
        DecodedResult r = open(gate);
        RowBuffer row = new RowBuffer(3);
        assertTrue(r.cursor().next(row));
        assertEquals("first", row.text(0));
        gate.release.countDown();
        assertTrue(r.cursor().next(row));
        assertEquals("second", row.text(0));
        assertFalse(r.cursor().next(row));
    }

    @Test
    void openFailureClosesTheResponse() {
        AtomicInteger closes = new AtomicInteger();
        assertThrows(SQLException.class, () -> FireboltJsonDecoder.open(TestStreams.utf8("[1,2]"), FireboltTypes::parse,
                closes::incrementAndGet));
        assertEquals(1, closes.get());
    }

    @Test
    void manyRowsStreamWithAReusedBuffer() throws SQLException {
        StringBuilder body = new StringBuilder(META);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",").append("[\"v").append(i).append("\",").append(i).append(",0.5]");
        }
        body.append("],\"rows\":").append(n).append('}');
        DecodedResult r = FireboltJsonDecoder.open(
                TestStreams.chunked(body.toString().getBytes(StandardCharsets.UTF_8), 1000), FireboltTypes::parse,
                () -> { });
        RowBuffer row = new RowBuffer(3);
        long sum = 0;
        int count = 0;
        while (r.cursor().next(row)) {
            sum += ValueReader.getLong(row, 1, type(r, 1));
            count++;
        }
        assertEquals(n, count);
        assertEquals((long) n * (n - 1) / 2, sum);
    }

    private static final String HOSTILE = META
            + "{\"s\":\"t\\u00e9\\ud83d\\ude00 \u00e9\u20ac\uD83D\uDE00 \\\\ \\\"\",\"n\":-12,\"d\":1.5e-3},"
            + "[null,9223372036854775807,-0.000000001],"
            + "{\"n\":1,\"\\u0073\":\"\",\"d\":NaN},"
            + "[\"x\",2,-Infinity]"
            + "],\"rows\":4,\"statistics\":{\"elapsed\":0.1,\"x\":[{}]}}\n";

    /** Every row's values as text (null for NULL), read to the end. */
    private static List<List<String>> readAll(InputStream in) throws SQLException {
        DecodedResult r = open(in);
        RowBuffer row = new RowBuffer(3);
        List<List<String>> out = new java.util.ArrayList<>();
        while (r.cursor().next(row)) {
            List<String> values = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                values.add(ValueReader.getString(row, i, type(r, i)));
            }
            out.add(values);
        }
        return out;
    }

    @Test
    void sameRowsWhateverSizeTheReadsHave() throws SQLException {
        byte[] body = HOSTILE.getBytes(StandardCharsets.UTF_8);
        List<List<String>> expected = readAll(new java.io.ByteArrayInputStream(body));
        assertEquals(4, expected.size());
        assertEquals(Arrays.asList("t\u00e9\uD83D\uDE00 \u00e9\u20ac\uD83D\uDE00 \\ \"", "-12", "1.5e-3"),
                expected.get(0));
        assertEquals(Arrays.asList(null, "9223372036854775807", "-0.000000001"), expected.get(1));
        assertEquals(Arrays.asList("", "1", "NaN"), expected.get(2));
        assertEquals(Arrays.asList("x", "2", "-Infinity"), expected.get(3));
        assertEquals(expected, readAll(TestStreams.trickle(body)));
        for (int seed = 1; seed < 20; seed++) {
            assertEquals(expected, readAll(TestStreams.randomChunks(body, 17, seed)));
        }
    }

    @Test
    void everyTruncationIsAnErrorNeverFewerRows() {
        byte[] body = HOSTILE.getBytes(StandardCharsets.UTF_8);
        // The last byte is the newline after the closing brace: without it the body is still whole.
        for (int cut = 1; cut < body.length - 1; cut++) {
            byte[] part = Arrays.copyOf(body, cut);
            for (int mode = 0; mode < 2; mode++) {
                InputStream in = mode == 0 ? new java.io.ByteArrayInputStream(part)
                        : TestStreams.randomChunks(part, 17, cut);
                SQLException e = assertThrows(SQLException.class, () -> readAll(in), "cut at " + cut);
                assertEquals("08S01", e.getSQLState(), "cut at " + cut + ": " + e.getMessage());
                assertTrue(e.getMessage().contains("ended early after"), "cut at " + cut + ": " + e.getMessage());
            }
        }
    }

    @Test
    void malformedJsonIsAnErrorNamingWhatWasFound() throws SQLException {
        String[] rows = {"[\"a\",1,1],[\"b\" 2,2]", "[\"a\",1,1],[\"b\",02,2]", "[\"a\",1,1],[\"b\",1,1,]",
            "[\"a\",1,1],[\"b\\x\",1,1]", "[\"a\",1,1],{\"s\" 1}", "[\"a\",1,1];[\"b\",1,1]",
            "[\"a\",1,1],[\"b\",tru,1]", "[\"a\",1,1],[\"b\",1.,1]", "[\"a\",1,1],[\"b\",INF,1]"};
        for (String data : rows) {
            DecodedResult r = open(TestStreams.utf8(META + data + "],\"rows\":2}"));
            RowBuffer row = new RowBuffer(3);
            assertTrue(r.cursor().next(row), data);
            SQLException e = assertThrows(SQLException.class, () -> r.cursor().next(row), data);
            assertEquals("08S01", e.getSQLState(), data);
            assertTrue(e.getMessage().startsWith("Malformed Firebolt JSON result after 1 rows: "), e.getMessage());
        }
        DecodedResult r = open(TestStreams.utf8(META + "[\"a\",1,1],[\"b\",1 x"));
        RowBuffer row = new RowBuffer(3);
        assertTrue(r.cursor().next(row));
        assertTrue(assertThrows(SQLException.class, () -> r.cursor().next(row)).getMessage().contains("'x'"));
        byte[] badUtf8 = (META + "[\"a\u00ff\",1,1]]}").getBytes(StandardCharsets.ISO_8859_1);
        DecodedResult broken = open(new java.io.ByteArrayInputStream(badUtf8));
        SQLException e = assertThrows(SQLException.class, () -> broken.cursor().next(row));
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("Invalid UTF-8 (0xFF)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("in the Firebolt JSON result, row 1, column 's'"), e.getMessage());
    }

    @Test
    void serverTextInsideAStringOrBeforeTheJson() throws SQLException {
        DecodedResult r = open(TestStreams.utf8(META + "[\"a\",1,1],[\"b\n"
                + "Code: 241. DB::Exception: Memory limit exceeded. (MEMORY_LIMIT_EXCEEDED)\n"));
        RowBuffer row = new RowBuffer(3);
        assertTrue(r.cursor().next(row));
        SQLException e = assertThrows(SQLException.class, () -> r.cursor().next(row));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("Code: 241. DB::Exception: Memory limit exceeded"), e.getMessage());
        e = assertThrows(SQLException.class, () -> open(TestStreams.utf8(
                "Code: 62. DB::Exception: Syntax error: failed at position 1 (SELEC)\n")));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("Code: 62. DB::Exception: Syntax error"), e.getMessage());
    }

    @Test
    void byteOrderMarkAndWhitespaceAreAccepted() throws SQLException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rest = (" \r\n\t" + META.replace("},{", "} ,\n {") + " [ \"a\" , 1 , 1 ] ] , \"rows\" : 1 } \n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(bom, bom.length + rest.length);
        System.arraycopy(rest, 0, body, bom.length, rest.length);
        DecodedResult r = open(new java.io.ByteArrayInputStream(body));
        RowBuffer row = new RowBuffer(3);
        assertTrue(r.cursor().next(row));
        assertEquals("a", row.text(0));
        assertFalse(r.cursor().next(row));
    }
}
