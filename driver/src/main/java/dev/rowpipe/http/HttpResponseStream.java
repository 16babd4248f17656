package dev.rowpipe.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hc.core5.concurrent.Cancellable;
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
    private final Cancellable request;
    private final String endpoint;
    private InputStream body;
    private volatile boolean drained;

    HttpResponseStream(ClassicHttpResponse response, Cancellable request, String endpoint) {
        this.response = response;
        this.request = request;
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

    /**
     * The body stream (the same object on every call); an empty stream when there is no body. Do not close it
     * to abandon a body: HttpClient would read the rest to reuse the connection. Close this response instead.
     */
    public synchronized InputStream body() throws IOException {
        if (body == null) {
            HttpEntity entity = response.getEntity();
            body = entity == null ? InputStream.nullInputStream() : new EndTracking(entity.getContent());
        }
        return body;
    }

    /** Reads the body as UTF-8 text, at most 64 KiB (the rest is dropped), and closes the response. */
    public String readText() throws IOException {
        try {
            InputStream in = body();
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            return new String(bytes, StandardCharsets.UTF_8);
        } finally {
            close();
        }
    }

    /** Reads the whole body (for small JSON control-plane answers) and closes the response. */
    public byte[] readAll(int limit) throws IOException {
        try {
            InputStream in = body();
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new IOException("Response from " + endpoint + " is larger than " + limit + " bytes");
            }
            return bytes;
        } finally {
            close();
        }
    }

    /**
     * Releases the response. A body read to its end leaves the connection in the pool; otherwise the
     * connection is aborted first, so closing never downloads the unread rest of a large result.
     */
    @Override
    public void close() {
        if (!drained) {
            request.cancel();
        }
        try {
            response.close();
        } catch (IOException ignored) {
            // Closing discards the connection; nothing a caller could do about a failure here.
        }
    }

    /** Notes when the body has been read to its end, so close() can keep the connection. */
    private final class EndTracking extends FilterInputStream {
        EndTracking(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                drained = true;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                drained = true;
            }
            return n;
        }
    }
}
