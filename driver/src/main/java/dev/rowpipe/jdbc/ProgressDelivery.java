package dev.rowpipe.jdbc;

import dev.rowpipe.api.ProgressListener;
import dev.rowpipe.api.QueryProgress;
import dev.rowpipe.internal.DaemonThreads;
import dev.rowpipe.internal.spi.ProgressReporter;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands one statement's progress events to its listener on a driver-owned daemon thread, one at a time and in the
 * order they were reported, so a listener never runs on (or blocks) the thread that runs the statement. A listener
 * that throws is logged, never propagated. Each statement has one; its events form one queue, drained by at most
 * one thread at a time.
 */
final class ProgressDelivery {
    private static final Logger LOG = Logger.getLogger(ProgressDelivery.class.getName());

    /** Threads end soon after the last event (DaemonThreads); several statements deliver in parallel, each in order. */
    private static final ExecutorService THREADS = DaemonThreads.pool("rowpipe-progress");

    /** A listener that stalls cannot make a statement hold events without bound; last events are always kept. */
    static final int MAX_QUEUED = 1000;

    /** Listeners that threw once: their first failure is a WARNING, later ones are FINE. */
    private static final Set<ProgressListener> WARNED =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private record Pending(ProgressListener listener, QueryProgress event) { }

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean draining;

    /** A reporter for one execution whose events go to {@code listener}; {@link ProgressReporter#NONE} for null. */
    ProgressReporter reporter(ProgressListener listener) {
        if (listener == null) {
            return ProgressReporter.NONE;
        }
        return new ProgressReporter(event -> offer(listener, event), System::nanoTime);
    }

    private void offer(ProgressListener listener, QueryProgress event) {
        synchronized (this) {
            if (queue.size() >= MAX_QUEUED && !event.state().isTerminal()) {
                LOG.log(Level.FINE, "Progress event of {0} dropped: its listener has {1} events not yet taken",
                        new Object[] {event.queryId(), queue.size()});
                return;
            }
            queue.add(new Pending(listener, event));
            if (draining) {
                return;
            }
            draining = true;
        }
        THREADS.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Pending next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            deliver(next.listener(), next.event());
        }
    }

    private static void deliver(ProgressListener listener, QueryProgress event) {
        try {
            listener.onProgress(event);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            boolean first = WARNED.add(listener);
            LOG.log(first ? Level.WARNING : Level.FINE, "The progress listener " + listener.getClass().getName()
                    + " threw on " + event.state() + " of " + event.service() + " " + event.queryId()
                    + (first ? " (later failures of this listener are logged at FINE)" : ""), e);
        }
    }
}
