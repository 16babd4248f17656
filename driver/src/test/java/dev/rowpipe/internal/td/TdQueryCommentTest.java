package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.DriverVersion;
import dev.rowpipe.internal.spi.ExecutionOptions;
import dev.rowpipe.internal.spi.ProgressReporter;
import dev.rowpipe.internal.sql.SqlLexer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every job's query starts with one comment line naming the driver (and the application); the statement follows
 * byte for byte, so the comment is never inside a literal and changes nothing the engine reads.
 */
class TdQueryCommentTest {
    private static final String CLIENT = "-- client: rowpipe-jdbc/" + DriverVersion.full();

    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeTd td = new FakeTd();

    @AfterEach
    void closeSessions() {
        td.closeAll();
    }

    /** Issues {@code sql} as a job (the job ends at once, without rows) and returns the form fields it sent. */
    private Map<String, String> issue(String type, String sql, String applicationName) throws Exception {
        td.onJson("/v3/job/issue/" + type + "/mydb", TdExecutionTest.ISSUED);
        td.onJson("/v3/job/show/42", "{\"job_id\":\"42\",\"status\":\"success\",\"hive_result_schema\":\"[]\"}");
        TdSession session = td.session(server, ";type=" + type);
        session.newExecution(sql, new ExecutionOptions(0, 0, 0, applicationName, Map.of(), ProgressReporter.NONE))
                .start();
        return form(td.last("/v3/job/issue/" + type + "/mydb"));
    }

    static Map<String, String> form(RecordedRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : request.getBody().utf8().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void theCommentNamesTheDriverAndVersionAndComesFirst() throws Exception {
        String query = issue("hive", "SELECT 1", null).get("query");
        assertEquals(CLIENT + "\nSELECT 1", query);
        assertTrue(DriverVersion.full().matches("\\d+\\.\\d+.*"), DriverVersion.full());
    }

    @Test
    void theApplicationIsNamedWhenGiven() throws Exception {
        assertEquals(CLIENT + " app: Tableau 2024.1\nSELECT 1", issue("presto", "SELECT 1", "Tableau 2024.1")
                .get("query"));
    }

    /** Statements whose text would trap a driver that edits it: the statement after the comment is unchanged. */
    @Test
    void theStatementFollowsByteForByteWhateverItStartsWith() throws Exception {
        List<String> statements = List.of(
                "'a -- b' AS s",                                        // starts with a string literal
                "SELECT '-- not a comment', \"--\", `--` FROM t",       // -- inside literals and identifiers
                "-- my own comment\nSELECT 1",                          // first line is a comment
                "/* block */ SELECT 'it''s', 'x\\'y' -- tail",          // block comment, escapes, trailing comment
                "-- @TD distribute_strategy: aggressive\nSELECT 1",     // TD's magic comment keeps its own line
                "\n\n  SELECT '\n-- x\n'  ");                            // leading blanks, a literal with line breaks
        for (String type : List.of("hive", "presto", "trino")) {
            for (String sql : statements) {
                String query = issue(type, sql, null).get("query");
                assertEquals(CLIENT + "\n" + sql, query, type);
                assertEquals(sql, query.substring(query.indexOf('\n') + 1), type);
            }
        }
    }

    /** The engine's lexer sees the comment as a whole line comment and the statement's tokens as before. */
    @Test
    void theCommentIsOneLineCommentAndTheStatementsTokensAreUnchanged() throws Exception {
        String sql = "SELECT '-- x' AS a, 'y' -- z\nFROM t";
        for (boolean backslash : new boolean[] {true, false}) {
            String query = TdQueryComment.attributed(sql, "app\n; DROP TABLE t; --");
            int end = SqlLexer.skipNonCode(query, 0, backslash);
            assertEquals(query.indexOf('\n') + 1, end, "the comment ends at the first line break, not before");
            assertEquals(sql, query.substring(end));
        }
    }

    @Test
    void hostileApplicationNamesStayOnTheCommentLine() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("evil\nDROP TABLE t", "evil DROP TABLE t");
        cases.put("evil\r\nDROP TABLE t", "evil  DROP TABLE t");
        cases.put("a\u2028b\u2029c\u0085d\u0000e\tf", "a b c d e f");
        cases.put("x */ y /* z", "x    y /* z");
        cases.put("**/", "*");
        cases.put("  padded  ", "padded");
        cases.put("\n", "");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertEquals(c.getValue(), TdQueryComment.sanitise(c.getKey()), c.getKey());
        }
        String query = issue("hive", "SELECT 1", "evil\nDROP TABLE t; -- */").get("query");
        assertEquals(CLIENT + " app: evil DROP TABLE t; --\nSELECT 1", query);
        assertEquals(1, query.chars().filter(c -> c == '\n').count());
        assertFalse(query.contains("*/"));
        assertEquals(CLIENT + "\nSELECT 1", TdQueryComment.attributed("SELECT 1", " \n\t "),
                "a name that is only blanks is no name");
    }

    @Test
    void longApplicationNamesAreCut() {
        String name = "x".repeat(500);
        assertEquals(TdQueryComment.MAX_APPLICATION_NAME, TdQueryComment.sanitise(name).length());
        String emoji = "y".repeat(TdQueryComment.MAX_APPLICATION_NAME - 1) + "\uD83D\uDE00";
        String cut = TdQueryComment.sanitise(emoji);
        assertEquals(TdQueryComment.MAX_APPLICATION_NAME - 1, cut.length(), "a surrogate pair is not split");
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 1)));
    }
}
