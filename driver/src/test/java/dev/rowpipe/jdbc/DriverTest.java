package dev.rowpipe.jdbc;

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
        assertTrue(driver.acceptsURL("jdbc:scripted://h/db"));
        assertTrue(driver.acceptsURL("JDBC:Scripted:db"));
        assertFalse(driver.acceptsURL("jdbc:postgresql://h/db"));
        assertFalse(driver.acceptsURL("jdbc:scriptedx:db"));
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
    void connectsThroughTheBackend() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "me");
        try (Connection c = driver.connect("jdbc:scripted://host:1234/sales?password=s3cret&mode=SLOW", info)) {
            assertInstanceOf(RowpipeConnection.class, c);
            RowpipeConnection rc = (RowpipeConnection) c;
            assertEquals("sales", c.getCatalog());
            assertEquals("host", rc.settings().host());
            assertEquals(1234, rc.settings().port());
            assertEquals("slow", rc.settings().get(ScriptedBackend.MODE));
            assertEquals("me", rc.settings().get(ScriptedBackend.USER));
            assertFalse(rc.safeUrl().contains("s3cret"), rc.safeUrl());
            assertFalse(c.toString().contains("s3cret"));
            ScriptedBackend.lastSession.otherwise(ScriptedBackend.update(3));
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
                () -> driver.connect("jdbc:scripted:db?apikey=k3y&ssl=maybe&nosuch=1", info));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("'nosuch'"), e.getMessage());
        assertTrue(e.getMessage().contains("'ssl'") && e.getMessage().contains("'maybe'"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(e.getMessage().contains("k3y"));
    }

    @Test
    void redactHidesSecretValues() {
        List<dev.rowpipe.internal.settings.ConnectionProperty<?>> props = ScriptedBackend.PROPERTIES;
        assertEquals("jdbc:scripted://h/db?password=***&user=x",
                RowpipeDriver.redact("jdbc:scripted://h/db?password=s3cret&user=x", props));
        assertEquals("jdbc:scripted:db;user=x;apikey=***;ssl=true",
                RowpipeDriver.redact("jdbc:scripted:db;user=x;apikey=abc%3Dxyz;ssl=true", props));
        assertEquals("jdbc:scripted:db?API_KEY=***", RowpipeDriver.redact("jdbc:scripted:db?API_KEY=zzz", props));
        assertEquals("jdbc:scripted:db?user=x&password=***",
                RowpipeDriver.redact("jdbc:scripted:db?user=x&password=s3cret", props));
        // A percent-encoded key is still the password to the parser, so it must be hidden too.
        String encoded = RowpipeDriver.redact("jdbc:scripted:db?pass%77ord=s3cret", props);
        assertFalse(encoded.contains("s3cret"), encoded);
        assertEquals("jdbc:scripted:db?user=password", RowpipeDriver.redact("jdbc:scripted:db?user=password", props));
    }

    @Test
    void propertyInfoListsEveryPropertyAndHidesSecrets() throws SQLException {
        Properties info = new Properties();
        info.setProperty("password", "hunter2");
        DriverPropertyInfo[] all = driver.getPropertyInfo("jdbc:scripted:db?apikey=k3y&mode=slow&retries=5", info);
        assertEquals(ScriptedBackend.PROPERTIES.size(), all.length);
        for (int i = 0; i < all.length; i++) {
            DriverPropertyInfo p = all[i];
            assertEquals(ScriptedBackend.PROPERTIES.get(i).name(), p.name);
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
        assertEquals(all.length, driver.getPropertyInfo("jdbc:scripted://h:x", null).length);
    }

    private static DriverPropertyInfo byName(DriverPropertyInfo[] all, String name) {
        return Arrays.stream(all).filter(p -> p.name.equals(name)).findFirst().orElseThrow();
    }
}
