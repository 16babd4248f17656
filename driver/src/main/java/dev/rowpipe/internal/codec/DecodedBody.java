package dev.rowpipe.internal.codec;

import dev.rowpipe.internal.spi.ResponseBody;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;

/**
 * A result body with its encodings undone, as one {@link #stream()} for a decoder, and the way to let go of the
 * response it comes from. The encodings are picked from the response, outermost first: {@code Content-Encoding:
 * gzip} (or {@code x-gzip}) is inflated by {@link GzipMembersInputStream}; then, when the request asked for
 * ClickHouse's compressed blocks ({@code compress=1} to a Firebolt engine), those are decoded by
 * {@link CompressedBlockInputStream}. An encoded body is decoded on its own daemon thread through an
 * {@link InflatingPipe}, one step ahead of the decoder that reads {@link #stream()}; a plain body is the response
 * body itself.
 * <p>Give this object to the cursor as the thing to close ({@code onClose}): {@link #close()} stops the
 * decoding thread, then releases the response (its connection kept) only when that thread had read the body to
 * its clean end, and aborts it otherwise (the thread may be blocked in a read of the body, which the abort ends);
 * {@link #abort()} stops the thread and aborts the response. A decoder blocked in {@code stream().read} while
 * another thread closes gets an IOException, never a clean end.
 */
public final class DecodedBody implements ResponseBody {
    /** Gzip: inflated in 64 KiB chunks, as msgpack.gz is. */
    static final int GZIP_CHUNK = 64 * 1024;
    /** Compressed bytes read from the body per gzip read. */
    static final int GZIP_BUFFER = 64 * 1024;
    /**
     * Compressed blocks: a 1 MiB block is decoded into the block decoder's own buffer and handed over in chunks of
     * 256 KiB ({@link InflatingPipe#CHUNKS} of them), so the decoding thread holds about one block ahead of the
     * decoder. Chunks of a whole block would save that copy (a few percent of decoding a block) but cost 1 MiB
     * each, allocated twice even for a one-row result (the second one meets the end), and arrays of 1 MiB are
     * humongous objects for G1 on most heaps; a block smaller than a chunk is decoded straight into it.
     */
    static final int BLOCK_CHUNK = 256 * 1024;

    private final InputStream stream;
    /** The decoding thread, or null for a plain body. */
    private final InflatingPipe pipe;
    private final PipedResponse release;

    private DecodedBody(InputStream stream, InflatingPipe pipe, AutoCloseable response) {
        this.stream = stream;
        this.pipe = pipe;
        this.release = new PipedResponse(pipe, response);
    }

    /**
     * The body of a successful response, decoded.
     *
     * @param body the response body (read only by the returned stream, or by its decoding thread)
     * @param contentEncoding the response's {@code Content-Encoding} header, or null
     * @param compressedBlocks true when the request asked for ClickHouse's compressed blocks ({@code compress=1})
     * @param response what releases the response: {@link ResponseBody#close()} and {@link ResponseBody#abort()}
     *     when it is one (the driver's {@code HttpResponseStream}), else {@code close()} for both; may be null
     * @throws IOException for a Content-Encoding other than gzip or identity (the driver asks for no other)
     */
    public static DecodedBody open(InputStream body, String contentEncoding, boolean compressedBlocks,
                                   AutoCloseable response) throws IOException {
        Objects.requireNonNull(body, "body is null");
        boolean gzip = gzip(contentEncoding);
        if (!gzip && !compressedBlocks) {
            return new DecodedBody(body, null, response);
        }
        InflatingPipe pipe;
        if (!compressedBlocks) {
            pipe = new InflatingPipe(new GzipMembersInputStream(body, GZIP_BUFFER), GZIP_CHUNK);
        } else if (!gzip) {
            pipe = new InflatingPipe(new CompressedBlockInputStream(body), BLOCK_CHUNK);
        } else {
            // Both, as ClickHouse sends them when HTTP compression and compress=1 are on: gzip outside.
            GzipMembersInputStream inflated = new GzipMembersInputStream(body, GZIP_BUFFER);
            pipe = new InflatingPipe(new Layered(new CompressedBlockInputStream(inflated), inflated), BLOCK_CHUNK);
        }
        return new DecodedBody(new PipeStream(pipe), pipe, response);
    }

