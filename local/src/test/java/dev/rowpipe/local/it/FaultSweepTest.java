package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No short result, ever: the driver reaches the local server through {@link FaultProxy}, which cuts the answer of the
 * result request (Firebolt's query, TD's {@code job/result}) after a chosen number of bytes, at positions over its
 * head and its body, in every result format of both services. Each run must give the exact result (a cut before the
 * answer was handed out is retried for a read) or an SQLException; a run that ends with fewer rows, other rows, or an
 * update count instead of rows fails the test. Stalls: an answer that stops flowing ends in an SQLException once
 * {@code socket_timeout} passes. The positions cover every line of the head, the first row, each chunk boundary and
 * the end; {@code -Drowpipe.faults.full=true} sweeps every byte of a smaller result instead.
 */
@ExtendWith(LocalServerExtension.class)
class FaultSweepTest {
    private static final Logger LOG = Logger.getLogger(FaultSweepTest.class.getName());
    static final boolean FULL = Boolean.getBoolean("rowpipe.faults.full");
    /** Rows: enough that the chunked body crosses a 64 KiB chunk boundary; fewer for the byte-by-byte sweep. */
    private static final int ROWS = FULL ? 120 : 3000;
    static final String QUERY = "SELECT range AS i, 'text ' || range || chr(9) || 'é\"q' AS s, range * 0.25 AS d "
            + "FROM range(" + ROWS + ")";

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("firebolt", "TabSeparatedWithNamesAndTypes"),
                Arguments.of("firebolt", "JSON"),
                Arguments.of("firebolt", "JSON_Compact"),
                Arguments.of("td", "msgpack.gz"),
                Arguments.of("td", "msgpack"),
                Arguments.of("td", "json"),
                Arguments.of("td", "tsv"),
                Arguments.of("td", "csv"));
    }

    /** The request whose answer the proxy breaks: the statement's result. */
    static Predicate<String> resultRequest(String service) {
        return service.equals("firebolt")
                ? line -> line.startsWith("POST ") && line.contains("/?database=")
                : line -> line.startsWith("GET ") && line.contains("/v3/job/result/");
    }

    static Connection connect(LocalServer server, String service, String format, FaultProxy proxy,
                              String... extra) throws SQLException {
        Properties p = new Properties();
        if (service.equals("firebolt")) {
            p.setProperty("user", server.demoUser());
            p.setProperty("password", server.demoPassword());
            p.setProperty("output_format", format);
        } else {
            p.setProperty("apikey", server.demoApiKey());
            p.setProperty("result_format", format);
            p.setProperty("type", "presto");
            p.setProperty("poll_initial_ms", "5");
            p.setProperty("poll_max_ms", "20");
        }
        p.setProperty("proxy_host", "127.0.0.1");
        p.setProperty("proxy_port", String.valueOf(proxy.port()));
        p.setProperty("retry_backoff_ms", "1");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            if (extra[i + 1] != null) {
                p.setProperty(extra[i], extra[i + 1]);
            }
        }
        return DriverManager.getConnection(service.equals("firebolt") ? server.fireboltJdbcUrl() : server.tdJdbcUrl(),
                p);
    }

    /** Every row as text; null when the statement returned no rows (an update count). */
    static List<List<String>> run(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(30);
            if (!st.execute(sql)) {
                return null;
            }
            try (ResultSet rs = st.getResultSet()) {
                int n = rs.getMetaData().getColumnCount();
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /**
     * Positions to cut at: every byte of the head's lines (their ends and the blank line, a byte either side), into
     * the first row, around each chunk of a chunked body, and the last bytes.
     */
    static TreeSet<Integer> positions(byte[] raw) {
        TreeSet<Integer> at = new TreeSet<>();
        if (FULL) {
            for (int i = 1; i < raw.length; i++) {
                at.add(i);
            }
            return at;
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int head = text.indexOf("\r\n\r\n") + 4;
        at.add(1);
        at.add(5);
        at.add(9);
        for (int i = text.indexOf("\r\n"); i >= 0 && i < head; i = text.indexOf("\r\n", i + 1)) {
            at.add(i - 3);
            at.add(i);
            at.add(i + 1);
            at.add(i + 2);
        }
        for (int k : new int[] {1, 3, 10, 40, 100, 300}) {
            at.add(head + k);
        }
        if (text.substring(0, head).toLowerCase().contains("transfer-encoding: chunked")) {
            int p = head;
            while (true) {
                int lineEnd = text.indexOf("\r\n", p);
                int size = Integer.parseInt(text.substring(p, lineEnd).trim(), 16);
                at.add(p);
                at.add(lineEnd + 1);
                at.add(lineEnd + 2);
                if (size == 0) {
                    break;
                }
                p = lineEnd + 2 + size + 2;
                at.add(p - 2);
                at.add(p - 1);
            }
        }
        for (int back = 1; back <= 8; back++) {
            at.add(raw.length - back);
        }
        at.removeIf(i -> i < 1 || i >= raw.length);
        return at;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void everyCutGivesTheExactResultOrAnError(String service, String format, LocalServer server) throws Exception {
        try (FaultProxy proxy = new FaultProxy(resultRequest(service));
             Connection c = connect(server, service, format, proxy)) {
            List<List<String>> expected = run(c, QUERY);
            assertEquals(ROWS, expected.size());
            byte[] raw = proxy.recorded();
            TreeSet<Integer> positions = positions(raw);
            Map<String, Integer> outcomes = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int cut : positions) {
                int before = proxy.targeted.get();
                proxy.plan(FaultProxy.Plan.cut(cut));
                String outcome;
                try {
                    List<List<String>> rows = run(c, QUERY);
                    if (rows == null) {
                        outcome = "update count";
                        wrong.add(cut + ": an update count instead of the rows");
                    } else if (!rows.equals(expected)) {
                        outcome = "wrong rows";
                        wrong.add(cut + ": " + rows.size() + " rows, not the " + ROWS + " expected, and no error");
                    } else {
                        outcome = proxy.targeted.get() - before > 1 ? "exact (sent again)" : "exact";
                    }
                } catch (SQLException e) {
                    outcome = "SQLException " + e.getSQLState();
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
            LOG.info(() -> String.format("fault sweep %s %s: %d cut positions over a %d-byte answer (head %d bytes) "
                            + "in %d ms: %s", service, format, positions.size(), raw.length,
                    new String(raw, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), outcomes));
            assertTrue(wrong.isEmpty(), "short or wrong results at cut positions " + wrong);
            assertEquals(expected, run(c, QUERY), "the connection is usable after the sweep");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stalls")
    void anAnswerThatStopsFlowingEndsInAnError(String service, String where, LocalServer server) throws Exception {
        String format = service.equals("firebolt") ? "TabSeparatedWithNamesAndTypes" : "tsv";
        try (FaultProxy proxy = new FaultProxy(resultRequest(service));
             Connection c = connect(server, service, format, proxy, "socket_timeout", "1")) {
            run(c, QUERY);
            byte[] raw = proxy.recorded();
            int head = new String(raw, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
            proxy.plan(FaultProxy.Plan.stall(where.equals("head") ? head / 2 : head + 200, 4000));
            long t0 = System.nanoTime();
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> run(c, QUERY));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals("08S01", e.getSQLState(), e.toString());
            assertTrue(took < 3500, "the stall was noticed after " + took + " ms");
            assertEquals(ROWS, run(c, QUERY).size());
        }
    }

    static Stream<Arguments> stalls() {
        return Stream.of(Arguments.of("firebolt", "head"), Arguments.of("firebolt", "body"),
                Arguments.of("td", "head"), Arguments.of("td", "body"));
    }
}
