package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowpipe.local.FaultSettings;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compressed results through the whole stack (driver, HTTP, the local engine's LZ4 blocks and gzip): the same rows
 * in every format and compression, and a connection cut exactly at a block boundary, where the block framing
 * alone would show a clean end, is an error from the HTTP framing, never a short result.
 */
@ExtendWith(LocalServerExtension.class)
class FireboltCompressionDriverTest {
    /** About 2.7 MB of TSV: three blocks of 1 MiB. */
    private static final int COUNT = 200_000;
    private static final String ROWS = "SELECT range AS i, 'row ' || range AS s FROM range(" + COUNT + ")";

    private LocalServer server;

    @AfterEach
    void noFaults() {
        if (server != null) {
            server.setFaults(FaultSettings.NONE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "JSON_Compact", "TabSeparatedWithNamesAndTypes"})
    void everyFormatReadsTheSameRowsWhateverTheCompression(String format, LocalServer server) throws Exception {
        for (String compress : new String[] {"lz4", "gzip", "none"}) {
            try (Connection c = FireboltIt.connect(server, "output_format", format, "compress", compress);
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ROWS)) {
                long n = 0;
                while (rs.next()) {
                    assertEquals(n, rs.getLong(1), format + " " + compress);
                    assertEquals("row " + n, rs.getString(2), format + " " + compress);
                    n++;
                }
                assertEquals(COUNT, n, format + " " + compress);
            }
        }
    }

    @Test
    void aConnectionCutAtABlockBoundaryIsAnErrorNeverAShortResult(LocalServer server) throws Exception {
        this.server = server;
        List<Integer> starts = blockStarts(rawCompressedBody(server));
        assertTrue(starts.size() >= 3, "blocks at " + starts);
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            for (int boundary : starts.subList(1, starts.size())) {
                for (int cut : new int[] {boundary - 1, boundary, boundary + 1}) {
                    server.setFaults(FaultSettings.NONE.withCutAfterBytes(cut));
                    long read = 0;
                    try (ResultSet rs = st.executeQuery(ROWS)) {
                        while (rs.next()) {
                            assertEquals(read, rs.getLong(1));
                            read++;
                        }
                        fail("cut after " + cut + " bytes (blocks at " + starts + "): " + read
                                + " rows and no error");
                    } catch (SQLException e) {
                        assertEquals("08S01", e.getSQLState(), e.toString());
                        assertTrue(read < COUNT, "cut after " + cut + ": " + read + " rows");
                    }
                }
            }
            server.setFaults(FaultSettings.NONE);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM range(" + COUNT + ")")) {
                assertTrue(rs.next());
                assertEquals(COUNT, rs.getLong(1));
            }
        }
    }

    /** The TSV result of {@link #ROWS} as the engine sends it for {@code compress=1}, read over plain HTTP. */
    private static byte[] rawCompressedBody(LocalServer server) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/auth/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + server.demoUser()
                        + "\",\"password\":\"" + server.demoPassword() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = new ObjectMapper().readTree(login.body()).get("access_token").asText();
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.enginePort("local_engine") + "/?database=" + LocalServer.FIREBOLT_DATABASE
                        + "&output_format=TabSeparatedWithNamesAndTypes&compress=1"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(ROWS))
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        return answer.body();
    }

    /** Where each block starts: a 16-byte checksum, then the method byte and the size counting the header. */
    private static List<Integer> blockStarts(byte[] body) {
        List<Integer> starts = new ArrayList<>();
        int p = 0;
        while (p < body.length) {
            starts.add(p);
            int compressed = (body[p + 17] & 0xFF) | (body[p + 18] & 0xFF) << 8 | (body[p + 19] & 0xFF) << 16
                    | (body[p + 20] & 0xFF) << 24;
            p += 16 + compressed;
        }
        assertEquals(body.length, p, "the body ends with a whole block");
        return starts;
    }
}
