package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.codec.Utf8;
import dev.rowpipe.internal.convert.ValueReader;
import dev.rowpipe.internal.testing.TestStreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.RowBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FireboltTsvDecoderTest {
    private static final String HEADER = "s\tn\tu\n"
            + "Nullable(String)\tInt64\tUInt64\n";

    private static DecodedResult open(InputStream in) throws SQLException {
        return FireboltTsvDecoder.open(in, FireboltTypes::parse, () -> { });
    }

    @Test
    void hostileValuesRoundTrip() throws SQLException {
        String body = HEADER
                + "a\\tb\\nc\\\\d\\'e\\0\\rx\\by\\fz\\q\t-9223372036854775808\t18446744073709551615\n"
                + "\\N\t9223372036854775807\t0\n"
                + "\\\\N\t0\t1\n"
                + "héllo 😀 wörld\t1\t2\n";
        DecodedResult result = open(TestStreams.utf8(body));
        assertEquals(List.of("s", "n", "u"), result.columns().stream().map(c -> c.name()).toList());
        assertEquals("UInt64", result.columns().get(2).type().typeName());
        RowBuffer row = new RowBuffer(3);
        assertTrue(result.cursor().next(row));
        assertEquals("a\tb\nc\\d'e\0\rx\by\fzq", row.text(0));
        assertEquals(Long.MIN_VALUE, ValueReader.getLong(row, 1, result.columns().get(1).type()));
        assertEquals(new BigDecimal("18446744073709551615"),
                ValueReader.getObject(row, 2, result.columns().get(2).type()));
        assertTrue(result.cursor().next(row));
        assertTrue(row.isNull(0));
        assertEquals(Long.MAX_VALUE, ValueReader.getLong(row, 1, result.columns().get(1).type()));
        assertTrue(result.cursor().next(row));
        assertEquals("\\N", row.text(0), "an escaped backslash before N is text, not NULL");
        assertTrue(result.cursor().next(row));
        assertEquals("héllo 😀 wörld", row.text(0));
        assertFalse(result.cursor().next(row));
        assertFalse(result.cursor().next(row));
    }

    @Test
    void multiByteCharsSplitAcrossReadsAndBufferBoundaries() throws SQLException {
        StringBuilder big = new StringBuilder();
        while (big.length() < 70_000) {
            big.append("x😀é€");
        }
        String value = big.toString();
        for (int chunk : new int[] {1, 3, 65_535, 65_537}) {
            byte[] bytes = ("s\nString\n" + value + "\n" + value + "\n").getBytes(StandardCharsets.UTF_8);
            DecodedResult result = FireboltTsvDecoder.open(TestStreams.chunked(bytes, chunk), FireboltTypes::parse,
                    () -> { });
            RowBuffer row = new RowBuffer(1);
            assertTrue(result.cursor().next(row));
            assertEquals(value, row.text(0), "chunk " + chunk);
            assertTrue(result.cursor().next(row));
            assertEquals(value, row.text(0), "chunk " + chunk);
            assertFalse(result.cursor().next(row));
        }
    }

    @Test
    void arraysAndSpecialFloats() throws SQLException {
        String body = "a\tf\nArray(Array(Int64))\tFloat64\n"
                + "[[1,2],[]]\tinf\n"
                + "[]\t-inf\n"
                + "[[NULL]]\tnan\n";
        DecodedResult result = open(TestStreams.utf8(body));
        RowBuffer row = new RowBuffer(2);
        var arrayType = result.columns().get(0).type();
        var floatType = result.columns().get(1).type();
        assertTrue(result.cursor().next(row));
        assertEquals(List.of(List.of(1L, 2L), List.of()), ValueReader.getObject(row, 0, arrayType));
        assertEquals(Double.POSITIVE_INFINITY, ValueReader.getObject(row, 1, floatType));
        assertTrue(result.cursor().next(row));
        assertEquals(List.of(), ValueReader.getList(row, 0, arrayType));
        assertEquals(Double.NEGATIVE_INFINITY, ValueReader.getDouble(row, 1, floatType));
        assertTrue(result.cursor().next(row));
        assertEquals(List.of(Arrays.asList((Object) null)), ValueReader.getList(row, 0, arrayType));
        assertTrue(Double.isNaN(ValueReader.getDouble(row, 1, floatType)));
        assertFalse(result.cursor().next(row));
    }

    @Test
    void serverErrorAfterSomeRowsRaisesWhenReached() throws SQLException {
        String body = HEADER + "a\t1\t1\nb\t2\t2\n"
                + "Code: 241. DB::Exception: Memory limit (total) exceeded: would use 9.32 GiB. (MEMORY_LIMIT_EXCEEDED)\n";
        DecodedResult result = open(TestStreams.utf8(body));
        RowBuffer row = new RowBuffer(3);
        assertTrue(result.cursor().next(row));
        assertTrue(result.cursor().next(row));
        assertEquals("b", row.text(0));
        SQLException e = assertThrows(SQLException.class, () -> result.cursor().next(row));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("Code: 241. DB::Exception: Memory limit"), e.getMessage());
        SQLException again = assertThrows(SQLException.class, () -> result.cursor().next(row));
        assertEquals("HY000", again.getSQLState());
    }

    @Test
    void serverErrorAppendedMidRowWithMatchingFieldCount() throws SQLException {
        String body = HEADER + "a\t1\t1\nb\t2\t3Code: 395. DB::Exception: boom\n";
        DecodedResult result = open(TestStreams.utf8(body));
        RowBuffer row = new RowBuffer(3);
        assertTrue(result.cursor().next(row));
        SQLException e = assertThrows(SQLException.class, () -> result.cursor().next(row));
        assertTrue(e.getMessage().contains("Code: 395. DB::Exception: boom"), e.getMessage());
    }

    @Test
    void dataMentioningAnExceptionIsDataWhenRowsFollow() throws SQLException {
        String body = "s\nString\nCode: 1. DB::Exception: old log line\nnext\n";
        DecodedResult result = open(TestStreams.utf8(body));
        RowBuffer row = new RowBuffer(1);
        assertTrue(result.cursor().next(row));
        assertEquals("Code: 1. DB::Exception: old log line", row.text(0));
        assertTrue(result.cursor().next(row));
    }

    @Test
    void errorInsteadOfHeader() {
        SQLException e = assertThrows(SQLException.class,
                () -> open(TestStreams.utf8("Code: 62. DB::Exception: Syntax error\n")));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("Syntax error"));
    }

    @Test
    void malformedUtf8IsAnErrorNamingRowAndColumn() throws SQLException {
        // Firebolt's text is UTF-8: bytes that are not are a damaged body, never replaced.
        byte[][] bad = {{(byte) 0xC3, 'x'}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF},
            {(byte) 0xC0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {'\\', (byte) 0x80}};
        for (byte[] b : bad) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes((HEADER + "a\t1\t1\nb").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(b);
            body.writeBytes("\t2\t2\n".getBytes(StandardCharsets.UTF_8));
            DecodedResult result = open(new ByteArrayInputStream(body.toByteArray()));
            RowBuffer row = new RowBuffer(3);
            assertTrue(result.cursor().next(row));
            SQLException e = assertThrows(SQLException.class, () -> result.cursor().next(row), Arrays.toString(b));
            assertEquals("08S01", e.getSQLState());
            assertTrue(e.getMessage().startsWith("Invalid UTF-8 (0x"), e.getMessage());
            assertTrue(e.getMessage().endsWith("in the Firebolt TSV result, row 2, column 's'"), e.getMessage());
            assertInstanceOf(Utf8.Malformed.class, e.getCause());
        }
        byte[] head = ("s\u00e9\tn\nString\tInt64\n").getBytes(StandardCharsets.ISO_8859_1);
        SQLException e = assertThrows(SQLException.class, () -> open(new ByteArrayInputStream(head)));
        assertEquals("08S01", e.getSQLState());
        assertEquals("Invalid UTF-8 (0xE9) at byte 1 of the body in the Firebolt TSV result, the column names line",
                e.getMessage());
    }

    @Test
    void truncatedBodies() throws SQLException {
        RowBuffer row = new RowBuffer(3);
        DecodedResult cutMidRow = open(TestStreams.utf8(HEADER + "a\t1\t1\nb\t2"));
        assertTrue(cutMidRow.cursor().next(row));
        SQLException e = assertThrows(SQLException.class, () -> cutMidRow.cursor().next(row));
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("after 1 rows"), e.getMessage());

        DecodedResult noNewline = open(TestStreams.utf8(HEADER + "a\t1\t1"));
        assertEquals("08S01", assertThrows(SQLException.class, () -> noNewline.cursor().next(row)).getSQLState());

        DecodedResult cutInChar = open(new java.io.ByteArrayInputStream(
                Arrays.copyOf((HEADER + "😀").getBytes(StandardCharsets.UTF_8), HEADER.length() + 2)));
        assertEquals("08S01", assertThrows(SQLException.class, () -> cutInChar.cursor().next(row)).getSQLState());

        DecodedResult reset = open(TestStreams.broken(HEADER + "a\t1\t1\nb"));
        assertTrue(reset.cursor().next(row));
        SQLException r = assertThrows(SQLException.class, () -> reset.cursor().next(row));
        assertEquals("08S01", r.getSQLState());
        assertTrue(r.getMessage().contains("Connection reset"));

        assertEquals("08S01", assertThrows(SQLException.class, () -> open(TestStreams.utf8("s\tn\n"))).getSQLState());
    }

    @Test
    void wrongFieldCounts() throws SQLException {
        RowBuffer row = new RowBuffer(3);
        DecodedResult tooFew = open(TestStreams.utf8(HEADER + "a\t1\t1\nb\t2\n"));
        assertTrue(tooFew.cursor().next(row));
        SQLException e = assertThrows(SQLException.class, () -> tooFew.cursor().next(row));
        assertTrue(e.getMessage().contains("Row 2 has 2 fields, expected 3"), e.getMessage());
        DecodedResult tooMany = open(TestStreams.utf8(HEADER + "a\t1\t1\tz\n"));
        e = assertThrows(SQLException.class, () -> tooMany.cursor().next(row));
        assertTrue(e.getMessage().contains("Row 1 has 4 fields, expected 3"), e.getMessage());
        assertThrows(SQLException.class, () -> open(TestStreams.utf8("a\tb\nInt64\n")));
    }

    @Test
    void emptyBodyHasNoColumnsAndNoRows() throws SQLException {
        AtomicInteger closes = new AtomicInteger();
        DecodedResult result = FireboltTsvDecoder.open(TestStreams.utf8(""), FireboltTypes::parse,
                closes::incrementAndGet);
        assertTrue(result.columns().isEmpty());
        assertFalse(result.cursor().next(new RowBuffer(0)));
        result.cursor().close();
        result.cursor().close();
        assertEquals(1, closes.get());
    }

    @Test
    void firstRowIsReadableBeforeTheBodyEnds() throws Exception {
        TestStreams.Chunked gate = TestStreams.gated(HEADER + "first\t1\t1\n", "second\t2\t2\n");
        DecodedResult result = open(gate);
        RowBuffer row = new RowBuffer(3);
        assertTrue(result.cursor().next(row));
        assertEquals("first", row.text(0));
        gate.release.countDown();
        assertTrue(result.cursor().next(row));
        assertEquals("second", row.text(0));
        assertFalse(result.cursor().next(row));
    }

    @Test
    void closeCallsOnCloseAndStopsTheCursor() throws SQLException {
        AtomicInteger closes = new AtomicInteger();
        DecodedResult result = FireboltTsvDecoder.open(TestStreams.utf8(HEADER + "a\t1\t1\nb\t2\t2\n"),
                FireboltTypes::parse, closes::incrementAndGet);
        RowBuffer row = new RowBuffer(3);
        assertTrue(result.cursor().next(row));
        result.cursor().close();
        assertEquals(1, closes.get());
        assertFalse(result.cursor().next(row));
        assertFalse(result.cursor().next(row));
    }
}
