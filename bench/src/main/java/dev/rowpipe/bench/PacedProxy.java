package dev.rowpipe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP proxy that behaves like a network link between the driver and a responder, so benchmarks can
 * measure at link speeds users have: each direction is paced by its own token bucket ({@link Link#bytesPerSecond},
 * bursts of about a millisecond of the link, {@link Link#burst}) and delays every chunk by half the round trip
 * ({@link Link#rttMillis}),
 * in order, the latency overlapping the transfer as it does on a real link (a chunk's delay runs while the ones
 * before it are still being sent). Per direction at most a bandwidth-delay product (and at least 1 MiB) is held
 * in flight; beyond that the proxy stops reading, which pushes back on the sender as a full link does. Setting up
 * a connection costs no round trip (the driver pools its connections). {@link Link#LOOPBACK} relays unpaced.
 * <p>It also counts the HTTP/1.1 requests that pass through it (request lines end with {@code " HTTP/1.1\r\n"})
 * and the bytes in each direction, so a benchmark can tell what one statement costs without the server's help.
 */
final class PacedProxy implements AutoCloseable {
    private static final int READ_SIZE = 64 * 1024;
    private static final byte[] MARK = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * A link: its bandwidth per direction (0: unlimited) and the round trip it adds (0: none).
     */
    record Link(String name, long bytesPerSecond, long rttMillis) {
        static final Link LOOPBACK = new Link("loopback", 0, 0);
        static final Link GBIT_20MS = new Link("1 Gbit/s, 20 ms", 125_000_000L, 20);
        static final Link MBIT100_20MS = new Link("100 Mbit/s, 20 ms", 12_500_000L, 20);

        Link {
            if (bytesPerSecond < 0 || rttMillis < 0) {
                throw new IllegalArgumentException("bandwidth and round trip must be >= 0: " + bytesPerSecond + " B/s, "
                        + rttMillis + " ms");
            }
        }

        boolean paced() {
            return bytesPerSecond > 0 || rttMillis > 0;
        }

        /**
         * The token bucket's size, and the largest piece written at once: a millisecond of the link, within 16 to
         * 256 KiB (small enough to pace smoothly, large enough that a fast link is not limited by wake-ups).
         */
        int burst() {
            return (int) Math.max(16 * 1024, Math.min(256 * 1024, bytesPerSecond / 1000));
        }

        /** Bytes one direction holds in flight: what the link carries during a round trip, at least 1 MiB. */
        int inFlight() {
            long bdp = bytesPerSecond * rttMillis / 1000;
            return (int) Math.min(Integer.MAX_VALUE / 2, Math.max(1 << 20, 2 * bdp));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (%s, +%d ms round trip)", name,
                    bytesPerSecond == 0 ? "unlimited" : bytesPerSecond * 8 / 1_000_000 + " Mbit/s", rttMillis);
        }
    }

    private final ServerSocket server;
    private final int target;
    private final Link link;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** HTTP/1.1 requests seen going to the server. */
    final AtomicLong requests = new AtomicLong();
    final AtomicLong bytesToServer = new AtomicLong();
    final AtomicLong bytesToClient = new AtomicLong();

    PacedProxy(int targetPort, Link link) throws IOException {
        this.target = targetPort;
        this.link = link;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "paced-proxy");
        t.setDaemon(true);
        t.start();
    }

    /** An unpaced proxy that only counts (what benchmark 3 needs). */
    PacedProxy(int targetPort) throws IOException {
        this(targetPort, Link.LOOPBACK);
    }

    int port() {
        return server.getLocalPort();
    }

    Link link() {
        return link;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                Connection c = new Connection(client, upstream);
                c.start(client.getInputStream(), upstream.getOutputStream(), true, bytesToServer);
                c.start(upstream.getInputStream(), client.getOutputStream(), false, bytesToClient);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One proxied connection: two directions; both sockets close once either direction fails or both ended. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private final AtomicLong ended = new AtomicLong();

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start(InputStream in, OutputStream out, boolean toServer, AtomicLong bytes) {
            Direction d = new Direction(in, out, toServer, bytes, toServer ? upstream : client, this);
            Thread reader = new Thread(d::read, "paced-proxy-read");
            reader.setDaemon(true);
            reader.start();
            if (link.paced()) {
                Thread writer = new Thread(d::write, "paced-proxy-write");
                writer.setDaemon(true);
                writer.start();
            }
        }

        /** A direction delivered its end: half-close it; once both did, close the connection. */
        void ended(Socket to) {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
            if (ended.incrementAndGet() == 2) {
                close();
            }
        }

        void close() {
            for (Socket s : new Socket[] {client, upstream}) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
                open.remove(s);
            }
        }
    }

    /** A chunk read from one side, with the time it arrived; {@code bytes == null} marks the end. */
    private record Chunk(byte[] bytes, int length, long arrivedNanos) {
    }

    /** One direction: a reader, and (when paced) a writer that releases chunks at the link's pace. */
    private final class Direction {
        private final InputStream in;
        private final OutputStream out;
        private final boolean countRequests;
        private final AtomicLong bytes;
        private final Socket to;
        private final Connection connection;
        private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(1 << 16);
        /** Bytes in flight still allowed: the reader stops when the link holds its share. */
        private final Semaphore room = new Semaphore(link.inFlight());
        private final long halfRttNanos = link.rttMillis() * 500_000L;
        private final int burst = link.burst();
        /** When the link will have sent everything released so far, on the link's own schedule. */
        private long linkFreeNanos = System.nanoTime();
        private int matched;

        Direction(InputStream in, OutputStream out, boolean countRequests, AtomicLong bytes, Socket to,
                  Connection connection) {
            this.in = in;
            this.out = out;
            this.countRequests = countRequests;
            this.bytes = bytes;
            this.to = to;
            this.connection = connection;
        }

        void read() {
            byte[] relay = link.paced() ? null : new byte[READ_SIZE];
            try {
                while (true) {
                    // Paced: each chunk waits in the queue in its own array.
                    byte[] buf = relay != null ? relay : new byte[READ_SIZE];
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    count(buf, n);
                    if (!link.paced()) {
                        out.write(buf, 0, n);
                        out.flush();
                        continue;
                    }
                    // Bytes enter the link once it has room for them; their delay runs from then.
                    room.acquire(n);
                    queue.put(new Chunk(buf, n, System.nanoTime()));
                }
                if (link.paced()) {
                    queue.put(new Chunk(null, 0, System.nanoTime()));
                } else {
                    connection.ended(to);
                }
            } catch (IOException e) {
                connection.close();
                if (link.paced()) {
                    queue.offer(new Chunk(null, 0, 0));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                connection.close();
            }
        }

        void write() {
            try {
                while (true) {
                    Chunk c = queue.poll();
                    // The link idles while it waits for bytes or for a chunk's delay: that time is not banked.
                    boolean idle = c == null;
                    if (idle) {
                        c = queue.take();
                    }
                    if (c.bytes == null) {
                        connection.ended(to);
                        return;
                    }
                    idle |= sleepUntil(c.arrivedNanos + halfRttNanos);
                    for (int off = 0; off < c.length; off += burst) {
                        int n = Math.min(burst, c.length - off);
                        take(n, idle);
                        idle = false;
                        out.write(c.bytes, off, n);
                    }
                    out.flush();
                    room.release(c.length);
                }
            } catch (IOException e) {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                connection.close();
            }
        }

        /**
         * The token bucket, kept as a schedule (GCRA): {@code n} more bytes occupy the link for n / rate after it
         * is free, and may go out up to one burst early. While bytes wait, the schedule advances by the link's
         * time, not by when this thread woke up, so a late wake-up (a busy machine) is caught up and the long-run
         * rate is exact; after the link idled it restarts from now.
         */
        private void take(int n, boolean idle) {
            long rate = link.bytesPerSecond();
            if (rate == 0) {
                return;
            }
            long now = System.nanoTime();
            linkFreeNanos = (idle ? Math.max(linkFreeNanos, now) : linkFreeNanos) + n * 1_000_000_000L / rate;
            sleepUntil(linkFreeNanos - burst * 1_000_000_000L / rate);
        }

        private void count(byte[] buf, int n) {
            bytes.addAndGet(n);
            if (!countRequests) {
                return;
            }
            for (int i = 0; i < n; i++) {
                matched = buf[i] == MARK[matched] ? matched + 1 : buf[i] == MARK[0] ? 1 : 0;
                if (matched == MARK.length) {
                    requests.incrementAndGet();
                    matched = 0;
                }
            }
        }
    }

    /** Sleeps until the deadline; true when it had to wait. */
    private static boolean sleepUntil(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        do {
            LockSupport.parkNanos(left);
        } while ((left = deadlineNanos - System.nanoTime()) > 0);
        return true;
    }

    /** Stops accepting and closes every open connection (their threads end). */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        open.clear();
    }
}
