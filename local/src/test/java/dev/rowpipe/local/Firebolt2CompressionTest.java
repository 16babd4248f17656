package dev.rowpipe.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.codec.DecodedBody;
import dev.rowpipe.local.firebolt2.Firebolt2;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 2.0 user engines and Core answer {@code compress=1} and {@code Accept-Encoding: gzip} as v1 engines do. */
@ExtendWith(Firebolt2Extension.class)
class Firebolt2CompressionTest {
    private static final String ROWS = "SELECT range AS i, 'row ' || range AS s FROM range(150000)";

    private static Firebolt2 fb;
    private static String token;

    @BeforeAll
    static void signIn(LocalServer server) throws Exception {
        fb = server.firebolt2();
        token = Http2.signIn(fb);
    }

    private static HttpResponse<byte[]> send(String params, String acceptEncoding) throws Exception {
        var request = Http2.post(fb.userEngineEndpoint("local_engine"), token, params, ROWS);
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return Http.sendBytes(request);
    }

    @Test
    void compressOneAndGzipDecodeToThePlainBody() throws Exception {
        byte[] plain = send("", null).body();
        HttpResponse<byte[]> blocks = send("compress=1", "gzip");
        assertEquals(200, blocks.statusCode());
        assertTrue(blocks.headers().firstValue("content-encoding").isEmpty());
        assertEquals(0x82, blocks.body()[16] & 0xFF, "an LZ4 block");
        DecodedBody decoded = DecodedBody.open(new ByteArrayInputStream(blocks.body()), null, true, null);
        try (InputStream in = decoded.stream()) {
            assertArrayEquals(plain, in.readAllBytes());
        } finally {
            decoded.close();
        }
        HttpResponse<byte[]> gzip = send("compress=0", "gzip");
        assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElse(""));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        assertTrue(blocks.body().length < plain.length / 2 && gzip.body().length < plain.length / 2);
    }

    @Test
    void anotherCompressValueIsAnInvalidSetting() throws Exception {
        HttpResponse<String> r = Http2.engine(fb, "local_engine", token, "compress=2", "SELECT 1");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Invalid value '2' for setting 'compress'"), r.body());
    }
}
