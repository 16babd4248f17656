package dev.rowpipe.internal.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/** Builds ClickHouse compressed-block bodies for tests (lz4-java's compressor, our CityHash128). */
public final class BlockFrames {
    private static final LZ4Compressor LZ4 = LZ4Factory.safeInstance().fastCompressor();

    /** The parts of a body, and where each block starts. */
    public record Body(byte[] bytes, List<Integer> blockStarts) {
    }

    private BlockFrames() {
    }

    /** {@code data} in LZ4 blocks of at most {@code blockSize} uncompressed bytes. */
    public static Body lz4(byte[] data, int blockSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> starts = new ArrayList<>();
        for (int off = 0; off < data.length; off += blockSize) {
            starts.add(out.size());
            out.writeBytes(block(0x82, Arrays.copyOfRange(data, off, Math.min(data.length, off + blockSize))));
        }
        return new Body(out.toByteArray(), starts);
    }

    /** One block of {@code data}: LZ4-compressed for 0x82, as is for 0x02, as is under any other method byte. */
    public static byte[] block(int method, byte[] data) {
        byte[] payload;
        if (method == 0x82) {
            byte[] buf = new byte[LZ4.maxCompressedLength(data.length)];
            int n = LZ4.compress(data, 0, data.length, buf, 0, buf.length);
            payload = Arrays.copyOf(buf, n);
        } else {
            payload = data;
        }
        return rawBlock(method, payload, data.length);
    }

    /** A block with the given payload and declared uncompressed size, and a correct checksum. */
    static byte[] rawBlock(int method, byte[] payload, int declaredSize) {
        byte[] b = new byte[16 + 9 + payload.length];
        b[16] = (byte) method;
        putIntLe(b, 17, 9 + payload.length);
        putIntLe(b, 21, declaredSize);
        System.arraycopy(payload, 0, b, 25, payload.length);
        CityHash128.hash(b, 16, 9 + payload.length).write(b, 0);
        return b;
    }

    static void putIntLe(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    /** Compressible text-like bytes (rows of a result), deterministic. */
    static byte[] text(int n) {
        StringBuilder s = new StringBuilder(n + 64);
        Random r = new Random(n);
        int row = 0;
        while (s.length() < n) {
            s.append(row++).append('\t').append(r.nextInt(100_000)).append("\tname_").append(r.nextInt(50))
                    .append("\t2024-0").append(1 + r.nextInt(9)).append("-1").append(r.nextInt(10)).append('\n');
        }
        return Arrays.copyOf(s.toString().getBytes(StandardCharsets.US_ASCII), n);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Everything the stream gives, read with a buffer of {@code bufferSize} bytes. */
    static byte[] readAll(InputStream in, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[bufferSize];
        int n;
        while ((n = in.read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
