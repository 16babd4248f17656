package dev.rowpipe.local.it;

import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.firebolt2.Firebolt2;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Opens driver connections to the local Firebolt 2.0 platform (as the demo service account) and to Firebolt Core. */
final class Firebolt2It {
    private Firebolt2It() {
    }

    /** A 2.0 connection to {@code local_db}, on {@code engine} (null: the system engine); {@code extra} is k, v... */
    static Connection platform(LocalServer server, String engine, String... extra) throws SQLException {
        Firebolt2 fb = server.firebolt2();
        Properties p = new Properties();
        p.setProperty("client_id", fb.demoClientId());
        p.setProperty("client_secret", fb.demoClientSecret());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return DriverManager.getConnection(fb.jdbcUrl(LocalServer.FIREBOLT_DATABASE, engine), p);
    }

    /** A Core connection to {@code database}; {@code extra} is k, v... */
    static Connection core(LocalServer server, String database, String... extra) throws SQLException {
        Properties p = new Properties();
        for (int i = 0; i + 1 < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return DriverManager.getConnection(server.firebolt2().coreJdbcUrl(database), p);
    }

    /**
     * Whether the engine behind {@code c} still runs the query with that label, asked until it stops or 10 s pass:
     * its id is looked up in the engine's history (written late), then the server is asked (without touching it).
     */
    static boolean stillRuns(LocalServer server, Connection c, String label) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String id = null;
        while (System.nanoTime() < deadline) {
            if (id == null) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT query_id FROM information_schema.engine_query_history WHERE query_label = '" + label
                        + "'")) {
                    if (rs.next()) {
                        id = rs.getString(1);
                    }
                }
            }
            if (id != null && !server.isFireboltQueryRunning(id)) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return true;
    }
}
