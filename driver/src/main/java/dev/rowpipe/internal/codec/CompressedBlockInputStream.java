package dev.rowpipe.internal.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Decodes ClickHouse's compressed block framing, which Firebolt engines send for {@code compress=1}. Each block
 * is a 16-byte checksum (CityHash128 v1.0.2 of the rest of the block, low word first, both words little-endian),
 * a 9-byte header (the method byte, the compressed size counting the header, the uncompressed size, both
 * little-endian unsigned 32-bit) and the payload. Method {@code 0x82} is an LZ4 block, decoded by lz4-java's
 * bounds-checked pure-Java decompressor only; {@code 0x02} ("none") is the payload as is, which ClickHouse
 * defines for the same framing and costs nothing to accept. Other methods (ZSTD 0x90, ...) are refused by name.
 * <p>Every checksum is verified before its block is decoded, and the decoded length must be the declared one. A
 * body that ends anywhere inside a block (its checksum, header or payload) is an {@link EOFException} naming the
 * block; the framing has no end marker, so the body may end cleanly only between blocks, where a cut
 * connection is caught by the HTTP framing underneath (a chunked body's missing last chunk, a short
 * Content-Length), which the body stream throws. Blocks are numbered from 1; offsets count compressed bytes
 * from the start of the body.
 * <p>Memory: a declared size is checked against {@link #MAX_BLOCK_SIZE} before anything is allocated, the
 * compressed buffer grows only as the bytes arrive, and the uncompressed size is allocated only once its block
 * arrived whole and its checksum matched. A block that fits the caller's array is decoded straight into it.
 */
public final class CompressedBlockInputStream extends InputStream implements InflatingPipe.Source {
    /**
     * The largest uncompressed block accepted: 16 times the 1 MiB ClickHouse writes (its HTTP output buffer, and
     * the default max_compress_block_size), so a server with larger blocks still works, while a broken or hostile
     * header can make one open result hold at most about 2 x 16 MiB (compressed and decoded block). ClickHouse's
     * own reader allows 1 GiB, too much for a driver that may hold many results open.
     */
    public static final int MAX_BLOCK_SIZE = 16 << 20;
    static final int CHECKSUM_SIZE = 16;
    static final int HEADER_SIZE = 9;
    static final int METHOD_NONE = 0x02;
    static final int METHOD_LZ4 = 0x82;
    /** LZ4's worst case (incompressible input) for the largest block, plus the header. */
    static final int MAX_COMPRESSED_SIZE = HEADER_SIZE + MAX_BLOCK_SIZE + MAX_BLOCK_SIZE / 255 + 16;
    /** The compressed buffer's first size and growth step floor: it doubles as bytes arrive, up to the block. */
    private static final int MIN_BUFFER = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final InputStream in;
    private final LZ4SafeDecompressor lz4 = LZ4Factory.safeInstance().safeDecompressor();
    /** The current block's header and payload, in that order (the checksummed bytes). */
    private byte[] compressed = EMPTY;
    private final byte[] checksum = new byte[CHECKSUM_SIZE];
    /** A decoded block larger than the caller's array, handed out from {@code pendingPos}. */
    private byte[] pending = EMPTY;
    private int pendingPos;
    private int pendingLimit;
    /** Blocks started so far: the current block's number. */
    private long block;
    /** Compressed bytes of the body before the current block. */
    private long blockOffset;
    /** Compressed bytes of the body consumed so far. */
    private long consumed;
    private boolean eof;
    private boolean closed;
    /** The first failure: every later read repeats it (the body's position is unknown after it). */
    private IOException failure;

    public CompressedBlockInputStream(InputStream in) {
        this.in = Objects.requireNonNull(in, "in is null");
    }

    @Override
    public String encoding() {
        return "lz4";
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, out.length);
        if (closed) {
            throw new IOException("Compressed result was closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        try {
            return decodeInto(out, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private int decodeInto(byte[] out, int off, int len) throws IOException {
        while (pendingPos >= pendingLimit) {
            if (eof || !readBlock()) {
                eof = true;
                return -1;
            }
            int size = uncompressedSize();
            if (size <= len) {
                // Also an empty block: decoding it checks that its payload is an empty LZ4 block.
                decode(out, off, size);
                if (size == 0) {
                    continue;
                }
                return size;
            }
            if (pending.length < size) {
                pending = new byte[size];
            }
            decode(pending, 0, size);
            pendingPos = 0;
            pendingLimit = size;
        }
        int n = Math.min(len, pendingLimit - pendingPos);
        System.arraycopy(pending, pendingPos, out, off, n);
        pendingPos += n;
        return n;
    }

    /**
     * Reads the next block's checksum, header and payload and verifies the checksum. False at the clean end of
     * the body (no byte after the last block).
     */
    private boolean readBlock() throws IOException {
        int first;
        do {
            first = in.read(checksum, 0, 1);
        } while (first == 0);
        if (first < 0) {
            return false;
        }
        block++;
        blockOffset = consumed;
        consumed++;
        readFully(checksum, 1, CHECKSUM_SIZE - 1, "checksum");
        if (compressed.length < HEADER_SIZE) {
            compressed = new byte[MIN_BUFFER];
        }
        readFully(compressed, 0, HEADER_SIZE, "header");
        long compressedSize = intLe(compressed, 1);
        long size = intLe(compressed, 5);
        if (compressedSize < HEADER_SIZE || compressedSize > MAX_COMPRESSED_SIZE) {
            throw corrupt("declares a compressed size of " + compressedSize + " bytes (allowed: " + HEADER_SIZE
                    + " to " + MAX_COMPRESSED_SIZE + ", counting the 9-byte header)");
        }
        if (size > MAX_BLOCK_SIZE) {
            throw corrupt("declares an uncompressed size of " + size + " bytes (at most " + MAX_BLOCK_SIZE
                    + " are accepted)");
        }
        int total = (int) compressedSize;
        int filled = HEADER_SIZE;
        while (filled < total) {
            if (filled == compressed.length) {
                // Grown only as bytes arrive: a header that promises megabytes costs only what is received.
                compressed = Arrays.copyOf(compressed, (int) Math.min(total, 2L * compressed.length));
            }
            int n = in.read(compressed, filled, Math.min(total, compressed.length) - filled);
            if (n < 0) {
                throw ended("payload, after " + (filled - HEADER_SIZE) + " of " + (total - HEADER_SIZE) + " bytes");
            }
            filled += n;
            consumed += n;
        }
        CityHash128.Hash actual = CityHash128.hash(compressed, 0, total);
        if (!actual.matches(checksum, 0)) {
            throw corrupt("fails its checksum (CityHash128 " + actual + ", the block says "
                    + new CityHash128.Hash(longLe(checksum, 0), longLe(checksum, 8)) + "): the result is corrupt");
        }
        int method = compressed[0] & 0xFF;
        if (method == METHOD_NONE) {
            if (size != total - HEADER_SIZE) {
                throw corrupt("is stored uncompressed (method 0x02) but declares " + size + " bytes for a "
                        + (total - HEADER_SIZE) + "-byte payload");
            }
        } else if (method != METHOD_LZ4) {
            throw corrupt("uses compression method " + methodName(method)
                    + ", which the driver does not read (only LZ4, 0x82, and none, 0x02)");
        }
        return true;
    }

    private int uncompressedSize() {
        return (int) intLe(compressed, 5);
    }

    /** Decodes the verified current block, exactly {@code size} bytes, into {@code out} at {@code off}. */
    private void decode(byte[] out, int off, int size) throws IOException {
        int payload = (int) intLe(compressed, 1) - HEADER_SIZE;
        if ((compressed[0] & 0xFF) == METHOD_NONE) {
            System.arraycopy(compressed, HEADER_SIZE, out, off, size);
            return;
        }
        int n;
        try {
            n = lz4.decompress(compressed, HEADER_SIZE, payload, out, off, size);
        } catch (LZ4Exception e) {
            throw corrupt("is not valid LZ4: " + e.getMessage());
        }
        if (n != size) {
            throw corrupt("decodes to " + n + " bytes but declares " + size);
        }
    }

    private void readFully(byte[] b, int off, int len, String part) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw ended(part);
            }
            done += n;
            consumed += n;
        }
    }

    private EOFException ended(String where) {
        return new EOFException("Compressed result ended inside block " + block + " (at offset " + blockOffset
                + "), in its " + where);
    }

    private IOException corrupt(String what) {
        return new IOException("Compressed result block " + block + " (at offset " + blockOffset + ") " + what);
    }

    private static String methodName(int method) {
        String name = switch (method) {
            case 0x90 -> " (ZSTD)";
            case 0x91 -> " (multiple codecs)";
            case 0x92 -> " (Delta)";
            case 0x93 -> " (T64)";
            case 0x94 -> " (DoubleDelta)";
            case 0x95 -> " (Gorilla)";
            default -> "";
        };
        return String.format("0x%02x", method) + name;
    }

    private static long intLe(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    private static long longLe(byte[] b, int off) {
        return intLe(b, off) | intLe(b, off + 4) << 32;
    }

    /** Drops the buffers; the body underneath is not closed (closing an HttpClient body would drain it). */
    @Override
    public void close() {
        closed = true;
        compressed = EMPTY;
        pending = EMPTY;
        pendingPos = 0;
        pendingLimit = 0;
    }
}
