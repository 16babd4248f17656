package dev.rowpipe.internal.settings;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    private static final ConnectionProperty<String> USER = ConnectionProperty.string("user", "User", null)
            .withAliases("username");
    private static final ConnectionProperty<String> PASSWORD = ConnectionProperty.secret("password", "Password")
            .withAliases("apikey");
    private static final ConnectionProperty<Boolean> SSL = ConnectionProperty.bool("ssl", "TLS", true);
    private static final ConnectionProperty<String> MODE = ConnectionProperty.choice("mode", "Mode", "fast",
            List.of("fast", "slow"));
    private static final ConnectionProperty<Integer> RETRIES = CommonProperties.RETRIES;
    private static final List<ConnectionProperty<?>> KNOWN = List.of(USER, PASSWORD, SSL, MODE, RETRIES);

    private static ParsedUrl parse(String url) throws SQLException {
        return UrlParser.parse(url, "x", "default.host", "defaultdb");
    }

    private static Settings build(String url, Properties info) throws SQLException {
        return Settings.build(parse(url), info, KNOWN);
    }

    @Test
    void hostPortDatabaseAndQueryParameters() throws SQLException {
        ParsedUrl u = parse("jdbc:x://api.example.com:8443/sales?user=me&ssl=false");
        assertEquals("x", u.subprotocol());
        assertEquals("api.example.com", u.host());
        assertEquals(8443, u.port());
        assertEquals("sales", u.database());
        assertEquals(List.of(Map.entry("user", "me"), Map.entry("ssl", "false")), u.parameters());
    }

    @Test
    void semicolonStyleAndShortForm() throws SQLException {
        ParsedUrl td = parse("jdbc:x://api.example.com/mydb;user=me;apikey=abc");
        assertEquals("mydb", td.database());
        assertEquals(-1, td.port());
        assertEquals(List.of(Map.entry("user", "me"), Map.entry("apikey", "abc")), td.parameters());
        ParsedUrl shortForm = parse("jdbc:x:analytics?mode=slow");
        assertEquals("default.host", shortForm.host());
        assertEquals("analytics", shortForm.database());
        assertEquals("defaultdb", parse("jdbc:x://h").database());
        assertEquals("defaultdb", parse("jdbc:x://h/").database());
        assertEquals("defaultdb", parse("jdbc:x:").database());
        assertEquals("[::1]", parse("jdbc:x://[::1]/d").host());
        assertEquals(9, parse("jdbc:x://[::1]:9/d").port());
    }

    @Test
    void percentDecoding() throws SQLException {
        ParsedUrl u = parse("jdbc:x://h/my%20db?password=a%26b%3Dc%25&user=x%2By");
        assertEquals("my db", u.database());
        assertEquals(List.of(Map.entry("password", "a&b=c%"), Map.entry("user", "x+y")), u.parameters());
        SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:x:db?password=s3cret%zz"));
        assertEquals("08001", e.getSQLState());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void badUrls() {
        for (String bad : new String[] {"jdbc:x://h:notaport/db", "jdbc:x://h:0/db", "jdbc:x://h:70000/db",
                "jdbc:x://h:/db"}) {
            SQLException e = assertThrows(SQLException.class, () -> parse(bad), bad);
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("port"), e.getMessage());
        }
        assertThrows(SQLException.class, () -> parse("jdbc:x:///db"));
        assertThrows(SQLException.class, () -> parse("jdbc:y://h/db"));
        assertThrows(SQLException.class, () -> parse(null));
        SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:x:db?s3cretvalue"));
        assertFalse(e.getMessage().contains("s3cretvalue"));
    }

    @Test
    void anAtSignBeforeTheParametersIsAnErrorThatEchoesNothing() throws SQLException {
        for (String bad : new String[] {"jdbc:x://u:pw0rd@h/db", "jdbc:x://u:pw0rd@h:1/db", "jdbc:x://h/d@pw0rd",
                "jdbc:x:u:pw0rd@h/db", "jdbc:x://u:pw0rd@h?user=x"}) {
            SQLException e = assertThrows(SQLException.class, () -> parse(bad), bad);
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("user:password@host is not supported"), e.getMessage());
            assertFalse(e.getMessage().contains("pw0rd") || e.getMessage().contains("u:"), e.getMessage());
        }
        assertEquals("me@db", parse("jdbc:x://h/me%40db").database());
        assertEquals(List.of(Map.entry("user", "me@example.com")), parse("jdbc:x:db?user=me@example.com").parameters());
        assertEquals(List.of(Map.entry("user", "me@example.com")), parse("jdbc:x://h;user=me@example.com")
                .parameters());
        // A password with a separator cuts the authority short: the port text left is not echoed unless digits.
        SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:x://u:pw0rd;more@h/db"));
        assertFalse(e.getMessage().contains("pw0rd"), e.getMessage());
        e = assertThrows(SQLException.class, () -> parse("jdbc:x://h:70000/db"));
        assertTrue(e.getMessage().contains("'70000'"), e.getMessage());
    }

    @Test
    void redactKeepsTheUrlAsWrittenAndHidesSecretValues() throws SQLException {
        assertEquals("jdbc:X://h/db?password=***&user=me;APIKEY=***;;",
                UrlParser.redact("jdbc:X://h/db?password=a%26b&user=me;APIKEY=k=v;;", "x",
                        key -> PASSWORD.matches(key)));
        assertEquals("jdbc:x:db", UrlParser.redact("jdbc:x:db", "x", key -> true));
        assertThrows(SQLException.class, () -> UrlParser.redact("jdbc:x://u:pw@h/db", "x", key -> true));
        assertThrows(SQLException.class, () -> UrlParser.redact("jdbc:x:db?nokey", "x", key -> true));
    }

    @Test
    void valuesDecodeAndDefaultsApply() throws SQLException {
        Settings s = build("jdbc:x://h/db?ssl=FALSE&mode=Slow&retries=7", null);
        assertEquals(false, s.get(SSL));
        assertEquals("slow", s.get(MODE));
        assertEquals(7, s.get(RETRIES));
        assertEquals(null, s.get(USER));
        assertTrue(s.isSet(SSL));
        assertFalse(s.isSet(USER));
        Settings d = build("jdbc:x:db", new Properties());
        assertEquals(true, d.get(SSL));
        assertEquals("fast", d.get(MODE));
        assertEquals(3, d.get(RETRIES));
    }

    @Test
    void unknownPropertyIsNamed() {
        SQLException e = assertThrows(SQLException.class, () -> build("jdbc:x:db?colour=red", null));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("'colour'") && e.getMessage().contains("URL"), e.getMessage());
        Properties info = new Properties();
        info.setProperty("flavour", "x");
        e = assertThrows(SQLException.class, () -> build("jdbc:x:db", info));
        assertTrue(e.getMessage().contains("'flavour'"), e.getMessage());
    }

    @Test
    void invalidValueNamesPropertyAndValue() {
        SQLException e = assertThrows(SQLException.class, () -> build("jdbc:x:db?retries=lots", null));
        assertTrue(e.getMessage().contains("'retries'") && e.getMessage().contains("'lots'"), e.getMessage());
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
        e = assertThrows(SQLException.class, () -> build("jdbc:x:db?retries=99", null));
        assertTrue(e.getMessage().contains("0 to 20"), e.getMessage());
        e = assertThrows(SQLException.class, () -> build("jdbc:x:db?mode=medium", null));
        assertTrue(e.getMessage().contains("fast, slow"), e.getMessage());
    }

    @Test
    void severalProblemsInOneMessageWithoutSecrets() {
        Properties info = new Properties();
        info.setProperty("password", "hunter2");
        info.setProperty("bogus", "1");
        SQLException e = assertThrows(SQLException.class,
                () -> build("jdbc:x:db?ssl=maybe&retries=-1&nosuch=2&apikey=k3y", info));
        String m = e.getMessage();
        assertTrue(m.contains("'bogus'"), m);
        assertTrue(m.contains("'nosuch'"), m);
        assertTrue(m.contains("'ssl'") && m.contains("'maybe'"), m);
        assertTrue(m.contains("'retries'") && m.contains("'-1'"), m);
        assertFalse(m.contains("hunter2"), m);
        assertFalse(m.contains("k3y"), m);
    }

    @Test
    void urlWinsOverPropertiesAndNamesAreCaseInsensitive() throws SQLException {
        Properties info = new Properties();
        info.setProperty("MODE", "fast");
        info.setProperty("User", "fromProps");
        info.setProperty("password", "p1");
        Settings s = build("jdbc:x:db?mode=slow&USERNAME=fromUrl", info);
        assertEquals("slow", s.get(MODE));
        assertEquals("fromUrl", s.get(USER));
        assertEquals("p1", s.get(PASSWORD));
        Settings alias = build("jdbc:x:db;APIKEY=k", null);
        assertEquals("k", alias.get(PASSWORD));
    }

    @Test
    void toStringHidesSecrets() throws SQLException {
        Settings s = build("jdbc:x://h/db?password=hunter2&user=me", null);
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertTrue(s.toString().contains("password=***"), s.toString());
        assertTrue(s.toString().contains("user=me"), s.toString());
    }

    @Test
    void keysToolsSetAreAcceptedAndTheIgnoredOnesSaySo() throws SQLException {
        Properties info = new Properties();
        info.setProperty("autocommit", "false");
        info.setProperty("dbtable", "t");
        info.setProperty("URL", "jdbc:x://h/db?password=secret");
        info.setProperty("socketTimeout", "10");
        Settings s = build("jdbc:x://h/db?connectTimeout=5", info);
        assertFalse(s.get(CommonProperties.AUTOCOMMIT));
        List<String> notices = s.notices();
        assertEquals(4, notices.size(), notices.toString());
        for (String key : List.of("'dbtable'", "'url'", "'socketTimeout'", "'connectTimeout'")) {
            assertTrue(notices.stream().anyMatch(n -> n.contains(key) && n.contains("ignored")), key + " " + notices);
        }
        assertFalse(notices.toString().contains("secret"), "a tool's url may carry a password: " + notices);
        assertTrue(notices.toString().contains("socket_timeout"), notices.toString());
        // autocommit is validated like the driver's own.
        Properties bad = new Properties();
        bad.setProperty("autocommit", "maybe");
        SQLException e = assertThrows(SQLException.class, () -> build("jdbc:x://h/db", bad));
        assertTrue(e.getMessage().contains("'autocommit'") && e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void aBackendsOwnPropertyWinsOverTheToleratedKeyOfThatName() throws SQLException {
        ConnectionProperty<String> url = ConnectionProperty.string("url", "Core endpoint", null);
        Properties info = new Properties();
        info.setProperty("url", "http://core:3473");
        Settings s = Settings.build(parse("jdbc:x://h/db"), info, List.of(url));
        assertEquals("http://core:3473", s.get(url));
        assertEquals(List.of(), s.notices());
        assertEquals(1, Settings.accepted(List.of(url)).stream().filter(p -> p.name().equals("url")).count());
    }

    @Test
    void aNearMissOfAPropertyNameSaysWhichWasMeant() throws SQLException {
        for (String[] typo : new String[][] {{"pasword", "password"}, {"retires", "retries"}, {"Mdoe", "mode"},
            {"usr", "user"}, {"user-name", "username"}}) {
            Properties info = new Properties();
            info.setProperty(typo[0], "x");
            SQLException e = assertThrows(SQLException.class, () -> build("jdbc:x://h/db", info));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("Unknown connection property '" + typo[0] + "'; did you mean '"
                    + typo[1] + "'?"), e.getMessage());
        }
        // Far from every name: still an error, with no guess.
        Properties info = new Properties();
        info.setProperty("warehouse", "x");
        SQLException e = assertThrows(SQLException.class, () -> build("jdbc:x://h/db?sslmode=require", info));
        assertTrue(e.getMessage().contains("Unknown connection property 'warehouse'"), e.getMessage());
        assertFalse(e.getMessage().contains("'warehouse'; did you mean"), e.getMessage());
        assertTrue(e.getMessage().contains("Unknown connection property 'sslmode' in the URL"), e.getMessage());
    }
}
