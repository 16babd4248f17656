package dev.rowpipe.internal.codec;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads a compressed body and inflates it on its own daemon thread, one step ahead of the decoder: inflating
 * costs about as much as decoding msgpack, so doing both on one thread would add the two. The {@link Source}
 * (gzip members, ClickHouse's LZ4 blocks) writes straight into one of a few fixed chunks, which the decoder then
 * parses in place and hands back; the chunks bound the memory however large the result, and are allocated only
 * as the inflater gets ahead (a small result needs one). Every failure of the body or of the format's checks (a
 * cut body, a CRC or checksum mismatch) reaches the decoder as the same exception, after the bytes inflated
 * before it: the end of the body is reported only when the encoded stream itself ended cleanly.
 */
public final class InflatingPipe {
    /** Chunks in flight: one being parsed, one being inflated, and slack so neither side waits on a hiccup. */
    public static final int CHUNKS = 4;

    /** What the pipe's thread runs: a decoder over the body that writes decoded bytes into the caller's array. */
    public interface Source {
        /**
         * Decodes up to {@code len} (at least 1) bytes into {@code out}: the number written, at least 1, or -1 at
         * the clean end of the encoded body only. A cut or corrupt body throws.
         */
        int read(byte[] out, int off, int len) throws IOException;

        /** Releases the decoder's own resources; the body underneath is not closed (the cursor releases it). */
        void close();

        /** The encoding's short name, for the thread's name and messages ({@code gzip}, {@code lz4}). */
        String encoding();
    }

    /** A filled chunk, the clean end ({@code buf == null, failure == null}) or a failure. */
    private record Filled(byte[] buf, int length, Throwable failure) {
    }

    private static final Filled END = new Filled(null, 0, null);

    private final Source source;
    private final int chunkSize;
    private final int chunks;
    private final BlockingQueue<byte[]> free;
    /** Room for every chunk plus one end marker, so the producer never blocks on it. */
    private final BlockingQueue<Filled> filled;
    /** The decoder waits on this for a filled chunk, uninterruptibly: see {@link #awaitFilled}. */
    private final ReentrantLock arrival = new ReentrantLock();
    private final Condition arrived = arrival.newCondition();
    /** Chunks allocated so far (by the inflating thread only). */
    private int allocated;
    private Thread thread;
    private volatile boolean closed;
    /** Set by the inflating thread once the body ended cleanly: it reads nothing more from it. */
    private volatile boolean sourceEnded;
    /** The consumer's sticky end: once seen, every later {@link #take} repeats it. */
    private Filled last;
    /** The number of bytes in the chunk {@link #take} returned last. */
    private int lastLength;

    /**
     * @param source the inflating stream; only the pipe's thread reads it, and closes it when done (that does not
     *     close the body underneath)
     */
    public InflatingPipe(Source source, int chunkSize) {
        this(source, chunkSize, CHUNKS);
    }

    /** As above with {@code chunks} (at least 2) chunks of {@code chunkSize} bytes at most. */
    public InflatingPipe(Source source, int chunkSize, int chunks) {
        this.source = Objects.requireNonNull(source, "source is null");
        if (chunkSize < 1 || chunks < 2) {
            throw new IllegalArgumentException("chunkSize must be >= 1 and chunks >= 2: " + chunkSize + ", " + chunks);
        }
        this.chunkSize = chunkSize;
        this.chunks = chunks;
        this.free = new ArrayBlockingQueue<>(chunks);
        this.filled = new ArrayBlockingQueue<>(chunks + 2);
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** Starts inflating (lazily, on the first read: the first read blocks on the network). */
    private void start() {
        thread = new Thread(this::run, "rowpipe-" + source.encoding() + "-inflate");
        thread.setDaemon(true);
        thread.start();
    }

    /** A chunk to fill: one given back, a new one while fewer than {@code chunks} exist, else the next given back. */
    private byte[] nextFree() throws InterruptedException {
        byte[] chunk = free.poll();
        if (chunk != null) {
            return chunk;
        }
        if (allocated < chunks) {
            allocated++;
            return new byte[chunkSize];
        }
        return free.take();
    }

    private void run() {
        try {
            while (!closed) {
                byte[] chunk = nextFree();
                int n;
                do {
                    n = source.read(chunk, 0, chunk.length);
                } while (n == 0);
                if (n < 0) {
                    sourceEnded = true;
                    hand(END);
                    return;
                }
                hand(new Filled(chunk, n, null));
            }
        } catch (InterruptedException e) {
            // Closed: the consumer is gone, nobody waits for more.
        } catch (Throwable e) {
            // Handed to the decoder, which reports it as the result's failure (never a clean end).
            hand(new Filled(null, 0, e));
        } finally {
            source.close();
        }
    }

    /**
     * The next chunk of inflated bytes; its length is {@link #lastLength}. Null at the clean end of the body.
     * Throws the body's or the gzip check's failure.
     */
    public byte[] take() throws IOException {
        if (closed && last == null) {
            // Chunks inflated before the close are not handed out any more.
            last = new Filled(null, 0, new IOException("Result was closed"));
        }
        if (last == null) {
            if (thread == null) {
                start();
            }
            Filled f = awaitFilled();
            if (f.buf != null) {
                lastLength = f.length;
                return f.buf;
            }
            last = f;
        }
        Throwable t = last.failure;
        if (t == null) {
            return null;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        throw new IOException("Inflating the " + source.encoding() + " body failed: " + t, t);
    }

    /**
     * Waits for the next filled chunk the way a blocking socket read waits: an interrupt does not end the wait
     * (reading the body without the pipe would not have noticed it either) and stays set all along, so that whoever
     * watches the thread for interrupts (the JDBC layer, which then cancels the statement) sees it; a {@link #close}
     * from another thread does end it.
     */
    private Filled awaitFilled() {
        Filled f = filled.poll();
        if (f != null) {
            return f;
        }
        arrival.lock();
        try {
            while ((f = filled.poll()) == null) {
                arrived.awaitUninterruptibly();
            }
            return f;
        } finally {
            arrival.unlock();
        }
    }

    /** Queues a chunk (or the end, or a failure) for the decoder and wakes it. */
    private void hand(Filled f) {
        filled.add(f);
        arrival.lock();
        try {
            arrived.signalAll();
        } finally {
            arrival.unlock();
        }
    }

    /** True once the inflating thread read the body to its clean end (so it no longer touches the body). */
    public boolean sourceEnded() {
        return sourceEnded;
    }

    /** The number of bytes in the chunk {@link #take} returned last. */
    public int lastLength() {
        return lastLength;
    }

    /** Gives a parsed chunk back for refilling. */
    public void recycle(byte[] chunk) {
        free.offer(chunk);
    }

    /**
     * Stops inflating: the thread ends (it is woken if it waits for a chunk; one blocked on the network ends
     * when the response is aborted, which the cursor does right after), and a decoder waiting for bytes gets a
     * failure instead of waiting forever.
     */
    public void close() {
        closed = true;
        if (filled.offer(new Filled(null, 0, new IOException("Result was closed")))) {
            arrival.lock();
            try {
                arrived.signalAll();
            } finally {
                arrival.unlock();
            }
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Chunks allocated so far; read it once {@link #finished()} (for tests). */
    int chunksAllocated() {
        return allocated;
    }

    /** True once the inflating thread has ended (for tests). */
    public boolean finished() {
        Thread t = thread;
        return t != null && !t.isAlive();
    }
}
