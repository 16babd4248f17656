package dev.rowpipe.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.api.EngineStatus;
import dev.rowpipe.api.FireboltEngines;
import dev.rowpipe.local.LocalServer;
import dev.rowpipe.local.LocalServerExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Engine control through SQL statements and the FireboltEngines API, and connecting to a stopped engine. */
@ExtendWith(LocalServerExtension.class)
class FireboltEnginesTest {
    private static final String ENGINE = "local_engine_2";

    @Test
    void engineLifecycleThroughStatementsAndApi(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server); Statement st = c.createStatement()) {
            FireboltEngines engines = c.unwrap(FireboltEngines.class);
            assertFalse(engines.status(ENGINE).isRunning(), "local_engine_2 starts stopped");

            // Stopped: connecting to it fails clearly, naming the engine and the way out.
            SQLException stopped = assertThrows(SQLException.class,
                    () -> FireboltIt.connect(server, "engine", ENGINE).close());
            assertTrue(stopped.getMessage().contains(ENGINE), stopped.getMessage());
            assertTrue(stopped.getMessage().contains("auto_start"), stopped.getMessage());
            assertTrue(stopped.getSQLState().startsWith("08"), stopped.getSQLState());

            st.execute("START ENGINE " + ENGINE);
            EngineStatus serving = engines.startAndWait(ENGINE, Duration.ofSeconds(30));
            assertTrue(serving.isServing(), serving.toString());
            try (Connection e2 = FireboltIt.connect(server, "engine", ENGINE);
                 Statement s2 = e2.createStatement(); ResultSet rs = s2.executeQuery("SELECT 2")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }

            st.execute("STOP ENGINE " + ENGINE);
            assertFalse(engines.status(ENGINE).isRunning());
            assertThrows(SQLException.class, () -> FireboltIt.connect(server, "engine", ENGINE).close());

            // The connection's own engine is untouched.
            try (ResultSet rs = st.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }

            engines.start(ENGINE);
            assertTrue(engines.startAndWait(ENGINE, Duration.ofSeconds(30)).isServing());
            engines.stop(ENGINE);
            assertFalse(engines.status(ENGINE).isRunning());
            assertThrows(SQLException.class, () -> engines.status("no_such_engine"));
        }
    }

    @Test
    void autoStartStartsAStoppedEngine(LocalServer server) throws Exception {
        try (Connection c = FireboltIt.connect(server)) {
            FireboltEngines engines = c.unwrap(FireboltEngines.class);
            if (engines.status(ENGINE).isRunning()) {
                engines.stop(ENGINE);
            }
            try (Connection e2 = FireboltIt.connect(server, "engine", ENGINE, "auto_start", "true");
                 Statement s2 = e2.createStatement(); ResultSet rs = s2.executeQuery("SELECT 'started'")) {
                assertTrue(rs.next());
                assertEquals("started", rs.getString(1));
            }
            assertTrue(engines.status(ENGINE).isServing());
            engines.stop(ENGINE);
        }
    }
}
