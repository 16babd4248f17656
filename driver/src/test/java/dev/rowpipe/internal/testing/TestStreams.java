package dev.rowpipe.internal.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * Bodies as a network delivers them, for decoder tests: in pieces of a fixed, one-byte or random size (so that
 * escapes, multi-byte characters and values fall across reads), optionally failing after the data (a reset
 * connection) or stopping at a gate until the test releases it (to show a decoder does not read ahead).
 * Like a socket between packets, they report nothing {@code available()}.
 */
public final class TestStreams {
    private TestStreams() {
    }

    public static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Every read returns at most {@code size} bytes. */
    public static Chunked chunked(byte[] data, int size) {
        return new Chunked(data, () -> size, -1, null);
    }

    /** One byte per read: every multi-byte sequence is split across reads. */
    public static Chunked trickle(byte[] data) {
        return chunked(data, 1);
    }

    /** Reads of 1 to {@code max} bytes, sizes drawn from a Random seeded with {@code seed}. */
    public static Chunked randomChunks(byte[] data, int max, long seed) {
        Random random = new Random(seed);
        return new Chunked(data, () -> 1 + random.nextInt(max), -1, null);
    }

    /** The data (in reads of at most 7 bytes), then an IOException with {@code message}, as a reset connection. */
    public static Chunked broken(byte[] data, String message) {
        return new Chunked(data, () -> 7, -1, message);
    }

    public static Chunked broken(String data) {
        return broken(data.getBytes(StandardCharsets.UTF_8), "Connection reset");
    }

    /**
     * {@code first} (in reads of at most 7 bytes), then a read that blocks until {@link Chunked#release} (at most
     * 10 s, after which it fails: the decoder read ahead), then {@code rest}.
     */
    public static Chunked gated(byte[] first, byte[] rest) {
        byte[] data = new byte[first.length + rest.length];
        System.arraycopy(first, 0, data, 0, first.length);
        System.arraycopy(rest, 0, data, first.length, rest.length);
        return new Chunked(data, () -> 7, first.length, null);
    }

    public static Chunked gated(String first, String rest) {
        return gated(first.getBytes(StandardCharsets.UTF_8), rest.getBytes(StandardCharsets.UTF_8));
    }

    /** A read that blocks until {@link Chunked#release} (at most 10 s) and then fails, as an aborted response. */
    public static Chunked stalled() {
        return new Chunked(new byte[0], () -> 7, 0, "aborted");
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A body handed out in pieces; see the factory methods. */
    public static final class Chunked extends InputStream {
        /** Opens the gate of a {@link #gated} stream. */
        public final CountDownLatch release = new CountDownLatch(1);
        private final byte[] data;
        private final IntSupplier sizes;
        private final int gateAt;
        private final String failure;
        private final AtomicInteger closes = new AtomicInteger();
        private int at;

        private Chunked(byte[] data, IntSupplier sizes, int gateAt, String failure) {
            this.data = data;
            this.sizes = sizes;
            this.gateAt = gateAt;
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (at == gateAt) {
                awaitRelease();
            }
            if (at >= data.length) {
                if (failure != null) {
                    throw new IOException(failure);
                }
                return -1;
            }
            int end = at < gateAt ? gateAt : data.length;
            int n = Math.min(Math.min(len, sizes.getAsInt()), end - at);
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }

        private void awaitRelease() throws IOException {
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("test gate never released: the decoder read ahead");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        /** How often {@link #close} was called. */
        public int closes() {
            return closes.get();
        }
    }
}
