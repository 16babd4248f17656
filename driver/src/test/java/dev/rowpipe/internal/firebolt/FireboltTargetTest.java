package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.firebolt.FireboltTarget.Protocol;
import dev.rowpipe.internal.settings.Settings;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which API a connection speaks, where, and which settings do not fit it. */
class FireboltTargetTest {
    private final FireboltBackend backend = new FireboltBackend();

    /** {@code props} is name, value, name, value... */
    private FireboltTarget target(String url, String... props) throws SQLException {
        Properties info = new Properties();
        for (int i = 0; i + 1 < props.length; i += 2) {
            info.setProperty(props[i], props[i + 1]);
        }
        return FireboltTarget.of(Settings.build(backend.parseUrl(url), info, FireboltProperties.ALL));
    }

    private SQLException failure(String url, String... props) {
        return assertThrows(SQLException.class, () -> target(url, props));
    }

    @Test
    void anEmailUserIsV1OnTheApiHost() throws SQLException {
        FireboltTarget t = target("jdbc:firebolt:db?engine=e", "user", "me@example.com", "password", "pw");
        assertEquals(Protocol.V1, t.protocol());
        assertEquals("https://api.app.firebolt.io:443", t.apiBase().toString());
        assertEquals("me@example.com", t.principal());
        assertEquals("db", t.database());
        assertEquals("e", t.engine());
        FireboltTarget dev = target("jdbc:firebolt:db?environment=dev&ssl=false", "user", "a@b.c", "password", "pw");
        assertEquals("http://api.dev.firebolt.io:80", dev.apiBase().toString());
    }

    @Test
    void aServiceAccountIs20WithTheEnvironmentsHosts() throws SQLException {
        FireboltTarget t = target("jdbc:firebolt:db?account=acct", "client_id", "id", "client_secret", "s");
        assertEquals(Protocol.V2, t.protocol());
        assertEquals("https://id.app.firebolt.io", t.idBase().toString());
        assertEquals("https://api.app.firebolt.io", t.apiBase().toString());
        assertEquals("id", t.principal());
        assertEquals("s", t.secret());
        assertEquals("acct", t.account());
        FireboltTarget staging = target("jdbc:firebolt:?account=acct&env=staging&engine_name=e", "user", "id",
                "password", "s");
        assertEquals(Protocol.V2, staging.protocol());
        assertEquals("https://id.staging.firebolt.io", staging.idBase().toString());
        assertEquals("https://api.staging.firebolt.io", staging.apiBase().toString());
        assertNull(staging.database());
        assertEquals("e", staging.engine());
        FireboltTarget host = target("jdbc:firebolt://api.us-east-1.dev.firebolt.io/db?account=a", "client_id",
                "id", "client_secret", "s");
        assertEquals("https://id.us-east-1.dev.firebolt.io", host.idBase().toString());
    }

    @Test
    void anyOtherHostServesSignInAndDiscoveryItself() throws SQLException {
        FireboltTarget t = target("jdbc:firebolt://127.0.0.1:8123/local_db?ssl=false&account=local",
                "client_id", "id", "client_secret", "s");
        assertEquals("http://127.0.0.1:8123", t.idBase().toString());
        assertEquals("http://127.0.0.1:8123", t.apiBase().toString());
    }

    @Test
    void urlIsCore() throws SQLException {
        FireboltTarget t = target("jdbc:firebolt:firebolt?url=http://localhost:3473/", "user", "anything",
                "password", "ignored");
        assertEquals(Protocol.CORE, t.protocol());
        assertEquals("http://localhost:3473", t.coreUrl().toString());
        assertNull(t.principal());
        assertNull(t.secret());
        assertEquals(Protocol.CORE, target("jdbc:firebolt:?url=https://core.internal:443").protocol());
    }

    @Test
    void aJdbcUrlUnderUrlIsATools() throws SQLException {
        FireboltTarget v1 = target("jdbc:firebolt:db", "user", "me@example.com", "password", "pw", "url",
                "jdbc:firebolt:db");
        assertEquals(Protocol.V1, v1.protocol());
        FireboltTarget v2 = target("jdbc:firebolt:db?account=a", "client_id", "i", "client_secret", "s", "url",
                "JDBC:firebolt:db?account=a");
        assertEquals(Protocol.V2, v2.protocol());
    }

    @Test
    void theProtocolPropertyOverridesTheGuess() throws SQLException {
        assertEquals(Protocol.V2, target("jdbc:firebolt:db?protocol=v2&account=a", "user", "svc@odd", "password",
                "s").protocol());
        assertEquals(Protocol.V1, target("jdbc:firebolt:db?protocol=V1", "user", "legacy-user", "password", "p")
                .protocol());
        SQLException e = failure("jdbc:firebolt:db?protocol=core");
        assertTrue(e.getMessage().contains("'url'"), e.getMessage());
    }

