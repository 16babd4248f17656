package dev.rowpipe.internal.codec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Remembers the last bytes read through it, so that when a parser stops at text it does not understand (a
 * server error appended to a result) the decoder can show that text. Costs one array copy per read call.
 */
public final class TailRecordingInputStream extends FilterInputStream {
    private final byte[] ring;
    private long total;

    public TailRecordingInputStream(InputStream in, int capacity) {
        super(in);
        this.ring = new byte[capacity];
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            ring[(int) (total % ring.length)] = (byte) b;
            total++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n <= 0) {
            return n;
        }
        // Only the last ring.length bytes of a big read can stay in the ring.
        int first = Math.max(0, n - ring.length);
        total += first;
        for (int i = first; i < n; ) {
            int at = (int) (total % ring.length);
            int chunk = Math.min(n - i, ring.length - at);
            System.arraycopy(b, off + i, ring, at, chunk);
            total += chunk;
            i += chunk;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are not recorded; the ring only needs to be right near the point of failure.
        long skipped = super.skip(n);
        total += skipped;
        return skipped;
    }

    @Override
    public void close() {
        // Never closes the body: the response owner decides between draining and aborting.
    }

    /** Text recorded from absolute offset {@code from} (clamped to what is still held) to the latest byte. */
    public String recordedFrom(long from) {
        long first = Math.max(Math.max(from, 0), total - ring.length);
        int length = (int) (total - first);
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = ring[(int) ((first + i) % ring.length)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    public long total() {
        return total;
    }
}
