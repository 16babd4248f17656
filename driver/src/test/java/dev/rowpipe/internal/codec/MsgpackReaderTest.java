package dev.rowpipe.internal.codec;

import dev.rowpipe.internal.td.TdMsgpackCursor;
import dev.rowpipe.internal.td.TdMsgpackCursorTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class MsgpackReaderTest {

    /** Raw msgpack bytes, for the header forms a packer never picks (str32 of 3 bytes ...). */
    private static final class Raw {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Raw b(int... bytes) {
            for (int x : bytes) {
                out.write(x);
            }
            return this;
        }

        Raw u16(int v) {
            return b(v >>> 8 & 0xFF, v & 0xFF);
        }

        Raw u32(long v) {
            return b((int) (v >>> 24 & 0xFF), (int) (v >>> 16 & 0xFF), (int) (v >>> 8 & 0xFF), (int) (v & 0xFF));
        }

        Raw text(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Every lead-byte family, with the plain Java value each must become. */
    private static final List<Object> EXPECTED = new ArrayList<>();
    private static final byte[] ALL_FAMILIES;

    static {
        try {
            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            Raw raw = new Raw();
            p.packInt(0);
            EXPECTED.add(0L);
            p.packInt(127);
            EXPECTED.add(127L);
            p.packInt(-1);
            EXPECTED.add(-1L);
            p.packInt(-32);
            EXPECTED.add(-32L);
            p.packInt(-33);                       // int8
            EXPECTED.add(-33L);
            p.packInt(-32768);                    // int16
            EXPECTED.add(-32768L);
            p.packInt(Integer.MIN_VALUE);         // int32
            EXPECTED.add((long) Integer.MIN_VALUE);
            p.packLong(Long.MIN_VALUE);           // int64
            EXPECTED.add(Long.MIN_VALUE);
            p.packInt(200);                       // uint8
            EXPECTED.add(200L);
            p.packInt(60000);                     // uint16
            EXPECTED.add(60000L);
            p.packLong(4_000_000_000L);           // uint32
            EXPECTED.add(4_000_000_000L);
            p.packBigInteger(new BigInteger("9223372036854775807"));  // uint64 that fits a long
            EXPECTED.add(Long.MAX_VALUE);
            p.packBigInteger(new BigInteger("18446744073709551615")); // uint64 beyond long
            EXPECTED.add(new BigDecimal("18446744073709551615"));
            p.packFloat(1.5f);
            EXPECTED.add(1.5d);
            p.packDouble(-0.1);
            EXPECTED.add(-0.1d);
            p.packNil();
            EXPECTED.add(null);
            p.packBoolean(true);
            EXPECTED.add(true);
            p.packBoolean(false);
            EXPECTED.add(false);
            p.packString("fix\u00e9");
            EXPECTED.add("fix\u00e9");
            String s8 = "eight-bit length string \uD83D\uDE00 over thirty-one bytes";
            p.packString(s8);
            EXPECTED.add(s8);
            String s16 = "x".repeat(300) + "\u4e2d";
            p.packString(s16);
            EXPECTED.add(s16);
            p.packBinaryHeader(2).writePayload(new byte[] {1, 2});
            EXPECTED.add(new byte[] {1, 2});
            p.packBinaryHeader(300).writePayload(new byte[300]);
            EXPECTED.add(new byte[300]);
            for (int n : new int[] {1, 2, 4, 8, 16, 3, 300}) {
                byte[] payload = new byte[n];
                Arrays.fill(payload, (byte) n);
                p.packExtensionTypeHeader((byte) 7, n).writePayload(payload);
                EXPECTED.add(payload);
            }
            p.packArrayHeader(2).packInt(1).packString("a");
            EXPECTED.add(Arrays.asList(1L, "a"));
            p.packArrayHeader(20);
            List<Object> twenty = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                p.packInt(i - 10);
                twenty.add((long) (i - 10));
            }
            EXPECTED.add(twenty);
            p.packMapHeader(2).packString("k").packNil().packInt(3).packArrayHeader(0);
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put("k", null);
            map.put(3L, List.of());
            EXPECTED.add(map);
            p.packMapHeader(16);
            Map<Object, Object> map16 = new LinkedHashMap<>();
            for (int i = 0; i < 16; i++) {
                p.packString("k" + i).packBoolean(i % 2 == 0);
                map16.put("k" + i, i % 2 == 0);
            }
            EXPECTED.add(map16);
            p.close();
            raw.out.writeBytes(p.toByteArray());
            // Long header forms with short contents, which packers never write but the format allows.
            raw.b(0xDA).u16(2).text("ab");
            EXPECTED.add("ab");
            raw.b(0xDB).u32(3).text("abc");
            EXPECTED.add("abc");
            raw.b(0xC6).u32(1).b(9);
            EXPECTED.add(new byte[] {9});
            raw.b(0xC9).u32(1).b(5, 6);
            EXPECTED.add(new byte[] {6});
            raw.b(0xDC).u16(1).b(0x01);
            EXPECTED.add(List.of(1L));
            raw.b(0xDD).u32(1).b(0xC0);
            EXPECTED.add(Arrays.asList((Object) null));
            raw.b(0xDE).u16(1).b(0x01, 0x02);
            EXPECTED.add(Map.of(1L, 2L));
            raw.b(0xDF).u32(1).b(0xA1).text("z").b(0xC3);
            EXPECTED.add(Map.of("z", true));
            ALL_FAMILIES = raw.bytes();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Reads at most {@code max} bytes per read (at least 1), sizes drawn from a seeded Random. */
    private static InputStream chunked(byte[] bytes, int max, long seed) {
        Random random = new Random(seed);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(max)));
            }
        };
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        return TdMsgpackCursorTest.gzip(bytes);
    }

    /** The ways the reader can be fed: its own window of several sizes, and a pipe of small chunks. */
    private static List<Function<byte[], MsgpackReader>> feeds() {
        List<Function<byte[], MsgpackReader>> feeds = new ArrayList<>();
        feeds.add(b -> new MsgpackReader(new ByteArrayInputStream(b), 64 * 1024, Utf8Policy.REPLACE));
        feeds.add(b -> new MsgpackReader(chunked(b, 1, 1), 16, Utf8Policy.REPLACE));
        feeds.add(b -> new MsgpackReader(chunked(b, 40, 2), 16, Utf8Policy.REPLACE));
        feeds.add(b -> new MsgpackReader(chunked(b, 3000, 3), 64, Utf8Policy.REPLACE));
        feeds.add(b -> pipe(b, 1, 16));
        feeds.add(b -> pipe(b, 50, 16));
        feeds.add(b -> pipe(b, 5000, 64));
        return feeds;
    }

    private static MsgpackReader pipe(byte[] plain, int maxRead, int chunk) {
        try {
            InputStream body = chunked(gzip(plain), maxRead, maxRead);
            return new MsgpackReader(new InflatingPipe(new GzipMembersInputStream(body, 64), chunk),
                    Utf8Policy.REPLACE);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** byte[] compares by identity; everything else compares by equals once arrays are lists. */
    private static Object comparable(Object v) {
        if (v instanceof byte[] b) {
            List<Byte> out = new ArrayList<>();
            for (byte x : b) {
                out.add(x);
            }
            return out;
        }
        return v;
    }

    @Test
    void everyLeadByteFamilyAsObjects() throws IOException {
        for (Function<byte[], MsgpackReader> feed : feeds()) {
            MsgpackReader r = feed.apply(ALL_FAMILIES);
            for (Object expected : EXPECTED) {
                assertTrue(r.hasNext());
                Object actual = r.readValue();
                assertEquals(comparable(expected), comparable(actual));
                if (expected != null) {
                    Class<?> type = expected instanceof Map ? LinkedHashMap.class
                            : expected instanceof List ? ArrayList.class : expected.getClass();
                    assertEquals(type, actual.getClass());
                }
            }
            assertFalse(r.hasNext());
        }
    }

    @Test
    void everyLeadByteFamilyAsColumns() throws IOException {
        for (Function<byte[], MsgpackReader> feed : feeds()) {
            MsgpackReader r = feed.apply(ALL_FAMILIES);
            RowBuffer row = new RowBuffer(1);
            for (Object expected : EXPECTED) {
                row.clear();
                r.readColumn(row, 0);
                Object actual = switch (row.kind(0)) {
                    case RowBuffer.NULL -> null;
                    case RowBuffer.LONG -> row.longValue(0);
                    case RowBuffer.DOUBLE -> row.doubleValue(0);
                    case RowBuffer.BOOLEAN -> row.booleanValue(0);
                    case RowBuffer.TEXT -> row.text(0);
                    default -> row.objectValue(0);
                };
                assertEquals(comparable(expected), comparable(actual));
            }
            assertFalse(r.hasNext());
        }
    }

    @Test
    void neverUsedByteIsAFormatError() {
        MsgpackReader r = new MsgpackReader(new ByteArrayInputStream(new byte[] {(byte) 0xC1}), 16,
                Utf8Policy.REPLACE);
        assertThrows(MsgpackReader.MsgpackFormatException.class, r::readValue);
        MsgpackReader c = new MsgpackReader(new ByteArrayInputStream(new byte[] {(byte) 0xC1}), 16,
                Utf8Policy.REPLACE);
        assertThrows(MsgpackReader.MsgpackFormatException.class, () -> c.readColumn(new RowBuffer(1), 0));
        assertEquals("STRING", MsgpackReader.typeName(0xDB));
        assertEquals("EXTENSION", MsgpackReader.typeName(0xD8));
    }

    @Test
    void manyRowsSplitAcrossEveryKindOfRefillReadTheSameValues() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        Random random = new Random(42);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String text = "r" + i + "\u00e9\uD83D\uDE00".repeat(random.nextInt(30));
            long big = random.nextLong();
            double d = random.nextDouble();
            p.packArrayHeader(5).packLong(big).packString(text).packDouble(d).packNil()
                    .packArrayHeader(2).packInt(i).packString("e" + i);
            rows.add(Arrays.asList(big, text, d, null, Arrays.asList((long) i, "e" + i)));
        }
        p.close();
        byte[] body = p.toByteArray();
        for (Function<byte[], MsgpackReader> feed : feeds()) {
            MsgpackReader r = feed.apply(body);
            RowBuffer row = new RowBuffer(5);
            for (List<Object> expected : rows) {
                assertTrue(r.hasNext());
                assertEquals(5, r.readArrayHeader());
                row.clear();
                for (int c = 0; c < 5; c++) {
                    r.readColumn(row, c);
                }
                assertEquals(expected.get(0), row.longValue(0));
                assertEquals(expected.get(1), row.text(1));
                assertEquals(expected.get(2), row.doubleValue(2));
                assertTrue(row.isNull(3));
                assertEquals(expected.get(4), row.objectValue(4));
            }
            assertFalse(r.hasNext());
        }
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
        byte[] whole = TdMsgpackCursorTest.hostileRows();
        // The format has no end marker: a cut exactly between rows cannot be told from the end.
        int firstRowEnd = rowEnd(whole);
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] body = Arrays.copyOf(whole, cut);
            for (InputStream in : List.of(new ByteArrayInputStream(body), chunked(body, 3, cut))) {
                RowCursor cursor = TdMsgpackCursor.plain(in, TdMsgpackCursorTest.columns(8), () -> { });
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
            RowCursor cursor = TdMsgpackCursor.gzip(chunked(body, 5, cut), TdMsgpackCursorTest.columns(8), () -> { });
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

    /** Bytes allocated by this thread while {@code action} runs. */
    private static long allocated(ThrowingRunnable action) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        action.run();
        return mx.getThreadAllocatedBytes(id) - before;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void hugeLengthsBeyondTheBodyErrorWithoutAllocatingThem() throws Exception {
        List<byte[]> bodies = List.of(
                new Raw().b(0x91, 0xDB).u32(0x7FFFFFF0L).text("only a few bytes").bytes(),
                new Raw().b(0x91, 0xC6).u32(0x7FFFFFF0L).text("only a few bytes").bytes(),
                new Raw().b(0x91, 0xC9).u32(0x7FFFFFF0L).b(1).text("only a few bytes").bytes(),
                new Raw().b(0x91, 0xDD).u32(0x7FFFFFF0L).b(1, 2, 3).bytes(),
                new Raw().b(0x91, 0xDF).u32(0x7FFFFFF0L).b(1, 2, 3).bytes(),
                new Raw().b(0x91, 0x91, 0xDB).u32(0x7FFFFFF0L).text("nested").bytes(),
                new Raw().b(0x91, 0xDB).u32(0xFFFFFFFFL).text("beyond 2^31").bytes(),
                new Raw().b(0x91, 0xDD).u32(0xFFFFFFFFL).bytes());
        for (byte[] body : bodies) {
            long bytes = allocated(() -> {
                RowCursor cursor = TdMsgpackCursor.plain(new ByteArrayInputStream(body),
                        TdMsgpackCursorTest.columns(1), () -> { });
                SQLException e = assertThrows(SQLException.class, () -> drain(cursor, 1));
                assertEquals("08S01", e.getSQLState());
                assertTrue(e.getMessage().contains("row 1"), e.getMessage());
            });
            assertTrue(bytes < 8 << 20, bytes + " bytes allocated for " + Arrays.toString(body));
        }
        // A row header that promises billions of columns is a width error, read no further.
        SQLException e = assertThrows(SQLException.class, () -> drain(TdMsgpackCursor.plain(
                new ByteArrayInputStream(new Raw().b(0xDD).u32(0x7FFFFFF0L).bytes()),
                TdMsgpackCursorTest.columns(1), () -> { }), 1));
        assertTrue(e.getMessage().contains("row has 2147483632 values"), e.getMessage());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() throws Exception {
        byte[] body = new byte[100_001];
        body[0] = (byte) 0x91;
        Arrays.fill(body, 1, body.length, (byte) 0x91);
        RowCursor cursor = TdMsgpackCursor.plain(new ByteArrayInputStream(body), TdMsgpackCursorTest.columns(1),
                () -> { });
        SQLException e = assertThrows(SQLException.class, () -> drain(cursor, 1));
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    }

    @Test
    void largeStringsLongerThanTheWindowAreGathered() throws Exception {
        String big = "\u00e9".repeat(40_000) + "tail" + "a".repeat(70_000);
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(2).packString(big).packArrayHeader(1).packString(big);
        p.packArrayHeader(2).packString("small").packBinaryHeader(3).writePayload(new byte[] {1, 2, 3});
        p.close();
        for (Function<byte[], MsgpackReader> feed : feeds()) {
            MsgpackReader r = feed.apply(p.toByteArray());
            RowBuffer row = new RowBuffer(2);
            assertEquals(2, r.readArrayHeader());
            r.readColumn(row, 0);
            r.readColumn(row, 1);
            assertEquals(big, row.text(0));
            assertEquals(List.of(big), row.objectValue(1));
            row.clear();
            assertEquals(2, r.readArrayHeader());
            r.readColumn(row, 0);
            r.readColumn(row, 1);
            assertEquals("small", row.text(0));
            assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), comparable(row.objectValue(1)));
            assertFalse(r.hasNext());
        }
    }
}
