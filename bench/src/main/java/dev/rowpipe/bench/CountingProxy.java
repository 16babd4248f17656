package dev.rowpipe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy that counts HTTP/1.1 requests passing through it (request lines end with
 * {@code " HTTP/1.1\r\n"}), so a benchmark can tell how many requests one statement costs without the server's
 * help.
 */
final class CountingProxy implements AutoCloseable {
    private static final byte[] MARK = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private final ServerSocket server;
    private final int target;
    final AtomicLong requests = new AtomicLong();

    CountingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "counting-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pipe(client.getInputStream(), upstream.getOutputStream(), true, client, upstream);
                pipe(upstream.getInputStream(), client.getOutputStream(), false, client, upstream);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(InputStream in, OutputStream out, boolean count, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            int matched = 0;
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (count) {
                        for (int i = 0; i < n; i++) {
                            matched = buf[i] == MARK[matched] ? matched + 1 : buf[i] == MARK[0] ? 1 : 0;
                            if (matched == MARK.length) {
                                requests.incrementAndGet();
                                matched = 0;
                            }
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection closed
            } finally {
                try {
                    a.close();
                    b.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }, "counting-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
