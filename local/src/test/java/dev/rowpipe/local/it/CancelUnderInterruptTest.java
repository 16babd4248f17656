package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.jdbc.RowpipeStatement;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An interrupt of the thread running a statement, as {@code Future.cancel(true)} and {@code shutdownNow()} send it,
 * is a cancel that reaches the server, checked on the local server: the Firebolt query is no longer running on its
 * engine, the TD job is killed; the thread gets HY008 promptly and keeps its interrupt status. Likewise
 * {@code Connection.abort}. In {@code next()} the answer is held back by {@link FaultProxy}, so the thread is blocked
 * in a read when it is interrupted; the stop is then seen going to the server.
 */
@ExtendWith(LocalServerExtension.class)
class CancelUnderInterruptTest {
    /** Runs for minutes in DuckDB unless it is interrupted. */
    private static final String TD_LONG = "SELECT sum(hash(a.range + b.range)) FROM range(200000) a, range(200000) b";

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** What the statement's thread saw: its failure and whether its interrupt status was still set. */
    private static final class Seen {
        final AtomicReference<SQLException> failure = new AtomicReference<>();
        final AtomicBoolean interrupted = new AtomicBoolean();

        void failed(SQLException e) {
            interrupted.set(Thread.currentThread().isInterrupted());
            failure.set(e);
        }

        void assertCancelled() throws InterruptedException {
            await(() -> failure.get() != null, "the interrupted statement did not end");
            SQLException e = failure.get();
            assertEquals("HY008", e.getSQLState(), e.toString());
            assertTrue(interrupted.get(), "the thread lost its interrupt status");
        }
    }

