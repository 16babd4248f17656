package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Prepared statements, batches, scripts, SET and the seed's ingest flow through the driver. */
@ExtendWith(LocalServerExtension.class)
class FireboltStatementsTest {

    /** Strings that break a literal writer whose quoting differs from the server's literal reader. */
    static List<String> hostileStrings() {
        List<String> out = new ArrayList<>(List.of("", " ", "'", "''", "\\", "\\\\", "\\'", "'\\", "a'b", "a\\b",
                "\t", "\n", "\r\n", "\0x", "tab\tnl\nbs\\q'", "\\N", "NULL", "null", "\"", "`", ";", "-- c",
                "/* c */", "?", "'?'", "$1", "${x}", "%_", "\\_", "\u00e9\u00df", "\uD83D\uDE00\uD83C\uDDE9\uD83C\uDDEA",
                "\u202Eabc", "\uFEFFbom", "x".repeat(10_000), "end\\"));
        StringBuilder all = new StringBuilder();
        for (int c = 1; c < 128; c++) {
            all.append((char) c);
        }
        out.add(all.toString());
        return out;
    }

    @Test
    void hostileStringsRoundTripThroughPreparedStatements(LocalServer server) throws Exception {
        List<String> corpus = hostileStrings();
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            st.execute("CREATE FACT TABLE fb_hostile (id INT, s TEXT, d DATE, ts TIMESTAMP, n DECIMAL(38,9))"
                    + " PRIMARY INDEX id");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO fb_hostile VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < corpus.size(); i++) {
                    ps.setInt(1, i);
                    ps.setString(2, corpus.get(i));
                    ps.setObject(3, LocalDate.of(2000, 1, 1).plusDays(i));
                    ps.setObject(4, LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000));
                    ps.setBigDecimal(5, new BigDecimal("-123456789.987654321").add(BigDecimal.valueOf(i)));
                    ps.executeUpdate();
                }
                ps.setInt(1, -1);
                ps.setNull(2, Types.VARCHAR);
                ps.setNull(3, Types.DATE);
                ps.setNull(4, Types.TIMESTAMP);
                ps.setNull(5, Types.DECIMAL);
                ps.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT id, s, d, ts, n FROM fb_hostile WHERE s = ?")) {
                for (int i = 0; i < corpus.size(); i++) {
                    q.setString(1, corpus.get(i));
                    try (ResultSet rs = q.executeQuery()) {
                        assertTrue(rs.next(), "no row for corpus entry " + i);
                        assertEquals(i, rs.getInt(1), "row found by parameter " + i);
                        assertEquals(corpus.get(i), rs.getString(2), "corpus entry " + i);
                        assertEquals(LocalDate.of(2000, 1, 1).plusDays(i), rs.getObject(3, LocalDate.class));
                        assertEquals(LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000),
                                rs.getObject(4, LocalDateTime.class));
                        assertEquals(new BigDecimal("-123456789.987654321").add(BigDecimal.valueOf(i)),
                                rs.getBigDecimal(5));
                        assertFalse(rs.next(), "corpus entry " + i + " matched more than one row");
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT s, d FROM fb_hostile WHERE id = -1")) {
                assertTrue(rs.next());
                assertNull(rs.getString(1));
                assertTrue(rs.wasNull());
                assertNull(rs.getObject(2, LocalDate.class));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM fb_hostile")) {
                assertTrue(rs.next());
                assertEquals(corpus.size() + 1, rs.getLong(1));
            }
        }
    }

    @Test
    void batchInsertOf2000Rows(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            st.execute("CREATE FACT TABLE fb_batch (id BIGINT, s TEXT) PRIMARY INDEX id");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO fb_batch (id, s) VALUES (?, ?)")) {
                for (int i = 0; i < 2000; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, "row '" + i + "'\t\\");
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                assertEquals(2000, counts.length);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(id), count(DISTINCT s),"
                    + " min(s) FROM fb_batch")) {
                assertTrue(rs.next());
                assertEquals(2000, rs.getLong(1));
                assertEquals(1999L * 2000 / 2, rs.getLong(2));
                assertEquals(2000, rs.getLong(3));
                assertEquals("row '0'\t\\", rs.getString(4));
            }
        }
    }

    @Test
    void seedIngestFlowFromParquet(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            assertFalse(st.execute("CREATE EXTERNAL TABLE IF NOT EXISTS ex_page_views (view_id BIGINT,"
                    + " user_id INT, url TEXT, view_time TIMESTAMP, duration_ms INT, revenue DECIMAL(10,2))"
                    + " URL = 's3://rowpipe-samples/page_views/parquet/'"
                    + " CREDENTIALS = (AWS_KEY_ID = 'AKIAFAKE' AWS_SECRET_KEY = 'secret')"
                    + " OBJECT_PATTERN = '*.parquet' TYPE = (PARQUET)"));
            assertFalse(st.execute("CREATE FACT TABLE IF NOT EXISTS page_views (view_id BIGINT, user_id INT,"
                    + " url TEXT, view_time TIMESTAMP, duration_ms INT, revenue DECIMAL(10,2))"
                    + " PRIMARY INDEX view_id, user_id"));
            assertFalse(st.execute("INSERT INTO page_views SELECT * FROM ex_page_views"));
            try (ResultSet rs = st.executeQuery("SELECT count(*), min(view_id), max(view_id) FROM page_views")) {
                assertTrue(rs.next());
                assertEquals(200, rs.getLong(1), "a tenth of the 2,000 sample rows");
                assertEquals(0, rs.getLong(2));
                assertEquals(199, rs.getLong(3));
            }
            try (ResultSet rs = st.executeQuery("SELECT view_time, revenue FROM page_views WHERE view_id = 1")) {
                assertTrue(rs.next());
                assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0, 37), rs.getObject(1, LocalDateTime.class));
                assertEquals(2, rs.getBigDecimal(2).scale());
            }
        }
    }

    @Test
    void scriptWalksEveryResult(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            boolean rows = st.execute("CREATE FACT TABLE fb_script (id INT) PRIMARY INDEX id;\n"
                    + "INSERT INTO fb_script VALUES (1), (2), (3);\n"
                    + "SELECT 'a;b' AS s; -- a comment; with a semicolon\n"
                    + "SELECT count(*) FROM fb_script;");
            assertFalse(rows);
            assertTrue(st.getUpdateCount() >= 0, "CREATE is an update count");
            assertFalse(st.getMoreResults());
            assertTrue(st.getUpdateCount() >= 0, "INSERT is an update count");
            assertTrue(st.getMoreResults());
            try (ResultSet rs = st.getResultSet()) {
                assertTrue(rs.next());
                assertEquals("a;b", rs.getString(1));
            }
            assertTrue(st.getMoreResults());
            try (ResultSet rs = st.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(3, rs.getLong(1));
            }
            assertFalse(st.getMoreResults());
            assertEquals(-1, st.getUpdateCount());
        }
    }

    @Test
    void setThenQuery(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            st.execute("SET time_zone = 'UTC'");
            st.execute("SET advanced_mode = 1");
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
    }
}
