package dev.rowpipe.local.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.QueryProgress;
import dev.rowpipe.api.QueryProgress.State;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();
    private final ProgressLine line = new ProgressLine(terminal, clock::get, false);

    private static QueryProgress event(String id, State state, String status, long elapsedMs) {
        return new QueryProgress("Treasure Data", id, state, status, Duration.ofMillis(elapsedMs), null, -1, -1,
                -1, -1, -1, null);
    }

    private String shown() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void advance(long ms) {
        clock.addAndGet(ms * 1_000_000);
        line.tick();
    }

    @Test
    void aQuickStatementShowsNothing() {
        line.onProgress(event("1", State.SUBMITTED, null, 0));
        advance(300);
        line.onProgress(event("1", State.RUNNING, "running", 400));
        advance(500);
        line.onProgress(event("1", State.FINISHED, "success", 1000));
        advance(5000);
        assertEquals("", shown());
    }

    @Test
    void aSlowStatementHasOneUpdatingLineThatIsRemovedAtTheEnd() {
        line.onProgress(event("7", State.SUBMITTED, null, 0));
        line.onProgress(event("7", State.QUEUED, "queued", 100));
        advance(1000);
        assertEquals("", shown(), "not before 1.5 s");
        advance(500);
        assertEquals("\rTreasure Data job 7: queued, 1.6 s", shown());
        line.onProgress(event("7", State.RUNNING, "running", 1700));
        advance(250);
        assertTrue(shown().endsWith("\rTreasure Data job 7: running, 2.0 s"), shown());
        assertTrue(!shown().contains("\n"), "one line only");
        line.onProgress(event("7", State.FINISHED, "success", 2100));
        String text = "Treasure Data job 7: running, 2.0 s";
        assertTrue(shown().endsWith("\r" + " ".repeat(text.length()) + "\r"), shown());
        int before = shown().length();
        advance(2000);
        assertEquals(before, shown().length(), "nothing after the end");
    }

    @Test
    void otherOutputRemovesTheLineAndKeepsItAwayUntilTheNextStatement() throws Exception {
        OutputStream out = line.guard(terminal);
        line.onProgress(event("8", State.SUBMITTED, null, 0));
        advance(2000);
        assertTrue(shown().startsWith("\rTreasure Data job 8: submitted, 2.0 s"), shown());
        out.write("+---+\n".getBytes(StandardCharsets.UTF_8));
        String text = "Treasure Data job 8: submitted, 2.0 s";
        assertTrue(shown().endsWith("\r" + " ".repeat(text.length()) + "\r+---+\n"), shown());
        int before = shown().length();
        advance(1000);
        assertEquals(before, shown().length(), "no redraw into the shell's output");
        line.onProgress(event("9", State.SUBMITTED, null, 0));
        advance(2000);
        assertTrue(shown().endsWith("\rTreasure Data job 9: submitted, 2.0 s"), shown());
    }

    @Test
    void describeNamesTheServiceIdStatusAndFigures() {
        QueryProgress firebolt = new QueryProgress("Firebolt", "ab-12", State.RUNNING, null, Duration.ofMillis(3210),
                Duration.ofSeconds(2), 1_234_567, 10, 12_345, -1, -1, null);
        assertEquals("Firebolt query ab-12: running, 3.2 s (server 2 s, 12,345 rows, 1,234,567 rows read)",
                ProgressLine.describe(firebolt, firebolt.elapsed()));
    }
}