    private static void await(BooleanSupplier condition, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, failure);
            Thread.sleep(10);
        }
    }

    private static String runningQueryId(LocalServer server, Statement st) throws Exception {
        RowpipeStatement statement = st.unwrap(RowpipeStatement.class);
        AtomicReference<String> id = new AtomicReference<>();
        await(() -> {
            id.set(statement.getLastQueryId());
            return id.get() != null && server.isFireboltQueryRunning(id.get());
        }, "the query did not start running on the engine");
        return id.get();
    }

    private Future<?> firebolt(Statement st, Seen seen) {
        return pool.submit(() -> {
            try (ResultSet rs = st.executeQuery(FireboltCancelTest.SLOW)) {
                rs.next();
            } catch (SQLException e) {
                seen.failed(e);
            }
        });
    }

    @Test
    void futureCancelOfAThreadInExecuteQueryStopsTheEngineQuery(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            Seen seen = new Seen();
            Future<?> running = firebolt(st, seen);
            String id = runningQueryId(server, st);
            long t0 = System.nanoTime();
            running.cancel(true);
            seen.assertCancelled();
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "the interrupt was not acted on promptly");
            assertFalse(FireboltIt.engineStillRuns(server, id), "query " + id + " still runs on the engine");
        }
    }

    @Test
    void shutdownNowOfAThreadInExecuteQueryStopsTheEngineQuery(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            Seen seen = new Seen();
            firebolt(st, seen);
            String id = runningQueryId(server, st);
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS), "shutdownNow did not end the statement");
            seen.assertCancelled();
            assertFalse(FireboltIt.engineStillRuns(server, id), "query " + id + " still runs on the engine");
            try (Statement again = c.createStatement(); ResultSet rs = again.executeQuery("SELECT 3")) {
                assertTrue(rs.next(), "the connection is usable after the interrupt");
            }
        }
    }

    @Test
    void abortOfTheConnectionStopsTheEngineQuery(LocalServer server) throws Exception {
        Connection c = FireboltIt.connect(server);
        Statement st = c.createStatement();
        Seen seen = new Seen();
        firebolt(st, seen);
        String id = runningQueryId(server, st);
        ExecutorService aborter = Executors.newSingleThreadExecutor();
        try {
            c.abort(aborter);
            await(() -> seen.failure.get() != null, "abort did not end the statement");
            assertTrue(c.isClosed());
            assertFalse(FireboltIt.engineStillRuns(server, id), "query " + id + " still runs on the engine");
        } finally {
            aborter.shutdown();
        }
    }

    @Test
    void futureCancelOfAThreadInExecuteQueryKillsTheTdJob(LocalServer server) throws Exception {
        try (Connection c = TdConnectionDriverTest.connect(server, "presto"); Statement st = c.createStatement()) {
            Seen seen = new Seen();
            Future<?> running = pool.submit(() -> {
                try (ResultSet rs = st.executeQuery(TD_LONG)) {
                    rs.next();
                } catch (SQLException e) {
                    seen.failed(e);
                }
            });
            RowpipeStatement statement = st.unwrap(RowpipeStatement.class);
            TreasureDataApi api = c.unwrap(TreasureDataApi.class);
            AtomicReference<String> job = new AtomicReference<>();
            await(() -> {
                job.set(statement.getLastQueryId());
                try {
                    return job.get() != null && api.jobStatus(job.get()).status().equals("running");
                } catch (SQLException e) {
                    return false;
                }
            }, "the job did not start running");
            running.cancel(true);
            seen.assertCancelled();
            await(() -> {
                try {
                    return api.jobStatus(job.get()).status().equals("killed");
                } catch (SQLException e) {
                    return false;
                }
            }, "job " + job.get() + " was not killed");
        }
    }

    /** The answer stops flowing after its head and some rows, so the reading thread blocks inside next(). */
    private void assertInterruptInNextSendsTheStop(LocalServer server, String service, String format,
                                                   String stopRequest) throws Exception {
        try (FaultProxy proxy = new FaultProxy(FaultSweepTest.resultRequest(service));
             // Firebolt uncompressed: with LZ4 the whole answer is one block, so a stall inside it holds executeQuery
             // (the header is in that block), not next(); a read waiting for an inflating thread is TD's msgpack.gz
             // case below.
             Connection c = FaultSweepTest.connect(server, service, format, proxy, "compress",
                     service.equals("firebolt") ? "none" : null)) {
            int rows = FaultSweepTest.run(c, FaultSweepTest.QUERY).size();
            byte[] raw = proxy.recorded();
            int head = new String(raw, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
            proxy.plan(FaultProxy.Plan.stall(head + 2000, 60_000));
            Statement st = c.createStatement();
            ResultSet rs = st.executeQuery(FaultSweepTest.QUERY);
            String id = st.unwrap(RowpipeStatement.class).getLastQueryId();
            assertNotNull(id);
            Seen seen = new Seen();
            AtomicReference<Thread> reader = new AtomicReference<>();
            Future<?> read = pool.submit(() -> {
                reader.set(Thread.currentThread());
                try {
                    while (rs.next()) {
                        // the rows before the stall, then a read that waits
                    }
                } catch (SQLException e) {
                    seen.failed(e);
                }
            });
            await(() -> reader.get() != null && blockedInSocketRead(reader.get()),
                    "the reading thread did not block in a socket read");
            read.cancel(true);
            seen.assertCancelled();
            await(() -> proxy.requestLines.stream().anyMatch(l -> l.contains(stopRequest) && l.contains(id)),
                    "no " + stopRequest + " for " + id + " reached the server: " + proxy.requestLines);
            assertEquals(rows, FaultSweepTest.run(c, FaultSweepTest.QUERY).size(), "the connection is usable");
        }
    }

    /**
     * Whether the thread waits for bytes from a socket, where an interrupt alone does not reach it: in the JDK's
     * socket read, or (msgpack.gz) for the inflating thread that reads the socket.
     */
    private static boolean blockedInSocketRead(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            String c = frame.getClassName();
            String m = frame.getMethodName();
            if ((c.equals("sun.nio.ch.SocketDispatcher") && m.equals("read0"))
                    || (c.equals("sun.nio.ch.NioSocketImpl") && m.equals("park"))
                    || (c.equals("java.net.SocketInputStream") && m.equals("socketRead0"))
                    || (c.endsWith(".InflatingPipe") && m.equals("awaitFilled"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void futureCancelOfAThreadInNextSendsTheFireboltCancel(LocalServer server) throws Exception {
        assertInterruptInNextSendsTheStop(server, "firebolt", "TabSeparatedWithNamesAndTypes", "/cancel?query_id=");
    }

    @Test
    void futureCancelOfAThreadInNextSendsTheTdKill(LocalServer server) throws Exception {
        assertInterruptInNextSendsTheStop(server, "td", "tsv", "/v3/job/kill/");
        // msgpack.gz: the reading thread waits for the inflating thread, which waits on the socket.
        assertInterruptInNextSendsTheStop(server, "td", "msgpack.gz", "/v3/job/kill/");
    }
}
