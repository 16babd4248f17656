package dev.rowpipe.local.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * An HTTP forward proxy (the driver reaches it through its own {@code proxy_host}/{@code proxy_port}) that does to
 * the answer of one chosen request what a bad network does: cuts it after a number of bytes, stalls it, or replaces
 * it with other bytes; it also records answers. Every request goes upstream on a connection of its own, sent with
 * {@code Connection: close}, so the answer ends where the server closes and the proxy needs no HTTP framing of its
 * own; the client's connection carries its next request after an answer relayed whole (the server's framing told
 * the client where it ended), and is closed after a cut or replaced one. A plan applies to the next request whose
 * request line matches the target, once: a retry of it passes untouched.
 */
final class FaultProxy implements AutoCloseable {
    /** What happens to the next targeted answer. */
    record Plan(long cutAt, long stallAt, long stallMillis, byte[] answer) {
        static final Plan PASS = new Plan(-1, -1, 0, null);

        /** Relays the first {@code n} bytes of the answer, then closes both connections. */
        static Plan cut(long n) {
            return new Plan(n, -1, 0, null);
        }

        /** Relays {@code n} bytes, waits {@code millis}, then relays the rest. */
        static Plan stall(long n, long millis) {
            return new Plan(-1, n, millis, null);
        }

        /** Answers with these bytes (status line, headers, body) without asking the server. */
        static Plan answer(byte[] response) {
            return new Plan(-1, -1, 0, response);
        }
    }

    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final Predicate<String> target;
    private final AtomicReference<Plan> next = new AtomicReference<>(Plan.PASS);
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** The last targeted answer as relayed (all of it, whatever the plan did to the client). */
    private volatile byte[] recorded;
    final AtomicInteger targeted = new AtomicInteger();
    /** Every request line seen, in order. */
    final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger recordings = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    /** @param target which request lines ({@code POST http://host:port/path?query HTTP/1.1}) the plans apply to */
    FaultProxy(Predicate<String> target) throws IOException {
        this.target = target;
        Thread t = new Thread(this::accept, "fault-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    void plan(Plan plan) {
        next.set(plan);
    }

    /**
     * The last targeted answer, as the server sent it: waits (polling, 10 s at most) until every targeted request so
     * far has been recorded, since the driver may be done with an answer before the proxy is.
     */
    byte[] recorded() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (recordings.get() < targeted.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the proxy did not finish recording the answer");
            }
            Thread.sleep(1);
        }
        return recorded;
    }

    private void accept() {
        try {
            while (true) {
                Socket client = socket.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // The proxy was closed.
        }
    }

    private void serve(Socket client) {
        try (client) {
            while (serveOne(client)) {
                // The client may send its next request on the same connection.
            }
        } catch (IOException e) {
            // A side went away (the driver gave up, or the plan cut the answer).
        } finally {
            open.remove(client);
        }
    }

    /**
     * Serves one request of the client's connection. Returns true when the answer was relayed whole (its framing
     * tells the client where it ends, so the connection may carry the next request), false when the connection is
     * to be closed: the client closed it, or the plan cut or replaced the answer.
     */
    private boolean serveOne(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        byte[] head = readHead(in);
        if (head == null) {
            return false;
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String requestLine = text.substring(0, text.indexOf("\r\n"));
        byte[] body = in.readNBytes(contentLength(text));
        requests.incrementAndGet();
        requestLines.add(requestLine);
        Plan plan = Plan.PASS;
        if (target.test(requestLine)) {
            targeted.incrementAndGet();
            plan = next.getAndSet(Plan.PASS);
        }
        OutputStream out = client.getOutputStream();
        if (plan.answer() != null) {
            recordings.incrementAndGet(); // nothing to record: the proxy made this answer up
            out.write(plan.answer());
            out.flush();
            return false;
        }
        URI uri = URI.create(requestLine.split(" ")[1]);
        Socket upstream = new Socket(uri.getHost(), uri.getPort());
        open.add(upstream);
        try (upstream) {
            OutputStream up = upstream.getOutputStream();
            up.write(closing(text).getBytes(StandardCharsets.ISO_8859_1));
            up.write(body);
            up.flush();
            return relay(upstream.getInputStream(), out, plan, target.test(requestLine));
        } finally {
            open.remove(upstream);
        }
    }

    /** Relays the answer as the plan says; true when all of it went to the client. */
    private boolean relay(InputStream answer, OutputStream out, Plan plan, boolean record) throws IOException {
        ByteArrayOutputStream copy = record ? new ByteArrayOutputStream() : null;
        byte[] buffer = new byte[8192];
        long sent = 0;
        boolean stalled = false;
        int n;
        try {
            while ((n = answer.read(buffer)) >= 0) {
                if (copy != null) {
                    copy.write(buffer, 0, n);
                }
                int from = 0;
                while (from < n) {
                    long stop = n;
                    if (plan.cutAt() >= 0) {
                        stop = Math.min(stop, from + (plan.cutAt() - sent));
                    }
                    if (plan.stallAt() >= 0 && !stalled) {
                        stop = Math.min(stop, from + (plan.stallAt() - sent));
                    }
                    int len = (int) (stop - from);
                    if (len > 0) {
                        out.write(buffer, from, len);
                        sent += len;
                        from += len;
                    }
                    if (plan.cutAt() >= 0 && sent >= plan.cutAt()) {
                        out.flush();
                        return false; // the caller closes both sides
                    }
                    if (plan.stallAt() >= 0 && !stalled && sent >= plan.stallAt()) {
                        out.flush();
                        stalled = true;
                        sleep(plan.stallMillis());
                    }
                }
                out.flush();
            }
            return true;
        } finally {
            if (copy != null) {
                // Read the rest, so the recording is whole even when the client was cut off.
                try {
                    while ((n = answer.read(buffer)) >= 0) {
                        copy.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // The server went away: the recording is what came.
                }
                recorded = copy.toByteArray();
                recordings.incrementAndGet();
            }
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /**
     * The request head as the server is sent it: its request line in origin form (path and query, as a client talking
     * to the server directly writes it), and {@code Connection: close} instead of any connection header.
     */
    private static String closing(String head) {
        StringBuilder out = new StringBuilder();
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        URI uri = URI.create(requestLine[1]);
        out.append(requestLine[0]).append(' ').append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(' ').append(requestLine[2])
                .append("\r\n");
        for (String line : java.util.Arrays.copyOfRange(lines, 1, lines.length)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("connection:") || lower.startsWith("proxy-connection:")
                    || lower.startsWith("keep-alive:")) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    /** The request head up to and without its blank line; null when the client closed first. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        byte[] bytes = head.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 2);
    }

    /** An HTTP response split into its head (with the blank line) and its body, chunked coding undone. */
    record Response(String head, byte[] body) {
        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n") + 4;
            String head = text.substring(0, end);
            byte[] rest = java.util.Arrays.copyOfRange(raw, end, raw.length);
            if (!head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                return new Response(head, rest);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int p = 0;
            while (true) {
                int lineEnd = indexOf(rest, p);
                int size = Integer.parseInt(new String(rest, p, lineEnd - p, StandardCharsets.ISO_8859_1).trim(), 16);
                p = lineEnd + 2;
                if (size == 0) {
                    return new Response(head, body.toByteArray());
                }
                body.write(rest, p, size);
                p += size + 2;
            }
        }

        private static int indexOf(byte[] data, int from) {
            for (int i = from; i + 1 < data.length; i++) {
                if (data[i] == '\r' && data[i + 1] == '\n') {
                    return i;
                }
            }
            throw new IllegalArgumentException("no line end");
        }

        /** Where the body begins in the raw response. */
        int headLength() {
            return head.length();
        }

        /** The same answer with {@code body} instead, framed by Content-Length. */
        byte[] withBody(byte[] newBody) {
            List<String> lines = new ArrayList<>();
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (!line.isEmpty() && !lower.startsWith("transfer-encoding:") && !lower.startsWith("content-length:")
                        && !lower.startsWith("connection:")) {
                    lines.add(line);
                }
            }
            lines.add("Content-Length: " + newBody.length);
            lines.add("Connection: close");
            byte[] h = (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] out = java.util.Arrays.copyOf(h, h.length + newBody.length);
            System.arraycopy(newBody, 0, out, h.length, newBody.length);
            return out;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
