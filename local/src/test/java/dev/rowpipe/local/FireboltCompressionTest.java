package dev.rowpipe.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.codec.DecodedBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine answers {@code compress=1} with ClickHouse's LZ4 blocks and {@code Accept-Encoding: gzip} with a
 * gzip body, streamed. The blocks are decoded here by the driver's own decoder, which checks every checksum
 * against ClickHouse's CityHash128, so server and driver are checked against each other.
 */
@ExtendWith(LocalServerExtension.class)
class FireboltCompressionTest {
    /** About 4 MB of TSV: several 1 MiB blocks. */
    private static final String ROWS = "SELECT range AS i, 'row ' || range AS s, range * 0.5 AS d FROM range(200000)";
    private static final String TSV = "output_format=TabSeparatedWithNamesAndTypes";

    private static String token;

    @BeforeAll
    static void login(LocalServer server) throws Exception {
        token = Http.token(server);
    }

    private static byte[] plain(LocalServer s, String sql) throws Exception {
        HttpResponse<byte[]> r = Http.sendBytes(Http.query(s, token, TSV, sql));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-encoding").isEmpty());
        return r.body();
    }

    private static byte[] decodeBlocks(byte[] body) throws IOException {
        DecodedBody decoded = DecodedBody.open(new ByteArrayInputStream(body), null, true, null);
        try (InputStream in = decoded.stream()) {
            return in.readAllBytes();
        } finally {
            decoded.close();
        }
    }

    /** The uncompressed size of every block, walking the framing. */
    private static int[] blockSizes(byte[] body) {
        java.util.List<Integer> sizes = new java.util.ArrayList<>();
        int p = 0;
        while (p < body.length) {
            assertEquals(0x82, body[p + 16] & 0xFF, "method byte of block at " + p);
            sizes.add(intLe(body, p + 21));
            p += 16 + intLe(body, p + 17);
        }
        assertEquals(body.length, p, "the body is whole blocks");
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int intLe(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    @Test
    void compressOneAnswersLz4BlocksOfOneMebibyte(LocalServer s) throws Exception {
        byte[] expected = plain(s, ROWS);
        HttpResponse<byte[]> r = Http.sendBytes(Http.query(s, token, TSV + "&compress=1", ROWS));
        assertEquals(200, r.statusCode());
        assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(""), "streamed");
        assertTrue(r.headers().firstValue("content-encoding").isEmpty(), "the blocks are no HTTP content coding");
        int[] sizes = blockSizes(r.body());
        assertTrue(sizes.length >= 3, "blocks: " + sizes.length);
        for (int i = 0; i < sizes.length - 1; i++) {
            assertEquals(1 << 20, sizes[i], "block " + (i + 1));
        }
        assertTrue(r.body().length < expected.length / 2, r.body().length + " of " + expected.length);
        assertArrayEquals(expected, decodeBlocks(r.body()));
    }

    @Test
    void compressOneWinsOverAcceptEncoding(LocalServer s) throws Exception {
        HttpResponse<byte[]> r = Http.sendBytes(Http.query(s, token, "compress=true", "SELECT 42 AS answer")
                .header("Accept-Encoding", "gzip"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-encoding").isEmpty());
        String json = new String(decodeBlocks(r.body()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"answer\":42"), json);
    }

    @Test
    void acceptEncodingGzipAnswersAGzipBody(LocalServer s) throws Exception {
        byte[] expected = plain(s, ROWS);
        for (String accept : new String[] {"gzip", "deflate, gzip;q=0.5", "x-gzip", "GZIP"}) {
            HttpResponse<byte[]> r = Http.sendBytes(Http.query(s, token, TSV, ROWS).header("Accept-Encoding", accept));
            assertEquals(200, r.statusCode());
            assertEquals("gzip", r.headers().firstValue("content-encoding").orElse(""), accept);
            assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(""), "streamed");
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
                assertArrayEquals(expected, in.readAllBytes(), accept);
            }
            assertTrue(r.body().length < expected.length / 3, r.body().length + " of " + expected.length);
        }
    }

    @Test
    void gzipRefusedOrAbsentIsPlain(LocalServer s) throws Exception {
        for (String accept : new String[] {"gzip;q=0", "identity", "br, deflate"}) {
            HttpResponse<byte[]> r = Http.sendBytes(Http.query(s, token, TSV + "&compress=0", "SELECT 1 AS x")
                    .header("Accept-Encoding", accept));
            assertTrue(r.headers().firstValue("content-encoding").isEmpty(), accept);
            assertEquals("x\nNullable(Int32)\n1\n", new String(r.body(), StandardCharsets.UTF_8), accept);
        }
    }

    @Test
    void anErrorAfterRowsIsInsideTheEncodedBody(LocalServer s) throws Exception {
        HttpResponse<byte[]> plain = Http.sendBytes(Http.query(s, token, TSV, ROWS)
                .header(FaultInjector.HEADER, "error-after-rows=2"));
        assertTrue(new String(plain.body(), StandardCharsets.UTF_8).endsWith("\nCode: 999. DB::Exception: injected fault\n"));
        HttpResponse<byte[]> blocks = Http.sendBytes(Http.query(s, token, TSV + "&compress=1", ROWS)
                .header(FaultInjector.HEADER, "error-after-rows=2"));
        assertEquals(200, blocks.statusCode());
        assertArrayEquals(plain.body(), decodeBlocks(blocks.body()));
        HttpResponse<byte[]> gzip = Http.sendBytes(Http.query(s, token, TSV, ROWS).header("Accept-Encoding", "gzip")
                .header(FaultInjector.HEADER, "error-after-rows=2"));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes());
        }
    }

    @Test
    void errorAnswersAreNotEncoded(LocalServer s) throws Exception {
        HttpResponse<String> r = Http.send(Http.query(s, token, "compress=1", "SELECT * FROM no_such_table")
                .header("Accept-Encoding", "gzip"));
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("content-encoding").isEmpty());
        assertTrue(r.body().contains("no_such_table"), r.body());
        HttpResponse<String> bad = Http.run(s, token, "compress=yes", "SELECT 1");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("compress must be 0 or 1: 'yes'"), bad.body());
    }

    @Test
    void aStatementWithoutRowsHasAnEmptyBody(LocalServer s) throws Exception {
        HttpResponse<byte[]> r = Http.sendBytes(Http.query(s, token, "compress=1", "CREATE TABLE IF NOT EXISTS cz (x INT)"));
        assertEquals(200, r.statusCode());
        assertEquals(0, r.body().length);
        assertFalse(r.headers().firstValue("content-encoding").isPresent());
    }
}
