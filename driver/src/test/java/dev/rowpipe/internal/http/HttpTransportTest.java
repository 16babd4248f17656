package dev.rowpipe.internal.http;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpTransportTest {
    private MockWebServer server;
    private HttpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        server.close();
    }

    private HttpTransport transport(int retries, int backoffMillis) {
        transport = new HttpTransport(new TransportConfig(5, 10, retries, backoffMillis, "rowpipe-test/1"));
        return transport;
    }

    private static HttpRequestSpec get(URI uri, HttpRequestSpec.RetryMode mode) {
        return new HttpRequestSpec("GET", uri, List.of(Map.entry("Authorization", "Bearer t0ken")), null, null,
                mode, "Test request");
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("status " + code).build();
    }

    @Test
    void retries503ThenReturns200() throws Exception {
        server.enqueue(status(503));
        server.enqueue(status(503));
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        HttpRequestSpec spec = new HttpRequestSpec("POST", server.url("/query?db=x").uri(),
                List.of(Map.entry("Authorization", "Bearer t0ken")), "SELECT 1".getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=utf-8", HttpRequestSpec.RetryMode.IDEMPOTENT, "Test query");
        try (HttpResponseStream r = transport(3, 1).send(spec, new RequestHandle())) {
            assertEquals(200, r.status());
            assertEquals("ok", r.readText());
        }
        assertEquals(3, server.getRequestCount());
        for (int i = 0; i < 3; i++) {
            RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
            assertEquals("POST", req.getMethod());
            assertEquals("/query?db=x", req.getTarget());
            assertEquals("Bearer t0ken", req.getHeaders().get("Authorization"));
            assertEquals("rowpipe-test/1", req.getHeaders().get("User-Agent"));
            assertEquals("text/plain; charset=utf-8", req.getHeaders().get("Content-Type"));
            assertEquals("SELECT 1", req.getBody().utf8());
        }
    }

    @Test
    void honoursRetryAfterZero() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
        server.enqueue(status(200));
        long t0 = System.nanoTime();
        // A 60 s backoff would show if Retry-After were ignored.
        try (HttpResponseStream r = transport(1, 60_000).send(get(server.url("/a").uri(),
                HttpRequestSpec.RetryMode.IDEMPOTENT), new RequestHandle())) {
            assertEquals(200, r.status());
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
        assertEquals(2, server.getRequestCount());
        assertEquals(0, HttpTransport.retryAfter("0", 500));
        assertEquals(7000, HttpTransport.retryAfter(" 7 ", 500));
        assertEquals(60_000, HttpTransport.retryAfter("3600", 500));
        assertEquals(500, HttpTransport.retryAfter("-1", 500));
        assertEquals(500, HttpTransport.retryAfter("soon", 500));
        assertEquals(500, HttpTransport.retryAfter(null, 500));
        // The HTTP-date form: the time left until then, none for a date past, capped like seconds.
        java.time.Instant now = java.time.Instant.parse("2015-10-21T07:27:50Z");
        assertEquals(10_000, HttpTransport.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 500, now));
        assertEquals(0, HttpTransport.retryAfter("Wed, 21 Oct 2015 07:20:00 GMT", 500, now));
        assertEquals(60_000, HttpTransport.retryAfter("Thu, 22 Oct 2015 07:28:00 GMT", 500, now));
    }

    @Test
    void retriesAreBoundedAndTheLastResponseIsReturned() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.enqueue(status(503));
        }
        try (HttpResponseStream r = transport(2, 1).send(get(server.url("/a").uri(),
                HttpRequestSpec.RetryMode.IDEMPOTENT), new RequestHandle())) {
            assertEquals(503, r.status());
            assertFalse(r.isSuccess());
            assertEquals("status 503", r.readText());
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void notIdempotentIsRetriedOnlyOnAnswersThatSayItWasNotDone() throws Exception {
        HttpTransport t = transport(3, 1);
        URI uri = server.url("/issue").uri();
        for (int code : new int[] {500, 502, 504}) {
            server.enqueue(status(code));
            int before = server.getRequestCount();
            try (HttpResponseStream r = t.send(get(uri, HttpRequestSpec.RetryMode.NOT_IDEMPOTENT),
                    new RequestHandle())) {
                assertEquals(code, r.status());
            }
            assertEquals(before + 1, server.getRequestCount(), "no retry on " + code);
        }
        for (int code : new int[] {408, 429, 503}) {
            server.enqueue(status(code));
            server.enqueue(status(200));
            int before = server.getRequestCount();
            try (HttpResponseStream r = t.send(get(uri, HttpRequestSpec.RetryMode.NOT_IDEMPOTENT),
                    new RequestHandle())) {
                assertEquals(200, r.status());
            }
            assertEquals(before + 2, server.getRequestCount(), "retried after " + code);
        }
        server.enqueue(status(503));
        int before = server.getRequestCount();
        try (HttpResponseStream r = t.send(get(uri, HttpRequestSpec.RetryMode.NEVER), new RequestHandle())) {
            assertEquals(503, r.status());
        }
        assertEquals(before + 1, server.getRequestCount());
    }

    private static final MockResponse ANSWER_LOST = new MockResponse.Builder()
            .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)).build();

    @Test
    void anExchangeThatBrokeAfterTheRequestIsResentOnlyWhenThatIsHarmless() throws Exception {
        HttpTransport t = transport(3, 1);
        URI uri = server.url("/insert").uri();
        server.enqueue(ANSWER_LOST);
        HttpFailure failure = assertThrows(HttpFailure.class,
                () -> t.send(get(uri, HttpRequestSpec.RetryMode.NOT_IDEMPOTENT), new RequestHandle()));
        assertEquals(HttpFailure.Kind.BROKEN, failure.kind());
        assertEquals("08S01", failure.toSqlException().getSQLState());
        assertEquals(1, server.getRequestCount(), "the server got it once: never sent again");

        server.enqueue(ANSWER_LOST);
        server.enqueue(status(200));
        try (HttpResponseStream r = t.send(get(uri, HttpRequestSpec.RetryMode.IDEMPOTENT), new RequestHandle())) {
            assertEquals(200, r.status());
        }
        assertEquals(3, server.getRequestCount(), "a read is sent again");
    }

    @Test
    void aKeepAliveConnectionTheServerClosedIsReplacedBeforeTheNextRequest() throws Exception {
        HttpTransport t = transport(0, 1);
        URI uri = server.url("/a").uri();
        // The server closes the connection after its answer, as an idle timeout or a proxy between statements does.
        server.enqueue(new MockResponse.Builder().code(200).body("one")
                .onResponseEnd(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)).build());
        server.enqueue(status(200));
        try (HttpResponseStream r = t.send(get(uri, HttpRequestSpec.RetryMode.NOT_IDEMPOTENT), new RequestHandle())) {
            assertEquals("one", r.readText());
        }
        // Idle for longer than the validation interval: the pool finds it closed and connects again.
        Thread.sleep(HttpTransport.VALIDATE_AFTER_INACTIVITY.toMilliseconds() + 200);
        try (HttpResponseStream r = t.send(get(uri, HttpRequestSpec.RetryMode.NOT_IDEMPOTENT), new RequestHandle())) {
            assertEquals(200, r.status(), "no retries allowed, so this proves no stale connection was used");
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void failuresThatWouldRepeatAreNotRetried() throws Exception {
        URI unknown = URI.create("http://no-such-host.invalid/x");
        HttpFailure failure = assertThrows(HttpFailure.class,
                () -> transport(3, 1).send(get(unknown, HttpRequestSpec.RetryMode.IDEMPOTENT), new RequestHandle()));
        assertEquals(HttpFailure.Kind.UNREACHABLE, failure.kind());
        assertFalse(failure.getMessage().contains("attempts"), failure.getMessage());
        assertTrue(RetryPolicy.repeats(new java.net.SocketTimeoutException("Read timed out")));
        assertFalse(RetryPolicy.repeats(new org.apache.hc.client5.http.ConnectTimeoutException("connect")));
        assertTrue(RetryPolicy.repeats(new javax.net.ssl.SSLHandshakeException("PKIX path building failed")));
        assertFalse(RetryPolicy.repeats(new TlsHandshakeFailure(TlsHandshakeFailure.Reason.CLOSED, "cut", null)));
        assertTrue(RetryPolicy.repeats(new TlsHandshakeFailure(TlsHandshakeFailure.Reason.UNTRUSTED_CERTIFICATE,
                "untrusted", null)));
        assertTrue(RetryPolicy.retryFailure(HttpRequestSpec.RetryMode.NOT_IDEMPOTENT,
                new java.net.ConnectException("Connection refused")));
        assertFalse(RetryPolicy.retryFailure(HttpRequestSpec.RetryMode.NOT_IDEMPOTENT,
                new org.apache.hc.core5.http.NoHttpResponseException("The target server failed to respond")));
        assertTrue(RetryPolicy.retryFailure(HttpRequestSpec.RetryMode.IDEMPOTENT,
                new org.apache.hc.core5.http.NoHttpResponseException("The target server failed to respond")));
        assertFalse(RetryPolicy.retryFailure(HttpRequestSpec.RetryMode.NEVER,
                new java.net.ConnectException("Connection refused")));
    }

    @Test
    void connectionRefusedIs08001AfterRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/login?secret=no");
        HttpFailure failure = assertThrows(HttpFailure.class,
                () -> transport(2, 1).send(get(uri, HttpRequestSpec.RetryMode.NOT_IDEMPOTENT), new RequestHandle()));
        assertEquals(HttpFailure.Kind.UNREACHABLE, failure.kind());
        assertTrue(failure.neverReachedServer());
        SQLException e = assertInstanceOf(java.sql.SQLNonTransientConnectionException.class, failure.toSqlException());
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("http://127.0.0.1:" + port + "/login"), e.getMessage());
        assertFalse(e.getMessage().contains("secret=no"), e.getMessage());
    }

    /** A server that answers one request by hand, so a test controls every byte and sees the socket close. */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0);
        final CountDownLatch requestRead = new CountDownLatch(1);
        final CountDownLatch clientClosed = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        RawServer(byte[] responseHead, int bodyBytes) throws IOException {
            thread = new Thread(() -> {
                try (Socket s = socket.accept()) {
                    InputStream in = s.getInputStream();
                    readHead(in);
                    requestRead.countDown();
                    OutputStream out = s.getOutputStream();
                    if (responseHead != null) {
                        out.write(responseHead);
                        out.write(new byte[bodyBytes]);
                        out.flush();
                    }
                    // Waits for the client to go away: read gives -1 (FIN) or fails (RST).
                    try {
                        while (in.read() >= 0) {
                            // Ignore anything else the client sends.
                        }
                    } catch (IOException closed) {
                        // Reset by the client: closed too.
                    }
                    clientClosed.countDown();
                } catch (IOException e) {
                    failure.set(e);
                }
            }, "raw-server");
            thread.setDaemon(true);
            thread.start();
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("client closed before the request ended");
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/big");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void closingAnUnreadLargeBodyDoesNotReadIt() throws Exception {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\nContent-Type: application/octet-stream"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RawServer raw = new RawServer(head, 64 * 1024)) {
            HttpResponseStream r = transport(0, 1).send(get(raw.uri(), HttpRequestSpec.RetryMode.NEVER),
                    new RequestHandle());
            assertEquals(200, r.status());
            assertEquals(1000, r.body().readNBytes(1000).length);
            long t0 = System.nanoTime();
            r.close();
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "close did not drain");
            assertTrue(raw.clientClosed.await(5, TimeUnit.SECONDS), "the server saw the connection close");
            assertTrue(r.awaitReleased(5, TimeUnit.SECONDS));
            assertFalse(r.drained(), "at most " + HttpResponseStream.DRAIN_MAX_BYTES + " bytes are read, not the body");
        }
    }

    @Test
    void closingWithASmallRestUnreadKeepsTheConnectionForTheNextRequest() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(5000)).build());
        server.enqueue(new MockResponse.Builder().code(200).body("second").build());
        HttpTransport t = transport(0, 1);
        HttpResponseStream first = t.send(get(server.url("/first").uri(), HttpRequestSpec.RetryMode.NEVER),
                new RequestHandle());
        assertEquals(10, first.body().readNBytes(10).length);
        long t0 = System.nanoTime();
        first.close();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "close returns at once");
        assertTrue(first.awaitReleased(5, TimeUnit.SECONDS));
        assertTrue(first.drained(), "the small rest was read in the background");
        HttpResponseStream second = t.send(get(server.url("/second").uri(), HttpRequestSpec.RetryMode.NEVER),
                new RequestHandle());
        assertEquals("second", second.readText());
        RecordedRequest a = server.takeRequest();
        RecordedRequest b = server.takeRequest();
        assertEquals(a.getConnectionIndex(), b.getConnectionIndex(), "the second request reused the connection");
        assertEquals(1, b.getExchangeIndex());
    }

    @Test
    void abortCutsTheConnectionWithoutReadingTheRest() throws Exception {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\nContent-Type: application/octet-stream"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RawServer raw = new RawServer(head, 1000)) {
            HttpResponseStream r = transport(0, 1).send(get(raw.uri(), HttpRequestSpec.RetryMode.NEVER),
                    new RequestHandle());
            assertEquals(10, r.body().readNBytes(10).length);
            r.abort();
            assertTrue(r.awaitReleased(5, TimeUnit.SECONDS));
            assertFalse(r.drained());
            assertTrue(raw.clientClosed.await(5, TimeUnit.SECONDS), "the server saw the connection close");
            r.close(); // after abort: nothing more happens
        }
    }

    @Test
    void aRestThatStallsIsCutOffAfterTheDrainTime() throws Exception {
        // 1000 of 2000 announced bytes arrive, then nothing: the drain gives up and aborts.
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\nContent-Type: application/octet-stream"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RawServer raw = new RawServer(head, 1000)) {
            HttpResponseStream r = transport(0, 1).send(get(raw.uri(), HttpRequestSpec.RetryMode.NEVER),
                    new RequestHandle());
            assertEquals(10, r.body().readNBytes(10).length);
            long t0 = System.nanoTime();
            r.close();
            assertTrue(r.awaitReleased(HttpResponseStream.DRAIN_MAX_MILLIS + 5000, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(HttpResponseStream.DRAIN_MAX_MILLIS)
                    - TimeUnit.MILLISECONDS.toNanos(50), "waited for the rest up to the drain time");
            assertFalse(r.drained());
            assertTrue(raw.clientClosed.await(5, TimeUnit.SECONDS), "the server saw the connection close");
        }
    }

    @Test
    void cancelOfAHandleAbortsItsBodyWithoutDraining() throws Exception {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\nContent-Type: application/octet-stream"
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (RawServer raw = new RawServer(head, 1000)) {
            RequestHandle handle = new RequestHandle();
            HttpResponseStream r = transport(0, 1).send(get(raw.uri(), HttpRequestSpec.RetryMode.NEVER), handle);
            handle.attachBody(r);
            assertEquals(10, r.body().readNBytes(10).length);
            long t0 = System.nanoTime();
            handle.cancel();
            assertTrue(r.awaitReleased(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(HttpResponseStream.DRAIN_MAX_MILLIS),
                    "no drain wait on cancel");
            assertTrue(raw.clientClosed.await(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void cancelAbortsARequestWaitingForHeaders() throws Exception {
        try (RawServer raw = new RawServer(null, 0)) {
            RequestHandle handle = new RequestHandle();
            HttpTransport t = transport(3, 1);
            CompletableFuture<HttpResponseStream> sending = CompletableFuture.supplyAsync(() -> {
                try {
                    return t.send(get(raw.uri(), HttpRequestSpec.RetryMode.IDEMPOTENT), handle);
                } catch (HttpFailure e) {
                    throw new CompletionException(e);
                }
            });
            assertTrue(raw.requestRead.await(5, TimeUnit.SECONDS));
            handle.cancel();
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> sending.get(5, TimeUnit.SECONDS));
            HttpFailure e = assertInstanceOf(HttpFailure.class, failure.getCause());
            assertEquals(HttpFailure.Kind.CANCELLED, e.kind());
            assertEquals("HY008", e.toSqlException().getSQLState());
            assertTrue(raw.clientClosed.await(5, TimeUnit.SECONDS));
            // Cancelled stays cancelled: the next request with this handle fails at once.
            HttpFailure again = assertThrows(HttpFailure.class,
                    () -> t.send(get(raw.uri(), HttpRequestSpec.RetryMode.IDEMPOTENT), handle));
            assertEquals("HY008", again.toSqlException().getSQLState());
        }
    }

    @Test
    void cancelWakesABackoffSleep() throws Exception {
        server.enqueue(status(503));
        RequestHandle handle = new RequestHandle();
        HttpTransport t = transport(3, 60_000);
        AtomicReference<Thread> sender = new AtomicReference<>();
        CompletableFuture<HttpResponseStream> sending = CompletableFuture.supplyAsync(() -> {
            sender.set(Thread.currentThread());
            try {
                return t.send(get(server.url("/a").uri(), HttpRequestSpec.RetryMode.IDEMPOTENT), handle);
            } catch (HttpFailure e) {
                throw new CompletionException(e);
            }
        });
        assertTrue(server.takeRequest(5, TimeUnit.SECONDS) != null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sender.get() == null || sender.get().getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "sender never started its backoff sleep");
            Thread.onSpinWait();
        }
        long t0 = System.nanoTime();
        handle.cancel();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> sending.get(5, TimeUnit.SECONDS));
        assertEquals("HY008", assertInstanceOf(HttpFailure.class, failure.getCause()).toSqlException().getSQLState());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void handleSleep() throws InterruptedException {
        RequestHandle h = new RequestHandle();
        assertTrue(h.sleep(0));
        assertTrue(h.sleep(1));
        h.cancel();
        assertTrue(h.isCancelled());
        assertFalse(h.sleep(60_000));
    }
}
