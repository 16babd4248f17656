package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing run twice, against the local server: the driver reaches it through an HTTP proxy (its own proxy_host
 * setting) that passes the request on and then loses the answer of the first request carrying a marker. A write is
 * stored once and reported as an error; a read is sent again; a TD job is issued once and found by its domain_key.
 * Also: TLS (the default) to the local server's plain-HTTP port is named as such, quickly.
 */
@ExtendWith(LocalServerExtension.class)
class AtMostOnceDriverTest {

    /**
     * A forward proxy for plain http: reads the first request's head to learn the target, then pipes bytes both
     * ways. Once the client has sent {@code marker} (the first time only), the answer is thrown away and both
     * connections are closed: the server did the work, the client never hears of it.
     */
    static final class AnswerLosingProxy implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final byte[] marker;
        private final AtomicBoolean lostOne = new AtomicBoolean();
        final AtomicInteger markersSeen = new AtomicInteger();
        final List<String> requestLines = new CopyOnWriteArrayList<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        AnswerLosingProxy(String marker) throws IOException {
            this.marker = marker.getBytes(StandardCharsets.UTF_8);
            Thread t = new Thread(this::accept, "answer-losing-proxy");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = socket.accept();
                    sockets.add(client);
                    Thread t = new Thread(() -> serve(client), "answer-losing-proxy-conn");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }

        private void serve(Socket client) {
            try {
                InputStream in = client.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        client.close();
                        return;
                    }
                    head.append((char) b);
                }
                URI target = URI.create(head.substring(0, head.indexOf("\r\n")).split(" ")[1]);
                Socket upstream = new Socket(target.getHost(), target.getPort());
                sockets.add(upstream);
                AtomicBoolean loseAnswer = new AtomicBoolean();
                Thread up = new Thread(() -> forward(head.toString().getBytes(StandardCharsets.ISO_8859_1), in,
                        upstream, loseAnswer, client));
                up.setDaemon(true);
                up.start();
                InputStream answers = upstream.getInputStream();
                OutputStream out = client.getOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = answers.read(buffer)) >= 0) {
                    if (loseAnswer.get()) {
                        client.close();
                        upstream.close();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                client.close();
            } catch (IOException e) {
                // A side went away.
            }
        }

        /** Client to server; notes request lines and arms the loss once the marker went by. */
        private void forward(byte[] firstHead, InputStream in, Socket upstream, AtomicBoolean loseAnswer,
                             Socket client) {
            byte[] window = new byte[0];
            try {
                OutputStream out = upstream.getOutputStream();
                byte[] buffer = new byte[8192];
                byte[] chunk = firstHead;
                int n = firstHead.length;
                while (true) {
                    String text = new String(chunk, 0, n, StandardCharsets.ISO_8859_1);
                    for (String line : text.split("\r\n")) {
                        if (line.matches("(GET|POST) \\S+ HTTP/1\\.1")) {
                            requestLines.add(line);
                        }
                    }
                    byte[] joined = new byte[window.length + n];
                    System.arraycopy(window, 0, joined, 0, window.length);
                    System.arraycopy(chunk, 0, joined, window.length, n);
                    if (indexOf(joined, marker) >= 0) {
                        markersSeen.incrementAndGet();
                        if (lostOne.compareAndSet(false, true)) {
                            loseAnswer.set(true);
                        }
                    }
                    window = java.util.Arrays.copyOfRange(joined, Math.max(0, joined.length - marker.length),
                            joined.length);
                    out.write(chunk, 0, n);
                    out.flush();
                    chunk = buffer;
                    n = in.read(buffer);
                    if (n < 0) {
                        upstream.close();
                        return;
                    }
                }
            } catch (IOException e) {
                try {
                    client.close();
                } catch (IOException ignored) {
                    // Closing anyway.
                }
            }
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            outer:
            for (int i = 0; i + pattern.length <= data.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        long count(String requestLinePrefix) {
            return requestLines.stream().filter(l -> l.contains(requestLinePrefix)).count();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private static Properties through(AnswerLosingProxy proxy, Properties p) {
        p.setProperty("proxy_host", "127.0.0.1");
        p.setProperty("proxy_port", String.valueOf(proxy.port()));
        p.setProperty("retry_backoff_ms", "1");
        return p;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    @Test
    void aFireboltInsertWhoseAnswerIsLostIsStoredOnce(LocalServer server) throws Exception {
        String table = "at_most_once_" + System.nanoTime();
        try (AnswerLosingProxy proxy = new AnswerLosingProxy("INSERT INTO " + table);
             Connection c = DriverManager.getConnection(server.fireboltJdbcUrl(),
                     through(proxy, FireboltIt.props(server)))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DIMENSION TABLE " + table + " (id INT)");
                SQLException e = assertThrows(SQLException.class,
                        () -> s.execute("INSERT INTO " + table + " VALUES (1)"));
                assertEquals("08S01", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().contains("may have been carried out"), e.getMessage());
            }
            assertEquals(1, proxy.markersSeen.get(), "the INSERT was sent once");
            assertEquals(1, count(c, "SELECT count(*) FROM " + table), "and stored once");
        }
    }

    @Test
    void aFireboltSelectWhoseAnswerIsLostIsSentAgain(LocalServer server) throws Exception {
        try (AnswerLosingProxy proxy = new AnswerLosingProxy("SELECT 42 AS lost_once");
             Connection c = DriverManager.getConnection(server.fireboltJdbcUrl(),
                     through(proxy, FireboltIt.props(server)))) {
            assertEquals(42, count(c, "SELECT 42 AS lost_once"));
            assertEquals(2, proxy.markersSeen.get(), "sent again after the lost answer");
        }
    }

    @Test
    void aTdJobWhoseIssueAnswerIsLostIsFoundByItsDomainKey(LocalServer server) throws Exception {
        Properties p = new Properties();
        p.setProperty("apikey", server.demoApiKey());
        p.setProperty("type", "presto");
        p.setProperty("poll_initial_ms", "5");
        try (AnswerLosingProxy proxy = new AnswerLosingProxy("/v3/job/issue/");
             Connection c = DriverManager.getConnection(server.tdJdbcUrl(), through(proxy, p))) {
            assertEquals(2000, count(c, "SELECT count(*) FROM www_access"));
            assertEquals(1, proxy.count("/v3/job/issue/"), proxy.requestLines.toString());
            assertEquals(1, proxy.count("/v3/job/status_by_domain_key/"), proxy.requestLines.toString());
        }
    }

    @Test
    void tlsToThePlainHttpPortIsNamedAtOnce(LocalServer server) {
        long t0 = System.nanoTime();
        SQLException firebolt = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                server.fireboltJdbcUrl().replace("ssl=false", "ssl=true") + "&connect_timeout=2&retries=3",
                FireboltIt.props(server)));
        assertTrue(firebolt.getMessage().contains("answered in plain HTTP, not TLS: use ssl=false"),
                firebolt.getMessage());
        assertEquals("08001", firebolt.getSQLState());
        Properties p = new Properties();
        p.setProperty("apikey", server.demoApiKey());
        SQLException td = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                server.tdJdbcUrl().replace("useSSL=false", "useSSL=true") + ";connect_timeout=2;retries=3", p));
        assertTrue(td.getMessage().contains("answered in plain HTTP, not TLS: use useSSL=false"), td.getMessage());
        assertFalse(td.getMessage().contains("attempts"), "not retried: " + td.getMessage());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "bounded by connect_timeout, not minutes");
    }
}
