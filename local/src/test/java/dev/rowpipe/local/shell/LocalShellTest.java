package dev.rowpipe.local.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command's output: each TD job id once, plainly; a progress line for a slow statement, removed before its
 * result (that quick statements show none is {@link ProgressLineTest}'s, on a clock of its own).
 */
class LocalShellTest {
    @TempDir
    static Path dataDir;

    private record Run(int status, String out, String err) { }

    private static Run run(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--port";
        all[args.length + 1] = "0";
        all[args.length + 2] = "--data-dir";
        all[args.length + 3] = dataDir.toString();
        int status = LocalShell.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void eachTdJobIdIsShownOnceOnOneLine() throws Exception {
        Run r = run("--td", "-e", "SELECT 1 AS x; SELECT count(*) AS n FROM nasdaq");
        assertEquals(0, r.status(), r.out() + r.err());
        String all = r.out() + r.err();
        assertEquals(2, count(all, "Treasure Data job ID: \\d+"), all);
        assertEquals(2, count(r.err(), "(?m)^Warning: Treasure Data job ID: \\d+ \\(state=01000,code=0\\)$"), r.err());
        assertFalse(all.contains("java.sql.SQLWarning"), "no stack-trace style line: " + all);
        assertTrue(r.out().contains("| 200000 |"), r.out());
    }

    @Test
    void errorsAreOneMessageWithoutDriverFrames() throws Exception {
        Run r = run("--td", "-e", "SELECT * FROM no_such_table");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("Error: Treasure Data job "), r.err());
        assertFalse(r.err().contains("\tat dev.rowpipe"), r.err());
    }

    @Test
    void aSlowStatementShowsOneUpdatingProgressLineRemovedBeforeTheResult() throws Exception {
        Run r = run("--td", "--td-job-ms", "2400", "-e", "SELECT 42 AS answer");
        assertEquals(0, r.status(), r.out() + r.err());
        String out = r.out();
        int table = out.indexOf("+--------+");
        assertTrue(table > 0, out);
        String before = out.substring(0, table);
        assertTrue(before.contains("\rTreasure Data job "), before);
        assertTrue(before.matches("(?s).*\rTreasure Data job \\d+: (queued|running), \\d+\\.\\d s.*"), before);
        assertTrue(before.endsWith("\r"), "the line is blanked before the result: " + before);
        String progress = before.substring(before.indexOf('\r'));
        assertFalse(progress.contains("\n"), "one line, rewritten: " + progress);
        assertEquals(1, count(r.err(), "Treasure Data job ID: \\d+"), r.err());
    }

    @Test
    void firebolt2AndCoreOpenTheShellThroughTheDriver() throws Exception {
        for (String[] flavour : new String[][] {{"--firebolt2"}, {"--core", "--core-port", "0"}}) {
            String[] args = java.util.Arrays.copyOf(flavour, flavour.length + 2);
            args[flavour.length] = "-e";
            args[flavour.length + 1] = "SELECT count(*) AS n FROM page_views_sample";
            Run r = run(args);
            assertEquals(0, r.status(), r.out() + r.err());
            assertTrue(r.out().contains("JDBC URL: jdbc:firebolt:"), r.out());
            assertTrue(r.out().contains("| 100 |"), r.out());
            assertFalse(r.err().contains("Error"), r.err());
        }
    }
}
