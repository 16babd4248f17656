package dev.rowpipe.jdbc;

import dev.rowpipe.internal.settings.CommonProperties;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriverTest {
    private final RowpipeDriver driver = new RowpipeDriver();

    @Test
    void acceptsOnlyRegisteredPrefixes() {
        assertTrue(driver.acceptsURL("jdbc:fake://h/db"));
        assertTrue(driver.acceptsURL("JDBC:Fake:db"));
        assertFalse(driver.acceptsURL("jdbc:postgresql://h/db"));
        assertFalse(driver.acceptsURL("jdbc:fakex:db"));
        assertFalse(driver.acceptsURL("jdbc:"));
        assertFalse(driver.acceptsURL(""));
        assertFalse(driver.acceptsURL(null));
    }

    @Test
    void foreignUrlGetsNull() throws SQLException {
        assertNull(driver.connect("jdbc:postgresql://h/db", new Properties()));
        assertNull(driver.connect(null, null));
        assertEquals(0, driver.getPropertyInfo("jdbc:postgresql:x", null).length);
    }

    @Test
    void keysToolsSetAreHonouredOrIgnoredWithAWarning() throws SQLException {
        Properties info = new Properties();
        info.setProperty("ApplicationName", "DBeaver 24.2");
        info.setProperty("autocommit", "false");
        info.setProperty("dbtable", "(SELECT 1) t");
        try (Connection c = driver.connect("jdbc:fake://host/sales", info)) {
            assertEquals("DBeaver 24.2", c.getClientInfo("ApplicationName"));
            assertEquals("DBeaver 24.2", c.getClientInfo().getProperty("ApplicationName"));
            assertFalse(c.getAutoCommit());
            List<String> warnings = new java.util.ArrayList<>();
            for (java.sql.SQLWarning w = c.getWarnings(); w != null; w = w.getNextWarning()) {
                warnings.add(w.getMessage());
            }
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("'dbtable' was ignored"), warnings.toString());
            assertTrue(warnings.get(1).contains("Auto-commit is off"), warnings.toString());
        }
    }

    @Test
    void strictTransactionsFailTheConnectionThatAsksForAutoCommitOff() {
        Properties info = new Properties();
        info.setProperty("autocommit", "false");
        info.setProperty("strict_transactions", "true");
        SQLException e = assertThrows(java.sql.SQLFeatureNotSupportedException.class,
                () -> driver.connect("jdbc:fake://host/sales", info));
        assertTrue(e.getMessage().contains("strict_transactions"), e.getMessage());
        assertTrue(FakeBackend.lastSession().closed.get(), "the session is closed when the connection fails");
    }

    @Test
    void aTypoOfAPropertyFailsTheConnectionNamingTheProperty() {
        Properties info = new Properties();
        info.setProperty("retires", "5");
        SQLException e = assertThrows(SQLException.class, () -> driver.connect("jdbc:fake://host/sales", info));
        assertTrue(e.getMessage().contains("did you mean 'retries'?"), e.getMessage());
    }

    @Test
    void connectsThroughTheBackend() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "me");
        try (Connection c = driver.connect("jdbc:fake://host:1234/sales?password=s3cret&mode=SLOW", info)) {
            assertInstanceOf(RowpipeConnection.class, c);
            RowpipeConnection rc = (RowpipeConnection) c;
            assertEquals("sales", c.getCatalog());
            assertEquals("host", rc.settings().host());
            assertEquals(1234, rc.settings().port());
            assertEquals("slow", rc.settings().get(FakeBackend.MODE));
            assertEquals("me", rc.settings().get(FakeBackend.USER));
            assertFalse(rc.safeUrl().contains("s3cret"), rc.safeUrl());
            assertFalse(c.toString().contains("s3cret"));
            FakeBackend.lastSession().otherwise(FakeResults.update(3));
            try (Statement st = c.createStatement()) {
                assertEquals(3, st.executeUpdate("INSERT"));
            }
        }
    }

    @Test
    void badSettingsFailWithoutEchoingSecrets() {
        Properties info = new Properties();
        info.setProperty("password", "hunter2");
        SQLException e = assertThrows(SQLException.class,
                () -> driver.connect("jdbc:fake:db?apikey=k3y&ssl=maybe&nosuch=1", info));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("'nosuch'"), e.getMessage());
        assertTrue(e.getMessage().contains("'ssl'") && e.getMessage().contains("'maybe'"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(e.getMessage().contains("k3y"));
    }

    @Test
    void redactHidesSecretValues() {
        FakeBackend b = new FakeBackend();
        assertEquals("jdbc:fake://h/db?password=***&user=x",
                RowpipeDriver.redact("jdbc:fake://h/db?password=s3cret&user=x", b));
        assertEquals("jdbc:fake:db;user=x;apikey=***;ssl=true",
                RowpipeDriver.redact("jdbc:fake:db;user=x;apikey=abc%3Dxyz;ssl=true", b));
        assertEquals("jdbc:fake:db?API_KEY=***", RowpipeDriver.redact("jdbc:fake:db?API_KEY=zzz", b));
        assertEquals("jdbc:fake:db?user=x&password=***",
                RowpipeDriver.redact("jdbc:fake:db?user=x&password=s3cret", b));
        // A percent-encoded key is still the password to the parser, so it must be hidden too.
        assertEquals("jdbc:fake:db?pass%77ord=***", RowpipeDriver.redact("jdbc:fake:db?pass%77ord=s3cret", b));
        assertEquals("jdbc:fake:db?user=password", RowpipeDriver.redact("jdbc:fake:db?user=password", b));
        // Empty pieces and every separator are kept as written.
        assertEquals("JDBC:Fake://h:9/d;;apikey=***?mode=slow&password=***;",
                RowpipeDriver.redact("JDBC:Fake://h:9/d;;apikey=k?mode=slow&password=p;", b));
        assertEquals("jdbc:fake: (URL not shown: it does not parse)",
                RowpipeDriver.redact("jdbc:fake:db?password=s3cret%zz", b));
    }

    /** Whatever the parser reads from a redacted URL is what it reads from the original, minus the secrets. */
    @Test
    void redactionReadsTheUrlAsTheParserDoes() throws SQLException {
        FakeBackend b = new FakeBackend();
        String[] urls = {
            "jdbc:fake://h/db?password=s3cret",
            "jdbc:fake://h:443/db;apikey=s3cret;user=u",
            "jdbc:fake:db?user=u&PassWord=s3cret%26more&ssl=false",
            "jdbc:fake:db;api%5Fkey=s3cret?password=s3cret=x&mode=fast",
            "jdbc:fake://[::1]:9/d%2Fb;password=s3%3Bcret;apikey=s3cret",
            "jdbc:fake:;;password=s3cret&&user=s%40me",
            "jdbc:fake:?password=s3cret",
        };
        for (String url : urls) {
            String redacted = RowpipeDriver.redact(url, b);
            assertFalse(redacted.contains("s3"), redacted);
            var original = b.parseUrl(url);
            var shown = b.parseUrl(redacted);
            assertEquals(original.host(), shown.host(), url);
            assertEquals(original.port(), shown.port(), url);
            assertEquals(original.database(), shown.database(), url);
            assertEquals(original.parameters().size(), shown.parameters().size(), url);
            for (int i = 0; i < original.parameters().size(); i++) {
                var o = original.parameters().get(i);
                var r = shown.parameters().get(i);
                assertEquals(o.getKey(), r.getKey(), url);
                boolean secret = FakeBackend.PROPERTIES.stream().anyMatch(p -> p.secret() && p.matches(o.getKey()));
                assertEquals(secret ? "***" : o.getValue(), r.getValue(), url);
            }
        }
    }

    /** user:password@host is not read; the error must not carry the password anywhere in its chain. */
    @Test
    void credentialsBeforeTheHostAreAnErrorThatHidesThem() {
        String secret = "Zq9-s3cr3t-Xw";
        String[] urls = {
            "jdbc:td://me:" + secret + "@api.treasuredata.com/db",
            "jdbc:td://me:" + secret + "@api.treasuredata.com:443/db;type=presto",
            "jdbc:firebolt://me%40example.com:" + secret + "@api.app.firebolt.io/db",
            "jdbc:firebolt://me:" + secret + "@api.app.firebolt.io:443/db?engine=e",
            "jdbc:firebolt://me:" + secret.replace("-", ";") + "@api.app.firebolt.io/db",
            "jdbc:td://me:" + secret.replace("-", "?") + "@host/db",
            "jdbc:td:me:" + secret + "@host/db",
        };
        String[] parts = secret.split("-");
        for (String url : urls) {
            Properties info = new Properties();
            info.setProperty("password", "unused");
            SQLException e = assertThrows(SQLException.class, () -> driver.connect(url, info), url);
            assertEquals("08001", e.getSQLState(), url);
            for (Throwable t = e; t != null; t = t.getCause()) {
                String m = String.valueOf(t.getMessage());
                for (String part : parts) {
                    assertFalse(m.contains(part), url + " -> " + m);
                }
            }
            assertNull(e.getNextException(), url);
            assertEquals(0, e.getSuppressed().length, url);
        }
        SQLException e = assertThrows(SQLException.class,
                () -> driver.connect("jdbc:td://me:" + secret + "@h/db", new Properties()));
        assertTrue(e.getMessage().contains("user:password@host is not supported"), e.getMessage());
    }

    @Test
    void propertyInfoListsEveryPropertyAndHidesSecrets() throws SQLException {
        Properties info = new Properties();
        info.setProperty("password", "hunter2");
        DriverPropertyInfo[] all = driver.getPropertyInfo("jdbc:fake:db?apikey=k3y&mode=slow&retries=5", info);
        // The backend's properties, then the keys tools set, which say that they are there for tools.
        assertEquals(FakeBackend.PROPERTIES.size() + CommonProperties.TOLERATED.size(), all.length);
        for (int i = 0; i < all.length; i++) {
            DriverPropertyInfo p = all[i];
            if (i < FakeBackend.PROPERTIES.size()) {
                assertEquals(FakeBackend.PROPERTIES.get(i).name(), p.name);
            } else {
                assertEquals(CommonProperties.TOLERATED.get(i - FakeBackend.PROPERTIES.size()).name(), p.name);
                assertTrue(p.description.startsWith("Accepted for tools"), p.description);
            }
            assertNotNull(p.description);
            assertFalse(p.description.isEmpty());
            assertFalse(String.valueOf(p.value).contains("hunter2"));
            assertFalse(String.valueOf(p.value).contains("k3y"));
        }
        DriverPropertyInfo mode = byName(all, "mode");
        assertEquals("slow", mode.value);
        assertArrayEquals(new String[] {"fast", "slow"}, mode.choices);
        assertTrue(mode.description.contains("default: fast"), mode.description);
        assertEquals("5", byName(all, "retries").value);
        assertEquals("30", byName(all, "connect_timeout").value);
        assertArrayEquals(new String[] {"true", "false"}, byName(all, "ssl").choices);
        assertNull(byName(all, "password").value);
        assertNull(byName(all, "apikey").value);
        // A half-typed URL still lists the properties.
        assertEquals(all.length, driver.getPropertyInfo("jdbc:fake://h:x", null).length);
    }

    private static DriverPropertyInfo byName(DriverPropertyInfo[] all, String name) {
        return Arrays.stream(all).filter(p -> p.name.equals(name)).findFirst().orElseThrow();
    }
}
