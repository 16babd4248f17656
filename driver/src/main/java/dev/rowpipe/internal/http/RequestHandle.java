package dev.rowpipe.internal.http;

import dev.rowpipe.internal.spi.ResponseBody;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Lets another thread abort whatever a statement is doing over HTTP right now: the request in flight, the body
 * being read, or a backoff sleep between retries. Once cancelled it stays cancelled: later requests made
 * with it fail at once.
 */
public final class RequestHandle {
    private final Object lock = new Object();
    private Cancellable current;
    private AutoCloseable openBody;
    private volatile boolean cancelled;

    public boolean isCancelled() {
        return cancelled;
    }

    public void cancel() {
        Cancellable request;
        AutoCloseable body;
        synchronized (lock) {
            cancelled = true;
            request = current;
            body = openBody;
            lock.notifyAll();
        }
        if (request != null) {
            request.cancel();
        }
        if (body != null) {
            abort(body);
        }
    }

    /** A cancelled body is cut off, never drained. */
    private static void abort(AutoCloseable body) {
        try {
            if (body instanceof ResponseBody response) {
                response.abort();
            } else {
                body.close();
            }
        } catch (Exception ignored) {
            // Aborting: the reader sees the failure.
        }
    }

    /** Records the request in flight; returns false (and records nothing) when already cancelled. */
    boolean attach(Cancellable request) {
        synchronized (lock) {
            if (cancelled) {
                return false;
            }
            current = request;
            return true;
        }
    }

    void detach() {
        synchronized (lock) {
            current = null;
        }
    }

    /** Registers a response body that cancel() must close to unblock a reader. */
    public void attachBody(AutoCloseable body) {
        boolean closeNow;
        synchronized (lock) {
            closeNow = cancelled;
            openBody = body;
        }
        if (closeNow) {
            abort(body);
        }
    }

    /** Sleeps up to {@code millis}, waking early on cancel. Returns false when cancelled. */
    public boolean sleep(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (lock) {
            while (!cancelled) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return true;
                }
                lock.wait(left);
            }
            return false;
        }
    }
}
