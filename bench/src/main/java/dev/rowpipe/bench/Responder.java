package dev.rowpipe.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rowpipe.bench.Dataset.Format;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny loopback stand-in for both services that answers every call with a canned reply and streams result
 * bodies from {@link Dataset}'s repeating pattern, so what is measured is the client, not the server. The row
 * count comes from the SQL ({@code ... LIMIT n}); TD job ids carry it ({@code job id = n}).
 * <ul>
 *   <li>Firebolt: {@code POST /auth/v1/login}, {@code GET /core/v1/account/engines:getURLByDatabaseName} (the
 *       engine is the address the request came to, so a proxy in front stays in front), {@code POST
 *       /?output_format=F} (the query; {@code compress=1} answers LZ4 blocks, else {@code Accept-Encoding: gzip}
 *       gzip, see {@link Dataset.Body#writeTo(OutputStream, long, Dataset.Encoding)}).</li>
 *   <li>Treasure Data: {@code /v3/database/list}, {@code /v3/job/issue}, {@code /status}, {@code /show},
 *       {@code /result?format=F}.</li>
 *   <li>Raw wire: {@code GET /raw/WIRE_FORMAT/ROWS[?encoding=LZ4|GZIP]}: the same body as a query would get.</li>
 * </ul>
 */
public final class Responder implements AutoCloseable {
    private static final Pattern LIMIT = Pattern.compile("(?i)limit\\s+(\\d+)");
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bench-responder");
        t.setDaemon(true);
        return t;
    });
    private final Map<Format, Dataset.Body> bodies = new EnumMap<>(Format.class);
    /** Requests served, for counting what one statement costs. */
    public final AtomicLong requests = new AtomicLong();

    static {
        // Small replies would otherwise wait on Nagle + delayed ACK (~40 ms each): that is the server, not the client.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public Responder() throws IOException {
        for (Format f : Format.values()) {
            bodies.put(f, Dataset.body(f));
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** Compresses the segments a body of {@code rows} rows needs in advance, so no answer waits for them. */
    public void prepare(Format format, long rows) throws IOException {
        for (Dataset.Encoding e : Dataset.Encoding.values()) {
            if (e != Dataset.Encoding.NONE && format.firebolt()) {
                bodies.get(format).writeTo(OutputStream.nullOutputStream(), rows, e);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String fireboltUrl(Format format) {
        return "jdbc:firebolt://127.0.0.1:" + port() + "/bench?ssl=false&output_format=" + format.wireName;
    }

    public String tdUrl(Format format) {
        return "jdbc:td://127.0.0.1:" + port() + "/bench?useSSL=false&type=presto&poll_initial_ms=1&result_format="
                + format.wireName;
    }

    public String rawUrl(Format format, long rows) {
        return "http://127.0.0.1:" + port() + "/raw/" + format.name() + "/" + rows;
    }

    /** The raw body encoded as a Firebolt engine sends it for {@code encoding}, through port {@code port}. */
    public String rawUrl(Format format, long rows, Dataset.Encoding encoding, int port) {
        return "http://127.0.0.1:" + port + "/raw/" + format.name() + "/" + rows + "?encoding=" + encoding;
    }

    private void handle(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        try (x) {
            URI uri = x.getRequestURI();
            String path = uri.getPath();
            String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            byte[] request = x.getRequestBody().readAllBytes();
            if (path.equals("/auth/v1/login")) {
                json(x, "{\"access_token\":\"bench-token\",\"expires_in\":86400,\"token_type\":\"Bearer\"}");
            } else if (path.startsWith("/core/v1/account/engines")) {
                // The address the client reached this server by: through a proxy, the proxy's.
                String host = x.getRequestHeaders().getFirst("Host");
                json(x, "{\"engine_url\":\"" + (host != null ? host : "127.0.0.1:" + port()) + "\"}");
            } else if (path.equals("/") && "POST".equals(x.getRequestMethod())) {
                Format f = fireboltFormat(param(query, "output_format"));
                body(x, f, rows(new String(request, StandardCharsets.UTF_8)), encoding(x, query));
            } else if (path.equals("/v3/database/list")) {
                json(x, "{\"databases\":[{\"name\":\"bench\",\"count\":0}]}");
            } else if (path.startsWith("/v3/job/issue/")) {
                String form = java.net.URLDecoder.decode(new String(request, StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8);
                json(x, "{\"job_id\":\"" + rows(form) + "\",\"database\":\"bench\"}");
            } else if (path.startsWith("/v3/job/status/")) {
                json(x, "{\"job_id\":\"" + last(path) + "\",\"status\":\"success\",\"num_records\":" + last(path) + "}");
            } else if (path.startsWith("/v3/job/show/")) {
                String schema = Dataset.tdSchemaJson().replace("\"", "\\\"");
                json(x, "{\"job_id\":\"" + last(path) + "\",\"status\":\"success\",\"type\":\"presto\","
                        + "\"num_records\":" + last(path) + ",\"hive_result_schema\":\"" + schema + "\"}");
            } else if (path.startsWith("/v3/job/result/")) {
                body(x, tdFormat(param(query, "format")), Long.parseLong(last(path)), Dataset.Encoding.NONE);
            } else if (path.startsWith("/raw/")) {
                String[] parts = path.split("/");
                String encoding = param(query, "encoding");
                body(x, Format.valueOf(parts[2]), Long.parseLong(parts[3]),
                        encoding.isEmpty() ? Dataset.Encoding.NONE : Dataset.Encoding.valueOf(encoding));
            } else {
                byte[] msg = ("no route " + path).getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(404, msg.length);
                x.getResponseBody().write(msg);
            }
        }
    }

    private static long rows(String sql) {
        Matcher m = LIMIT.matcher(sql);
        return m.find() ? Long.parseLong(m.group(1)) : 1;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String param(String query, String name) {
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static Format fireboltFormat(String wire) {
        for (Format f : Format.values()) {
            if (f.firebolt() && f.wireName.equals(wire)) {
                return f;
            }
        }
        return Format.FB_TSV;
    }

    private static Format tdFormat(String wire) {
        for (Format f : Format.values()) {
            if (!f.firebolt() && f.wireName.equals(wire)) {
                return f;
            }
        }
        return Format.TD_MSGPACK_GZ;
    }

    private static void json(HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
    }

    /** A Firebolt query's encoding as an engine picks it: compress=1 wins over Accept-Encoding: gzip. */
    private static Dataset.Encoding encoding(HttpExchange x, String query) {
        if ("1".equals(param(query, "compress"))) {
            return Dataset.Encoding.LZ4;
        }
        String accept = x.getRequestHeaders().getFirst("Accept-Encoding");
        return accept != null && accept.contains("gzip") ? Dataset.Encoding.GZIP : Dataset.Encoding.NONE;
    }

    private void body(HttpExchange x, Format f, long rows, Dataset.Encoding encoding) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (encoding == Dataset.Encoding.GZIP) {
            x.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        // Chunked: the body is streamed from the pattern, never held whole.
        x.sendResponseHeaders(200, 0);
        try (OutputStream out = new BufferedOutputStream(x.getResponseBody(), 256 * 1024)) {
            bodies.get(f).writeTo(out, rows, encoding);
        } catch (IOException e) {
            // The client hung up early (an aborted read): nothing to do.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
