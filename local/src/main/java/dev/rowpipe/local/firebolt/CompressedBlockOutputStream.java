package dev.rowpipe.local.firebolt;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Writes ClickHouse's compressed block framing, as a Firebolt engine answers {@code compress=1}: the bytes are
 * gathered into blocks of {@link #BLOCK_SIZE} uncompressed bytes (ClickHouse's 1 MiB HTTP output buffer), each
 * sent as a 16-byte CityHash128 (v1.0.2) checksum, the method byte 0x82 (LZ4), the compressed size counting the
 * 9-byte header, the uncompressed size (both little-endian) and the LZ4 block. Each full block goes out as soon as
 * it is complete, so a large result streams; {@link #flush()} sends the partial block first, as ClickHouse does
 * when its buffer is flushed; {@link #close()} sends the last one. Nothing is written for an empty body.
 * Public so benchmarks and tests can frame bodies the way the engine does.
 */
public final class CompressedBlockOutputStream extends OutputStream {
    public static final int BLOCK_SIZE = 1 << 20;
    private static final int CHECKSUM_SIZE = 16;
    private static final int HEADER_SIZE = 9;
    private static final int METHOD_LZ4 = 0x82;
    private static final LZ4Compressor LZ4 = LZ4Factory.safeInstance().fastCompressor();

    private final OutputStream out;
    private final byte[] block;
    private final byte[] frame;
    private int length;
    private boolean closed;

    public CompressedBlockOutputStream(OutputStream out) {
        this(out, BLOCK_SIZE);
    }

    public CompressedBlockOutputStream(OutputStream out, int blockSize) {
        this.out = Objects.requireNonNull(out, "out is null");
        this.block = new byte[blockSize];
        this.frame = new byte[CHECKSUM_SIZE + HEADER_SIZE + LZ4.maxCompressedLength(blockSize)];
    }

    @Override
    public void write(int b) throws IOException {
        if (length == block.length) {
            writeBlock();
        }
        block[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (length == block.length) {
                writeBlock();
            }
            int n = Math.min(len, block.length - length);
            System.arraycopy(b, off, block, length, n);
            length += n;
            off += n;
            len -= n;
        }
    }

    private void writeBlock() throws IOException {
        if (length == 0) {
            return;
        }
        int payload = LZ4.compress(block, 0, length, frame, CHECKSUM_SIZE + HEADER_SIZE,
                frame.length - CHECKSUM_SIZE - HEADER_SIZE);
        int compressedSize = HEADER_SIZE + payload;
        frame[CHECKSUM_SIZE] = (byte) METHOD_LZ4;
        putIntLe(frame, CHECKSUM_SIZE + 1, compressedSize);
        putIntLe(frame, CHECKSUM_SIZE + 5, length);
        CityHash128.hash(frame, CHECKSUM_SIZE, compressedSize).write(frame, 0);
        out.write(frame, 0, CHECKSUM_SIZE + compressedSize);
        length = 0;
    }

    private static void putIntLe(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    @Override
    public void flush() throws IOException {
        writeBlock();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writeBlock();
        } finally {
            out.close();
        }
    }
}
