package dev.rowpipe.internal.codec;

import static dev.rowpipe.internal.codec.BlockFrames.concat;
import static dev.rowpipe.internal.codec.BlockFrames.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rowpipe.internal.testing.TestStreams;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompressedBlockInputStreamTest {

    private static byte[] decode(byte[] body, int bufferSize) throws IOException {
        return readAll(new CompressedBlockInputStream(new ByteArrayInputStream(body)), bufferSize);
    }

    @Test
    void roundTripsBlocksOfVariousSizesWithVariousReadSizes() throws IOException {
        for (int size : new int[] {1, 100, 65_536, (1 << 20) + 17}) {
            byte[] data = BlockFrames.text(size);
            for (int blockSize : new int[] {1, 7, 4096, 1 << 20}) {
                if (size / blockSize > 20_000) {
                    continue;
                }
                byte[] body = BlockFrames.lz4(data, blockSize).bytes();
                for (int read : new int[] {1, 5, 8192, 2 << 20}) {
                    assertArrayEquals(data, decode(body, read), size + " bytes, blocks of " + blockSize
                            + ", reads of " + read);
                }
            }
        }
    }

    /** Blocks written by ch-go, ClickHouse's Go client: the same framing a ClickHouse server sends. */
    @Test
    void decodesChGosGoldenBlocks() throws IOException {
        HexFormat hex = HexFormat.of();
        byte[] expected = "Hello!\n".repeat(25).getBytes(StandardCharsets.US_ASCII);
        byte[] lz4 = hex.parseHex("c5bcbc07c11ec471fd74af8d5b0f00c5" + "8226000000af000000"
                + "7f48656c6c6f210a070082009300009a00b06c6f210a48656c6c6f210a");
        assertArrayEquals(expected, decode(lz4, 4096));
        byte[] none = concat(hex.parseHex("fced07b8c559e98c1661170f6c5272df" + "02b8000000af000000"), expected);
        assertArrayEquals(expected, decode(none, 4096));
        assertArrayEquals(concat(expected, expected), decode(concat(lz4, none), 3));
    }

    @Test
    void anEmptyBodyIsACleanEmptyResult() throws IOException {
        CompressedBlockInputStream in = new CompressedBlockInputStream(new ByteArrayInputStream(new byte[0]));
        assertEquals(-1, in.read(new byte[10], 0, 10));
        assertEquals(-1, in.read());
    }

    @Test
    void trickledOneByteAtATime() throws IOException {
        byte[] data = BlockFrames.text(5000);
        byte[] body = BlockFrames.lz4(data, 700).bytes();
        assertArrayEquals(data, readAll(new CompressedBlockInputStream(TestStreams.chunked(body, 1)), 4096));
        assertArrayEquals(data, readAll(new CompressedBlockInputStream(TestStreams.chunked(body, 1)), 1));
    }

    /**
     * A body cut at any offset inside a block is an EOFException naming that block, after exactly the bytes of
     * the blocks before it. A cut between blocks looks like the end (the framing has no end marker): there the
     * output is exactly the complete blocks, never part of one, and the cut connection itself is reported by
     * the HTTP framing (see the next test).
     */
    @Test
    void aCutAtEveryOffsetIsAnErrorInsideABlockAndNeverPartOfABlock() throws IOException {
        byte[] data = BlockFrames.text(180);
        BlockFrames.Body body = BlockFrames.lz4(data, 60);
        List<Integer> starts = body.blockStarts();
        assertEquals(3, starts.size());
        byte[] bytes = body.bytes();
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] head = Arrays.copyOf(bytes, cut);
            int blockIndex = blockAt(starts, cut);
            for (int read : new int[] {1, 4096}) {
                CompressedBlockInputStream in = new CompressedBlockInputStream(TestStreams.chunked(head, 3));
                java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                byte[] buf = new byte[read];
                try {
                    int n;
                    while ((n = in.read(buf, 0, buf.length)) >= 0) {
                        got.write(buf, 0, n);
                    }
                    assertTrue(starts.contains(cut), "clean end at offset " + cut + ", inside a block");
                } catch (EOFException e) {
                    assertTrue(!starts.contains(cut), "offset " + cut + " is a block boundary: " + e);
                    assertTrue(e.getMessage().startsWith("Compressed result ended inside block " + (blockIndex + 1)
                            + " (at offset " + starts.get(blockIndex) + ")"), e.getMessage());
                }
                assertArrayEquals(Arrays.copyOf(data, 60 * blockIndex),
                        got.toByteArray(), "bytes before the cut at " + cut);
            }
        }
    }

    /** The block whose bytes include offset {@code cut} (for a boundary: the block that starts there). */
    private static int blockAt(List<Integer> starts, int cut) {
        int index = 0;
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i) <= cut) {
                index = i;
            }
        }
        return index;
    }

    @Test
    void theBodysOwnFailureAtEveryOffsetIsNeverSwallowed() {
        byte[] bytes = BlockFrames.lz4(BlockFrames.text(180), 60).bytes();
        for (int cut = 0; cut <= bytes.length; cut++) {
            InputStream failing = TestStreams.broken(Arrays.copyOf(bytes, cut), "Premature end of chunk coded message body");
            IOException e = assertThrows(IOException.class,
                    () -> readAll(new CompressedBlockInputStream(failing), 64), "cut at " + cut);
            assertTrue(e.getMessage().contains("Premature end") || e instanceof EOFException, e.toString());
        }
    }

    @Test
    void aFlippedBitAnywhereIsAnErrorNeverWrongData() {
        byte[] data = BlockFrames.text(300);
        byte[] bytes = BlockFrames.lz4(data, 150).bytes();
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = bytes.clone();
                bad[i] ^= (byte) (1 << bit);
                try {
                    byte[] out = decode(bad, 4096);
                    fail("byte " + i + " bit " + bit + " flipped, yet decoded " + out.length + " bytes");
                } catch (IOException expected) {
                    // checksum, size or end-of-body failure
                }
            }
        }
    }

    @Test
    void aChecksumMismatchNamesTheBlockAndItsOffset() {
        byte[] first = BlockFrames.block(0x82, BlockFrames.text(100));
        byte[] second = BlockFrames.block(0x82, BlockFrames.text(200));
        second[30] ^= 0x10;
        IOException e = assertThrows(IOException.class, () -> decode(concat(first, second), 4096));
        assertTrue(e.getMessage().startsWith("Compressed result block 2 (at offset " + first.length
                + ") fails its checksum"), e.getMessage());
    }

    @Test
    void declaredSizesOutsideTheBoundsAreRefusedBeforeReading() {
        int[][] sizes = {{8, 0}, {-1, 10}, {CompressedBlockInputStream.MAX_COMPRESSED_SIZE + 1, 10},
            {20, CompressedBlockInputStream.MAX_BLOCK_SIZE + 1}, {20, -1}};
        for (int[] s : sizes) {
            byte[] header = new byte[25];
            header[16] = (byte) 0x82;
            BlockFrames.putIntLe(header, 17, s[0]);
            BlockFrames.putIntLe(header, 21, s[1]);
            IOException e = assertThrows(IOException.class, () -> decode(header, 64));
            assertTrue(e.getMessage().startsWith("Compressed result block 1 (at offset 0) declares"),
                    e.getMessage());
        }
    }

    /** A header that promises the largest block, then a few bytes: only about what arrived is allocated. */
    @Test
    void aHostileDeclaredSizeAllocatesOnlyWhatArrives() {
        byte[] body = new byte[25 + 1000];
        body[16] = (byte) 0x82;
        BlockFrames.putIntLe(body, 17, CompressedBlockInputStream.MAX_COMPRESSED_SIZE);
        BlockFrames.putIntLe(body, 21, CompressedBlockInputStream.MAX_BLOCK_SIZE);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        EOFException e = assertThrows(EOFException.class, () -> decode(body, 64));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(e.getMessage().contains("in its payload, after 1000 of "), e.getMessage());
        assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes for a 1 KB body");
    }

    @Test
    void methodNoneIsTheStoredBytesAndItsSizesMustAgree() throws IOException {
        byte[] data = BlockFrames.text(500);
        assertArrayEquals(data, decode(BlockFrames.block(0x02, data), 100));
        IOException e = assertThrows(IOException.class,
                () -> decode(BlockFrames.rawBlock(0x02, data, 499), 100));
        assertTrue(e.getMessage().contains("is stored uncompressed (method 0x02) but declares 499 bytes"),
                e.getMessage());
    }

    @Test
    void otherMethodsAreRefusedByName() {
        IOException e = assertThrows(IOException.class,
                () -> decode(BlockFrames.block(0x90, BlockFrames.text(50)), 100));
        assertTrue(e.getMessage().contains("uses compression method 0x90 (ZSTD), which the driver does not read"),
                e.getMessage());
    }

    /** A payload with a valid checksum that is not LZ4, or decodes to another size than declared. */
    @Test
    void badLz4UnderAValidChecksumIsAnError() {
        byte[] data = BlockFrames.text(400);
        byte[] good = BlockFrames.block(0x82, data);
        byte[] payload = Arrays.copyOfRange(good, 25, good.length);
        IOException shorter = assertThrows(IOException.class,
                () -> decode(BlockFrames.rawBlock(0x82, payload, 401), 4096));
        assertTrue(shorter.getMessage().contains("Compressed result block 1 (at offset 0) "), shorter.getMessage());
        IOException longer = assertThrows(IOException.class,
                () -> decode(BlockFrames.rawBlock(0x82, payload, 399), 4096));
        assertTrue(longer.getMessage().contains("is not valid LZ4"), longer.getMessage());
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xF7);
        assertThrows(IOException.class, () -> decode(BlockFrames.rawBlock(0x82, garbage, 1000), 4096));
    }

    @Test
    void anEmptyBlockBetweenOthersAddsNothing() throws IOException {
        byte[] a = BlockFrames.text(100);
        byte[] body = concat(BlockFrames.block(0x82, a), BlockFrames.block(0x82, new byte[0]),
                BlockFrames.block(0x82, a));
        assertArrayEquals(concat(a, a), decode(body, 4096));
        assertArrayEquals(concat(a, a), decode(body, 7));
    }

    @Test
    void aFailureIsRepeatedByEveryLaterRead() {
        byte[] body = concat(BlockFrames.block(0x82, BlockFrames.text(100)), BlockFrames.block(0x82, BlockFrames.text(100)));
        body[20] ^= 1;
        CompressedBlockInputStream in = new CompressedBlockInputStream(new ByteArrayInputStream(body));
        IOException first = assertThrows(IOException.class, () -> in.read(new byte[10], 0, 10));
        IOException again = assertThrows(IOException.class, () -> in.read(new byte[10], 0, 10));
        assertEquals(first.getMessage(), again.getMessage());
    }

    @Test
    void readingAfterCloseFails() throws IOException {
        CompressedBlockInputStream in = new CompressedBlockInputStream(
                new ByteArrayInputStream(BlockFrames.block(0x82, BlockFrames.text(100))));
        assertEquals(10, in.read(new byte[10], 0, 10));
        in.close();
        assertThrows(IOException.class, () -> in.read(new byte[10], 0, 10));
    }
}
