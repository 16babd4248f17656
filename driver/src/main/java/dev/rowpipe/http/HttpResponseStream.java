package dev.rowpipe.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * An open response whose body has not been read. The body streams straight from the socket. Reading it to
 * the end returns the connection to the pool; {@link #close()} before that discards the connection without
 * draining what is left (so a large result is not downloaded just to be thrown away).
 */
public final class HttpResponseStream implements AutoCloseable {
    /** Error bodies are read up to this size only; a server error page is never a reason to run out of memory. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final ClassicHttpResponse response;
    private final String endpoint;

    HttpResponseStream(ClassicHttpResponse response, String endpoint) {
        this.response = response;
        this.endpoint = endpoint;
    }

    public int status() {
        return response.getCode();
    }

    public boolean isSuccess() {
        return response.getCode() >= 200 && response.getCode() < 300;
    }

    /** Request endpoint (scheme, host, path; no query string) for messages. */
    public String endpoint() {
        return endpoint;
    }

    public String header(String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    /** The body stream; an empty stream when there is no body. */
    public InputStream body() throws IOException {
        HttpEntity entity = response.getEntity();
        return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    /** Reads the body as UTF-8 text, at most 64 KiB (the rest is dropped), and closes the response. */
    public String readText() throws IOException {
        try (InputStream in = body()) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            close();
        }
    }

    /** Reads the whole body (for small JSON control-plane answers) and closes the response. */
    public byte[] readAll(int limit) throws IOException {
        try (InputStream in = body()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new IOException("Response from " + endpoint + " is larger than " + limit + " bytes");
            }
            return bytes;
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            response.close();
        } catch (IOException ignored) {
            // Closing discards the connection; nothing a caller could do about a failure here.
        }
    }
}
