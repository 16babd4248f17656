package dev.rowpipe.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A response is complete or an error: a head cut anywhere after its first byte is a broken exchange (HttpCore alone
 * takes the end of the stream there for the end of the headers, which made a cut result an empty 200), and a body
 * tells whether HTTP framing shows its end.
 */
class ResponseCompletenessTest {
    private static final String FULL = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";

    /** Answers each connection with the next scripted bytes, then closes it. */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0);
        final BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
        final AtomicInteger connections = new AtomicInteger();

        ScriptedServer(String... scripted) throws IOException {
            for (String a : scripted) {
                answers.add(a.getBytes(StandardCharsets.ISO_8859_1));
            }
            Thread t = new Thread(this::serve, "scripted-http");
            t.setDaemon(true);
            t.start();
        }

        private void serve() {
            while (true) {
                try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    readHead(s.getInputStream());
                    byte[] answer = answers.poll();
                    OutputStream out = s.getOutputStream();
                    if (answer != null) {
                        out.write(answer);
                        out.flush();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/result");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private HttpTransport transport;

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private HttpResponseStream send(ScriptedServer server, HttpRequestSpec.RetryMode mode) throws HttpFailure {
        transport = new HttpTransport(new TransportConfig(5, 10, 2, 1, "rowpipe-test/1"));
        return transport.send(new HttpRequestSpec("GET", server.uri(), List.of(Map.entry("Accept", "*/*")), null,
                null, mode, "Test result"), new RequestHandle());
    }

    @Test
    void everyCutInsideTheHeadIsABrokenExchange() throws Exception {
        int headEnd = FULL.indexOf("\r\n\r\n") + 4;
        // From the status line's first byte to the blank line's last: none of these may pass as a response.
        for (int cut = 1; cut < headEnd; cut++) {
            try (ScriptedServer server = new ScriptedServer(FULL.substring(0, cut))) {
                int at = cut;
                HttpFailure e = assertThrows(HttpFailure.class, () -> send(server, HttpRequestSpec.RetryMode.NEVER),
                        () -> "a head cut after " + at + " bytes was taken as a response");
                assertEquals(HttpFailure.Kind.BROKEN, e.kind(), e.getMessage());
            } finally {
                close();
            }
        }
    }

    @Test
    void aHeadCutAfterTheStatusLineNamesTheCut() throws Exception {
        try (ScriptedServer server = new ScriptedServer("HTTP/1.1 200 OK\r\nContent-Type: text/pl")) {
            HttpFailure e = assertThrows(HttpFailure.class,
                    () -> send(server, HttpRequestSpec.RetryMode.NOT_IDEMPOTENT));
            assertEquals(HttpFailure.Kind.BROKEN, e.kind());
            assertTrue(e.getMessage().contains("it may have been carried out, so it was not sent again"),
                    e.getMessage());
            assertTrue(String.valueOf(e.getCause()).contains("response head was cut off"), String.valueOf(e.getCause()));
            assertEquals(1, server.connections.get());
        }
    }

    @Test
    void aHarmlessRequestWhoseHeadWasCutIsSentAgain() throws Exception {
        try (ScriptedServer server = new ScriptedServer("HTTP/1.1 200 OK\r\nContent-Le", FULL)) {
            try (HttpResponseStream response = send(server, HttpRequestSpec.RetryMode.IDEMPOTENT)) {
                assertEquals("hello", response.readText());
            }
            assertEquals(2, server.connections.get());
        }
    }

    @Test
    void aBodyCutShortOfItsContentLengthFailsTheRead() throws Exception {
        try (ScriptedServer server = new ScriptedServer(FULL.substring(0, FULL.length() - 2))) {
            try (HttpResponseStream response = send(server, HttpRequestSpec.RetryMode.NEVER)) {
                assertTrue(response.framed());
                assertThrows(IOException.class, () -> response.body().readAllBytes());
            }
        }
    }

    @Test
    void aChunkedBodyWithoutItsLastChunkFailsTheRead() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        try (ScriptedServer server = new ScriptedServer(head + "5\r\nhello\r\n")) {
            try (HttpResponseStream response = send(server, HttpRequestSpec.RetryMode.NEVER)) {
                assertTrue(response.framed());
                assertThrows(IOException.class, () -> response.body().readAllBytes());
            }
        }
        try (ScriptedServer server = new ScriptedServer(head + "5\r\nhello\r\n0\r\n\r\n")) {
            try (HttpResponseStream response = send(server, HttpRequestSpec.RetryMode.NEVER)) {
                assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), response.body().readAllBytes());
            }
        }
    }

    @Test
    void aBodyThatEndsWithTheConnectionIsNotFramed() throws Exception {
        try (ScriptedServer server = new ScriptedServer("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhel")) {
            try (HttpResponseStream response = send(server, HttpRequestSpec.RetryMode.NEVER)) {
                assertFalse(response.framed());
                assertEquals("hel", response.readText());
            }
        }
        try (ScriptedServer server = new ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            try (HttpResponseStream response = send(server, HttpRequestSpec.RetryMode.NEVER)) {
                assertTrue(response.framed());
                assertEquals("", response.readText());
            }
        }
    }
}
