package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded fuzzer of every result decoder, through JDBC: {@link FaultProxy} answers the result request with the real
 * answer of the local server, mutated (bits flipped, bytes overwritten, hostile tokens inserted: huge exponents, deep
 * nesting, msgpack headers promising gigabytes, server error text; ranges deleted or repeated; the chunked answer
 * itself broken), and every getter is called on every column of every row. Each case must end in a result or
 * SQLExceptions, within bounded time: never another Throwable, and never an SQLException that only wraps a
 * RuntimeException the driver did not foresee. A failure names the case's seed. CI runs for a few seconds per format
 * ({@code -Drowpipe.fuzz.millis} per format and {@code -Drowpipe.fuzz.seed} for more or other cases).
 */
@ExtendWith(LocalServerExtension.class)
class DecoderFuzzTest {
    private static final Logger LOG = Logger.getLogger(DecoderFuzzTest.class.getName());
    private static final long SEED = Long.getLong("rowpipe.fuzz.seed", 20_260_101L);
    private static final long MILLIS_PER_FORMAT = Long.getLong("rowpipe.fuzz.millis", 2_500L);
    /** A case that takes longer than this is a finding (a query timeout of 10 s bounds a hang). */
    private static final long CASE_BOUND_MILLIS = 10_000;

    /** Built with chr() so that both services' literal rules read it the same way. */
    private static final String QUERY = "SELECT * FROM (VALUES "
            + "(1, CAST(9223372036854775807 AS BIGINT), CAST(1.5 AS DOUBLE), CAST(12345.67 AS DECIMAL(10,2)), true, "
            + "'a' || chr(9) || 'b' || chr(10) || chr(34) || chr(92) || 'N' || chr(128512), DATE '2024-02-29', "
            + "TIMESTAMP '2024-02-29 13:14:15', [CAST(1 AS BIGINT), -2]), "
            + "(2, CAST(-9223372036854775808 AS BIGINT), CAST(-0.25 AS DOUBLE), CAST(-0.01 AS DECIMAL(10,2)), false, "
            + "'', DATE '1970-01-01', TIMESTAMP '1970-01-01 00:00:00', CAST([] AS BIGINT[])), "
            + "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
            + ") AS t(n, big, dbl, dec, flag, s, d, ts, larr) "
            + "UNION ALL SELECT 3 + range, range * 1000003, range / 7.0, CAST(range AS DECIMAL(10,2)), range % 2 = 0, "
            + "'row ' || range, DATE '2000-01-01' + CAST(range AS INTEGER), TIMESTAMP '2000-01-01 00:00:00', "
            + "[range, range + 1] FROM range(40) ORDER BY 1";

    private static final byte[][] TOKENS = tokens();

