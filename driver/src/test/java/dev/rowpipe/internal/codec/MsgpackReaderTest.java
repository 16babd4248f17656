package dev.rowpipe.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.testing.RawMsgpack;
import dev.rowpipe.internal.testing.TestStreams;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
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

    /** Every lead-byte family, with the plain Java value each must become. */
    private static final List<Object> EXPECTED = new ArrayList<>();
    private static final byte[] ALL_FAMILIES;

    static {
        try {
            MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
            RawMsgpack raw = new RawMsgpack();
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
            raw.bytes(p.toByteArray());
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

    /** The ways the reader can be fed: its own window of several sizes, and a pipe of small chunks. */
    private static List<Function<byte[], MsgpackReader>> feeds() {
        List<Function<byte[], MsgpackReader>> feeds = new ArrayList<>();
        feeds.add(b -> new MsgpackReader(new ByteArrayInputStream(b), 64 * 1024, Utf8Policy.REPLACE));
        feeds.add(b -> new MsgpackReader(TestStreams.randomChunks(b, 1, 1), 16, Utf8Policy.REPLACE));
        feeds.add(b -> new MsgpackReader(TestStreams.randomChunks(b, 40, 2), 16, Utf8Policy.REPLACE));
        feeds.add(b -> new MsgpackReader(TestStreams.randomChunks(b, 3000, 3), 64, Utf8Policy.REPLACE));
        feeds.add(b -> pipe(b, 1, 16));
        feeds.add(b -> pipe(b, 50, 16));
        feeds.add(b -> pipe(b, 5000, 64));
        return feeds;
    }

    private static MsgpackReader pipe(byte[] plain, int maxRead, int chunk) {
        InputStream body = TestStreams.randomChunks(TestStreams.gzip(plain), maxRead, maxRead);
        return new MsgpackReader(new InflatingPipe(new GzipMembersInputStream(body, 64), chunk), Utf8Policy.REPLACE);
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

    /** The first value of a body, read as a row's column (an array value as a whole). */
    private static void readFirstColumn(byte[] body) throws IOException {
        MsgpackReader r = new MsgpackReader(new ByteArrayInputStream(body), 64 * 1024, Utf8Policy.REPLACE);
        assertEquals(1, r.readArrayHeader());
        r.readColumn(new RowBuffer(1), 0);
    }

    @Test
    void hugeLengthsBeyondTheBodyErrorWithoutAllocatingThem() throws Exception {
        List<byte[]> bodies = List.of(
                new RawMsgpack().b(0x91, 0xDB).u32(0x7FFFFFF0L).text("only a few bytes").bytes(),
                new RawMsgpack().b(0x91, 0xC6).u32(0x7FFFFFF0L).text("only a few bytes").bytes(),
                new RawMsgpack().b(0x91, 0xC9).u32(0x7FFFFFF0L).b(1).text("only a few bytes").bytes(),
                new RawMsgpack().b(0x91, 0xDD).u32(0x7FFFFFF0L).b(1, 2, 3).bytes(),
                new RawMsgpack().b(0x91, 0xDF).u32(0x7FFFFFF0L).b(1, 2, 3).bytes(),
                new RawMsgpack().b(0x91, 0x91, 0xDB).u32(0x7FFFFFF0L).text("nested").bytes());
        for (byte[] body : bodies) {
            long bytes = allocated(() -> assertThrows(EOFException.class, () -> readFirstColumn(body)));
            assertTrue(bytes < 8 << 20, bytes + " bytes allocated for " + Arrays.toString(body));
        }
        for (byte[] body : List.of(new RawMsgpack().b(0x91, 0xDB).u32(0xFFFFFFFFL).text("beyond 2^31").bytes(),
                new RawMsgpack().b(0x91, 0xDD).u32(0xFFFFFFFFL).bytes())) {
            IOException e = assertThrows(MsgpackReader.MsgpackFormatException.class, () -> readFirstColumn(body));
            assertTrue(e.getMessage().contains("beyond 2^31 - 1"), e.getMessage());
        }
        // A header that promises billions of values is read as just a header.
        MsgpackReader r = new MsgpackReader(new ByteArrayInputStream(new RawMsgpack().b(0xDD).u32(0x7FFFFFF0L).bytes()),
                64 * 1024, Utf8Policy.REPLACE);
        assertEquals(0x7FFFFFF0, r.readArrayHeader());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        byte[] body = new byte[100_001];
        Arrays.fill(body, (byte) 0x91);
        IOException e = assertThrows(MsgpackReader.MsgpackFormatException.class, () -> readFirstColumn(body));
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