    /** True for gzip, false for none or identity; anything else is refused. */
    private static boolean gzip(String contentEncoding) throws IOException {
        if (contentEncoding == null) {
            return false;
        }
        boolean gzip = false;
        for (String part : contentEncoding.split(",")) {
            String coding = part.trim().toLowerCase(Locale.ROOT);
            if (coding.isEmpty() || coding.equals("identity")) {
                continue;
            }
            if ((coding.equals("gzip") || coding.equals("x-gzip")) && !gzip) {
                gzip = true;
            } else {
                throw new IOException("The response has Content-Encoding '" + contentEncoding
                        + "'; the driver reads only gzip or no encoding");
            }
        }
        return gzip;
    }

    /** The decoded bytes; read by one thread at a time (the cursor's). */
    public InputStream stream() {
        return stream;
    }

    /** True when the body is decoded on its own thread (an encoded body). */
    public boolean decodesAhead() {
        return pipe != null;
    }

    /** True once nothing reads the body any more because its decoding thread met its clean end. */
    boolean bodyEnded() {
        return pipe != null && pipe.sourceEnded();
    }

    /** True once the decoding thread has ended (for tests). */
    boolean decodingFinished() {
        return pipe != null && pipe.finished();
    }

    @Override
    public void close() {
        if (pipe != null) {
            ((PipeStream) stream).markClosed();
        }
        release.close();
    }

    @Override
    public void abort() {
        if (pipe != null) {
            ((PipeStream) stream).markClosed();
        }
        release.abort();
    }

    /** Compressed blocks inside gzip: one thread runs both decoders. */
    private record Layered(CompressedBlockInputStream blocks, GzipMembersInputStream gzip)
            implements InflatingPipe.Source {
        @Override
        public int read(byte[] out, int off, int len) throws IOException {
            return blocks.read(out, off, len);
        }

        @Override
        public void close() {
            blocks.close();
            gzip.close();
        }

        @Override
        public String encoding() {
            return "lz4";
        }
    }

    /**
     * The pipe's chunks as a stream: each read copies from the current chunk, which goes back once used up. After
     * a close (from any thread) every read fails, also from the rest of the current chunk.
     */
    private static final class PipeStream extends InputStream {
        private final InflatingPipe pipe;
        private byte[] chunk;
        private int pos;
        private int limit;
        private volatile boolean closed;

        PipeStream(InflatingPipe pipe) {
            this.pipe = pipe;
        }

        @Override
        public int read() throws IOException {
            checkOpen();
            if (pos >= limit && !next()) {
                return -1;
            }
            return chunk[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            checkOpen();
            if (len == 0) {
                return 0;
            }
            if (pos >= limit && !next()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        /** Gives the used-up chunk back and takes the next; false at the clean end of the body. */
        private boolean next() throws IOException {
            if (chunk != null) {
                pipe.recycle(chunk);
                chunk = null;
            }
            pos = 0;
            limit = 0;
            byte[] c = pipe.take();
            if (c == null) {
                return false;
            }
            chunk = c;
            limit = pipe.lastLength();
            return true;
        }

        private void checkOpen() throws IOException {
            if (closed) {
                throw new IOException("Result was closed");
            }
        }

        @Override
        public int available() {
            return closed ? 0 : limit - pos;
        }

        /** Refuses further reads; {@link DecodedBody}'s {@link PipedResponse} stops the decoding thread. */
        void markClosed() {
            closed = true;
        }

        /** Stops the decoding thread; the response is released by {@link DecodedBody#close()}. */
        @Override
        public void close() {
            closed = true;
            pipe.close();
        }
    }
}
