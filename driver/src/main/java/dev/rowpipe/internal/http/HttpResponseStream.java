package dev.rowpipe.internal.http;

import dev.rowpipe.internal.DaemonThreads;
import dev.rowpipe.internal.spi.ResponseBody;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * An open response whose body has not been read. The body streams straight from the socket. Reading it to
 * the end returns the connection to the pool. {@link #close()} before that reads what is left in the background
 * when it is small and arrives soon (the end of a result read with one {@code next()}, a validation query), so
 * the next statement reuses the connection instead of opening a new one (a TLS handshake on a real service);
 * anything larger or slower is cut off, so a large result is never downloaded just to be thrown away.
 * {@link #abort()} (a cancel) cuts the connection at once.
 */
public final class HttpResponseStream implements ResponseBody {
    /** Error bodies are read up to this size only; a server error page is never a reason to run out of memory. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** An abandoned body's rest is read to keep the connection only up to this size ... */
    static final int DRAIN_MAX_BYTES = 64 * 1024;
    /** ... and only while it arrives within this time; then the connection is aborted. */
    static final long DRAIN_MAX_MILLIS = 1000;
    private static final ExecutorService DRAINER = DaemonThreads.pool("rowpipe-http-drain");
    private static final ScheduledExecutorService DRAIN_TIMER = DaemonThreads.scheduler("rowpipe-http-drain-timer");

    private final ClassicHttpResponse response;
    private final Cancellable request;
    private final String endpoint;
    private InputStream body;
    private volatile boolean drained;
    private final AtomicBoolean closeCalled = new AtomicBoolean();
    /** Counted down once the response is released (at once, or after a background drain). */
    private final CountDownLatch released = new CountDownLatch(1);

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

    /**
     * Whether HTTP itself shows where the body ends: a {@code Content-Length} (a shorter body fails the read) or
     * chunked coding (a body without its last chunk fails the read); also true when the response has no body. A body
     * with neither ends where the connection closes, as a cut connection also does: its end proves nothing.
     */
    public boolean framed() {
        HttpEntity entity = response.getEntity();
        return entity == null || entity.isChunked() || entity.getContentLength() >= 0;
    }

    public String header(String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    /** Every value of a header, in the order the lines came (a header may be sent more than once); empty if absent. */
    public java.util.List<String> headers(String name) {
        Header[] all = response.getHeaders(name);
        java.util.List<String> values = new java.util.ArrayList<>(all.length);
        for (Header h : all) {
            values.add(h.getValue() == null ? "" : h.getValue());
        }
        return values;
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
     * Releases the response. A body read to its end leaves the connection in the pool at once; a body with
     * unread bytes is drained in the background (at most {@link #DRAIN_MAX_BYTES} within
     * {@link #DRAIN_MAX_MILLIS}) and its connection kept when the end comes in time, aborted otherwise. Never
     * blocks the caller.
     */
    @Override
    public void close() {
        if (!closeCalled.compareAndSet(false, true)) {
            return;
        }
        InputStream in;
        synchronized (this) {
            in = body;
        }
        if (drained || in == null) {
            release();
            return;
        }
        try {
            DRAINER.execute(() -> drainThenRelease(in));
        } catch (RejectedExecutionException e) {
            release();
        }
    }

    /**
     * Cuts the connection at once without reading anything more (cancel, or a reader still blocked on it); a body
     * already read to its end has nothing left to cut and keeps its connection.
     */
    @Override
    public void abort() {
        closeCalled.set(true);
        release();
    }

    private void drainThenRelease(InputStream in) {
        ScheduledFuture<?> stop = DRAIN_TIMER.schedule(request::cancel, DRAIN_MAX_MILLIS, TimeUnit.MILLISECONDS);
        try {
            byte[] sink = new byte[8192];
            long total = 0;
            int n;
            while (total <= DRAIN_MAX_BYTES && (n = in.read(sink, 0, sink.length)) >= 0) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // Aborted by the timer or broken: release() below discards the connection.
        } finally {
            stop.cancel(false);
            release();
        }
    }

    /** Closes the response; a connection whose body did not reach its end is aborted first. */
    private void release() {
        if (!drained) {
            request.cancel();
        }
        try {
            response.close();
        } catch (IOException ignored) {
            // Closing discards the connection; nothing a caller could do about a failure here.
        } finally {
            released.countDown();
        }
    }

    /** For tests: waits until the response was released (after a background drain, if any). */
    boolean awaitReleased(long timeout, TimeUnit unit) throws InterruptedException {
        return released.await(timeout, unit);
    }

    /** For tests: whether the body was read to its end (so the connection went back to the pool). */
    boolean drained() {
        return drained;
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
