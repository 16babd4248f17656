package dev.rowpipe.local.firebolt;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * How an engine sends a result body, for v1 and 2.0 engines alike: ClickHouse's LZ4 blocks for {@code compress=1}
 * (what Firebolt engines send), else gzip when the request's {@code Accept-Encoding} lists it, else as is.
 * Error answers and empty bodies are never encoded.
 */
public enum ResultEncoding {
    IDENTITY, GZIP, COMPRESSED_BLOCKS;

    /** True for the values {@code compress} may have: absent, {@code 0}, {@code 1}, {@code false}, {@code true}. */
    public static boolean validCompress(String compress) {
        return compress == null || parse(compress) != null;
    }

    /**
     * The encoding a request asks for; {@code compress=1} wins over {@code Accept-Encoding}.
     *
     * @param compress the {@code compress} query parameter (checked with {@link #validCompress}), or null
     * @param acceptEncoding the request's {@code Accept-Encoding} header values, or null
     */
    public static ResultEncoding of(String compress, List<String> acceptEncoding) {
        if (compress != null && Boolean.TRUE.equals(parse(compress))) {
            return COMPRESSED_BLOCKS;
        }
        return acceptsGzip(acceptEncoding) ? GZIP : IDENTITY;
    }

    private static Boolean parse(String compress) {
        return switch (compress.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** True when an {@code Accept-Encoding} value lists gzip (or x-gzip) without {@code q=0}. */
    static boolean acceptsGzip(List<String> acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String header : acceptEncoding) {
            for (String item : header.split(",")) {
                String[] parts = item.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                if (!coding.equals("gzip") && !coding.equals("x-gzip")) {
                    continue;
                }
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                    if (param.startsWith("q=") && param.substring(2).matches("0(\\.0{0,3})?")) {
                        refused = true;
                    }
                }
                if (!refused) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds the response header this encoding needs ({@code Content-Encoding: gzip}); the blocks need none. */
    public void addTo(Headers headers) {
        if (this == GZIP) {
            headers.set("Content-Encoding", "gzip");
        }
    }

    /**
     * The stream a result is written into; closing it ends the encoding and the body. Call it after the headers
     * were sent: a gzip stream writes its header at once.
     */
    public OutputStream wrap(OutputStream body) throws IOException {
        return switch (this) {
            case IDENTITY -> body;
            case GZIP -> new GZIPOutputStream(body, 1 << 16);
            case COMPRESSED_BLOCKS -> new CompressedBlockOutputStream(body);
        };
    }
}
