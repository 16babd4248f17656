package dev.rowpipe.local.it;

import dev.rowpipe.local.LocalServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

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
}