    @Test
    void wrongCombinationsAreOneErrorNamingEachProperty() {
        SQLException v1 = failure("jdbc:firebolt:db?protocol=v1&client_id=x&url=http://h:1", "user", "a@b.c",
                "password", "p");
        assertEquals("08001", v1.getSQLState());
        assertTrue(v1.getMessage().contains("'client_id' does not apply to Firebolt v1"), v1.getMessage());
        assertTrue(v1.getMessage().contains("'url' does not apply to Firebolt v1"), v1.getMessage());

        SQLException v2 = failure("jdbc:firebolt:db?account=a&auto_start=true&output_format=JSON", "client_id",
                "id", "client_secret", "s");
        assertTrue(v2.getMessage().contains("'auto_start' does not apply to Firebolt 2.0"), v2.getMessage());
        assertTrue(v2.getMessage().contains("output_format JSON is served by Firebolt v1 only"), v2.getMessage());

        SQLException core = failure("jdbc:firebolt://api.dev.firebolt.io/db?url=http://h:1&account=a&engine=e",
                "client_id", "id");
        for (String p : new String[] {"'client_id'", "'account'", "'engine'", "host 'api.dev.firebolt.io'"}) {
            assertTrue(core.getMessage().contains(p), p + " in " + core.getMessage());
        }

        SQLException both = failure("jdbc:firebolt:db?account=a&client_id=one&user=two", "client_secret", "s1",
                "password", "s2");
        assertTrue(both.getMessage().contains("'client_id' and 'user' both given, with different values"),
                both.getMessage());
        assertTrue(both.getMessage().contains("'client_secret' and 'password' both given"), both.getMessage());
        assertFalse(both.getMessage().contains("s1") || both.getMessage().contains("s2"), both.getMessage());

        SQLException databases = failure("jdbc:firebolt:one?database=two&account=a", "client_id", "i",
                "client_secret", "s");
        assertTrue(databases.getMessage().contains("database 'one'") && databases.getMessage().contains("'two'"),
                databases.getMessage());

        SQLException env = failure("jdbc:firebolt://127.0.0.1:1/db?environment=dev&account=a", "client_id", "i",
                "client_secret", "s");
        assertTrue(env.getMessage().contains("'environment'") && env.getMessage().contains("127.0.0.1"),
                env.getMessage());

        SQLException lines = failure("jdbc:firebolt:db?output_format=JSONLines_Compact", "user", "a@b.c",
                "password", "p");
        assertTrue(lines.getMessage().contains("JSONLines_Compact is served by Firebolt 2.0 and Core only"),
                lines.getMessage());
    }

    @Test
    void agreeingValuesGivenTwiceAreFine() throws SQLException {
        FireboltTarget t = target("jdbc:firebolt:db?database=db&account=a&client_id=i&user=i", "client_secret", "s",
                "password", "s");
        assertEquals("i", t.principal());
        assertEquals("db", t.database());
    }

    @Test
    void missingPiecesSayWhatIsNeeded() {
        SQLException none = failure("jdbc:firebolt:db");
        assertEquals("28000", none.getSQLState());
        assertTrue(none.getMessage().contains("'client_id'") && none.getMessage().contains("'user'")
                && none.getMessage().contains("'url'"), none.getMessage());
        SQLException secret = failure("jdbc:firebolt:db?account=a", "client_id", "i");
        assertEquals("28000", secret.getSQLState());
        assertTrue(secret.getMessage().contains("client_secret"), secret.getMessage());
        SQLException account = failure("jdbc:firebolt:db", "client_id", "i", "client_secret", "s");
        assertEquals("08001", account.getSQLState());
        assertTrue(account.getMessage().contains("'account'"), account.getMessage());
        SQLException port = failure("jdbc:firebolt:db?url=http://localhost");
        assertTrue(port.getMessage().contains("scheme and port required"), port.getMessage());
        SQLException userInfo = failure("jdbc:firebolt:db?url=http://me:hunter2%40x@localhost:3473");
        assertFalse(userInfo.getMessage().contains("hunter2"), userInfo.getMessage());
    }

    @Test
    void toStringHidesTheSecret() throws SQLException {
        FireboltTarget t = target("jdbc:firebolt:db?account=a", "client_id", "i", "client_secret", "very-secret");
        assertFalse(t.toString().contains("very-secret"), t.toString());
    }
}
