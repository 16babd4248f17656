package dev.rowpipe.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.testing.TestStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class InflatingPipeTest {

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static InflatingPipe pipe(InputStream gz, int chunk) {
        return new InflatingPipe(new GzipMembersInputStream(gz, 64), chunk);
    }

    /** Everything the pipe delivers, chunks given back as they are read. */
    private static byte[] drain(InflatingPipe pipe) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = pipe.take()) != null) {
            out.write(chunk, 0, pipe.lastLength());
            pipe.recycle(chunk);
        }
        return out.toByteArray();
    }

    /** Polls (no fixed sleep) until the pipe's thread has ended. */
    private static void awaitFinished(InflatingPipe pipe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!pipe.finished()) {
            assertTrue(System.nanoTime() < deadline, "inflating thread still running");
            Thread.sleep(1);
        }
    }

    @Test
    void deliversEveryMemberInOrderAndEndsCleanly() throws Exception {
        byte[] a = random(10_000);
        byte[] b = random(3_000);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(TestStreams.gzip(a));
        both.writeBytes(TestStreams.gzip(b));
        InflatingPipe pipe = pipe(new ByteArrayInputStream(both.toByteArray()), 100);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(a);
        expected.writeBytes(b);
        assertArrayEquals(expected.toByteArray(), drain(pipe));
        assertNull(pipe.take());
        awaitFinished(pipe);
    }

    @Test
    void chunksAreAllocatedOnlyAsTheInflaterGetsAhead() throws Exception {
        // One read of the body inflates all of it (64 KiB of input at once).
        InflatingPipe small = new InflatingPipe(new GzipMembersInputStream(
                new ByteArrayInputStream(TestStreams.gzip(random(500))), 64 * 1024), 1 << 20);
        assertEquals(500, drain(small).length);
        awaitFinished(small);
        // One chunk for the bytes, and a second only when the inflater meets the end while the decoder still
        // holds the first (a decoder that handed it back first lets the inflater reuse it): never more.
        assertTrue(small.chunksAllocated() >= 1 && small.chunksAllocated() <= 2,
                "allocated " + small.chunksAllocated());
        InflatingPipe large = new InflatingPipe(new GzipMembersInputStream(
                new ByteArrayInputStream(TestStreams.gzip(random(100_000))), 64), 100, 3);
        large.take();
        // The decoder holds one chunk: the thread fills the others, then waits; never more than three.
        large.close();
        awaitFinished(large);
        assertTrue(large.chunksAllocated() <= 3, "allocated " + large.chunksAllocated());
        assertThrows(IllegalArgumentException.class, () -> new InflatingPipe(new GzipMembersInputStream(
                new ByteArrayInputStream(new byte[0]), 64), 100, 1));
    }

    @Test
    void aCrcFailureComesAfterTheBytesBeforeItAndRepeats() throws Exception {
        byte[] gz = TestStreams.gzip(random(1000));
        gz[gz.length - 6] ^= 0x55;
        InflatingPipe pipe = pipe(new ByteArrayInputStream(gz), 100);
        int seen = 0;
        ZipException e = null;
        try {
            byte[] chunk;
            while ((chunk = pipe.take()) != null) {
                seen += pipe.lastLength();
                pipe.recycle(chunk);
            }
        } catch (ZipException z) {
            e = z;
        }
        assertTrue(e != null && e.getMessage().contains("CRC"), String.valueOf(e));
        assertEquals(1000, seen);
        assertThrows(ZipException.class, pipe::take);
        awaitFinished(pipe);
    }

    @Test
    void closeEndsAThreadThatWaitsForTheDecoder() throws Exception {
        InflatingPipe pipe = pipe(new ByteArrayInputStream(TestStreams.gzip(random(100_000))), 100);
        // One chunk taken and never given back: the thread fills the others and then waits for a free one.
        pipe.take();
        pipe.close();
        awaitFinished(pipe);
        assertThrows(IOException.class, pipe::take);
    }

    @Test
    void closeWakesADecoderThatWaitsForBytes() throws Exception {
        TestStreams.Chunked stalled = TestStreams.stalled();
        InflatingPipe pipe = pipe(stalled, 100);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread decoder = new Thread(() -> {
            try {
                pipe.take();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        decoder.start();
        // Closed while the decoder waits; the response abort (the latch) then ends the thread's read.
        while (decoder.getState() != Thread.State.WAITING) {
            assertTrue(decoder.isAlive());
            Thread.onSpinWait();
        }
        pipe.close();
        decoder.join(10_000);
        assertTrue(failure.get() instanceof IOException, String.valueOf(failure.get()));
        stalled.release.countDown();
        awaitFinished(pipe);
    }

    @Test
    void anInterruptDoesNotEndTheWaitButStaysSet() throws Exception {
        TestStreams.Chunked late = TestStreams.gated(new byte[0], TestStreams.gzip(random(500)));
        InflatingPipe pipe = pipe(late, 1000);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread decoder = new Thread(() -> {
            try {
                byte[] chunk = pipe.take();
                result.set(Thread.currentThread().isInterrupted() ? pipe.lastLength() : "not interrupted");
            } catch (Throwable t) {
                result.set(t);
            }
        });
        decoder.start();
        while (decoder.getState() != Thread.State.WAITING) {
            assertTrue(decoder.isAlive());
            Thread.onSpinWait();
        }
        decoder.interrupt();
        // Still waiting after the interrupt: the wait only ends with bytes, an end, a failure or close().
        while (decoder.getState() == Thread.State.RUNNABLE) {
            Thread.onSpinWait();
        }
        assertTrue(decoder.isAlive());
        late.release.countDown();
        decoder.join(10_000);
        assertTrue(result.get() instanceof Integer n && n > 0, String.valueOf(result.get()));
        pipe.close();
        awaitFinished(pipe);
    }
}
