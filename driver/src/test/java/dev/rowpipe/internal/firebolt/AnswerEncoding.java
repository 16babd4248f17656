package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.codec.BlockFrames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/** A fake engine's answer encoded as the request asks: LZ4 blocks for {@code compress=1}, else gzip when accepted. */
final class AnswerEncoding {
    private AnswerEncoding() {
    }

    /**
     * {@code response} as an engine would send it to {@code request}: a successful answer with a body in LZ4 blocks
     * of {@code blockSize} uncompressed bytes (small, so rows straddle blocks) for {@code compress=1}, gzip with
     * {@code Content-Encoding: gzip} for {@code Accept-Encoding: gzip}; anything else unchanged.
     */
    static MockResponse asAsked(RecordedRequest request, MockResponse response, int blockSize) {
        boolean blocks = "1".equals(request.getUrl().queryParameter("compress"));
        String accept = request.getHeaders().get("Accept-Encoding");
        boolean gzip = accept != null && accept.contains("gzip");
        if (response.getCode() != 200 || response.getBody() == null || (!blocks && !gzip)) {
            return response;
        }
        Buffer plain = new Buffer();
        try {
            response.getBody().writeTo(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = plain.readByteArray();
        if (bytes.length == 0) {
            return response;
        }
        MockResponse.Builder b = new MockResponse.Builder(response);
        if (blocks) {
            return b.body(new Buffer().write(BlockFrames.lz4(bytes, blockSize).bytes())).build();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.setHeader("Content-Encoding", "gzip").body(new Buffer().write(out.toByteArray())).build();
    }
}
