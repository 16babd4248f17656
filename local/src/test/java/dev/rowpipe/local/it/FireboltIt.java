package dev.rowpipe.local.it;

import dev.rowpipe.local.LocalServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens driver connections to a local server as the demo user, with optional extra connection properties. */
final class FireboltIt {
    private FireboltIt() {
    }

    /** {@code extra} is name, value, name, value... */
    static Connection connect(LocalServer server, String... extra) throws SQLException {
        return DriverManager.getConnection(server.fireboltJdbcUrl(), props(server, extra));
    }

    static Properties props(LocalServer server, String... extra) {
        Properties p = new Properties();
        p.setProperty("user", server.demoUser());
        p.setProperty("password", server.demoPassword());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return p;
    }

    private static final Pattern QUERY_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The first query id (a UUID) named in the exception's messages, or null. */
    static String queryId(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : QUERY_ID.matcher(t.getMessage());
            if (m != null && m.find()) {
                return m.group();
            }
        }
        return null;
    }

    /**
     * Whether the engine still runs the query: its cancel endpoint answers 200 for a running query (and cancels
     * it) and 400 for one that is not running.
     */
    /**
     * Whether the engine still runs the query, polled (without touching it) until it stops or 5 s pass: after the
     * driver's cancel the engine needs a moment to interrupt DuckDB and unregister the query.
     */
    static boolean engineStillRuns(LocalServer server, String queryId) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (server.isFireboltQueryRunning(queryId)) {
            if (System.nanoTime() > deadline) {
                return true;
            }
            // A short park, not a spin: on 2 cores a spinning test would take the CPU the engine needs to stop.
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return false;
    }
}
