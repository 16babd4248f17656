package dev.rowpipe.internal.codec;

import dev.rowpipe.internal.td.TdMsgpackCursor;
import dev.rowpipe.internal.td.TdMsgpackCursorTest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

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
        both.writeBytes(TdMsgpackCursorTest.gzip(a));
        both.writeBytes(TdMsgpackCursorTest.gzip(b));
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
                new ByteArrayInputStream(TdMsgpackCursorTest.gzip(random(500))), 64 * 1024), 1 << 20);
        assertEquals(500, drain(small).length);
        awaitFinished(small);
        // One chunk for the bytes, and a second only when the inflater meets the end while the decoder still
        // holds the first (a decoder that handed it back first lets the inflater reuse it): never more.
        assertTrue(small.chunksAllocated() >= 1 && small.chunksAllocated() <= 2,
                "allocated " + small.chunksAllocated());
        InflatingPipe large = new InflatingPipe(new GzipMembersInputStream(
                new ByteArrayInputStream(TdMsgpackCursorTest.gzip(random(100_000))), 64), 100, 3);
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
        byte[] gz = TdMsgpackCursorTest.gzip(random(1000));
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
        InflatingPipe pipe = pipe(new ByteArrayInputStream(TdMsgpackCursorTest.gzip(random(100_000))), 100);
        // One chunk taken and never given back: the thread fills the others and then waits for a free one.
        pipe.take();
        pipe.close();
        awaitFinished(pipe);
        assertThrows(IOException.class, pipe::take);
    }

    @Test
    void closeWakesADecoderThatWaitsForBytes() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    aborted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("aborted");
            }
        };
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
        aborted.countDown();
        awaitFinished(pipe);
    }

    @Test
    void closingACursorMidResultEndsItsInflatingThreadAndAbortsTheResponse() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        for (int i = 0; i < 50_000; i++) {
            p.packArrayHeader(1).packString("row " + i + " " + Integer.toHexString(i * 31));
        }
        p.close();
        AtomicInteger aborted = new AtomicInteger();
        Set<Thread> before = inflateThreads();
        RowCursor cursor = TdMsgpackCursor.gzip(
                new ByteArrayInputStream(TdMsgpackCursorTest.gzip(p.toByteArray())), TdMsgpackCursorTest.columns(1),
                aborted::incrementAndGet);
        RowBuffer row = new RowBuffer(1);
        assertTrue(cursor.next(row));
        assertEquals("row 0 0", row.text(0));
        // The thread runs ahead of the decoder (it fills its chunks, then waits for one back).
        Set<Thread> started = inflateThreads();
        started.removeAll(before);
        assertEquals(1, started.size());
        cursor.close();
        assertEquals(1, aborted.get());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (started.iterator().next().isAlive()) {
            assertTrue(System.nanoTime() < deadline, "inflating thread still running after close");
            Thread.sleep(1);
        }
        assertFalse(cursor.next(row));
    }

    @Test
    void anInterruptDoesNotEndTheWaitButStaysSet() throws Exception {
        CountDownLatch arrive = new CountDownLatch(1);
        byte[] gz = TdMsgpackCursorTest.gzip(random(500));
        InputStream late = new InputStream() {
            private final InputStream rest = new ByteArrayInputStream(gz);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    arrive.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return rest.read(b, off, len);
            }
        };
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
        arrive.countDown();
        decoder.join(10_000);
        assertTrue(result.get() instanceof Integer n && n > 0, String.valueOf(result.get()));
        pipe.close();
        awaitFinished(pipe);
    }

    private static Set<Thread> inflateThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("rowpipe-gzip-inflate")) {
                out.add(t);
            }
        }
        return out;
    }
}