    private static byte[][] tokens() {
        List<byte[]> out = new ArrayList<>();
        for (String s : new String[] {"\\", "\"", "\t", "\n", "\r", "[", "]", "{", "}", ",", ":", "\\N", "null",
                "NaN", "-Infinity", "-", "e", ".", "'", "1e2147483647", "1e99999999", "-1e-99999999",
                "99999999999999999999999999", "\u0000", "\uD83D", "Code: 60. DB::Exception: fuzz", "\"rows\":7",
                "[".repeat(5_000), "{\"a\":".repeat(3_000), "Array(".repeat(2_000), "array<".repeat(2_000),
                "\\x4", "9999-99-99 99:99:99", "\"error\":\"fuzz\"", "0".repeat(3_000)}) {
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        int[][] raw = {{0xC0}, {0xC1}, {0xFF}, {0xF0, 0x9F}, {0xDB, 0x7F, 0xFF, 0xFF, 0xF0}, {0xDD, 0x7F, 0xFF, 0xFF, 0xF0},
                {0xDF, 0x00, 0xFF, 0xFF, 0xFF}, {0x91}, {0x9F}, {0xCF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF},
                {0xCB, 0x7F, 0xF8, 0, 0, 0, 0, 0, 0}, {0xC7, 0xFF, 0x01}, {0xD9, 0xFF}, {0x1F, 0x8B, 0x08, 0x00}};
        for (int[] r : raw) {
            byte[] b = new byte[r.length];
            for (int i = 0; i < r.length; i++) {
                b[i] = (byte) r[i];
            }
            out.add(b);
        }
        byte[] deep = new byte[20_000];
        java.util.Arrays.fill(deep, (byte) 0x91);
        out.add(deep);
        return out.toArray(new byte[0][]);
    }

    /** One mutation of a recorded answer, fixed by its seed. */
    static byte[] mutate(FaultProxy.Response answer, byte[] raw, boolean gzip, long seed) throws IOException {
        Random r = new Random(seed);
        if (r.nextInt(5) == 0) {
            // The HTTP framing itself: head or chunk lines broken too.
            return edit(raw, r, 1 + r.nextInt(3));
        }
        byte[] body = answer.body();
        boolean inflated = gzip && r.nextBoolean();
        if (inflated) {
            body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        }
        body = edit(body, r, 1 + r.nextInt(4));
        if (inflated) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(body);
            }
            body = out.toByteArray();
        }
        return answer.withBody(body);
    }

    private static byte[] edit(byte[] data, Random r, int edits) {
        byte[] b = data.clone();
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> {
                    for (int i = at; i < Math.min(b.length, at + 1 + r.nextInt(8)); i++) {
                        b[i] = (byte) r.nextInt(256);
                    }
                }
                case 2, 3 -> b = splice(b, at, 0, TOKENS[r.nextInt(TOKENS.length)]);
                case 4 -> b = splice(b, at, Math.min(b.length - at, 1 + r.nextInt(64)), new byte[0]);
                case 5 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(256));
                    b = splice(b, at, 0, java.util.Arrays.copyOfRange(b, at, at + len));
                }
                default -> b = splice(b, at, Math.min(b.length - at, 1 + r.nextInt(4)),
                        TOKENS[r.nextInt(TOKENS.length)]);
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    /**
     * Runs the query and reads everything every way a tool might. Returns how it ended; a Throwable other than
     * SQLException is thrown on.
     */
    private static String readEverything(Connection c) throws SQLException {
        List<String> failures = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(10);
            if (!st.execute(QUERY)) {
                return "update count";
            }
            try (ResultSet rs = st.getResultSet()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        readColumn(rs, i, failures);
                    }
                }
                return "result";
            }
        }
    }

    private interface Getter {
        Object get() throws SQLException;
    }

    private static void readColumn(ResultSet rs, int i, List<String> failures) {
        Getter[] getters = {() -> rs.getString(i), () -> rs.getObject(i), () -> rs.getLong(i), () -> rs.getInt(i),
            () -> rs.getDouble(i), () -> rs.getBigDecimal(i), () -> rs.getBoolean(i), () -> rs.getBytes(i),
            () -> rs.getDate(i), () -> rs.getTime(i), () -> rs.getTimestamp(i),
            () -> rs.getObject(i, OffsetDateTime.class), () -> rs.getObject(i, LocalDateTime.class),
            () -> rs.getObject(i, BigInteger.class), () -> {
                Array a = rs.getArray(i);
                if (a != null) {
                    a.getArray();
                    a.toString();
                    try (ResultSet elements = a.getResultSet()) {
                        while (elements.next()) {
                            elements.getObject(2);
                            elements.getString(2);
                        }
                    }
                }
                return a;
            }};
        for (Getter g : getters) {
            try {
                g.get();
            } catch (SQLException e) {
                if (e.getMessage() != null && e.getMessage().contains("failed unexpectedly")) {
                    throw new AssertionError("a RuntimeException reached the JDBC boundary", e);
                }
                failures.add(e.getSQLState());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.rowpipe.local.it.FaultSweepTest#formats")
    void mutatedAnswersGiveAResultOrAnSqlException(String service, String format, LocalServer server)
            throws Exception {
        try (FaultProxy proxy = new FaultProxy(FaultSweepTest.resultRequest(service));
             Connection c = FaultSweepTest.connect(server, service, format, proxy, "max_value_bytes", "1048576")) {
            fuzz(c, proxy, service, format);
        }
    }

    /** Runs mutated answers of the result request through {@code c} for this format's share of the time. */
    static void fuzz(Connection c, FaultProxy proxy, String service, String format) throws Exception {
        assertEquals("result", readEverything(c), "the query reads cleanly without mutations");
        byte[] raw = proxy.recorded();
        FaultProxy.Response answer = FaultProxy.Response.parse(raw);
        Map<String, Integer> outcomes = new TreeMap<>();
        long formatSeed = SEED * 31 + (service + format).hashCode();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MILLIS_PER_FORMAT);
        int cases = 0;
        long slowest = 0;
        while (System.nanoTime() < deadline) {
            long seed = formatSeed + cases;
            proxy.plan(FaultProxy.Plan.answer(mutate(answer, raw, format.equals("msgpack.gz"), seed)));
            long t0 = System.nanoTime();
            String outcome;
            try {
                outcome = readEverything(c);
            } catch (SQLException e) {
                if (e.getMessage() != null && e.getMessage().contains("failed unexpectedly")) {
                    throw new AssertionError("case seed " + seed + ": a RuntimeException reached the JDBC "
                            + "boundary", e);
                }
                outcome = "SQLException " + e.getSQLState();
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case seed " + seed + " (" + service + " " + format + "): "
                        + e.getClass().getName() + " left a JDBC method", e);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            slowest = Math.max(slowest, millis);
            assertTrue(millis < CASE_BOUND_MILLIS, "case seed " + seed + " took " + millis + " ms");
            outcomes.merge(outcome, 1, Integer::sum);
            cases++;
        }
        int total = cases;
        long worst = slowest;
        LOG.info(() -> String.format("decoder fuzz %s %s: %d cases (seed %d), slowest %d ms: %s", service, format,
                total, formatSeed, worst, outcomes));
        assertTrue(cases > 0);
        assertEquals("result", readEverything(c), "the connection reads cleanly after the fuzzing");
    }
}
