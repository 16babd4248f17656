package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type the local server produces, read through the typed getters, once per output_format: the three
 * decoders must give the same values.
 */
@ExtendWith(LocalServerExtension.class)
class FireboltTypesTest {
    /** Firebolt literal rules: a backslash escapes the next character. */
    private static final String HOSTILE_SQL = "'tab\\there\\nnew\\\\back ''q'' \"dq\" \u00e9 \uD83D\uDE00 [1,2] \\\\N'";
    private static final String HOSTILE = "tab\there\nnew\\back 'q' \"dq\" \u00e9 \uD83D\uDE00 [1,2] \\N";

    private static final String QUERY = "SELECT 42::INTEGER AS i32, (-2147483648)::INTEGER AS i32min,"
            + " 9223372036854775807::BIGINT AS i64max, (-9223372036854775807 - 1)::BIGINT AS i64min,"
            + " 1.25::DOUBLE AS f64, 12345678901234567890123456789.123456789::DECIMAL(38,9) AS dec,"
            + " (-0.000000001)::DECIMAL(38,9) AS decsmall,"
            + " DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 13:14:15.123456' AS ts,"
            + " true AS bt, false AS bf, " + HOSTILE_SQL + " AS s, '' AS empty,"
            + " NULL::INTEGER AS ni, NULL::VARCHAR AS ns, NULL::DATE AS nd,"
            + " [1, 2, NULL, -3]::INTEGER[] AS ai, ['a', 'b\\tc', NULL, '', 'q''x']::VARCHAR[] AS at,"
            + " []::INTEGER[] AS aempty, [[1, 2], [3]]::INTEGER[][] AS anested";

    /** Only Treasure Data reads numbers as unix seconds; a Firebolt number is not a timestamp. */
    @ParameterizedTest
    @ValueSource(strings = {"JSON", "JSON_Compact", "TabSeparatedWithNamesAndTypes"})
    void numbersAreNotTimestamps(String format, LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server, "output_format", format);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1700000000::BIGINT AS t")) {
            assertTrue(rs.next());
            SQLException e = assertThrows(SQLException.class, () -> rs.getTimestamp("t"));
            assertEquals("22018", e.getSQLState(), e.getMessage());
            assertEquals("22018", assertThrows(SQLException.class, () -> rs.getDate("t")).getSQLState());
            assertEquals(1700000000L, rs.getLong("t"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "JSON_Compact", "TabSeparatedWithNamesAndTypes"})
    void everyTypeReadsTheSameInEveryFormat(String format, LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server, "output_format", format);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(QUERY)) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt("i32"));
            assertEquals(Integer.MIN_VALUE, rs.getInt("i32min"));
            assertEquals(Long.MAX_VALUE, rs.getLong("i64max"));
            assertEquals(Long.MIN_VALUE, rs.getLong("i64min"));
            assertEquals(Long.MAX_VALUE, ((Number) rs.getObject("i64max")).longValue());
            assertEquals(1.25, rs.getDouble("f64"));
            assertEquals(new BigDecimal("12345678901234567890123456789.123456789"), rs.getBigDecimal("dec"));
            assertEquals(new BigDecimal("-0.000000001"), rs.getBigDecimal("decsmall"));
            assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("d", LocalDate.class));
            assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
                    rs.getObject("ts", LocalDateTime.class));
            assertTrue(rs.getBoolean("bt"));
            assertFalse(rs.getBoolean("bf"));
            assertEquals(HOSTILE, rs.getString("s"));
            assertEquals("", rs.getString("empty"));
            assertFalse(rs.wasNull());

            assertEquals(0, rs.getInt("ni"));
            assertTrue(rs.wasNull());
            assertNull(rs.getString("ns"));
            assertTrue(rs.wasNull());
            assertNull(rs.getObject("nd", LocalDate.class));
            assertTrue(rs.wasNull());

            Array ai = rs.getArray("ai");
            assertArrayEquals(new Object[] {1, 2, null, -3}, (Object[]) ai.getArray(), format);
            Array at = rs.getArray("at");
            assertArrayEquals(new Object[] {"a", "b\tc", null, "", "q'x"}, (Object[]) at.getArray(), format);
            assertEquals(0, ((Object[]) rs.getArray("aempty").getArray()).length);
            Object[] nested = (Object[]) rs.getArray("anested").getArray();
            assertEquals(2, nested.length);
            assertArrayEquals(new Object[] {1, 2}, toArray(nested[0]), format);
            assertArrayEquals(new Object[] {3}, toArray(nested[1]), format);
            assertFalse(rs.next());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "JSON_Compact", "TabSeparatedWithNamesAndTypes"})
    void manyRowsWithNullsInEveryFormat(String format, LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server, "output_format", format);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT range::INTEGER AS i, CASE WHEN range % 3 = 0 THEN NULL"
                     + " ELSE 'v' || range END AS s FROM range(5000) ORDER BY range")) {
            int n = 0;
            while (rs.next()) {
                assertEquals(n, rs.getInt(1));
                String s = rs.getString(2);
                if (n % 3 == 0) {
                    assertNull(s);
                    assertTrue(rs.wasNull());
                } else {
                    assertEquals("v" + n, s);
                }
                n++;
            }
            assertEquals(5000, n);
        }
    }

    private static Object[] toArray(Object element) throws Exception {
        if (element instanceof Array a) {
            return (Object[]) a.getArray();
        }
        return (Object[]) element;
    }
}
