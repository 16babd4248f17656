package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.settings.ParsedUrl;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.spi.Session;
import java.sql.SQLException;
import java.util.Properties;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class TdBackendTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    final TdBackend backend = new TdBackend();

    @Test
    void urlForms() throws Exception {
        ParsedUrl full = backend.parseUrl("jdbc:td://api.example.com:8443/www_access;type=presto;useSSL=false");
        assertEquals("td", backend.subprotocol());
        assertEquals("api.example.com", full.host());
        assertEquals(8443, full.port());
        assertEquals("www_access", full.database());
        assertEquals(2, full.parameters().size());
        ParsedUrl query = backend.parseUrl("jdbc:td://h/db?type=trino&priority=2");
        assertEquals("db", query.database());
        assertEquals(2, query.parameters().size());
        ParsedUrl shortForm = backend.parseUrl("jdbc:td:mydb");
        assertEquals(null, shortForm.host(), "the site property or the default decides later");
        assertEquals("mydb", shortForm.database());
        assertEquals("default", backend.parseUrl("jdbc:td://h").database());
        assertEquals("default", backend.parseUrl("jdbc:td://h/").database());
    }

    @Test
    void settingsValidation() throws Exception {
        Properties info = new Properties();
        info.setProperty("APIKEY", "k");
        Settings ok = Settings.build(backend.parseUrl("jdbc:td:db;type=PRESTO;priority=-2;result_format=CSV"), info,
                backend.properties());
        assertEquals("presto", ok.get(TdProperties.TYPE));
        assertEquals("csv", ok.get(TdProperties.RESULT_FORMAT));
        assertEquals(-2, ok.get(TdProperties.PRIORITY));
        assertEquals("hive", Settings.build(backend.parseUrl("jdbc:td:db"), info, backend.properties())
                .get(TdProperties.TYPE));
        SQLException e = assertThrows(SQLException.class, () -> Settings.build(
                backend.parseUrl("jdbc:td:db;priority=3;type=spark"), info, backend.properties()));
        assertTrue(e.getMessage().contains("priority") && e.getMessage().contains("type"), e.getMessage());
    }

    private Settings settings(Properties info) throws SQLException {
        return Settings.build(backend.parseUrl("jdbc:td://" + server.getHostName() + ":" + server.getPort()
                + "/mydb;useSSL=false"), info, backend.properties());
    }

    @Test
    void passwordIsTheKeyWhenApikeyIsAbsentAndUserIsIgnored() throws Exception {
        FakeTd td = new FakeTd();
        td.onJson("/v3/database/list", "{\"databases\":[]}");
        server.setDispatcher(td);
        Properties info = new Properties();
        info.setProperty("user", "someone@example.com");
        info.setProperty("password", "1/secret");
        try (Session s = backend.open(settings(info))) {
            assertEquals("mydb", s.database());
        }
        assertEquals("TD1 1/secret", td.requests.get(0).getHeaders().get("Authorization"));
        info.setProperty("apikey", "2/wins");
        backend.open(settings(info)).close();
        assertEquals("TD1 2/wins", td.requests.get(1).getHeaders().get("Authorization"));
    }

    @Test
    void openChecksTheKey() throws Exception {
        FakeTd td = new FakeTd();
        td.on("/v3/database/list", FakeTd.json(403, "{\"error\":\"Forbidden\",\"message\":\"key 9/topsecret\"}"));
        server.setDispatcher(td);
        Properties info = new Properties();
        info.setProperty("apikey", "9/topsecret");
        SQLException e = assertThrows(SQLException.class, () -> backend.open(settings(info)));
        assertEquals("28000", e.getSQLState());
        assertFalse(e.getMessage().contains("9/topsecret"), e.getMessage());
    }

    @Test
    void missingKeyIs28000() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> backend.open(settings(new Properties())));
        assertEquals("28000", e.getSQLState());
        assertTrue(e.getMessage().contains("apikey"));
    }

    @Test
    void settingsToStringHidesTheKey() throws Exception {
        Properties info = new Properties();
        info.setProperty("apikey", "3/abc");
        info.setProperty("password", "4/def");
        String text = settings(info).toString();
        assertFalse(text.contains("3/abc") || text.contains("4/def"), text);
    }
}
