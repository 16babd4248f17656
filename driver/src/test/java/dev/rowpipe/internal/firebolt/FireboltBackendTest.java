package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.settings.ParsedUrl;
import dev.rowpipe.internal.settings.Settings;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FireboltBackendTest {
    private final FireboltBackend backend = new FireboltBackend();

    @Test
    void urlForms() throws SQLException {
        ParsedUrl full = backend.parseUrl("jdbc:firebolt://api.dev.firebolt.io:8443/sales?engine=e1");
        assertEquals("api.dev.firebolt.io", full.host());
        assertEquals(8443, full.port());
        assertEquals("sales", full.database());
        ParsedUrl shortForm = backend.parseUrl("jdbc:firebolt:sales?ssl=false");
        assertEquals("api.app.firebolt.io", shortForm.host());
        assertEquals(-1, shortForm.port());
        assertEquals("sales", shortForm.database());
        assertEquals("firebolt", backend.subprotocol());
    }

    /** v1 needs a database (2.0 and Core do not): the connection fails before any request. */
    @Test
    void missingDatabaseIs08001() {
        Properties info = new Properties();
        info.setProperty("password", "pw");
        for (String url : new String[] {"jdbc:firebolt://host/?user=me@example.com",
                "jdbc:firebolt://host?user=me@example.com", "jdbc:firebolt:?user=x@y.z"}) {
            SQLException e = assertThrows(SQLException.class,
                    () -> backend.open(Settings.build(backend.parseUrl(url), info, backend.properties())), url);
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("database"), e.getMessage());
        }
    }

    @Test
    void propertiesValidateAndHideSecrets() throws SQLException {
        Properties info = new Properties();
        info.setProperty("password", "hunter2");
        info.setProperty("output_format", "json_compact");
        Settings s = Settings.build(backend.parseUrl("jdbc:firebolt:db"), info, backend.properties());
        assertEquals("JSON_Compact", s.get(FireboltProperties.OUTPUT_FORMAT));
        assertTrue(s.get(FireboltProperties.SSL));
        assertFalse(s.get(FireboltProperties.AUTO_START));
        assertEquals(300, s.get(FireboltProperties.ENGINE_START_TIMEOUT));
        assertFalse(s.toString().contains("hunter2"));
        assertTrue(backend.properties().containsAll(dev.rowpipe.internal.settings.CommonProperties.ALL));
        info.setProperty("output_format", "CSV");
        assertThrows(SQLException.class,
                () -> Settings.build(backend.parseUrl("jdbc:firebolt:db"), info, backend.properties()));
    }

    @Test
    void endpointForms() throws SQLException {
        assertEquals("https://e.acct.app.firebolt.io", FireboltSession.endpointUri("e.acct.app.firebolt.io", true)
                .toString());
        assertEquals("http://127.0.0.1:9000", FireboltSession.endpointUri("127.0.0.1:9000", false).toString());
        assertEquals("https://h:1", FireboltSession.endpointUri("https://h:1/", false).toString());
        assertEquals("http://h", FireboltSession.endpointUri("http://h", true).toString());
        assertThrows(SQLException.class, () -> FireboltSession.endpointUri("::", true));
    }
}
