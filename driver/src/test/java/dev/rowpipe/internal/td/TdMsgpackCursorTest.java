package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.codec.MsgpackReader;
import dev.rowpipe.internal.codec.Utf8Policy;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.testing.RawMsgpack;
import dev.rowpipe.internal.testing.TestStreams;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class TdMsgpackCursorTest {
    private static final String HOSTILE = "it's \"q\"\t\n\r\\ \u0000 \uD83D\uDE00 \u00e9\u4e2d";

    /** n varchar columns (the cursors read every column by what its bytes are). */
    static List<ColumnInfo> columns(int n) {
        List<ColumnInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ColumnInfo("c" + i, TdTypes.parse("varchar")));
        }
        return out;
    }

    private static byte[] hostileRows() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(8);
        p.packNil();
        p.packString(HOSTILE);
        p.packLong(Long.MIN_VALUE);
        p.packBigInteger(new BigInteger("18446744073709551615"));
        p.packDouble(-0.5);
        p.packBoolean(true);
        p.packArrayHeader(3).packArrayHeader(0).packArrayHeader(2).packString("x").packNil().packMapHeader(0);
        p.packMapHeader(2).packString("k\uD83D\uDE00").packArrayHeader(1).packLong(1).packString("m")
                .packMapHeader(1).packString("n").packNil();
        p.packArrayHeader(8);
        p.packString("");
        p.packLong(Long.MAX_VALUE);
        p.packBigInteger(new BigInteger("9223372036854775807"));
        p.packBigInteger(new BigInteger("9223372036854775808"));
        p.packDouble(Double.NaN);
        p.packBoolean(false);
        p.packBinaryHeader(3).writePayload(new byte[] {1, 2, 3});
        p.packExtensionTypeHeader((byte) 1, 2).writePayload(new byte[] {9, 8});
        p.close();
        return p.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) {
        return TestStreams.gzip(bytes);
    }

    private static void assertHostile(RowCursor cursor) throws SQLException {
        RowBuffer row = new RowBuffer(8);
        assertTrue(cursor.next(row));
        assertTrue(row.isNull(0));
        assertEquals(HOSTILE, row.text(1));
        assertEquals(RowBuffer.LONG, row.kind(2));
        assertEquals(Long.MIN_VALUE, row.longValue(2));
        assertEquals(new BigDecimal("18446744073709551615"), row.objectValue(3));
        assertEquals(-0.5, row.doubleValue(4));
        assertTrue(row.booleanValue(5));
        assertEquals(Arrays.asList(List.of(), Arrays.asList("x", null), Map.of()), row.objectValue(6));
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put("k\uD83D\uDE00", List.of(1L));
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put("n", null);
        expected.put("m", inner);
        assertEquals(expected, row.objectValue(7));
        assertEquals(LinkedHashMap.class, row.objectValue(7).getClass());

        assertTrue(cursor.next(row));
        assertEquals("", row.text(0));
        assertEquals(Long.MAX_VALUE, row.longValue(1));
        assertEquals(Long.MAX_VALUE, row.longValue(2));
        assertEquals(new BigDecimal("9223372036854775808"), row.objectValue(3));
        assertTrue(Double.isNaN(row.doubleValue(4)));
        assertFalse(row.booleanValue(5));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) row.objectValue(6));
        assertArrayEquals(new byte[] {9, 8}, (byte[]) row.objectValue(7));
        assertFalse(cursor.next(row));
        assertFalse(cursor.next(row));
    }

    @Test
    public void plainMsgpackWithHostileValues() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        RowCursor cursor = TdMsgpackCursor.plain(new ByteArrayInputStream(hostileRows()), columns(8),
                closed::incrementAndGet);
        assertHostile(cursor);
        cursor.close();
        cursor.close();
        assertEquals(1, closed.get());
    }

    @Test
    public void gzipMsgpackWithHostileValues() throws Exception {
        assertHostile(TdMsgpackCursor.gzip(new ByteArrayInputStream(gzip(hostileRows())), columns(8), () -> { }));
    }

    @Test
    public void emptyResult() throws Exception {
        RowBuffer row = new RowBuffer(1);
        assertFalse(TdMsgpackCursor.plain(InputStream.nullInputStream(), columns(1), () -> { }).next(row));
        assertFalse(TdMsgpackCursor.gzip(new ByteArrayInputStream(gzip(new byte[0])), columns(1), () -> { })
                .next(row));
    }

    @Test
    public void longStringsAndManyRowsReuseBuffers() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        String big = "\u00e9".repeat(100_000) + "\uD83D\uDE00";
        for (int i = 0; i < 1000; i++) {
            p.packArrayHeader(2).packInt(i).packString(i == 500 ? big : "v" + i);
        }
        p.close();
        RowCursor cursor = TdMsgpackCursor.gzip(new ByteArrayInputStream(gzip(p.toByteArray())), columns(2), () -> { });
        RowBuffer row = new RowBuffer(2);
        for (int i = 0; i < 1000; i++) {
            assertTrue(cursor.next(row));
            assertEquals(i, row.longValue(0));
            assertEquals(i == 500 ? big : "v" + i, row.text(1));
        }
        assertFalse(cursor.next(row));
    }

    @Test
    public void invalidUtf8BecomesReplacementCharacter() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        byte[] bad = {'a', (byte) 0xC3, 'b', (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF0, (byte) 0x9F};
        p.packArrayHeader(1).packRawStringHeader(bad.length).writePayload(bad);
        p.close();
        RowBuffer row = new RowBuffer(1);
        assertTrue(TdMsgpackCursor.plain(new ByteArrayInputStream(p.toByteArray()), columns(1), () -> { })
                .next(row));
        // A lone lead byte, an encoded surrogate and a cut 4-byte sequence: replaced, never an exception.
        assertTrue(row.text(0).startsWith("a\uFFFDb\uFFFD"), row.text(0));
        assertTrue(row.text(0).chars().noneMatch(ch -> Character.isSurrogate((char) ch)));
    }

    @Test
    public void truncatedMsgpackNamesTheRow() throws Exception {
        byte[] whole = hostileRows();
        for (int cut : new int[] {whole.length - 1, whole.length - 20, 5}) {
            RowCursor cursor = TdMsgpackCursor.plain(new ByteArrayInputStream(Arrays.copyOf(whole, cut)),
                    columns(8), () -> { });
            RowBuffer row = new RowBuffer(8);
            SQLException e = assertThrows(SQLException.class, () -> {
                while (cursor.next(row)) {
                    // Reads until the cut.
                }
            });
            assertEquals("08S01", e.getSQLState());
            assertTrue(e.getMessage().contains("row " + (cut == 5 ? 1 : 2)), e.getMessage());
        }
    }

    @Test
    public void gzipThatEndsEarlyOrFailsItsCrcIsAnError() throws Exception {
        byte[] gz = gzip(hostileRows());
        List<byte[]> broken = new ArrayList<>();
        broken.add(Arrays.copyOf(gz, gz.length - 4));  // trailer cut: size missing
        broken.add(Arrays.copyOf(gz, gz.length - 8));  // trailer gone entirely
        broken.add(Arrays.copyOf(gz, 5));              // header cut
        byte[] crc = gz.clone();
        crc[crc.length - 6] ^= 0x55;                   // CRC mismatch
        broken.add(crc);
        for (byte[] body : broken) {
            RowCursor cursor = TdMsgpackCursor.gzip(new ByteArrayInputStream(body), columns(8), () -> { });
            RowBuffer row = new RowBuffer(8);
            SQLException e = assertThrows(SQLException.class, () -> {
                while (cursor.next(row)) {
                    // Reads until the failure.
                }
            });
            assertEquals("08S01", e.getSQLState());
            assertTrue(e.getMessage().contains("row"), e.getMessage());
        }
    }

    @Test
    public void wrongWidthAndNonArrayRowsAreErrors() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(2).packInt(1).packInt(2);
        p.packArrayHeader(1).packInt(1);
        p.close();
        RowCursor cursor = TdMsgpackCursor.plain(new ByteArrayInputStream(p.toByteArray()), columns(2), () -> { });
        RowBuffer row = new RowBuffer(2);
        assertTrue(cursor.next(row));
        SQLException e = assertThrows(SQLException.class, () -> cursor.next(row));
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());

        MessageBufferPacker q = MessagePack.newDefaultBufferPacker();
        q.packString("error page");
        q.close();
        SQLException e2 = assertThrows(SQLException.class, () -> TdMsgpackCursor.plain(
                new ByteArrayInputStream(q.toByteArray()), columns(2), () -> { }).next(row));
        assertEquals("08S01", e2.getSQLState());
    }

    @Test
    public void cutConnectionIsAnErrorAndTheStreamIsNotClosedByTheCursor() throws Exception {
        byte[] whole = hostileRows();
        TestStreams.Chunked failing = TestStreams.broken(Arrays.copyOf(whole, 40),
                "Premature end of chunk coded message body");
        AtomicInteger released = new AtomicInteger();
        RowCursor cursor = TdMsgpackCursor.plain(failing, columns(8), released::incrementAndGet);
        RowBuffer row = new RowBuffer(8);
        SQLException e = assertThrows(SQLException.class, () -> cursor.next(row));
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("Premature end"), e.getMessage());
        cursor.close();
        assertEquals(1, released.get());
        assertEquals(0, failing.closes());
    }

    /** Reads all rows; returns the count, or throws the cursor's failure. */
    private static int drain(RowCursor cursor, int width) throws SQLException {
        RowBuffer row = new RowBuffer(width);
        int n = 0;
        while (cursor.next(row)) {
            n++;
        }
        return n;
    }

    @Test
    void truncationAtEveryOffsetIsAnErrorUnlessItFallsBetweenRows() throws Exception {
        byte[] whole = hostileRows();
        // The format has no end marker: a cut exactly between rows cannot be told from the end.
        int firstRowEnd = rowEnd(whole);
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] body = Arrays.copyOf(whole, cut);
            for (InputStream in : List.of(new ByteArrayInputStream(body), TestStreams.randomChunks(body, 3, cut))) {
                RowCursor cursor = TdMsgpackCursor.plain(in, columns(8), () -> { });
                if (cut == firstRowEnd) {
                    assertEquals(1, drain(cursor, 8));
                    continue;
                }
                SQLException e = assertThrows(SQLException.class, () -> drain(cursor, 8), "cut at " + cut);
                assertEquals("08S01", e.getSQLState());
                assertTrue(e.getMessage().contains("at row " + (cut < firstRowEnd ? 1 : 2)), e.getMessage());
            }
        }
        byte[] gz = gzip(whole);
        for (int cut = 1; cut < gz.length; cut++) {
            byte[] body = Arrays.copyOf(gz, cut);
            RowCursor cursor = TdMsgpackCursor.gzip(TestStreams.randomChunks(body, 5, cut), columns(8), () -> { });
            SQLException e = assertThrows(SQLException.class, () -> drain(cursor, 8), "gzip cut at " + cut);
            assertEquals("08S01", e.getSQLState());
            cursor.close();
        }
    }

    /** The length of the first row: the shortest prefix that holds one whole value. */
    private static int rowEnd(byte[] rows) throws IOException {
        for (int cut = 1; cut <= rows.length; cut++) {
            try {
                new MsgpackReader(new ByteArrayInputStream(Arrays.copyOf(rows, cut)), 1024, Utf8Policy.REPLACE)
                        .readValue();
                return cut;
            } catch (EOFException e) {
                // The first row is longer.
            }
        }
        throw new AssertionError("no whole row");
    }

    /** The reader's own limits ({@code MsgpackReaderTest}) surface as 08S01 errors naming the row. */
    @Test
    void hugeLengthsAndDeepNestingAreErrorsNamingTheRow() throws Exception {
        byte[] deep = new byte[100_001];
        Arrays.fill(deep, (byte) 0x91);
        List<byte[]> bodies = List.of(new RawMsgpack().b(0x91, 0xDB).u32(0x7FFFFFF0L).text("a few bytes").bytes(),
                new RawMsgpack().b(0x91, 0x91, 0xC6).u32(0x7FFFFFF0L).text("nested").bytes(),
                new RawMsgpack().b(0x91, 0xDD).u32(0xFFFFFFFFL).bytes(), deep);
        for (byte[] body : bodies) {
            RowCursor cursor = TdMsgpackCursor.plain(new ByteArrayInputStream(body), columns(1), () -> { });
            SQLException e = assertThrows(SQLException.class, () -> drain(cursor, 1));
            assertEquals("08S01", e.getSQLState());
            assertTrue(e.getMessage().contains("row 1"), e.getMessage());
            if (body == deep) {
                assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
            }
        }
        // A row header that promises billions of columns is a width error, read no further.
        SQLException e = assertThrows(SQLException.class, () -> drain(TdMsgpackCursor.plain(
                new ByteArrayInputStream(new RawMsgpack().b(0xDD).u32(0x7FFFFFF0L).bytes()), columns(1), () -> { }),
                1));
        assertTrue(e.getMessage().contains("row has 2147483632 values"), e.getMessage());
    }

    @Test
    void closingACursorMidResultEndsItsInflatingThreadAndAbortsTheResponse() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        for (int i = 0; i < 50_000; i++) {
            p.packArrayHeader(1).packString("row " + i + " " + Integer.toHexString(i * 31));
        }
        p.close();
        AtomicInteger aborted = new AtomicInteger();
        Set<Thread> before = inflateThreads();
        RowCursor cursor = TdMsgpackCursor.gzip(new ByteArrayInputStream(gzip(p.toByteArray())), columns(1),
                aborted::incrementAndGet);
        RowBuffer row = new RowBuffer(1);
        assertTrue(cursor.next(row));
        assertEquals("row 0 0", row.text(0));
        // The thread runs ahead of the decoder (it fills its chunks, then waits for one back).
        Set<Thread> started = inflateThreads();
        started.removeAll(before);
        assertEquals(1, started.size());
        cursor.close();
        assertEquals(1, aborted.get());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (started.iterator().next().isAlive()) {
            assertTrue(System.nanoTime() < deadline, "inflating thread still running after close");
            Thread.sleep(1);
        }
        assertFalse(cursor.next(row));
    }

    private static Set<Thread> inflateThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("rowpipe-gzip-inflate")) {
                out.add(t);
            }
        }
        return out;
    }
}
