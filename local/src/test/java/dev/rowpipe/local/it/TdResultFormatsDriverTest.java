package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every TD result_format and engine type reads the same typed values, hostile strings and NULLs included. */
@ExtendWith(LocalServerExtension.class)
class TdResultFormatsDriverTest {
    /** Tab, newline, CR, quotes, backslashes, a literal \N, emoji, commas: everything a delimited format must escape. */
    static final String HOSTILE = "a\tb\nc\rd\"e'f\\g\\N,h\uD83D\uDE00\u0001\u001f\u007f\u2028";

    /** Built with chr() so the same SQL means the same thing to hive and presto literal rules. */
    private static final String HOSTILE_SQL = "'a' || chr(9) || 'b' || chr(10) || 'c' || chr(13) || 'd' || chr(34)"
            + " || 'e' || chr(39) || 'f' || chr(92) || 'g' || chr(92) || 'N,h' || chr(128512)"
            + " || chr(1) || chr(31) || chr(127) || chr(8232)";

    private static final String QUERY = "SELECT * FROM (VALUES "
            + "(1, CAST(9223372036854775807 AS BIGINT), CAST(1.5 AS DOUBLE), CAST(12345.67 AS DECIMAL(10,2)), true, "
            + HOSTILE_SQL + ", DATE '2024-02-29', TIMESTAMP '2024-02-29 13:14:15', ['x', 'y' || chr(9) || 'z'], "
            + "[CAST(1 AS BIGINT), -2], MAP {'k': 1}), "
            + "(2, CAST(-9223372036854775808 AS BIGINT), CAST(-0.25 AS DOUBLE), CAST(-0.01 AS DECIMAL(10,2)), false, "
            + "'', DATE '1970-01-01', TIMESTAMP '1970-01-01 00:00:00', CAST([] AS VARCHAR[]), CAST([] AS BIGINT[]), "
            + "MAP {'a': 2, 'b': 3}), "
            + "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
            + ") AS t(n, big, dbl, dec, flag, s, d, ts, sarr, larr, m) ORDER BY n";

    static Stream<Arguments> formatsAndTypes() {
        List<Arguments> out = new ArrayList<>();
        for (String format : List.of("msgpack.gz", "msgpack", "json", "tsv", "csv")) {
            for (String type : List.of("hive", "presto", "trino")) {
                out.add(Arguments.of(format, type));
            }
        }
        return out.stream();
    }

