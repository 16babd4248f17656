package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.local.FaultSettings;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cancel, query timeouts and setMaxRows against the local server. */
@ExtendWith(LocalServerExtension.class)
class FireboltCancelTest {
    /** Runs for many minutes unless cancelled. */
    static final String SLOW = "SELECT sum(hash(a.range * b.range)) FROM range(1000000000) a, range(1000) b";
    static final String MILLION = "SELECT range AS i, 'some text ' || range AS s FROM range(1000000)";

    @Test
    void cancelFromAnotherThreadStopsTheServerQuery(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    st.executeQuery(SLOW);
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            // A cancel that arrives before the request is sent has nothing to stop, so repeat until it lands.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!running.isDone() && System.nanoTime() < deadline) {
                st.cancel();
                try {
                    running.get(50, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    // still running, or done: the loop condition decides
                }
            }
            assertTrue(running.isDone(), "cancel did not stop the query within 20 s");
            Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class, running::get).getCause();
            SQLException e = assertInstanceOf(SQLException.class, failure);
            assertEquals("HY008", e.getSQLState(), e.toString());
            String id = FireboltIt.queryId(e);
            assertNotNull(id, "the cancel error names the query: " + e.getMessage());
            assertFalse(FireboltIt.engineStillRuns(server, id), "query " + id + " still runs on the engine");
            try (ResultSet rs = st.executeQuery("SELECT 7")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
    }

    @Test
    void queryTimeoutIsHyt00AndCancelsTheServerQuery(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            st.setQueryTimeout(1);
            long start = System.nanoTime();
            SQLTimeoutException e = assertThrows(SQLTimeoutException.class, () -> st.executeQuery(SLOW));
            long took = System.nanoTime() - start;
            assertEquals("HYT00", e.getSQLState());
            assertTrue(took < TimeUnit.SECONDS.toNanos(10), "timeout took " + Duration.ofNanos(took));
            String id = FireboltIt.queryId(e);
            if (id != null) {
                assertFalse(FireboltIt.engineStillRuns(server, id), "query " + id + " still runs on the engine");
            }
            st.setQueryTimeout(0);
            try (ResultSet rs = st.executeQuery("SELECT 8")) {
                assertTrue(rs.next());
                assertEquals(8, rs.getInt(1));
            }
        }
    }

    @Test
    void latencyWithQueryTimeoutIsHyt00(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            server.setFaults(FaultSettings.NONE.withLatencyMs(5_000));
            try {
                st.setQueryTimeout(1);
                long start = System.nanoTime();
                SQLTimeoutException e = assertThrows(SQLTimeoutException.class, () -> st.executeQuery("SELECT 1"));
                assertEquals("HYT00", e.getSQLState());
                assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(4_500),
                        "the timeout did not cut the 5 s wait short");
            } finally {
                server.setFaults(FaultSettings.NONE);
            }
            st.setQueryTimeout(0);
            try (ResultSet rs = st.executeQuery("SELECT 9")) {
                assertTrue(rs.next());
                assertEquals(9, rs.getInt(1));
            }
        }
    }

    @Test
    void maxRowsOnAMillionRowsReturnsQuicklyAndTheConnectionIsReusable(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server)) {
            for (String format : new String[] {"first", "second"}) {
                long start = System.nanoTime();
                try (Statement st = c.createStatement()) {
                    st.setMaxRows(10);
                    int n = 0;
                    try (ResultSet rs = st.executeQuery(MILLION)) {
                        while (rs.next()) {
                            assertEquals("some text " + rs.getLong(1), rs.getString(2));
                            n++;
                        }
                    }
                    assertEquals(10, n);
                }
                long took = System.nanoTime() - start;
                assertTrue(took < TimeUnit.SECONDS.toNanos(5), format + " run took " + Duration.ofNanos(took));
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 42")) {
                    assertTrue(rs.next());
                    assertEquals(42, rs.getInt(1));
                }
            }
        }
    }

    @Test
    void firstRowArrivesBeforeTheWholeResultIsProduced(LocalServer server) throws Exception {
        // 50 million rows take DuckDB far longer to produce than the bound below; a driver that buffers the body
        // would not return the first row in time.
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            long start = System.nanoTime();
            try (ResultSet rs = st.executeQuery("SELECT range AS i, 'some text ' || range AS s FROM range(50000000)")) {
                assertTrue(rs.next());
                long took = System.nanoTime() - start;
                assertTrue(took < TimeUnit.SECONDS.toNanos(5), "first row after " + Duration.ofNanos(took));
            }
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void aMillionRowsInA48MegabyteHeap(LocalServer server) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                FireboltItMillionRows.class.getName(), server.fireboltJdbcUrl(), server.demoUser())
                .redirectErrorStream(true);
        pb.environment().put("ROWPIPE_IT_PASSWORD", server.demoPassword());
        Process p = pb.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        assertTrue(exited, "child JVM did not finish within 120 s");
        assertEquals(0, p.exitValue(), output.get(10, TimeUnit.SECONDS));
    }
}
