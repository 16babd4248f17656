package dev.rowpipe.conformance;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rowpipe.local.LocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HikariCP: a 32-connection pool used by 32 threads, health checks, retirement, and nothing left after close. */
@ExtendWith(SharedLocalServer.class)
class HikariTest {

    private static final String TABLE = "hk_items";

    private static HikariDataSource pool(LocalServer server, Service service, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(service.url(server));
        config.setDataSourceProperties(service.properties(server));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(30_000);
        config.setPoolName("conformance-" + service.name().toLowerCase());
        return new HikariDataSource(config);
    }

    /** Live threads, but the local server's (it serves every test of the run). */
    private static Set<Thread> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("rowpipe-local"))
                .collect(Collectors.toSet());
    }

    /**
     * Daemon threads of JVM-wide pools, not of a connection: the JDK's, and the driver's shared drain and timer
     * pools (a cached pool's idle thread ends 60 s after its last task). Any other thread started while the pool
     * was in use must end once it is closed.
     */
    private static final List<String> SHARED_DAEMONS = List.of("CompletableFutureDelayScheduler",
            "ForkJoinPool.commonPool-worker-", "rowpipe-http-drain", "rowpipe-query-timeout", "rowpipe-query-cancel");

    private static List<String> newThreads(Set<Thread> before) {
        return threads().stream().filter(t -> !before.contains(t))
                .filter(t -> !(t.isDaemon() && SHARED_DAEMONS.stream().anyMatch(t.getName()::startsWith)))
                .map(Thread::getName).collect(Collectors.toList());
    }

    /**
     * Client sockets connected to the server's ports, read from /proc/net/tcp (both ends live in this JVM, so
     * the server's accepted sockets are left out by matching on the remote port).
     */
    private static long clientSockets(Set<Integer> serverPorts) throws IOException {
        long n = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(file);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[3].equals("01")) { // 01 = ESTABLISHED
                    continue;
                }
                int remotePort = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                if (serverPorts.contains(remotePort)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Polls until {@code done}; {@code what} says what was still not done when the 20 s ran out. */
    private static void poll(java.util.function.Supplier<String> what, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(50);
        }
    }

    private void thirtyTwoThreads(Service service, LocalServer server, int queriesPerThread) throws Exception {
        service.createTable(server, TABLE);
        Set<Integer> ports = Set.of(server.apiPort(), server.enginePort("local_engine"));
        // One connection first, so that what the driver starts once per JVM (shared timers) is not counted.
        try (Connection c = service.connect(server); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + TABLE)) {
            assertTrue(rs.next());
        }
        Set<Thread> threadsBefore = threads();
        ExecutorService workers = Executors.newFixedThreadPool(32);
        try (HikariDataSource ds = pool(server, service, 32)) {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                final long id = t % Dataset.ITEMS.size() + 1;
                results.add(workers.submit(() -> {
                    long sum = 0;
                    for (int q = 0; q < queriesPerThread; q++) {
                        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                             ResultSet rs = st.executeQuery("SELECT id, name FROM " + TABLE + " WHERE id = " + id)) {
                            assertTrue(rs.next());
                            assertEquals(Dataset.item(id).name(), rs.getString(2));
                            sum += rs.getLong(1);
                        }
                    }
                    return sum;
                }));
            }
            long total = 0;
            for (int t = 0; t < 32; t++) {
                total += results.get(t).get(2, TimeUnit.MINUTES);
                total -= (long) (t % Dataset.ITEMS.size() + 1) * queriesPerThread;
            }
            assertEquals(0, total);
            assertTrue(ds.getHikariPoolMXBean().getTotalConnections() <= 32);

            // Health check and retirement: every connection evicted is closed, new ones work.
            try (Connection c = ds.getConnection()) {
                assertTrue(c.isValid(5));
            }
            ds.getHikariPoolMXBean().softEvictConnections();
            poll(() -> "evicted connections closed: " + ds.getHikariPoolMXBean().getTotalConnections() + " left", () -> ds.getHikariPoolMXBean().getTotalConnections() == 0);
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM " + TABLE)) {
                assertTrue(rs.next());
                assertEquals(Dataset.ITEMS.size(), rs.getLong(1));
            }
        } finally {
            workers.shutdownNow();
        }
        poll(() -> "threads left after the pool closed: " + newThreads(threadsBefore), () -> newThreads(threadsBefore).isEmpty());
        poll(() -> "client sockets to the server left open after the pool closed", () -> {
            try {
                return clientSockets(ports) == 0;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void fireboltPoolOfThirtyTwo(LocalServer server) throws Exception {
        thirtyTwoThreads(Service.FIREBOLT, server, 10);
    }

    @Test
    void tdPoolOfThirtyTwo(LocalServer server) throws Exception {
        // Every TD query is a job on the local server's two job threads: fewer rounds.
        thirtyTwoThreads(Service.TD, server, 2);
    }

    /**
     * HikariCP with autoCommit=false, as Spring and JPA setups configure it: the pool turns auto-commit off on every
     * connection and rolls back a connection that ran statements without a commit when it is returned.
     */
    private static void autoCommitOff(Service service, LocalServer server) throws Exception {
        String table = "hk_tx_" + service.name().toLowerCase();
        service.createTable(server, table);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(service.url(server));
        config.setDataSourceProperties(service.properties(server));
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setAutoCommit(false);
        config.setPoolName("conformance-tx-" + service.name().toLowerCase());
        try (HikariDataSource ds = new HikariDataSource(config)) {
            // Reads, returned without a commit: the pool's rollback has nothing to undo.
            for (int i = 0; i < 3; i++) {
                try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    assertEquals(false, c.getAutoCommit());
                    assertTrue(rs.next());
                    assertEquals(Dataset.ITEMS.size(), rs.getLong(1));
                }
            }
            // A write, committed: stored, and the connection goes back cleanly.
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (50, 'tx')"));
                c.commit();
            }
            // A write left uncommitted cannot be rolled back: the pool's rollback says so instead of pretending.
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> {
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (51, 'no tx')");
                }
            });
            assertEquals("25000", e.getSQLState(), e.toString());
            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " WHERE id >= 50")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getLong(1), "both writes were committed as they ran");
            }
        }
    }

    @Test
    void fireboltAutoCommitOff(LocalServer server) throws Exception {
        autoCommitOff(Service.FIREBOLT, server);
    }

    @Test
    void tdAutoCommitOff(LocalServer server) throws Exception {
        autoCommitOff(Service.TD, server);
    }
}
