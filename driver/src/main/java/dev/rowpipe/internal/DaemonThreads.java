package dev.rowpipe.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The driver's shared thread pools: daemon threads (they never keep a JVM alive) that end once they have been idle
 * for {@link #IDLE_SECONDS}, so an application that closed every connection is left with none of them; a pool starts
 * a thread again when there is work.
 */
public final class DaemonThreads {
    /** How long an idle thread of a driver pool waits for work before it ends. */
    public static final long IDLE_SECONDS = 5;

    private DaemonThreads() {
    }

    /** A pool that starts a thread per task when none is idle (as a cached pool, but with the shorter idle time). */
    public static ExecutorService pool(String name) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                factory(name));
    }

    /**
     * One timer thread, started when a task is scheduled and ended when no task has been due for
     * {@link #IDLE_SECONDS}. A cancelled task leaves the queue at once, so a long timeout that was cancelled does not
     * keep the thread.
     */
    public static ScheduledThreadPoolExecutor scheduler(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, factory(name));
        timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Every thread of a pool has the pool's name: tests and thread dumps find the driver's threads by it. */
    private static ThreadFactory factory(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
