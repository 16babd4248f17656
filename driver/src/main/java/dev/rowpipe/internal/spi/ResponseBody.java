package dev.rowpipe.internal.spi;

/**
 * What a streaming cursor holds to let go of the response its rows come from. {@link #close()} means "done with
 * it": the transport may read a small rest to keep the connection. {@link #abort()} means "stop now": used when
 * a reader may still be blocked on the body (a close from another thread) or the caller cancelled.
 */
public interface ResponseBody extends AutoCloseable {
    @Override
    void close();

    void abort();
}
