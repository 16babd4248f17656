package dev.rowpipe.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Coarse checks of the pacing: lower bounds are what a link guarantees; upper bounds only catch a hang. */
class PacedProxyTest {
    private ServerSocket upstream;

    @AfterEach
    void closeUpstream() throws IOException {
        if (upstream != null) {
            upstream.close();
        }
    }

    /** An upstream that sends {@code body} to each connection and closes it. */
    private int sending(byte[] body) throws IOException {
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!upstream.isClosed()) {
                try (Socket s = upstream.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(body);
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-upstream");
        t.setDaemon(true);
        t.start();
        return upstream.getLocalPort();
    }

    /** An upstream that echoes every byte it gets. */
    private int echoing() throws IOException {
        upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!upstream.isClosed()) {
                try (Socket s = upstream.accept()) {
                    s.setTcpNoDelay(true);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-echo");
        t.setDaemon(true);
        t.start();
        return upstream.getLocalPort();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] readAll(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.getInputStream().transferTo(out);
        return out.toByteArray();
    }

    @Test
    void oneMegabyteAtTenMegabytesPerSecondTakesAtLeastNinetyMilliseconds() throws Exception {
        byte[] body = random(1_000_000);
        try (PacedProxy proxy = new PacedProxy(sending(body), new PacedProxy.Link("10 MB/s", 10_000_000L, 0));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            long t0 = System.nanoTime();
            byte[] got = readAll(s);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertArrayEquals(body, got, "every byte, in order");
            assertTrue(ms >= 90, "1 MB at 10 MB/s took only " + ms + " ms");
            assertTrue(ms < 10_000, "took " + ms + " ms");
            assertEquals(1_000_000, proxy.bytesToClient.get());
        }
    }

    @Test
    void eachDirectionAddsHalfTheRoundTrip() throws Exception {
        try (PacedProxy proxy = new PacedProxy(echoing(), new PacedProxy.Link("rtt", 0, 200));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            s.setTcpNoDelay(true);
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                s.getOutputStream().write('x');
                assertEquals('x', s.getInputStream().read());
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(ms >= 190, "round trip took only " + ms + " ms");
                assertTrue(ms < 10_000, "round trip took " + ms + " ms");
            }
        }
    }

    /** Latency overlaps the transfer: 2 MB at 20 MB/s with 200 ms round trip takes about 100 + 100 ms, not more. */
    @Test
    void latencyDoesNotCutThroughput() throws Exception {
        byte[] body = random(2_000_000);
        try (PacedProxy proxy = new PacedProxy(sending(body), new PacedProxy.Link("20 MB/s", 20_000_000L, 200));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            long t0 = System.nanoTime();
            assertArrayEquals(body, readAll(s));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 180, "took only " + ms + " ms");
            assertTrue(ms < 10_000, "took " + ms + " ms");
        }
    }

    @Test
    void unpacedItRelaysAndCountsRequests() throws Exception {
        try (PacedProxy proxy = new PacedProxy(echoing());
             Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            byte[] requests = "GET / HTTP/1.1\r\nHost: x\r\n\r\nPOST /q HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(requests);
            s.shutdownOutput();
            assertArrayEquals(requests, readAll(s));
            assertEquals(2, proxy.requests.get());
            assertEquals(requests.length, proxy.bytesToServer.get());
        }
    }

    @Test
    void closeEndsItsThreads() throws Exception {
        PacedProxy proxy = new PacedProxy(echoing(), PacedProxy.Link.MBIT100_20MS);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.getOutputStream().write('x');
        assertEquals('x', s.getInputStream().read());
        proxy.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("paced-proxy"))) {
            assertTrue(System.nanoTime() < deadline, "proxy threads still running after close");
            Thread.sleep(5);
        }
        assertEquals(-1, s.getInputStream().read());
        s.close();
    }
}
