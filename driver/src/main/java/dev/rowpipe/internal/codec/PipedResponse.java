package dev.rowpipe.internal.codec;

import dev.rowpipe.internal.spi.ResponseBody;

/**
 * Releases a response whose body an {@link InflatingPipe} may be reading on its own thread (or, with no pipe, the
 * caller's thread reads it, which the cursor keeps apart from close). Closing stops the pipe first; the response is
 * then released, its connection kept when the rest is small, only when nothing can still be reading it: the pipe's
 * thread may be blocked in a read of the body unless it already met the body's end, so otherwise the response is
 * aborted, which also ends that read. Aborting stops the pipe and aborts the response.
 */
public final class PipedResponse implements ResponseBody {
    private final InflatingPipe pipe;
    private final AutoCloseable response;

    /**
     * @param pipe     the thread reading the body, or null when the caller's thread reads it
     * @param response what releases the response: {@link ResponseBody#close()} and {@link ResponseBody#abort()} when
     *                 it is one (the driver's {@code HttpResponseStream}), else {@code close()} for both; may be null
     */
    public PipedResponse(InflatingPipe pipe, AutoCloseable response) {
        this.pipe = pipe;
        this.response = response;
    }

    @Override
    public void close() {
        if (pipe != null) {
            pipe.close();
            if (!pipe.sourceEnded()) {
                abortResponse();
                return;
            }
        }
        closeResponse();
    }

    @Override
    public void abort() {
        if (pipe != null) {
            pipe.close();
        }
        abortResponse();
    }

    private void abortResponse() {
        if (response instanceof ResponseBody body) {
            body.abort();
        } else {
            closeResponse();
        }
    }

    private void closeResponse() {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (Exception e) {
            // Closing only releases the connection; nothing for the caller to act on.
        }
    }
}
