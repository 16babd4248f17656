package dev.rowpipe.local.shell;

import dev.rowpipe.api.ProgressListener;
import dev.rowpipe.api.QueryProgress;
import dev.rowpipe.api.QueryProgress.State;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The shell's progress display: a statement that runs longer than {@link #SHOW_AFTER} gets one line on the terminal
 * that rewrites itself ({@code \r}) with its state and elapsed time; quick statements show nothing. The line is
 * removed when the statement ends and before anything else the shell prints ({@link #guard}), so it never mixes
 * with results or messages.
 */
final class ProgressLine implements ProgressListener, AutoCloseable {
    static final Duration SHOW_AFTER = Duration.ofMillis(1500);
    private static final long TICK_MS = 250;

    private final PrintStream terminal;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService ticker;
    // All below guarded by this.
    private QueryProgress current;
    private long currentSinceNanos;
    /** The shell printed something since the statement began: drawing would tear its output. */
    private boolean quiet;
    private int shownWidth;

    ProgressLine(PrintStream terminal) {
        this(terminal, System::nanoTime, true);
    }

    /** Tests draw with {@link #tick()} by hand on a clock of their own. */
    ProgressLine(PrintStream terminal, LongSupplier nanoClock, boolean ticking) {
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        if (ticking) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rowpipe-shell-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public synchronized void onProgress(QueryProgress progress) {
        if (progress.state() == State.SUBMITTED) {
            clear();
            quiet = false;
        } else if (current == null || !current.queryId().equals(progress.queryId())) {
            return; // an event of a statement that already ended
        }
        if (progress.state().isTerminal()) {
            clear();
            current = null;
            return;
        }
        current = progress;
        currentSinceNanos = nanoClock.getAsLong();
        draw();
    }

    /** Redraws the elapsed time. */
    synchronized void tick() {
        draw();
    }

    private void draw() {
        if (current == null || quiet) {
            return;
        }
        Duration elapsed = current.elapsed().plusNanos(nanoClock.getAsLong() - currentSinceNanos);
        if (elapsed.compareTo(SHOW_AFTER) < 0) {
            return;
        }
        String text = describe(current, elapsed);
        StringBuilder line = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < shownWidth; i++) {
            line.append(' ');
        }
        if (shownWidth > text.length()) {
            line.append('\r').append(text); // the cursor stays at the end of the text
        }
        terminal.print(line);
        terminal.flush();
        shownWidth = text.length();
    }

    /** E.g. {@code Treasure Data job 123: running, 12.5 s (TD 10 s, 1,234 records)}. */
    static String describe(QueryProgress p, Duration elapsed) {
        String what = p.service().equals("Treasure Data") ? "Treasure Data job " : p.service() + " query ";
        String status = p.serviceStatus() != null ? p.serviceStatus() : p.state().name().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(what).append(p.queryId()).append(": ").append(status).append(", ")
                .append(String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0));
        StringBuilder figures = new StringBuilder();
        if (p.serverElapsed() != null && p.serverElapsed().toSeconds() > 0) {
            figures.append("server ").append(p.serverElapsed().toSeconds()).append(" s");
        }
        if (p.resultRows() > 0) {
            figures.append(figures.length() > 0 ? ", " : "")
                    .append(String.format(Locale.ROOT, "%,d", p.resultRows())).append(" rows");
        }
        if (p.rowsRead() > 0) {
            figures.append(figures.length() > 0 ? ", " : "")
                    .append(String.format(Locale.ROOT, "%,d", p.rowsRead())).append(" rows read");
        }
        if (figures.length() > 0) {
            out.append(" (").append(figures).append(')');
        }
        return out.toString();
    }

    private void clear() {
        if (shownWidth > 0) {
            terminal.print("\r" + " ".repeat(shownWidth) + "\r");
            terminal.flush();
            shownWidth = 0;
        }
    }

    /** Output that first removes the progress line and keeps it away until the next statement. */
    OutputStream guard(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                beforeOutput();
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                beforeOutput();
                out.write(b, off, len);
            }
        };
    }

    private synchronized void beforeOutput() {
        clear();
        quiet = true;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        synchronized (this) {
            clear();
        }
    }
}
