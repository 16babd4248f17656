package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.codec.CompressedBlockInputStream;
import dev.rowpipe.internal.codec.DecodedBody;
import dev.rowpipe.internal.codec.GzipMembersInputStream;
import dev.rowpipe.internal.http.HttpResponseStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one Firebolt query asks for its result to be compressed, and how the answer is read back. Decided per
 * request ({@link FireboltQueryRequest#compression()}), so a session may ask one endpoint for compression and
 * not another. Every Firebolt result body, whatever its output format, is opened by {@link #open}: the format
 * decoders read {@link DecodedBody#stream()} and never the response itself.
 * <ul>
 *   <li>{@link #LZ4}: {@code compress=1}, answered with ClickHouse's compressed blocks (LZ4, CityHash128
 *       checksums), what Firebolt's own drivers ask for;</li>
 *   <li>{@link #GZIP}: {@code Accept-Encoding: gzip}, answered with {@code Content-Encoding: gzip} by a server
 *       that supports it (the local server does; a server that ignores the header answers plain, which is read
 *       as such);</li>
 *   <li>{@link #NONE}: the body as the engine writes it.</li>
 * </ul>
 * An answer with {@code Content-Encoding: gzip} is inflated whatever was asked (a proxy may add it).
 */
enum ResultCompression {
    LZ4, GZIP, NONE;

    /** Error texts are read up to this size, as {@link HttpResponseStream#readText()} reads them. */
    private static final int MAX_ERROR_TEXT = 64 * 1024;

    /**
     * The value of the {@code compress} property: {@code lz4}, {@code gzip} or {@code none}; {@code true} and
     * {@code false}, the official driver's spellings, are {@code lz4} and {@code none}.
     */
    static ResultCompression of(String property) {
        return switch (property.toLowerCase(Locale.ROOT)) {
            case "lz4", "true" -> LZ4;
            case "gzip" -> GZIP;
            case "none", "false" -> NONE;
            default -> throw new IllegalArgumentException("compress is '" + property + "'");
        };
    }

    /** The query parameter the request carries, {@code compress=1}, or null. */
    String queryParameter() {
        return this == LZ4 ? "compress=1" : null;
    }

    /** The request's headers with {@code Accept-Encoding: gzip} added for {@link #GZIP}. */
    List<Map.Entry<String, String>> headers(List<Map.Entry<String, String>> headers) {
        if (this != GZIP) {
            return headers;
        }
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        all.add(Map.entry("Accept-Encoding", "gzip"));
        return all;
    }

    /**
     * The successful answer's body with its encodings undone, the one way every Firebolt result is read: hand
     * {@link DecodedBody#stream()} to the format's decoder and the returned object to it as what to close. An
     * answer with {@code Content-Length: 0} (a statement without a result) is read as it is, without a decoding
     * thread.
     *
     * @throws IOException for a Content-Encoding other than gzip (the driver asks for no other)
     */
    DecodedBody open(HttpResponseStream response) throws IOException {
        boolean empty = "0".equals(response.header("Content-Length"));
        return DecodedBody.open(response.body(), empty ? null : response.header("Content-Encoding"),
                this == LZ4 && !empty, response);
    }

    /**
     * The text of a refused answer (at most 64 KiB), decoded when it came encoded: inflated for
     * {@code Content-Encoding: gzip}, and, for {@code compress=1}, unpacked when it is compressed blocks (ClickHouse
     * compresses an error written into an answer it had begun compressed). Anything that does not decode is
     * read as plain text. Closes the response.
     */
    String errorText(HttpResponseStream response) throws IOException {
        byte[] raw;
        try {
            raw = response.body().readNBytes(MAX_ERROR_TEXT);
        } finally {
            response.close();
        }
        String encoding = response.header("Content-Encoding");
        if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
            raw = decoded(new GzipMembersInputStream(new ByteArrayInputStream(raw), 8192), raw);
        }
        if (this == LZ4 && looksLikeBlocks(raw)) {
            raw = decoded(new CompressedBlockInputStream(new ByteArrayInputStream(raw)), raw);
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The method byte after the 16-byte checksum is LZ4 ({@code 0x82}) or none ({@code 0x02}). */
    private static boolean looksLikeBlocks(byte[] raw) {
        return raw.length >= 25 && (raw[16] == (byte) 0x82 || raw[16] == 0x02);
    }

    /** What {@code in} decodes to before it ends or fails (an error text cut at 64 KiB), else {@code fallback}. */
    private static byte[] decoded(InputStream in, byte[] fallback) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while (out.size() < MAX_ERROR_TEXT
                    && (n = in.read(buffer, 0, Math.min(buffer.length, MAX_ERROR_TEXT - out.size()))) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            // Cut where the raw text was cut, or not encoded after all: keep what decoded.
        }
        return out.size() > 0 ? out.toByteArray() : fallback;
    }
}
