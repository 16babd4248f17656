package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.Firebolt2Extension;
import dev.rowpipe.local.LocalServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault sweep and the decoder fuzzer of {@link FaultSweepTest} and {@link DecoderFuzzTest} for Firebolt 2.0's
 * result formats, against the local 2.0 platform: every cut of the result answer gives the exact result or an
 * SQLException, and mutated answers a result or SQLExceptions.
 */
@ExtendWith(Firebolt2Extension.class)
class Firebolt2FaultsTest {
    private static final Logger LOG = Logger.getLogger(Firebolt2FaultsTest.class.getName());

    /** A user statement's request: the driver's own look-ups are not sent in these tests. */
    private static final Predicate<String> RESULT = line -> line.startsWith("POST ") && line.contains("query_label=");

    private static Connection connect(LocalServer server, String format, FaultProxy proxy, String... extra)
            throws SQLException {
        List<String> props = new ArrayList<>(List.of("proxy_host", "127.0.0.1", "proxy_port",
                String.valueOf(proxy.port()), "retry_backoff_ms", "1", "output_format", format));
        props.addAll(List.of(extra));
        return Firebolt2It.platform(server, "local_engine", props.toArray(new String[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TabSeparatedWithNamesAndTypes", "JSON_Compact", "JSONLines_Compact"})
    void everyCutGivesTheExactResultOrAnError(String format, LocalServer server) throws Exception {
        try (FaultProxy proxy = new FaultProxy(RESULT); Connection c = connect(server, format, proxy)) {
            List<List<String>> expected = FaultSweepTest.run(c, FaultSweepTest.QUERY);
            byte[] raw = proxy.recorded();
            TreeSet<Integer> positions = FaultSweepTest.positions(raw);
            Map<String, Integer> outcomes = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            for (int cut : positions) {
                proxy.plan(FaultProxy.Plan.cut(cut));
                String outcome;
                try {
                    List<List<String>> rows = FaultSweepTest.run(c, FaultSweepTest.QUERY);
                    outcome = rows == null ? "update count" : rows.equals(expected) ? "exact" : "wrong rows";
                    if (!outcome.equals("exact")) {
                        wrong.add(cut + ": " + outcome);
                    }
                } catch (SQLException e) {
                    outcome = "SQLException " + e.getSQLState();
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
            LOG.info(() -> String.format("fault sweep firebolt2 %s: %d cut positions over a %d-byte answer (head %d "
                    + "bytes): %s", format, positions.size(), raw.length,
                    new String(raw, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4, outcomes));
            assertTrue(wrong.isEmpty(), "short or wrong results at cut positions " + wrong);
            assertEquals(expected, FaultSweepTest.run(c, FaultSweepTest.QUERY));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TabSeparatedWithNamesAndTypes", "JSON_Compact", "JSONLines_Compact"})
    void mutatedAnswersGiveAResultOrAnSqlException(String format, LocalServer server) throws Exception {
        try (FaultProxy proxy = new FaultProxy(RESULT);
             Connection c = connect(server, format, proxy, "max_value_bytes", "1048576")) {
            DecoderFuzzTest.fuzz(c, proxy, "firebolt2", format);
        }
    }
}
