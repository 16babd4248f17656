package dev.rowpipe.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.ParsedUrl;
import dev.rowpipe.internal.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TLS and proxies against local endpoints: an HTTPS MockWebServer with the checked-in test CA
 * ({@code src/test/resources/dev/rowpipe/internal/http/tls}, made by its {@code generate.sh}), and a small CONNECT
 * proxy that asks for Basic credentials.
 */
class HttpTlsTest {
    private static final ConnectionProperty<Boolean> SSL = ConnectionProperty.bool("ssl", "test switch", true);
    private static final List<ConnectionProperty<?>> KNOWN;

    static {
        List<ConnectionProperty<?>> known = new ArrayList<>(CommonProperties.ALL);
        known.add(SSL);
        KNOWN = List.copyOf(known);
    }

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    static Path fixture(String name) throws Exception {
        return Path.of(HttpTlsTest.class.getResource("tls/" + name).toURI());
    }

    private static KeyStore load(String name, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = HttpTlsTest.class.getResourceAsStream("tls/" + name)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** An HTTPS server presenting {@code keyStore}; with {@code clientCa}, it requires a client certificate. */
    private MockWebServer https(String keyStore, boolean requireClientCertificate) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, "server-pass"), "server-pass".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("truststore.p12", "trust-pass"));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        MockWebServer server = new MockWebServer();
        server.useHttps(context.getSocketFactory());
        if (requireClientCertificate) {
            server.requireClientAuth();
        }
        server.start();
        open.add(server);
        return server;
    }

    private static Settings settings(String... pairs) throws SQLException {
        Properties info = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            info.setProperty(pairs[i], pairs[i + 1]);
        }
        return Settings.build(new ParsedUrl("test", "localhost", -1, "db", List.of()), info, KNOWN);
    }

    private HttpTransport transport(String... pairs) throws Exception {
        List<String> all = new ArrayList<>(List.of(pairs));
        if (!all.contains("connect_timeout")) {
            all.addAll(List.of("connect_timeout", "5"));
        }
        all.addAll(List.of("retry_backoff_ms", "1"));
        HttpTransport transport = new HttpTransport(TransportConfig.from(settings(all.toArray(String[]::new)),
                "rowpipe-test/1", SSL));
        open.add(transport);
        return transport;
    }

    private static HttpRequestSpec get(URI uri) {
        return new HttpRequestSpec("GET", uri, List.of(Map.entry("Authorization", "Bearer t0ken")), null, null,
                HttpRequestSpec.RetryMode.IDEMPOTENT, "Test request");
    }

    private static int status(HttpTransport transport, URI uri) throws Exception {
        try (HttpResponseStream r = transport.send(get(uri), new RequestHandle())) {
            return r.status();
        }
    }

    private static HttpFailure failure(HttpTransport transport, URI uri) {
        return assertThrows(HttpFailure.class, () -> transport.send(get(uri), new RequestHandle()));
    }

    private static URI localhost(MockWebServer server) {
        return URI.create("https://localhost:" + server.getPort() + "/x");
    }

    @Test
    void aPemCaFileVerifiesTheServer() throws Exception {
        MockWebServer server = https("server.p12", false);
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        HttpTransport t = transport("ssl_certificate_path", fixture("ca.pem").toString());
        assertEquals(200, status(t, localhost(server)));
        assertEquals("Bearer t0ken", server.takeRequest().getHeaders().get("Authorization"));
    }

    @Test
    void aTrustStoreVerifiesTheServer() throws Exception {
        MockWebServer server = https("server.p12", false);
        server.enqueue(new MockResponse.Builder().code(200).build());
        HttpTransport t = transport("ssl_trust_store", fixture("truststore.p12").toString(),
                "ssl_trust_store_password", "trust-pass", "ssl_trust_store_type", "pkcs12");
        assertEquals(200, status(t, URI.create("https://127.0.0.1:" + server.getPort() + "/x")));
    }

    @Test
    void anUnknownAuthorityFailsOnceWithAClearMessage() throws Exception {
        MockWebServer server = https("server.p12", false);
        HttpTransport t = transport("retries", "3", "ssl_trust", "jdk");
        HttpFailure e = failure(t, localhost(server));
        assertEquals(HttpFailure.Kind.TLS_FAILED, e.kind());
        assertTrue(e.neverReachedServer());
        assertEquals("08001", e.toSqlException().getSQLState());
        assertTrue(e.getMessage().contains("not signed by an authority this connection trusts (the Java runtime's "
                + "default trust store)"), e.getMessage());
        assertTrue(e.getMessage().contains("ssl_certificate_path"), e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), "not retried: " + e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aCertificateForAnotherHostIsRejected() throws Exception {
        MockWebServer server = https("wrong-host.p12", false);
        HttpTransport t = transport("ssl_certificate_path", fixture("ca.pem").toString());
        HttpFailure e = failure(t, localhost(server));
        assertEquals(HttpFailure.Kind.TLS_FAILED, e.kind());
        assertTrue(e.getMessage().contains("does not name the host 'localhost'"), e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), e.getMessage());
    }

    @Test
    void sslModeNoneChecksNothingAndWarnsOncePerConnection() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(TlsMaterial.class.getName());
        logger.addHandler(handler);
        try {
            MockWebServer server = https("wrong-host.p12", false);
            server.enqueue(new MockResponse.Builder().code(200).build());
            server.enqueue(new MockResponse.Builder().code(200).build());
            HttpTransport t = transport("sslmode", "NONE");
            assertEquals(200, status(t, localhost(server)));
            assertEquals(200, status(t, localhost(server)));
            assertEquals(1, warnings.size(), "one warning for the connection, not per request");
            assertTrue(warnings.get(0).getMessage().contains("ssl_mode=none"), warnings.get(0).getMessage());
            transport("ssl_mode", "none", "ssl", "false");
            assertEquals(1, warnings.size(), "no warning when TLS is off anyway");
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void aClientCertificateIsPresentedWhenTheServerRequiresOne() throws Exception {
        MockWebServer server = https("server.p12", true);
        server.enqueue(new MockResponse.Builder().code(200).build());
        HttpTransport without = transport("ssl_certificate_path", fixture("ca.pem").toString(), "retries", "3");
        HttpFailure e = failure(without, localhost(server));
        assertEquals(HttpFailure.Kind.TLS_FAILED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("requires a client certificate"), e.getMessage());
        assertTrue(e.getMessage().contains("ssl_key_store"), e.getMessage());
        // TLS 1.3 rejects the certificate after the client's side of the handshake: the first attempt may look
        // like a connection the server cut, which a read may try once more; the rejection itself is not retried.
        assertFalse(e.getMessage().contains("after 4 attempts"), e.getMessage());

        HttpTransport with = transport("ssl_certificate_path", fixture("ca.pem").toString(),
                "ssl_key_store", fixture("client.p12").toString(), "ssl_key_store_password", "client-pass");
        assertEquals(200, status(with, localhost(server)));
    }

    @Test
    void badTlsMaterialFailsTheConnectionNamingThePropertyNeverThePassword() throws Exception {
        String ca = fixture("ca.pem").toString();
        String store = fixture("truststore.p12").toString();
        String client = fixture("client.p12").toString();
        List<List<String>> cases = List.of(
                List.of("ssl_certificate_path", fixture("not-a-certificate.pem").toString()),
                List.of("ssl_certificate_path", "/no/such/ca.pem"),
                List.of("ssl_trust_store", store, "ssl_trust_store_password", "wr0ng-pa55"),
                List.of("ssl_trust_store", ca, "ssl_trust_store_password", "trust-pass"),
                List.of("ssl_trust_store", store, "ssl_trust_store_password", "trust-pass", "ssl_trust_store_type",
                        "NOPE"),
                List.of("ssl_key_store", client, "ssl_key_store_password", "wr0ng-pa55"),
                List.of("ssl_key_store", store, "ssl_key_store_password", "trust-pass"),
                List.of("ssl_certificate_path", ca, "ssl_trust_store", store),
                List.of("ssl_certificate_path", ca, "ssl_trust", "system"),
                List.of("ssl_trust_store_password", "wr0ng-pa55"),
                List.of("proxy_password", "wr0ng-pa55"),
                List.of("proxy_host", "127.0.0.1", "proxy_password", "wr0ng-pa55"));
        List<String> names = List.of("ssl_certificate_path", "ssl_certificate_path", "ssl_trust_store_password",
                "ssl_trust_store", "ssl_trust_store_type", "ssl_key_store_password", "ssl_key_store",
                "ssl_trust_store", "ssl_trust", "ssl_trust_store_password", "proxy_password", "proxy_password");
        for (int i = 0; i < cases.size(); i++) {
            List<String> pairs = cases.get(i);
            SQLException e = assertThrows(SQLException.class,
                    () -> TransportConfig.from(settings(pairs.toArray(String[]::new)), "ua", SSL), pairs.toString());
            assertEquals("08001", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains(names.get(i)), names.get(i) + ": " + e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains("wr0ng-pa55"), t.toString());
                assertFalse(t.toString().contains("trust-pass"), t.toString());
            }
        }
    }

    @Test
    void plainHttpAnsweringTheHandshakeIsNamed() throws Exception {
        // The JDK's own HTTP server (as the local server uses) waits in silence for the end of a "request line".
        com.sun.net.httpserver.HttpServer plain = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        plain.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        plain.setExecutor(threads);
        plain.start();
        open.add(threads::shutdownNow);
        open.add(() -> plain.stop(0));
        HttpTransport t = transport("retries", "3", "connect_timeout", "1");
        long t0 = System.nanoTime();
        HttpFailure e = failure(t, URI.create("https://localhost:" + plain.getAddress().getPort() + "/x"));
        assertEquals(HttpFailure.Kind.TLS_FAILED, e.kind());
        assertTrue(e.getMessage().contains("answered in plain HTTP, not TLS: use ssl=false"), e.getMessage());
        assertFalse(e.getMessage().contains("attempts"), "not retried: " + e.getMessage());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "bounded by the connect timeout");
    }

    @Test
    void aSilentServerBoundsTheHandshakeByTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            HttpTransport t = transport("connect_timeout", "1", "retries", "3");
            long t0 = System.nanoTime();
            HttpFailure e = failure(t, URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/x"));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(HttpFailure.Kind.TLS_FAILED, e.kind());
            assertTrue(e.getMessage().contains("got no answer within 1 s (connect_timeout)"), e.getMessage());
            assertTrue(millis < 8000, "one bounded handshake plus the probe, not retried: " + millis + " ms");
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void httpsGoesThroughAProxyTunnelWithCredentials() throws Exception {
        MockWebServer server = https("server.p12", false);
        server.enqueue(new MockResponse.Builder().code(200).body("through").build());
        ConnectProxy proxy = new ConnectProxy("proxy-user", "proxy-S3cret");
        open.add(proxy);
        // Every HttpClient logger at ALL while the tunnel is made: the proxy password shows nowhere, not even as
        // the Base64 of its Basic credentials.
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            private final java.util.logging.SimpleFormatter format = new java.util.logging.SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                logged.add(format.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger hc = Logger.getLogger("org.apache.hc");
        Level before = hc.getLevel();
        hc.setLevel(Level.ALL);
        hc.addHandler(capture);
        open.add(() -> {
            hc.removeHandler(capture);
            hc.setLevel(before);
        });
        HttpTransport t = transport("ssl_certificate_path", fixture("ca.pem").toString(), "proxy_host",
                "127.0.0.1", "proxy_port", String.valueOf(proxy.port()), "proxy_user", "proxy-user",
                "proxy_password", "proxy-S3cret");
        try (HttpResponseStream r = t.send(get(localhost(server)), new RequestHandle())) {
            assertEquals(200, r.status());
            assertEquals("through", r.readText());
        }
        assertTrue(proxy.connects.contains("CONNECT localhost:" + server.getPort() + " authorized"),
                proxy.connects.toString());
        assertTrue(proxy.connects.stream().anyMatch(c -> c.endsWith("challenged")), "it asked first");
        String basic = Base64.getEncoder().encodeToString("proxy-user:proxy-S3cret".getBytes(StandardCharsets.UTF_8));
        assertTrue(logged.stream().anyMatch(l -> l.contains("Proxy-Authorization: ***")), "the header was logged");
        for (String line : logged) {
            assertFalse(line.contains("proxy-S3cret") || line.contains(basic), line);
        }

        HttpTransport wrong = transport("ssl_certificate_path", fixture("ca.pem").toString(), "proxy_host",
                "127.0.0.1", "proxy_port", String.valueOf(proxy.port()), "proxy_user", "proxy-user",
                "proxy_password", "not-it");
        Exception e = assertThrows(Exception.class, () -> {
            try (HttpResponseStream r = wrong.send(get(localhost(server)), new RequestHandle())) {
                assertEquals(407, r.status());
                throw new IllegalStateException("refused with 407");
            }
        });
        assertFalse(e.getMessage() != null && e.getMessage().contains("not-it"), e.toString());
        assertInstanceOf(Exception.class, e);
    }

    /**
     * An HTTP proxy that answers CONNECT with 407 until it gets the expected Basic credentials, then tunnels the
     * bytes both ways. Records each CONNECT it saw.
     */
    static final class ConnectProxy implements AutoCloseable {
        final List<String> connects = new CopyOnWriteArrayList<>();
        private final ServerSocket socket = new ServerSocket(0);
        private final String expected;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        ConnectProxy(String user, String password) throws IOException {
            this.expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            Thread t = new Thread(this::acceptLoop, "test-connect-proxy");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptLoop() {
            try {
                while (true) {
                    Socket client = socket.accept();
                    sockets.add(client);
                    Thread t = new Thread(() -> serve(client), "test-connect-proxy-conn");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                // Closed by the test.
            }
        }

        private void serve(Socket client) {
            try {
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        client.close();
                        return;
                    }
                    String requestLine = head.substring(0, head.indexOf("\r\n"));
                    String target = requestLine.split(" ")[1];
                    boolean authorized = head.lines().anyMatch(l -> l.equalsIgnoreCase(
                            "Proxy-Authorization: " + expected) || l.equals("Proxy-Authorization: " + expected));
                    connects.add("CONNECT " + target + (authorized ? " authorized" : " challenged"));
                    if (!authorized) {
                        out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic "
                                + "realm=\"test\"\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        continue;
                    }
                    String[] hostPort = target.split(":");
                    Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
                    sockets.add(upstream);
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread up = new Thread(() -> pipe(in, upstream));
                    up.setDaemon(true);
                    up.start();
                    pipe(upstream.getInputStream(), client);
                    return;
                }
            } catch (IOException e) {
                // A side went away.
            }
        }

        private static void pipe(InputStream from, Socket to) {
            try {
                from.transferTo(to.getOutputStream());
            } catch (IOException e) {
                // A side went away.
            } finally {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // Closing anyway.
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.append((char) b);
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
