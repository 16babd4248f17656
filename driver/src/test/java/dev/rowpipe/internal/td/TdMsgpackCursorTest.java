package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

public class TdMsgpackCursorTest {
    public static final String HOSTILE = "it's \"q\"\t\n\r\\ \u0000 \uD83D\uDE00 \u00e9\u4e2d";

    public static List<ColumnInfo> columns(int n) {
        List<ColumnInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ColumnInfo("c" + i, ColumnType.of(ColumnType.Kind.OTHER, "x")));
        }
        return out;
    }

    public static byte[] hostileRows() throws IOException {
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

    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    public static void assertHostile(RowCursor cursor) throws SQLException {
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
        AtomicInteger streamClosed = new AtomicInteger();
        InputStream failing = new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                if (pos >= 40) {
                    throw new IOException("Premature end of chunk coded message body");
                }
                return whole[pos++] & 0xFF;
            }

            @Override
            public void close() {
                streamClosed.incrementAndGet();
            }
        };
        AtomicInteger released = new AtomicInteger();
        RowCursor cursor = TdMsgpackCursor.plain(failing, columns(8), released::incrementAndGet);
        RowBuffer row = new RowBuffer(8);
        SQLException e = assertThrows(SQLException.class, () -> cursor.next(row));
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("Premature end"), e.getMessage());
        cursor.close();
        assertEquals(1, released.get());
        assertEquals(0, streamClosed.get());
    }
}
