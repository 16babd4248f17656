package dev.rowpipe.internal.codec;

import static dev.rowpipe.internal.codec.BlockFrames.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ResponseBody;
import dev.rowpipe.internal.testing.TestStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DecodedBodyTest {

    /** Counts how the body let go of its response. */
    private static final class Response implements ResponseBody {
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger aborted = new AtomicInteger();
        final CountDownLatch abort = new CountDownLatch(1);

        @Override
        public void close() {
            closed.incrementAndGet();
        }

        @Override
        public void abort() {
            aborted.incrementAndGet();
            abort.countDown();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static void awaitFinished(DecodedBody body) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!body.decodingFinished()) {
            assertTrue(System.nanoTime() < deadline, "decoding thread still running");
            Thread.sleep(1);
        }
    }

    @Test
    void aPlainBodyIsReadAsItIs() throws IOException {
        InputStream raw = new ByteArrayInputStream(new byte[] {1, 2, 3});
        Response response = new Response();
        DecodedBody body = DecodedBody.open(raw, null, false, response);
        assertSame(raw, body.stream());
        assertFalse(body.decodesAhead());
        body.close();
        assertEquals(1, response.closed.get());
        body = DecodedBody.open(raw, " identity ", false, response);
        body.abort();
        assertEquals(1, response.aborted.get());
    }

    @Test
    void aGzipContentEncodingIsInflatedAhead() throws Exception {
        byte[] data = BlockFrames.text(300_000);
        for (String encoding : new String[] {"gzip", "GZIP", "x-gzip", "identity, gzip"}) {
            Response response = new Response();
            DecodedBody body = DecodedBody.open(TestStreams.chunked(gzip(data), 1000), encoding, false, response);
            assertTrue(body.decodesAhead());
            assertArrayEquals(data, readAll(body.stream(), 8192), encoding);
            assertTrue(body.bodyEnded());
            body.close();
            assertEquals(1, response.closed.get(), "read to its end: the connection is kept");
            assertEquals(0, response.aborted.get());
            awaitFinished(body);
        }
    }

    @Test
    void otherContentEncodingsAreRefusedByName() {
        for (String encoding : new String[] {"br", "deflate", "gzip, gzip", "zstd"}) {
            IOException e = assertThrows(IOException.class, () -> DecodedBody.open(
                    new ByteArrayInputStream(new byte[0]), encoding, true, null));
            assertTrue(e.getMessage().contains("Content-Encoding '" + encoding + "'"), e.getMessage());
        }
    }

    @Test
    void compressedBlocksAreDecodedAheadOnTheirOwnThread() throws Exception {
        byte[] data = BlockFrames.text(5 << 20);
        byte[] frames = BlockFrames.lz4(data, 1 << 20).bytes();
        Response response = new Response();
        DecodedBody body = DecodedBody.open(TestStreams.chunked(frames, 16 * 1024), null, true, response);
        InputStream in = body.stream();
        assertEquals(data[0], (byte) in.read());
        assertTrue(threadNamed("rowpipe-lz4-inflate"));
        byte[] rest = readAll(in, 65536);
        assertArrayEquals(Arrays.copyOfRange(data, 1, data.length), rest);
        assertEquals(-1, in.read());
        body.close();
        assertEquals(1, response.closed.get());
        awaitFinished(body);
    }

    @Test
    void compressedBlocksInsideGzipAreBothUndone() throws Exception {
        byte[] data = BlockFrames.text(200_000);
        byte[] wire = gzip(BlockFrames.lz4(data, 30_000).bytes());
        DecodedBody body = DecodedBody.open(new ByteArrayInputStream(wire), "gzip", true, null);
        assertArrayEquals(data, readAll(body.stream(), 4096));
        body.close();
        awaitFinished(body);
    }

    @Test
    void aCutBodyReachesTheReaderAfterTheBytesBeforeIt() throws Exception {
        byte[] data = BlockFrames.text(10_000);
        byte[] frames = BlockFrames.lz4(data, 4000).bytes();
        Response response = new Response();
        DecodedBody body = DecodedBody.open(new ByteArrayInputStream(Arrays.copyOf(frames, frames.length - 5)),
                null, true, response);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[1000];
        EOFException e = assertThrows(EOFException.class, () -> {
            int n;
            while ((n = body.stream().read(buf, 0, buf.length)) >= 0) {
                got.write(buf, 0, n);
            }
        });
        assertTrue(e.getMessage().startsWith("Compressed result ended inside block 3"), e.getMessage());
        assertArrayEquals(Arrays.copyOf(data, 8000), got.toByteArray());
        // Sticky: the next read fails the same way.
        assertThrows(EOFException.class, () -> body.stream().read(buf, 0, buf.length));
        body.close();
        assertEquals(1, response.aborted.get(), "the body did not end cleanly: the connection is not reused");
        awaitFinished(body);
    }

    /** The decoder waits for bytes that do not come; a close from another thread ends the wait and the thread. */
    @Test
    void closeFromAnotherThreadWhileTheDecoderWaitsEndsBothPromptly() throws Exception {
        Response response = new Response();
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    response.abort.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("aborted");
            }
        };
        DecodedBody body = DecodedBody.open(stalled, null, true, response);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread decoder = new Thread(() -> {
            try {
                body.stream().read(new byte[100], 0, 100);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        decoder.start();
        while (decoder.getState() != Thread.State.WAITING) {
            assertTrue(decoder.isAlive());
            Thread.onSpinWait();
        }
        body.close();
        decoder.join(10_000);
        assertFalse(decoder.isAlive());
        assertTrue(failure.get() instanceof IOException, String.valueOf(failure.get()));
        assertEquals(1, response.aborted.get(), "the thread was blocked on the body: it is aborted");
        awaitFinished(body);
    }

    /** The decoder stopped reading; the thread waits for a chunk back. Close ends it and aborts the response. */
    @Test
    void closeEndsAThreadThatWaitsForTheDecoder() throws Exception {
        byte[] frames = BlockFrames.lz4(BlockFrames.text(8 << 20), 1 << 20).bytes();
        Response response = new Response();
        DecodedBody body = DecodedBody.open(new ByteArrayInputStream(frames), null, true, response);
        assertTrue(body.stream().read() >= 0);
        body.close();
        awaitFinished(body);
        assertFalse(body.bodyEnded());
        assertEquals(1, response.aborted.get());
        assertEquals(0, response.closed.get());
        assertThrows(IOException.class, () -> body.stream().read());
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name));
    }
}
