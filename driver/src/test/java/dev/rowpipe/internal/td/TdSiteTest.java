package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.spi.Session;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The site property picks the REST host; a URL host and a site must agree. */
class TdSiteTest {
    @StartStop
    final MockWebServer server = new MockWebServer();

    private final TdBackend backend = new TdBackend();

    private Settings settings(String url) throws SQLException {
        Properties info = new Properties();
        info.setProperty("apikey", FakeTd.KEY);
        return Settings.build(backend.parseUrl(url), info, backend.properties());
    }

    @Test
    void eachSiteHasItsHost() throws Exception {
        assertEquals("https://api.treasuredata.com", TdBackend.baseUrl(settings("jdbc:td:db;site=us01")));
        assertEquals("https://api.treasuredata.co.jp", TdBackend.baseUrl(settings("jdbc:td:db;site=jp01")));
        assertEquals("https://api.eu01.treasuredata.com", TdBackend.baseUrl(settings("jdbc:td:db?site=eu01")));
        assertEquals("https://api.ap02.treasuredata.com", TdBackend.baseUrl(settings("jdbc:td:db;site=AP02")));
        assertEquals("https://api.ap03.treasuredata.com", TdBackend.baseUrl(settings("jdbc:td:;site=ap03")));
        assertEquals("https://api.treasuredata.com", TdBackend.baseUrl(settings("jdbc:td:db")),
                "no site and no host: US");
        assertEquals("http://127.0.0.1:8080", TdBackend.baseUrl(settings("jdbc:td://127.0.0.1:8080/db;useSSL=false")),
                "an explicit host as before");
    }

    @Test
    void aHostThatIsTheSitesIsAccepted() throws Exception {
        assertEquals("https://api.treasuredata.co.jp",
                TdBackend.baseUrl(settings("jdbc:td://API.treasuredata.co.jp/db;site=jp01")));
        assertEquals("https://api.eu01.treasuredata.com:443",
                TdBackend.baseUrl(settings("jdbc:td://api.eu01.treasuredata.com:443/db;site=eu01")));
    }

    @Test
    void aHostThatContradictsTheSiteIsAnError() throws Exception {
        Settings s = settings("jdbc:td://api.treasuredata.com/db;site=eu01");
        SQLException e = assertThrows(SQLException.class, () -> TdBackend.baseUrl(s));
        assertInstanceOf(SQLNonTransientConnectionException.class, e);
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("'eu01'") && e.getMessage().contains("api.eu01.treasuredata.com")
                && e.getMessage().contains("'api.treasuredata.com'"), e.getMessage());
        assertTrue(e.getMessage().contains("ap03 (api.ap03.treasuredata.com)"), e.getMessage());
    }

    @Test
    void anUnknownSiteNamesTheValidOnes() {
        SQLException e = assertThrows(SQLException.class, () -> settings("jdbc:td:db;site=us02"));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("'site'") && e.getMessage().contains("'us02'")
                && e.getMessage().contains("us01, jp01, eu01, ap02, ap03"), e.getMessage());
        SQLException empty = assertThrows(SQLException.class, () -> settings("jdbc:td:db;site=tokyo"));
        assertTrue(empty.getMessage().contains("us01, jp01, eu01, ap02, ap03"), empty.getMessage());
    }

    @Test
    void aSiteIsNeverPlainHttp() throws Exception {
        Settings s = settings("jdbc:td:db;site=jp01;useSSL=false");
        SQLException e = assertThrows(SQLException.class, () -> TdBackend.baseUrl(s));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
    }

    /** The site decides where requests go; the test routes that base URL to the mock server. */
    @Test
    void requestsGoToTheSitesHost() throws Exception {
        FakeTd td = new FakeTd();
        td.onJson("/v3/database/list", "{\"databases\":[{\"name\":\"db\",\"count\":1}]}");
        server.setDispatcher(td);
        List<String> bases = new CopyOnWriteArrayList<>();
        TdBackend routed = new TdBackend(TdPolling.REAL_SLEEPER, System::nanoTime, base -> {
            bases.add(base);
            return "http://" + server.getHostName() + ":" + server.getPort();
        });
        Properties info = new Properties();
        info.setProperty("apikey", FakeTd.KEY);
        for (String site : List.of("us01", "jp01", "eu01", "ap02", "ap03")) {
            try (Session s = routed.open(Settings.build(routed.parseUrl("jdbc:td:db;site=" + site), info,
                    routed.properties()))) {
                assertEquals("db", s.database());
            }
        }
        assertEquals(List.of("https://api.treasuredata.com", "https://api.treasuredata.co.jp",
                "https://api.eu01.treasuredata.com", "https://api.ap02.treasuredata.com",
                "https://api.ap03.treasuredata.com"), bases);
        assertEquals(5, td.requests.size());
        td.requests.forEach(r -> assertEquals("/v3/database/list", r.getUrl().encodedPath()));
        assertFalse(td.requests.get(0).getHeaders().get("Authorization").isEmpty());
    }
}