    static Connection connect(LocalServer server, String format, String type) throws Exception {
        Properties p = new Properties();
        p.setProperty("apikey", server.demoApiKey());
        p.setProperty("result_format", format);
        p.setProperty("type", type);
        // A local server answers in milliseconds: poll often so that the many small jobs here stay fast.
        p.setProperty("poll_initial_ms", "5");
        p.setProperty("poll_max_ms", "50");
        return DriverManager.getConnection(server.tdJdbcUrl(), p);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndTypes")
    void everyTypeReadsTheSame(String format, String type, LocalServer server) throws Exception {
        try (Connection c = connect(server, format, type); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(QUERY)) {
            assertTrue(rs.next());
            assertEquals(Long.MAX_VALUE, rs.getLong("big"));
            assertEquals(Long.MAX_VALUE, rs.getObject("big"));
            assertEquals(1.5, rs.getDouble("dbl"));
            assertEquals(0, new BigDecimal("12345.67").compareTo(rs.getBigDecimal("dec")), "" + rs.getBigDecimal("dec"));
            assertTrue(rs.getBoolean("flag"));
            assertEquals(Boolean.TRUE, rs.getObject("flag"));
            assertEquals(HOSTILE, rs.getString("s"));
            assertEquals(HOSTILE, rs.getObject("s"));
            assertFalse(rs.wasNull());
            assertEquals(Date.valueOf("2024-02-29"), rs.getDate("d"));
            assertEquals(Timestamp.valueOf("2024-02-29 13:14:15"), rs.getTimestamp("ts"));
            Array sarr = rs.getArray("sarr");
            assertEquals(List.of("x", "y\tz"), List.of((Object[]) sarr.getArray()));
            assertEquals("[\"x\",\"y\\tz\"]", rs.getString("sarr").replace(" ", ""));
            Object[] larr = (Object[]) rs.getArray("larr").getArray();
            assertEquals(List.of(1L, -2L), List.of(larr));
            Object m = rs.getObject("m");
            assertInstanceOf(Map.class, m, String.valueOf(m));
            assertEquals(1L, ((Number) ((Map<?, ?>) m).get("k")).longValue());
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                assertFalse(v != null && v.getClass().getName().startsWith("org.msgpack"), v.getClass().getName());
            }

            assertTrue(rs.next());
            assertEquals(Long.MIN_VALUE, rs.getLong("big"));
            assertEquals(-0.25, rs.getDouble("dbl"));
            assertEquals(0, new BigDecimal("-0.01").compareTo(rs.getBigDecimal("dec")));
            assertFalse(rs.getBoolean("flag"));
            assertFalse(rs.wasNull());
            assertEquals("", rs.getString("s"));
            assertFalse(rs.wasNull());
            assertEquals(Date.valueOf("1970-01-01"), rs.getDate("d"));
            assertEquals(0, ((Object[]) rs.getArray("sarr").getArray()).length);
            assertEquals("[]", rs.getString("larr"));
            assertEquals(2, ((Map<?, ?>) rs.getObject("m")).size());

            assertTrue(rs.next());
            assertEquals(0L, rs.getLong("big"));
            assertTrue(rs.wasNull());
            for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                assertNull(rs.getObject(i), rs.getMetaData().getColumnName(i));
                assertTrue(rs.wasNull());
                assertNull(rs.getString(i));
            }
            assertEquals(0.0, rs.getDouble("dbl"));
            assertFalse(rs.getBoolean("flag"));
            assertTrue(rs.wasNull());
            assertFalse(rs.next());
        }
    }

    /** TD's rule for its {@code time} column: a number read as a timestamp or date is unix seconds, UTC. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndTypes")
    void numbersReadAsTimestampsAreUnixSeconds(String format, String type, LocalServer server) throws Exception {
        try (Connection c = connect(server, format, type); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CAST(1700000000 AS BIGINT) AS t, CAST(1.5 AS DOUBLE) AS f")) {
            assertTrue(rs.next());
            assertEquals(Timestamp.valueOf("2023-11-14 22:13:20"), rs.getTimestamp("t"));
            assertEquals(Date.valueOf("2023-11-14"), rs.getDate("t"));
            assertEquals(Timestamp.valueOf("1970-01-01 00:00:01.5"), rs.getTimestamp("f"));
            assertEquals(1700000000L, rs.getLong("t"));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndTypes")
    void narrowTypesFractionsAndArrayElements(String format, String type, LocalServer server) throws Exception {
        String sql = "SELECT CAST(7 AS INTEGER) AS i, CAST(1.25 AS REAL) AS r, "
                + "TIMESTAMP '2024-01-02 03:04:05.678' AS ts, [1.5, NULL] AS darr, ['a', NULL, '', "
                + "chr(9) || chr(34) || chr(92) || ',' || chr(10)] AS sarr, CAST(NULL AS VARCHAR[]) AS none, "
                + "chr(92) || 'N' AS backslash_n, CAST('NaN' AS DOUBLE) AS nan, CAST('-Infinity' AS DOUBLE) AS ninf, "
                + "CAST(1e300 AS DOUBLE) AS huge";
        try (Connection c = connect(server, format, type); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            assertEquals(7, rs.getInt("i"));
            assertInstanceOf(Number.class, rs.getObject("i"));
            assertEquals(1.25f, rs.getFloat("r"));
            assertEquals(Timestamp.valueOf("2024-01-02 03:04:05.678"), rs.getTimestamp("ts"));
            assertEquals(java.util.Arrays.asList(1.5, null), java.util.Arrays.asList((Object[]) rs.getArray("darr").getArray())
                    .stream().map(o -> o == null ? null : ((Number) o).doubleValue()).toList());
            assertEquals(java.util.Arrays.asList("a", null, "", "\t\"\\,\n"),
                    java.util.Arrays.asList((Object[]) rs.getArray("sarr").getArray()));
            assertNull(rs.getArray("none"));
            assertTrue(rs.wasNull());
            assertEquals("\\N", rs.getString("backslash_n"));
            assertFalse(rs.wasNull());
            assertTrue(Double.isNaN(rs.getDouble("nan")));
            assertEquals(Double.NEGATIVE_INFINITY, rs.getDouble("ninf"));
            assertEquals(1e300, rs.getDouble("huge"));
            assertFalse(rs.next());
        }
    }
}
