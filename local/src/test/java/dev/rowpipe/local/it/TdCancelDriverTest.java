package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.jdbc.RowpipeStatement;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cancel, query timeout and maxRows end TD jobs on the server and leave the connection usable. */
@ExtendWith(LocalServerExtension.class)
class TdCancelDriverTest {
    /** Runs for minutes in DuckDB unless it is interrupted. */
    private static final String LONG_QUERY =
            "SELECT sum(hash(a.range + b.range)) FROM range(200000) a, range(200000) b";

    private static String awaitJobId(RowpipeStatement st) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String id = st.getLastQueryId();
            if (id != null) {
                return id;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no job id within 20 s");
    }

    private static void awaitStatus(TreasureDataApi api, String jobId, String wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String status = null;
        while (System.nanoTime() < deadline) {
            status = api.jobStatus(jobId).status();
            if (status.equals(wanted)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + jobId + " is " + status + ", not " + wanted);
    }

    private static void assertUsable(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 7")) {
            assertTrue(rs.next());
            assertEquals(7, rs.getInt(1));
        }
    }

    @Test
    void cancelFromAnotherThreadKillsTheJob(LocalServer server) throws Exception {
        try (Connection c = TdConnectionDriverTest.connect(server, "presto"); Statement st = c.createStatement()) {
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try (ResultSet rs = st.executeQuery(LONG_QUERY)) {
                    rs.next();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            String jobId = awaitJobId(st.unwrap(RowpipeStatement.class));
            TreasureDataApi api = c.unwrap(TreasureDataApi.class);
            awaitStatus(api, jobId, "running");
            st.cancel();
            Exception e = assertThrows(Exception.class, () -> run.get(20, TimeUnit.SECONDS));
            SQLException sql = assertInstanceOf(SQLException.class, e.getCause().getCause(), e.toString());
            assertEquals("HY008", sql.getSQLState(), sql.toString());
            awaitStatus(api, jobId, "killed");
            assertUsable(c);
        }
    }

    @Test
    void queryTimeoutKillsTheJob(LocalServer server) throws Exception {
        try (Connection c = TdConnectionDriverTest.connect(server, "hive"); Statement st = c.createStatement()) {
            st.setQueryTimeout(1);
            long start = System.nanoTime();
            assertThrows(SQLTimeoutException.class, () -> st.executeQuery(LONG_QUERY));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
            String jobId = st.unwrap(RowpipeStatement.class).getLastQueryId();
            assertNotNull(jobId);
            awaitStatus(c.unwrap(TreasureDataApi.class), jobId, "killed");
            st.setQueryTimeout(0);
            assertUsable(c);
        }
    }

    @Test
    void maxRowsStopsEarly(LocalServer server) throws Exception {
        for (String format : new String[] {"msgpack.gz", "tsv"}) {
            try (Connection c = TdResultFormatsDriverTest.connect(server, format, "presto");
                 Statement st = c.createStatement()) {
                st.setMaxRows(100);
                long start = System.nanoTime();
                int rows = 0;
                try (ResultSet rs = st.executeQuery("SELECT range AS i, repeat('x', 200) AS pad FROM range(200000)")) {
                    while (rs.next()) {
                        assertEquals(rows, rs.getLong(1));
                        rows++;
                    }
                }
                assertEquals(100, rows);
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));
                assertUsable(c);
            }
        }
    }

    @Test
    void closingTheConnectionKillsARunningJob(LocalServer server) throws Exception {
        Connection c = TdConnectionDriverTest.connect(server, "trino");
        Statement st = c.createStatement();
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try (ResultSet rs = st.executeQuery(LONG_QUERY)) {
                rs.next();
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        });
        String jobId = awaitJobId(st.unwrap(RowpipeStatement.class));
        try (Connection other = TdConnectionDriverTest.connect(server, "trino")) {
            TreasureDataApi api = other.unwrap(TreasureDataApi.class);
            awaitStatus(api, jobId, "running");
            long start = System.nanoTime();
            c.close();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "close took too long");
            Exception e = assertThrows(Exception.class, () -> run.get(20, TimeUnit.SECONDS));
            assertInstanceOf(SQLException.class, e.getCause().getCause(), e.toString());
            awaitStatus(api, jobId, "killed");
        }
    }
}
