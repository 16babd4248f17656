package dev.rowpipe.jdbc;

import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.ParsedUrl;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.settings.UrlParser;
import dev.rowpipe.internal.spi.Backend;
import dev.rowpipe.internal.spi.Session;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one test backend of the JDBC layer, for {@code jdbc:fake://host/db} URLs, registered through
 * {@code src/test/resources/META-INF/services/dev.rowpipe.internal.spi.Backend} so tests can drive the whole JDBC
 * layer through {@link java.sql.DriverManager} without a server. Each connection gets a
 * {@link FakeSession#likeFirebolt Firebolt-like} {@link FakeSession}: the production Firebolt dialect and
 * description over the sample catalog of {@link FakeCatalog}, answering SQL with {@link FakeResults#sample()}.
 * Tests that need other behaviour script the session ({@link #lastSession()}), or build a {@link FakeSession}
 * and a {@code RowpipeConnection} on it directly.
 *
 * <p>Sessions opened here are remembered until {@link #reset()}; tests that use them must not run in parallel
 * with each other.
 */
public final class FakeBackend implements Backend {
    static final ConnectionProperty<String> USER = ConnectionProperty.string("user", "User name", null);
    static final ConnectionProperty<String> PASSWORD = ConnectionProperty.secret("password", "Password");
    static final ConnectionProperty<String> API_KEY = ConnectionProperty.secret("apikey", "API key")
            .withAliases("api_key");
    static final ConnectionProperty<Boolean> SSL = ConnectionProperty.bool("ssl", "Use TLS", true);
    static final ConnectionProperty<String> MODE = ConnectionProperty.choice("mode", "Mode", "fast",
            List.of("fast", "slow"));

    static final List<ConnectionProperty<?>> PROPERTIES;

    static {
        List<ConnectionProperty<?>> all = new ArrayList<>(CommonProperties.ALL);
        all.addAll(List.of(USER, PASSWORD, API_KEY, SSL, MODE));
        PROPERTIES = List.copyOf(all);
    }

    private static final List<FakeSession> OPENED = new CopyOnWriteArrayList<>();

    /** Forgets every session opened so far. */
    static void reset() {
        OPENED.clear();
    }

    /** The session the last connection through DriverManager got. */
    static FakeSession lastSession() {
        if (OPENED.isEmpty()) {
            throw new AssertionError("no fake session was opened");
        }
        return OPENED.get(OPENED.size() - 1);
    }

    /** Every statement sent to a session opened here since {@link #reset()}, session by session. */
    static List<String> executed() {
        List<String> out = new ArrayList<>();
        for (FakeSession s : OPENED) {
            out.addAll(s.statements());
        }
        return out;
    }

    @Override
    public String subprotocol() {
        return "fake";
    }

    @Override
    public List<ConnectionProperty<?>> properties() {
        return PROPERTIES;
    }

    @Override
    public ParsedUrl parseUrl(String url) throws SQLException {
        return UrlParser.parse(url, "fake", "localhost", "db1");
    }

    @Override
    public Session open(Settings settings) {
        FakeSession s = FakeSession.likeFirebolt(settings.database());
        OPENED.add(s);
        return s;
    }
}
