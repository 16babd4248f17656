package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.FaultSettings;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server faults: refused calls are retried where that is safe; a cut download is an error, never a short result. */
@ExtendWith(LocalServerExtension.class)
class TdFaultsDriverTest {
    private LocalServer server;

    @AfterEach
    void clearFaults() {
        if (server != null) {
            server.setFaults(FaultSettings.NONE);
        }
    }

    private static long sum(Connection c, int rows) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT range AS i FROM range(" + rows + ")")) {
            long sum = 0;
            long n = 0;
            while (rs.next()) {
                sum += rs.getLong(1);
                n++;
            }
            assertEquals(rows, n);
            return sum;
        }
    }

    @Test
    void refusedStatusShowAndResultCallsAreRetried(LocalServer server) throws Exception {
        this.server = server;
        try (Connection c = TdResultFormatsDriverTest.connect(server, "msgpack.gz", "presto")) {
            server.setFaults(FaultSettings.NONE.withErrorRate(0.3).withSeed(7));
            int ok = 0;
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                try {
                    assertEquals(999L * 1000 / 2, sum(c, 1000));
                    ok++;
                } catch (SQLException e) {
                    // Only the job issue may fail: it has an effect, so a 503 on it is not sent again.
                    failures.add(e.getMessage());
                    assertTrue(e.getMessage().toLowerCase().contains("issue"), e.toString());
                }
            }
            // Each query makes at least three calls (issue, show, result), so with a 30% refusal rate
            // nearly every query met a refused call after the issue; they all succeeded by retrying.
            assertTrue(ok >= 6, ok + " succeeded; failures: " + failures);
        }
        // Control: the same refusals without retries fail most queries, so the run above did meet them.
        Properties p = new Properties();
        p.setProperty("apikey", server.demoApiKey());
        p.setProperty("retries", "0");
        server.setFaults(FaultSettings.NONE);
        try (Connection c = DriverManager.getConnection(server.tdJdbcUrl(), p)) {
            server.setFaults(FaultSettings.NONE.withErrorRate(0.3).withSeed(7));
            int failed = 0;
            for (int i = 0; i < 20; i++) {
                try {
                    sum(c, 1000);
                } catch (SQLException e) {
                    failed++;
                }
            }
            assertTrue(failed >= 8, failed + " of 20 failed without retries");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"msgpack.gz", "msgpack", "json", "tsv", "csv"})
    void cutDownloadIsAnError(String format, LocalServer server) throws Exception {
        this.server = server;
        try (Connection c = TdResultFormatsDriverTest.connect(server, format, "presto")) {
            server.setFaults(FaultSettings.NONE.withCutAfterBytes(3000));
            SQLException e = assertThrows(SQLException.class, () -> sum(c, 100_000));
            assertEquals("08S01", e.getSQLState(), e.toString());
            server.setFaults(FaultSettings.NONE);
            assertEquals(99_999L * 100_000 / 2, sum(c, 100_000));
        }
    }

    @Test
    void queryTimeoutInterruptsASlowCall(LocalServer server) throws Exception {
        this.server = server;
        try (Connection c = TdResultFormatsDriverTest.connect(server, "msgpack.gz", "presto");
             Statement st = c.createStatement()) {
            server.setFaults(FaultSettings.NONE.withLatencyMs(4000));
            st.setQueryTimeout(1);
            long start = System.nanoTime();
            assertThrows(java.sql.SQLTimeoutException.class, () -> st.executeQuery("SELECT 1"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 3500, "timed out after " + ms + " ms");
            server.setFaults(FaultSettings.NONE);
            st.setQueryTimeout(0);
            assertEquals(4950, sum(c, 100));
        }
    }
}
