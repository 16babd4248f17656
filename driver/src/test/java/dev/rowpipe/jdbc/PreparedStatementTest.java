package dev.rowpipe.jdbc;

import dev.rowpipe.internal.firebolt.FireboltDialect;
import dev.rowpipe.internal.spi.SqlDialect;
import dev.rowpipe.internal.td.TdDialect;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static dev.rowpipe.jdbc.FakeResults.update;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreparedStatementTest {
    /** Presto's and Trino's literals: a quote is doubled, a backslash is an ordinary character. */
    private static final SqlDialect STANDARD = TdDialect.forType("presto");
    private static final List<String> HOSTILE = List.of(
            "", "'", "''", "\\", "abc\\", "\\'", "\\\\'", "it's", "'; DROP TABLE x; --", "a\nb", "a\r\nb",
            "nul\0char", "emoji \uD83D\uDE00 ok", "?", "a ? b ?", "-- not a comment", "/* not a comment */",
            "\"dq\"", "`bt`", "tab\there", "\\0", "\\n", "end with quote'", "'start", "\\';--");

    private static FakeSession session(SqlDialect dialect) {
        return new FakeSession("db", dialect).otherwise(update(1));
    }

    private static RowpipeConnection connect(FakeSession s) {
        return new RowpipeConnection(s, null, "jdbc:fake:db");
    }

    private static String last(FakeSession s) {
        List<String> all = s.statements();
        return all.get(all.size() - 1);
    }

    @Test
    void hostileStringsStayOneLiteralWithBackslashDialect() throws SQLException {
        checkCorpus(FireboltDialect.INSTANCE, LiteralReaders::unescapeBackslash);
    }

    @Test
    void hostileStringsStayOneLiteralWithHiveDialect() throws SQLException {
        checkCorpus(TdDialect.forType("hive"), LiteralReaders::unescapeBackslash);
    }

    @Test
    void hostileStringsStayOneLiteralWithStandardDialect() throws SQLException {
        checkCorpus(TdDialect.forType("presto"), LiteralReaders::unescapeStandard);
    }

    /** Firebolt 2.0 and Core read standard literals (standard_conforming_strings on). */
    @Test
    void hostileStringsStayOneLiteralWithFirebolt2Dialect() throws SQLException {
        checkCorpus(dev.rowpipe.internal.firebolt.Firebolt2Dialect.INSTANCE, LiteralReaders::unescapeStandard);
    }

    private static void checkCorpus(SqlDialect dialect, UnaryOperator<String> unescape) throws SQLException {
        FakeSession s = session(dialect);
        String head = "INSERT INTO t (a) VALUES (";
        try (RowpipeConnection c = connect(s); PreparedStatement ps = c.prepareStatement(head + "?)")) {
            for (String value : HOSTILE) {
                int before = s.executions.size();
                ps.setString(1, value);
                assertEquals(1, ps.executeUpdate());
                assertEquals(before + 1, s.executions.size(), "one request for " + value);
                String sql = last(s);
                assertEquals(List.of(sql), SqlText.split(sql, dialect.backslashEscapes()), value);
                assertEquals(0, SqlText.markers(sql, dialect.backslashEscapes()).length, value);
                assertTrue(sql.startsWith(head) && sql.endsWith(")"), sql);
                String literal = sql.substring(head.length(), sql.length() - 1);
                assertEquals(value, unescape.apply(literal), "round trip of " + value);
            }
        }
    }

    @Test
    void twoHostileValuesStayInTheirPlaces() throws SQLException {
        FakeSession s = session(FireboltDialect.INSTANCE);
        try (RowpipeConnection c = connect(s);
             PreparedStatement ps = c.prepareStatement("SELECT ?, '?' , ? -- ?")) {
            s.otherwise(update(0));
            ps.setString(1, "a?'");
            ps.setString(2, "?\\");
            ps.execute();
            assertEquals("SELECT 'a?\\'', '?' , '?\\\\' -- ?", last(s));
        }
    }

    @Test
    void markersInsideQuotesAndCommentsAreNotParameters() throws SQLException {
        try (RowpipeConnection c = connect(session(STANDARD))) {
            PreparedStatement ps = c.prepareStatement("SELECT '?', \"?\", `?` /* ? */ FROM t WHERE a = ? -- ?");
            assertEquals(1, ps.getParameterMetaData().getParameterCount());
            SQLException e = assertThrows(SQLException.class, () -> ps.setInt(2, 1));
            assertEquals("07009", e.getSQLState());
        }
    }

    @Test
    void missingParameterNamesItsIndex() throws SQLException {
        try (RowpipeConnection c = connect(session(STANDARD))) {
            PreparedStatement ps = c.prepareStatement("SELECT ? + ? + ?");
            ps.setInt(1, 1);
            ps.setInt(3, 3);
            SQLException e = assertThrows(SQLException.class, ps::executeQuery);
            assertEquals("07001", e.getSQLState());
            assertTrue(e.getMessage().contains("Parameter 2 "), e.getMessage());
            e = assertThrows(SQLException.class, ps::addBatch);
            assertEquals("07001", e.getSQLState());
            ps.setInt(2, 2);
            ps.clearParameters();
            e = assertThrows(SQLException.class, ps::execute);
            assertTrue(e.getMessage().contains("Parameter 1 "), e.getMessage());
        }
    }

    @Test
    void indexOutOfRange() throws SQLException {
        try (RowpipeConnection c = connect(session(STANDARD))) {
            PreparedStatement ps = c.prepareStatement("SELECT ?");
            for (int bad : new int[] {0, -1, 2}) {
                SQLException e = assertThrows(SQLException.class, () -> ps.setString(bad, "x"));
                assertEquals("07009", e.getSQLState());
                assertTrue(e.getMessage().contains("index " + bad), e.getMessage());
            }
        }
    }

    /** Binds one value with {@code setter} into "SELECT ?" and returns what replaced the marker. */
    private interface Setter {
        void set(PreparedStatement ps) throws SQLException;
    }

    private static String rendered(Setter setter) throws SQLException {
        return rendered(STANDARD, setter);
    }

    private static String rendered(SqlDialect dialect, Setter setter) throws SQLException {
        FakeSession s = session(dialect);
        try (RowpipeConnection c = connect(s); PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            setter.set(ps);
            ps.execute();
            return last(s).substring("SELECT ".length());
        }
    }

    @Test
    void settersRender() throws Exception {
        assertEquals("NULL", rendered(ps -> ps.setNull(1, Types.INTEGER)));
        assertEquals("NULL", rendered(ps -> ps.setNull(1, Types.ARRAY, "array(int)")));
        assertEquals("NULL", rendered(ps -> ps.setString(1, null)));
        assertEquals("TRUE", rendered(ps -> ps.setBoolean(1, true)));
        assertEquals("FALSE", rendered(ps -> ps.setBoolean(1, false)));
        assertEquals("-7", rendered(ps -> ps.setByte(1, (byte) -7)));
        assertEquals("300", rendered(ps -> ps.setShort(1, (short) 300)));
        assertEquals("-2147483648", rendered(ps -> ps.setInt(1, Integer.MIN_VALUE)));
        assertEquals("9223372036854775807", rendered(ps -> ps.setLong(1, Long.MAX_VALUE)));
        assertEquals("1.5", rendered(ps -> ps.setFloat(1, 1.5f)));
        assertEquals("2.25", rendered(ps -> ps.setDouble(1, 2.25)));
        assertEquals("1000", rendered(ps -> ps.setBigDecimal(1, new BigDecimal("1E+3"))));
        assertEquals("-0.000001", rendered(ps -> ps.setBigDecimal(1, new BigDecimal("-1E-6"))));
        assertEquals("'x''y'", rendered(ps -> ps.setString(1, "x'y")));
        assertEquals("'n'", rendered(ps -> ps.setNString(1, "n")));
        assertEquals("'2024-01-02'", rendered(ps -> ps.setDate(1, Date.valueOf("2024-01-02"))));
        assertEquals("'03:04:05'", rendered(ps -> ps.setTime(1, Time.valueOf("03:04:05"))));
        assertEquals("'2024-01-02 03:04:05.12'",
                rendered(ps -> ps.setTimestamp(1, Timestamp.valueOf("2024-01-02 03:04:05.12"))));
        assertEquals("'2024-01-02 03:04:05'",
                rendered(ps -> ps.setTimestamp(1, Timestamp.valueOf("2024-01-02 03:04:05"))));
        assertEquals("'2024-01-02 03:04:05.000000001'",
                rendered(ps -> ps.setTimestamp(1, Timestamp.valueOf("2024-01-02 03:04:05.000000001"))));
        java.net.URL url = new java.net.URL("http://x/?a=1");
        assertEquals("'http://x/?a=1'", rendered(ps -> ps.setURL(1, url)));
    }

    @Test
    void calendarSettersUseTheCalendarsZone() throws SQLException {
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        Timestamp ts = Timestamp.from(Instant.parse("2024-01-02T03:04:05.5Z"));
        assertEquals("'2024-01-02 12:04:05.5'", rendered(ps -> ps.setTimestamp(1, ts, tokyo)));
        Date d = new Date(Instant.parse("2024-01-02T20:00:00Z").toEpochMilli());
        assertEquals("'2024-01-03'", rendered(ps -> ps.setDate(1, d, tokyo)));
        Time t = new Time(Instant.parse("1970-01-01T20:30:00Z").toEpochMilli());
        assertEquals("'05:30'", rendered(ps -> ps.setTime(1, t, tokyo)));
        assertEquals("NULL", rendered(ps -> ps.setTimestamp(1, null, tokyo)));
    }

    @Test
    void setObjectRendersByJavaType() throws SQLException {
        assertEquals("'2024-01-02'", rendered(ps -> ps.setObject(1, LocalDate.of(2024, 1, 2))));
        assertEquals("'2024-01-02 03:04:05.123'",
                rendered(ps -> ps.setObject(1, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000))));
        assertEquals("'2024-01-02 03:04:05+00:00'",
                rendered(ps -> ps.setObject(1, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC))));
        assertEquals("'2024-01-02 03:04:05+05:30'", rendered(ps -> ps.setObject(1,
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30)))));
        assertEquals("'2024-01-02 03:04:05+00:00'",
                rendered(ps -> ps.setObject(1, Instant.parse("2024-01-02T03:04:05Z"))));
        UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertEquals("'" + u + "'", rendered(ps -> ps.setObject(1, u)));
        assertEquals("'c'", rendered(ps -> ps.setObject(1, 'c')));
        // Each dialect writes its own array syntax around literals quoted its own way.
        SqlDialect firebolt = FireboltDialect.INSTANCE;
        SqlDialect hive = TdDialect.forType("hive");
        Setter strings = ps -> ps.setObject(1, new String[] {"a", "b'c", null});
        assertEquals("ARRAY['a', 'b''c', NULL]", rendered(strings));
        assertEquals("['a', 'b\\'c', NULL]", rendered(firebolt, strings));
        assertEquals("array('a', 'b\\'c', NULL)", rendered(hive, strings));
        assertEquals("[1, 2, 3]", rendered(firebolt, ps -> ps.setObject(1, new int[] {1, 2, 3})));
        assertEquals("ARRAY[1, 2, 3]", rendered(ps -> ps.setObject(1, new int[] {1, 2, 3})));
        assertEquals("[[1], []]", rendered(firebolt, ps -> ps.setObject(1, List.of(List.of(1), List.of()))));
        assertEquals("ARRAY[ARRAY[1], ARRAY[]]", rendered(ps -> ps.setObject(1, List.of(List.of(1), List.of()))));
        SQLException nan = assertThrows(SQLException.class, () -> rendered(ps -> ps.setDouble(1, Double.NaN)));
        assertEquals("22003", nan.getSQLState());
        assertThrows(SQLFeatureNotSupportedException.class, () -> rendered(ps -> ps.setObject(1, new Object())));
    }

    @Test
    void setObjectWithTargetType() throws SQLException {
        assertEquals("42", rendered(ps -> ps.setObject(1, "42", Types.INTEGER)));
        assertEquals("42", rendered(ps -> ps.setObject(1, " 42 ", Types.BIGINT)));
        assertEquals("42", rendered(ps -> ps.setObject(1, 42L, JDBCType.INTEGER)));
        assertEquals("'5'", rendered(ps -> ps.setObject(1, 5, Types.VARCHAR)));
        assertEquals("1.01", rendered(ps -> ps.setObject(1, "1.005", Types.DECIMAL, 2)));
        assertEquals("1.5", rendered(ps -> ps.setObject(1, "1.5", Types.DOUBLE)));
        assertEquals("TRUE", rendered(ps -> ps.setObject(1, 1, Types.BOOLEAN)));
        assertEquals("TRUE", rendered(ps -> ps.setObject(1, "true", Types.BOOLEAN)));
        assertEquals("FALSE", rendered(ps -> ps.setObject(1, "0", Types.BIT)));
        assertEquals("NULL", rendered(ps -> ps.setObject(1, null, Types.INTEGER)));
        assertEquals("3", rendered(ps -> ps.setObject(1, 3.0, Types.INTEGER)));
        // Conversions that would lose digits or guess are refused, not bound as a wrong value.
        SQLException e = assertThrows(SQLException.class,
                () -> rendered(ps -> ps.setObject(1, 10_000_000_000L, Types.INTEGER)));
        assertEquals("22003", e.getSQLState());
        e = assertThrows(SQLException.class, () -> rendered(ps -> ps.setObject(1, 1.5, Types.BIGINT)));
        assertEquals("22003", e.getSQLState());
        e = assertThrows(SQLException.class, () -> rendered(ps -> ps.setObject(1, 300, Types.TINYINT)));
        assertEquals("22003", e.getSQLState());
        e = assertThrows(SQLException.class, () -> rendered(ps -> ps.setObject(1, "abc", Types.INTEGER)));
        assertEquals("22018", e.getSQLState());
        e = assertThrows(SQLException.class, () -> rendered(ps -> ps.setObject(1, "yes", Types.BOOLEAN)));
        assertEquals("22018", e.getSQLState());
        assertTrue(e.getMessage().contains("'yes'"), e.getMessage());
    }

    @Test
    void arraysAndStreams() throws SQLException {
        FakeSession s = session(STANDARD);
        try (RowpipeConnection c = connect(s); PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            Array a = c.createArrayOf("int", new Object[] {1, 2});
            ps.setArray(1, a);
            ps.execute();
            assertEquals("SELECT ARRAY[1, 2]", last(s));
            ps.setCharacterStream(1, new StringReader("ab'cd"));
            ps.execute();
            assertEquals("SELECT 'ab''cd'", last(s));
            ps.setCharacterStream(1, new StringReader("abcdef"), 3);
            ps.execute();
            assertEquals("SELECT 'abc'", last(s));
            ps.setCharacterStream(1, new StringReader("x".repeat(20_000)), 20_000L);
            ps.execute();
            assertEquals("SELECT '" + "x".repeat(20_000) + "'", last(s));
            ps.setAsciiStream(1, new java.io.ByteArrayInputStream("asc".getBytes()));
            ps.execute();
            assertEquals("SELECT 'asc'", last(s));
            assertThrows(SQLFeatureNotSupportedException.class, () -> ps.setBytes(1, new byte[] {1}));
            assertThrows(SQLFeatureNotSupportedException.class,
                    () -> ps.setBinaryStream(1, new java.io.ByteArrayInputStream(new byte[1])));
        }
    }

    @Test
    void textMethodsAreRefusedOnAPreparedStatement() throws SQLException {
        try (RowpipeConnection c = connect(session(STANDARD))) {
            PreparedStatement ps = c.prepareStatement("SELECT 1");
            assertThrows(SQLException.class, () -> ps.executeQuery("SELECT 2"));
            assertThrows(SQLException.class, () -> ps.executeUpdate("SELECT 2"));
            assertThrows(SQLException.class, () -> ps.executeLargeUpdate("SELECT 2"));
            assertThrows(SQLException.class, () -> ps.execute("SELECT 2"));
            assertThrows(SQLException.class, () -> ps.addBatch("SELECT 2"));
        }
    }

    @Test
    void smallInsertBatchIsOneMultiRowInsert() throws SQLException {
        FakeSession s = session(STANDARD);
        try (RowpipeConnection c = connect(s);
             PreparedStatement ps = c.prepareStatement("INSERT INTO t (a, b) VALUES (?, ?);")) {
            ps.setInt(1, 1);
            ps.setString(2, "x");
            ps.addBatch();
            ps.setInt(1, 2);
            ps.setString(2, "y'; DROP TABLE t; --");
            ps.addBatch();
            int[] counts = ps.executeBatch();
            assertArrayEquals(new int[] {Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO}, counts);
            assertEquals(List.of("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y''; DROP TABLE t; --')"),
                    s.statements());
            // The batch is cleared: running again sends nothing.
            assertEquals(0, ps.executeBatch().length);
            assertEquals(1, s.statements().size());
        }
    }

    @Test
    void largeInsertBatchIsSentInChunksOfAThousandRows() throws SQLException {
        FakeSession s = session(STANDARD);
        try (RowpipeConnection c = connect(s);
             PreparedStatement ps = c.prepareStatement("insert into t (a, b)\nvalues\n  (?, ?)")) {
            for (int i = 0; i < 2500; i++) {
                ps.setInt(1, i);
                ps.setString(2, "v" + i);
                ps.addBatch();
            }
            long[] counts = ps.executeLargeBatch();
            assertEquals(2500, counts.length);
            for (long n : counts) {
                assertEquals(Statement.SUCCESS_NO_INFO, n);
            }
            List<String> sent = s.statements();
            assertEquals(3, sent.size());
            StringBuilder expected = new StringBuilder("insert into t (a, b)\nvalues\n  ");
            for (int i = 0; i < 1000; i++) {
                expected.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'v").append(i).append("')");
            }
            assertEquals(expected.toString(), sent.get(0));
            assertTrue(sent.get(1).startsWith("insert into t (a, b)\nvalues\n  (1000, 'v1000'), (1001,"));
            assertTrue(sent.get(1).endsWith("(1999, 'v1999')"));
            assertTrue(sent.get(2).endsWith("(2499, 'v2499')"));
            assertEquals(500, sent.get(2).split("\\), \\(").length);
        }
    }

    @Test
    void tableNamedLikeTheKeywordStillBatches() throws SQLException {
        FakeSession s = session(STANDARD);
        try (RowpipeConnection c = connect(s);
             PreparedStatement ps = c.prepareStatement("INSERT INTO my_values (values_a) VALUES (?)")) {
            ps.setInt(1, 1);
            ps.addBatch();
            ps.setInt(1, 2);
            ps.addBatch();
            ps.executeBatch();
            assertEquals(List.of("INSERT INTO my_values (values_a) VALUES (1), (2)"), s.statements());
        }
    }

    @Test
    void markerBeforeValuesRunsRowByRow() throws SQLException {
        FakeSession s = session(STANDARD);
        try (RowpipeConnection c = connect(s);
             PreparedStatement ps = c.prepareStatement("INSERT INTO t SELECT ? UNION ALL VALUES (?)")) {
            ps.setInt(1, 1);
            ps.setInt(2, 2);
            ps.addBatch();
            ps.setInt(1, 3);
            ps.setInt(2, 4);
            ps.addBatch();
            assertArrayEquals(new int[] {1, 1}, ps.executeBatch());
            assertEquals(List.of("INSERT INTO t SELECT 1 UNION ALL VALUES (2)",
                    "INSERT INTO t SELECT 3 UNION ALL VALUES (4)"), s.statements());
        }
    }

    @Test
    void nonInsertBatchRunsOneByOne() throws SQLException {
        FakeSession s = session(STANDARD);
        s.otherwise(update(2));
        try (RowpipeConnection c = connect(s);
             PreparedStatement ps = c.prepareStatement("UPDATE t SET a = ? WHERE b = ?")) {
            for (int i = 0; i < 3; i++) {
                ps.setInt(1, i);
                ps.setString(2, "k" + i);
                ps.addBatch();
            }
            assertArrayEquals(new int[] {2, 2, 2}, ps.executeBatch());
            assertEquals(List.of("UPDATE t SET a = 0 WHERE b = 'k0'", "UPDATE t SET a = 1 WHERE b = 'k1'",
                    "UPDATE t SET a = 2 WHERE b = 'k2'"), s.statements());
        }
    }

    @Test
    void nonInsertBatchFailureReportsCountsSoFar() throws SQLException {
        FakeSession s = session(STANDARD);
        s.on("DELETE FROM t WHERE a = 2", FakeResults.fail("no such table", "42S02"));
        s.otherwise(update(1));
        try (RowpipeConnection c = connect(s); PreparedStatement ps = c.prepareStatement("DELETE FROM t WHERE a = ?")) {
            for (int i = 1; i <= 3; i++) {
                ps.setInt(1, i);
                ps.addBatch();
            }
            BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
            assertEquals("42S02", e.getSQLState());
            assertArrayEquals(new int[] {1}, e.getUpdateCounts());
            assertTrue(e.getMessage().contains("row 2 of 3"), e.getMessage());
            assertEquals(2, s.statements().size());
        }
    }

    @Test
    void insertBatchFailureInSecondChunk() throws SQLException {
        FakeSession s = session(STANDARD);
        AtomicInteger calls = new AtomicInteger();
        s.otherwise(e -> {
            if (calls.incrementAndGet() == 2) {
                throw new SQLException("disk full", "53100");
            }
            return dev.rowpipe.internal.spi.StatementResult.update(1000);
        });
        try (RowpipeConnection c = connect(s); PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
            for (int i = 0; i < 1500; i++) {
                ps.setInt(1, i);
                ps.addBatch();
            }
            BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
            assertEquals("53100", e.getSQLState());
            int[] done = e.getUpdateCounts();
            assertEquals(1000, done.length);
            for (int n : done) {
                // The first request's 1000 rows were counted as 1000: one each.
                assertEquals(1, n);
            }
        }
    }

    @Test
    void statementBatchUsesEachText() throws SQLException {
        FakeSession s = session(STANDARD);
        s.on("BAD", FakeResults.fail("syntax", "42000"));
        try (RowpipeConnection c = connect(s); Statement st = c.createStatement()) {
            st.addBatch("INSERT INTO t VALUES (1)");
            st.addBatch("UPDATE t SET a = 1");
            assertArrayEquals(new int[] {1, 1}, st.executeBatch());
            st.addBatch("INSERT INTO t VALUES (2)");
            st.addBatch("BAD");
            st.addBatch("INSERT INTO t VALUES (3)");
            BatchUpdateException e = assertThrows(BatchUpdateException.class, st::executeBatch);
            assertArrayEquals(new int[] {1}, e.getUpdateCounts());
            assertEquals("42000", e.getSQLState());
            assertEquals(List.of("INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "INSERT INTO t VALUES (2)", "BAD"),
                    new ArrayList<>(s.statements()));
        }
    }
}
