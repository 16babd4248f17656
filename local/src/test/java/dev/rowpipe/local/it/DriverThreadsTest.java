package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.jdbc.RowpipeStatement;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The daemon threads the driver starts (timers, cancels, the interrupt watch, body drains, progress delivery,
 * inflaters) end once everything is closed and they have been idle a few seconds: an application that closed its
 * connections keeps none of them. Polled, with a bound; threads alive before the test are left out.
 */
@ExtendWith(LocalServerExtension.class)
class DriverThreadsTest {
    private static Set<Thread> driverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("rowpipe-") && !t.getName().startsWith("rowpipe-local"))
                .collect(Collectors.toSet());
    }

    @Test
    void everyThreadTheDriverStartedEndsOnceIdle(LocalServer server) throws Exception {
        Set<Thread> before = driverThreads();
        List<String> events = new CopyOnWriteArrayList<>();
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            st.unwrap(RowpipeStatement.class).setProgressListener(p -> events.add(p.state().name()));
            try (ResultSet rs = st.executeQuery("SELECT range FROM range(100000)")) {
                assertTrue(rs.next());
            }
            st.setQueryTimeout(1);
            assertThrows(SQLTimeoutException.class, () -> st.executeQuery(FireboltCancelTest.SLOW));
        }
        for (String format : new String[] {"msgpack.gz", "json"}) {
            try (Connection c = TdResultFormatsDriverTest.connect(server, format, "presto");
                 Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT range AS i FROM range(50000)")) {
                    assertTrue(rs.next());
                }
                int n = 0;
                try (ResultSet rs = st.executeQuery("SELECT range AS i FROM range(1000)")) {
                    while (rs.next()) {
                        n++;
                    }
                }
                assertEquals(1000, n);
            }
        }
        // A statement cancelled from another thread: the kill goes out on the driver's own threads.
        try (Connection c = TdConnectionDriverTest.connect(server, "presto"); Statement st = c.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    while (st.unwrap(RowpipeStatement.class).getLastQueryId() == null) {
                        Thread.sleep(5);
                    }
                    st.cancel();
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            canceller.start();
            SQLException e = assertThrows(SQLException.class, () -> st.executeQuery(
                    "SELECT sum(hash(a.range + b.range)) FROM range(200000) a, range(200000) b"));
            assertEquals("HY008", e.getSQLState(), e.toString());
            canceller.join();
        }
        assertTrue(events.contains("FINISHED"), "progress was delivered: " + events);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        Set<String> left;
        while (true) {
            left = driverThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                    .collect(Collectors.toSet());
            if (left.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(left.isEmpty(), "driver threads still alive 40 s after everything was closed: " + left);
    }
}
