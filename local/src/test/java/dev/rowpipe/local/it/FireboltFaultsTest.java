package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.FaultSettings;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The driver against injected faults and expired tokens: retried where safe, an error where data was lost. */
@ExtendWith(LocalServerExtension.class)
class FireboltFaultsTest {
    private static final String ROWS = "SELECT range AS i, 'row ' || range AS s FROM range(100000)";

    private LocalServer server;

    @AfterEach
    void noFaults() {
        if (server != null) {
            server.setFaults(FaultSettings.NONE);
        }
    }

    @Test
    void rateLimitsAndUnavailableAreRetried(LocalServer server) throws Exception {
        this.server = server;
        server.setFaults(FaultSettings.NONE.withErrorRate(0.3).withSeed(7));
        try (Connection c = FireboltIt.connect(server, "retries", "8", "retry_backoff_ms", "1");
             Statement st = c.createStatement()) {
            for (int i = 0; i < 30; i++) {
                try (ResultSet rs = st.executeQuery("SELECT " + i + " AS v")) {
                    assertTrue(rs.next());
                    assertEquals(i, rs.getInt(1));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "JSON_Compact", "TabSeparatedWithNamesAndTypes"})
    void aCutConnectionIsAnErrorNeverAShortResult(String format, LocalServer server) throws Exception {
        this.server = server;
        try (Connection c = FireboltIt.connect(server, "output_format", format); Statement st = c.createStatement()) {
            server.setFaults(FaultSettings.NONE.withCutAfterBytes(200_000));
            int[] read = {0};
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs = st.executeQuery(ROWS)) {
                    while (rs.next()) {
                        assertEquals(read[0], rs.getLong(1));
                        read[0]++;
                    }
                }
            }, "the result ended early without an error");
            assertTrue(read[0] < 100_000);
            assertEquals("08S01", e.getSQLState(), e.toString());
            server.setFaults(FaultSettings.NONE);
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM range(100000)")) {
                assertTrue(rs.next());
                assertEquals(100_000, rs.getLong(1));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "JSON_Compact", "TabSeparatedWithNamesAndTypes"})
    void anErrorAfterRowsIsRaisedAfterThoseRows(String format, LocalServer server) throws Exception {
        this.server = server;
        try (Connection c = FireboltIt.connect(server, "output_format", format); Statement st = c.createStatement()) {
            server.setFaults(FaultSettings.NONE.withErrorAfterRows(25));
            int[] read = {0};
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs = st.executeQuery(ROWS)) {
                    while (rs.next()) {
                        assertEquals(read[0], rs.getLong(1));
                        read[0]++;
                    }
                }
            });
            assertTrue(read[0] <= 25, "rows read past the error: " + read[0]);
            assertTrue(e.getMessage().contains("injected fault"), e.getMessage());
        }
    }

    @Test
    void errorAfterRowsInTsvComesAfterEveryRowBeforeIt(LocalServer server) throws Exception {
        this.server = server;
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            server.setFaults(FaultSettings.NONE.withErrorAfterRows(25));
            int read = 0;
            try (ResultSet rs = st.executeQuery(ROWS)) {
                SQLException e = null;
                try {
                    while (rs.next()) {
                        read++;
                    }
                } catch (SQLException thrown) {
                    e = thrown;
                }
                assertTrue(e != null, "no error after " + read + " rows");
            }
            assertEquals(25, read, "TSV streams: every row before the error is delivered");
        }
    }

    @Test
    void expiredTokensAreRenewedAndTheQueryRetried(LocalServer server) throws Exception {
        this.server = server;
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
            server.expireAllTokens();
            try (ResultSet rs = st.executeQuery("SELECT 2")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
            // A second expiry on the same connection: the renewed token is renewed again.
            server.expireAllTokens();
            try (ResultSet rs = st.executeQuery("SELECT 4")) {
                assertTrue(rs.next());
                assertEquals(4, rs.getInt(1));
            }
        }
    }
}
