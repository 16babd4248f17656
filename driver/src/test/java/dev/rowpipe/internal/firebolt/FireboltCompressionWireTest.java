package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rowpipe.internal.codec.BlockFrames;
import dev.rowpipe.jdbc.RowpipeDriver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compressed Firebolt results through the JDBC layer, against a scripted engine: what the request asks for per
 * {@code compress} value, every output format read from LZ4 blocks and from gzip, a checksum that does not match,
 * and a compressed body cut at every offset, which must end in an SQLException and never in fewer rows.
 */
class FireboltCompressionWireTest {
    private static final String TSV = "n\ts\nInt32\tString\n1\tone\n2\ttwo\n3\tthree\n4\t\\N\n5\tfive é\n";
    private static final List<String> ROWS = List.of("1:one", "2:two", "3:three", "4:null", "5:five é");
    private static final String JSON_COMPACT = "{\"meta\":[{\"name\":\"n\",\"type\":\"Int32\"},{\"name\":\"s\","
            + "\"type\":\"Nullable(String)\"}],\"data\":[[1,\"one\"],[2,\"two\"],[3,\"three\"],[4,null],"
            + "[5,\"five é\"]],\"rows\":5,\"statistics\":{\"elapsed\":0.001,\"rows_read\":5,\"bytes_read\":10}}\n";
    private static final String JSON = "{\"meta\":[{\"name\":\"n\",\"type\":\"Int32\"},{\"name\":\"s\","
            + "\"type\":\"Nullable(String)\"}],\"data\":[{\"n\":1,\"s\":\"one\"},{\"n\":2,\"s\":\"two\"},"
            + "{\"n\":3,\"s\":\"three\"},{\"n\":4,\"s\":null},{\"n\":5,\"s\":\"five é\"}],\"rows\":5,"
            + "\"statistics\":{\"elapsed\":0.001,\"rows_read\":5,\"bytes_read\":10}}\n";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final FakeFirebolt fake = new FakeFirebolt();
    private final List<Connection> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        server.setDispatcher(fake);
        fake.endpoint = "127.0.0.1:" + server.getPort();
    }

    @AfterEach
    void closeAll() throws SQLException {
        for (Connection c : opened) {
            c.close();
        }
    }

    private Connection connect(String params) throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "me+" + System.nanoTime() + "@example.com");
        info.setProperty("password", "pw");
        Connection c = new RowpipeDriver().connect("jdbc:firebolt://127.0.0.1:" + server.getPort()
                + "/db?ssl=false&retry_backoff_ms=1" + params, info);
        opened.add(c);
        return c;
    }

    private static List<String> read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n, s FROM t")) {
            return read(rs);
        }
    }

    private static List<String> read(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(rs.getInt(1) + ":" + rs.getString(2));
        }
        return rows;
    }

    private RecordedRequest lastQuery() {
        List<RecordedRequest> queries = fake.at("/");
        return queries.get(queries.size() - 1);
    }

    @Test
    void eachCompressValueAsksForItsEncoding() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.text(200, TSV));
        for (String value : new String[] {"", "&compress=lz4", "&compress=LZ4", "&compress=true"}) {
            assertEquals(ROWS, read(connect(value)), value);
            RecordedRequest q = lastQuery();
            assertEquals("1", q.getUrl().queryParameter("compress"), value);
            assertNull(q.getHeaders().get("Accept-Encoding"), value);
        }
        for (String value : new String[] {"&compress=gzip", "&compress=GZIP"}) {
            assertEquals(ROWS, read(connect(value)), value);
            RecordedRequest q = lastQuery();
            assertNull(q.getUrl().queryParameter("compress"), value);
            assertEquals("gzip", q.getHeaders().get("Accept-Encoding"), value);
        }
        for (String value : new String[] {"&compress=none", "&compress=false"}) {
            assertEquals(ROWS, read(connect(value)), value);
            RecordedRequest q = lastQuery();
            assertNull(q.getUrl().queryParameter("compress"), value);
            assertNull(q.getHeaders().get("Accept-Encoding"), value);
        }
    }

    @Test
    void anUnknownCompressValueFailsTheConnectionNamingIt() {
        SQLException e = assertThrows(SQLException.class, () -> connect("&compress=zstd"));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("'compress'") && e.getMessage().contains("zstd")
                && e.getMessage().contains("lz4, gzip, none"), e.getMessage());
    }

    @Test
    void setCompressIsRefusedBecauseTheDriverReadsTheBodyByIt() throws Exception {
        Connection c = connect("");
        try (Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("SET compress = 0"));
            assertEquals("42000", e.getSQLState());
            assertTrue(e.getMessage().contains("compress"), e.getMessage());
        }
    }

    @Test
    void everyOutputFormatIsReadFromLz4BlocksAndFromGzip() throws Exception {
        String[][] formats = {{FireboltProperties.TSV, TSV}, {FireboltProperties.JSON_COMPACT, JSON_COMPACT},
            {FireboltProperties.JSON, JSON}};
        for (String[] f : formats) {
            fake.routes.put("/", r -> FakeFirebolt.text(200, f[1]));
            for (int blockSize : new int[] {1, 7, 64, 1 << 20}) {
                fake.blockSize = blockSize;
                assertEquals(ROWS, read(connect("&output_format=" + f[0])), f[0] + " in blocks of " + blockSize);
                assertEquals("1", lastQuery().getUrl().queryParameter("compress"));
            }
            assertEquals(ROWS, read(connect("&output_format=" + f[0] + "&compress=gzip")), f[0] + " gzip");
        }
    }

    @Test
    void aGzipAnswerIsInflatedWhateverWasAsked() throws Exception {
        fake.encodeAsAsked = false;
        byte[] gzipped = gzip(bytes(TSV));
        fake.routes.put("/", r -> new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip")
                .body(new okio.Buffer().write(gzipped)).build());
        assertEquals(ROWS, read(connect("&compress=none")));
        // LZ4 blocks inside gzip, as ClickHouse sends them with both HTTP compression and compress=1.
        byte[] both = gzip(BlockFrames.lz4(bytes(TSV), 16).bytes());
        fake.routes.put("/", r -> new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip")
                .body(new okio.Buffer().write(both)).build());
        assertEquals(ROWS, read(connect("")));
    }

    @Test
    void aCompressedResultReadToItsEndKeepsItsConnection() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.text(200, TSV));
        Connection c = connect("");
        for (int k = 0; k < 3; k++) {
            assertEquals(ROWS, read(c));
        }
        List<RecordedRequest> queries = fake.at("/");
        int first = queries.get(queries.size() - 3).getConnectionIndex();
        for (RecordedRequest q : queries.subList(queries.size() - 3, queries.size())) {
            assertEquals(first, q.getConnectionIndex(), "every statement on one connection");
        }
    }

    @Test
    void aStatementWithoutAResultIsAnUpdateCountWithCompression() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.text(200, ""));
        Connection c = connect("");
        try (Statement s = c.createStatement()) {
            assertFalse(s.execute("CREATE TABLE t (x INT)"));
            assertEquals(0, s.getUpdateCount());
        }
        assertEquals("1", lastQuery().getUrl().queryParameter("compress"));
    }

    @Test
    void aChecksumMismatchIsACommunicationErrorAfterTheRowsBeforeIt() throws Exception {
        fake.encodeAsAsked = false;
        byte[] first = BlockFrames.block(0x82, bytes("n\ts\nInt32\tString\n1\tone\n"));
        byte[] second = BlockFrames.block(0x82, bytes("2\ttwo\n3\tthree\n"));
        second[30] ^= 0x01;
        fake.routes.put("/", r -> new MockResponse.Builder().code(200)
                .body(new okio.Buffer().write(BlockFrames.concat(first, second))).build());
        Connection c = connect("");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n, s FROM t")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            SQLException e = assertThrows(SQLException.class, rs::next);
            assertInstanceOf(SQLTransientConnectionException.class, e);
            assertEquals("08S01", e.getSQLState());
            assertTrue(e.getMessage().contains("checksum") && e.getMessage().contains("block 2"), e.getMessage());
        }
        // In the first block, the header's block: executeQuery itself fails.
        byte[] only = BlockFrames.block(0x82, bytes(TSV));
        only[3] ^= 0x40;
        fake.routes.put("/", r -> new MockResponse.Builder().code(200).body(new okio.Buffer().write(only)).build());
        SQLException e = assertThrows(SQLException.class, () -> read(c));
        assertEquals("08S01", e.getSQLState());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void anErrorAnswerInBlocksIsReadAsItsText() throws Exception {
        fake.encodeAsAsked = false;
        byte[] text = bytes("Code: 62. DB::Exception: Syntax error: failed at position 8");
        fake.routes.put("/", r -> new MockResponse.Builder().code(400)
                .body(new okio.Buffer().write(BlockFrames.lz4(text, 20).bytes())).build());
        Connection c = connect("");
        SQLException e = assertThrows(SQLException.class, () -> read(c));
        assertEquals("42000", e.getSQLState());
        assertTrue(e.getMessage().contains("HTTP 400: Code: 62. DB::Exception: Syntax error: failed at position 8"),
                e.getMessage());
        fake.routes.put("/", r -> FakeFirebolt.text(400, "Syntax error: plain"));
        e = assertThrows(SQLException.class, () -> read(c));
        assertTrue(e.getMessage().contains("HTTP 400: Syntax error: plain"), e.getMessage());
    }

    @Test
    void aServerErrorWrittenIntoTheCompressedRowsEndsTheResultWithIt() throws Exception {
        fake.routes.put("/", r -> FakeFirebolt.text(200, "n\ts\nInt32\tString\n1\tone\n"
                + "Code: 241. DB::Exception: Memory limit exceeded\n"));
        Connection c = connect("");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n, s FROM t")) {
            assertTrue(rs.next());
            SQLException e = assertThrows(SQLException.class, rs::next);
            assertTrue(e.getMessage().contains("Memory limit exceeded"), e.getMessage());
        }
    }

    /**
     * The body cut at every offset of every block, the HTTP framing showing the cut (Content-Length or chunked):
     * an SQLException every time, from executeQuery or from next, never fewer rows; a cut exactly between two
     * blocks, which the block framing cannot tell from the end, included.
     */
    @Test
    void aCompressedBodyCutAtEveryOffsetIsAnErrorNeverAShortResult() throws Exception {
        fake.encodeAsAsked = false;
        BlockFrames.Body blocks = BlockFrames.lz4(bytes(TSV), 24);
        byte[] body = blocks.bytes();
        assertTrue(blocks.blockStarts().size() >= 3, "several blocks");
        for (String framing : new String[] {"content-length", "chunked"}) {
            Connection c = connect("");
            for (int cut = 0; cut < body.length; cut++) {
                int at = cut;
                fake.routes.put("/", r -> cutAfter(body, at, framing.equals("chunked")));
                String where = framing + " cut at " + cut + " of " + body.length + " (blocks at "
                        + blocks.blockStarts() + ")";
                expectFailure(c, where);
            }
            fake.routes.put("/", r -> new MockResponse.Builder().code(200).body(new okio.Buffer().write(body))
                    .build());
            assertEquals(ROWS, read(c), framing + ": the whole body after the cuts");
        }
    }

    /**
     * JSON formats end with their document: a compressed body whose HTTP framing is complete but which stops
     * early (a server that ended the answer at a block boundary, or anywhere) is an error from the format's end
     * marker. TSV has none, so there a complete framing is all the evidence there is (docs/guarantees.md).
     */
    @Test
    void aJsonBodyEndingEarlyInCompleteFramingIsAnError() throws Exception {
        fake.encodeAsAsked = false;
        for (String[] f : new String[][] {{FireboltProperties.JSON_COMPACT, JSON_COMPACT},
            {FireboltProperties.JSON, JSON}}) {
            BlockFrames.Body blocks = BlockFrames.lz4(bytes(f[1]), 40);
            Connection c = connect("&output_format=" + f[0]);
            // From the second block on: an empty body is a statement without a result.
            for (int cut : blocks.blockStarts().subList(1, blocks.blockStarts().size())) {
                byte[] prefix = java.util.Arrays.copyOf(blocks.bytes(), cut);
                fake.routes.put("/", r -> new MockResponse.Builder().code(200)
                        .body(new okio.Buffer().write(prefix)).build());
                expectFailure(c, f[0] + " ending at block boundary " + cut);
            }
        }
    }

    private static void expectFailure(Connection c, String where) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n, s FROM t")) {
            rows.addAll(read(rs));
        } catch (SQLException e) {
            assertTrue(e.getSQLState() != null && e.getSQLState().startsWith("08"), where + ": " + e);
            assertTrue(rows.size() < ROWS.size(), where);
            assertEquals(ROWS.subList(0, rows.size()), rows, where + ": the rows before the failure");
            return;
        }
        fail(where + ": read " + rows.size() + " rows without an error: " + rows);
    }

    /**
     * A 200 answer that declares the whole body (its Content-Length, or chunked framing that would end with a
     * last chunk) and sends only its first {@code limit} bytes before the connection drops.
     */
    private static MockResponse cutAfter(byte[] body, int limit, boolean chunked) {
        okio.Buffer sent = new okio.Buffer();
        if (chunked) {
            // One chunk per 10 bytes, the cut inside a chunk or between two, never the last chunk.
            for (int off = 0; off < limit; off += 10) {
                int n = Math.min(10, body.length - off);
                sent.writeUtf8(Integer.toHexString(n)).writeUtf8("\r\n");
                sent.write(body, off, Math.min(n, limit - off));
                if (off + n <= limit) {
                    sent.writeUtf8("\r\n");
                }
            }
        } else {
            sent.write(body, 0, limit);
        }
        MockResponse.Builder b = new MockResponse.Builder().code(200).body(sent);
        if (chunked) {
            b.removeHeader("Content-Length").setHeader("Transfer-Encoding", "chunked");
        } else {
            b.setHeader("Content-Length", body.length);
        }
        return b.onResponseEnd(new SocketEffect.CloseSocket(true, false, false)).build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
