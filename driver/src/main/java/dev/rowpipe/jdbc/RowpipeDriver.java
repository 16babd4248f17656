package dev.rowpipe.jdbc;

import dev.rowpipe.api.ProgressListener;
import dev.rowpipe.internal.DriverVersion;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.ParsedUrl;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.settings.UrlParser;
import dev.rowpipe.internal.spi.Backend;
import dev.rowpipe.internal.spi.Session;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The one {@code java.sql.Driver} for {@code jdbc:firebolt:} and {@code jdbc:td:} URLs. It finds the backend
 * for the URL's sub-protocol (backends are plugged in through {@code META-INF/services/dev.rowpipe.internal.spi.Backend}),
 * builds the validated settings and opens a session. Any other URL gets {@code null}, as DriverManager expects.
 */
public final class RowpipeDriver implements Driver {
    public static final String NAME = "rowpipe JDBC driver";

    private static final List<Backend> BACKENDS = loadBackends();
    private static final Map<String, ProgressListener> PROGRESS_LISTENERS = new ConcurrentHashMap<>();

    static {
        try {
            DriverManager.registerDriver(new RowpipeDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static List<Backend> loadBackends() {
        List<Backend> out = new ArrayList<>();
        for (Backend b : ServiceLoader.load(Backend.class, RowpipeDriver.class.getClassLoader())) {
            out.add(b);
        }
        return List.copyOf(out);
    }

    private static Backend backendFor(String url) {
        if (url == null) {
            return null;
        }
        for (Backend b : BACKENDS) {
            String prefix = "jdbc:" + b.subprotocol() + ":";
            if (url.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return b;
            }
        }
        return null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return backendFor(url) != null;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Backend backend = backendFor(url);
        if (backend == null) {
            return null;
        }
        try {
            ParsedUrl parsed = backend.parseUrl(url);
            Settings settings = Settings.build(parsed, info, backend.properties());
            ProgressListener listener = registeredListener(settings.get(CommonProperties.PROGRESS_LISTENER));
            Session session = backend.open(settings);
            RowpipeConnection connection = RowpipeConnection.open(session, settings, redact(url, backend));
            connection.setProgressListener(listener);
            return connection;
        } catch (SQLException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Connecting to " + redact(url, backend) + " failed: " + e, e);
        }
    }

    /**
     * Registers {@code listener} under {@code name}, so that connections opened with the property
     * {@code progress_listener=name} give it the progress of every statement (see
     * {@link RowpipeConnection#setProgressListener}): the way to reach statements a tool creates itself. A later
     * registration under the same name replaces it for connections opened afterwards.
     */
    public static void registerProgressListener(String name, ProgressListener listener) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(listener, "listener is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A progress listener name must not be blank");
        }
        PROGRESS_LISTENERS.put(name, listener);
    }

    /** Removes the listener registered under {@code name}; connections already open keep it. */
    public static void unregisterProgressListener(String name) {
        PROGRESS_LISTENERS.remove(Objects.requireNonNull(name, "name is null"));
    }

    private static ProgressListener registeredListener(String name) throws SQLException {
        if (name == null || name.isBlank()) {
            return null;
        }
        ProgressListener listener = PROGRESS_LISTENERS.get(name);
        if (listener == null) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Connection property 'progress_listener' names '"
                    + name + "', but no progress listener is registered under that name (registered: "
                    + (PROGRESS_LISTENERS.isEmpty() ? "none" : String.join(", ",
                    new TreeSet<>(PROGRESS_LISTENERS.keySet()))) + "); register it with "
                    + "RowpipeDriver.registerProgressListener before connecting");
        }
        return listener;
    }

    /**
     * The URL with the value of every secret property replaced by {@code ***}, for messages and {@code getURL()}.
     * It is read by the same parser that connects, so every secret the parser would find is hidden; a URL that
     * does not parse is not shown at all.
     */
    static String redact(String url, Backend backend) {
        List<ConnectionProperty<?>> properties = backend.properties();
        try {
            return UrlParser.redact(url, backend.subprotocol(),
                    key -> properties.stream().anyMatch(p -> p.secret() && p.matches(key)));
        } catch (SQLException e) {
            return "jdbc:" + backend.subprotocol() + ": (URL not shown: it does not parse)";
        }
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Backend backend = backendFor(url);
        if (backend == null) {
            return new DriverPropertyInfo[0];
        }
        Map<String, String> given = new java.util.HashMap<>();
        if (info != null) {
            for (String k : info.stringPropertyNames()) {
                given.put(k.toLowerCase(Locale.ROOT), info.getProperty(k));
            }
        }
        try {
            for (Map.Entry<String, String> e : backend.parseUrl(url).parameters()) {
                given.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            }
        } catch (SQLException ignored) {
            // A half-typed URL in a tool's dialog still gets the property list.
        }
        List<DriverPropertyInfo> out = new ArrayList<>();
        // The backend's own properties, then the keys tools set that it accepts (their descriptions say so).
        for (ConnectionProperty<?> p : Settings.accepted(backend.properties())) {
            String value = given.get(p.name().toLowerCase(Locale.ROOT));
            if (value == null) {
                value = p.defaultValue() == null ? null : String.valueOf(p.defaultValue());
            }
            DriverPropertyInfo d = new DriverPropertyInfo(p.name(), p.secret() ? null : value);
            String whose = switch (p.origin()) {
                case OWN -> "";
                case TOLERATED -> "Accepted for tools: ";
                case IGNORED -> "Accepted for tools and ignored: ";
            };
            d.description = whose + p.description()
                    + (p.defaultValue() == null ? "" : " (default: " + p.defaultValue() + ")");
            d.required = false;
            d.choices = p.choices().isEmpty() ? null : p.choices().toArray(new String[0]);
            out.add(d);
        }
        return out.toArray(new DriverPropertyInfo[0]);
    }

    @Override
    public int getMajorVersion() {
        return DriverVersion.major();
    }

    @Override
    public int getMinorVersion() {
        return DriverVersion.minor();
    }

    /** Not a full JDBC-compliance claim: the services have no transactions. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("dev.rowpipe");
    }
}
