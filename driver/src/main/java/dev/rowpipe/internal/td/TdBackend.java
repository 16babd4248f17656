package dev.rowpipe.internal.td;

import dev.rowpipe.internal.DriverVersion;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpTransport;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.http.TransportConfig;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.ParsedUrl;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.settings.UrlParser;
import dev.rowpipe.internal.spi.Backend;
import dev.rowpipe.internal.spi.Session;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Treasure Data: {@code jdbc:td://HOST[:PORT]/DATABASE[;k=v...|?k=v&...]} or {@code jdbc:td:DATABASE} (host
 * api.treasuredata.com). With no database the connection uses {@code default}.
 */
public final class TdBackend implements Backend {
    public static final String DEFAULT_HOST = "api.treasuredata.com";
    public static final String DEFAULT_DATABASE = "default";

    private final TdPolling.Sleeper sleeper;
    private final LongSupplier nanoClock;

    public TdBackend() {
        this(TdPolling.REAL_SLEEPER, System::nanoTime);
    }

    /** Tests pass a sleeper that does not wait and the fake clock it advances. */
    TdBackend(TdPolling.Sleeper sleeper, LongSupplier nanoClock) {
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
    }

    @Override
    public String subprotocol() {
        return "td";
    }

    @Override
    public List<ConnectionProperty<?>> properties() {
        return TdProperties.ALL;
    }

    @Override
    public ParsedUrl parseUrl(String url) throws SQLException {
        return UrlParser.parse(url, "td", DEFAULT_HOST, DEFAULT_DATABASE);
    }

    /** Opens a session and checks the API key with {@code GET /v3/database/list}, so a bad key fails here. */
    @Override
    public Session open(Settings settings) throws SQLException {
        TdSession session = session(settings);
        try {
            session.client().listDatabases(new RequestHandle());
        } catch (SQLException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** Builds the session without contacting TD (so it checks no key); {@link #open} adds the check. */
    TdSession session(Settings settings) throws SQLException {
        String key = settings.get(TdProperties.APIKEY);
        if (key == null || key.isBlank()) {
            key = settings.get(TdProperties.PASSWORD);
        }
        if (key == null || key.isBlank()) {
            throw SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception(
                    "No Treasure Data API key: set the 'apikey' connection property (or 'password')");
        }
        if (key.indexOf('\r') >= 0 || key.indexOf('\n') >= 0) {
            throw SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception(
                    "The Treasure Data API key contains a line break");
        }
        String scheme = settings.get(TdProperties.USE_SSL) ? "https" : "http";
        String base = scheme + "://" + settings.host() + (settings.port() > 0 ? ":" + settings.port() : "");
        try {
            URI uri = URI.create(base + "/");
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Invalid Treasure Data host '" + settings.host() + "'");
        }
        String database = settings.database() == null || settings.database().isEmpty()
                ? DEFAULT_DATABASE : settings.database();
        HttpTransport transport = new HttpTransport(TransportConfig.from(settings,
                DriverVersion.userAgent("Treasure Data"), TdProperties.USE_SSL));
        TdClient client = new TdClient(transport, base, key.trim());
        Integer retryLimit = settings.isSet(TdProperties.RETRY_LIMIT) ? settings.get(TdProperties.RETRY_LIMIT) : null;
        return new TdSession(client, transport, database, settings.get(TdProperties.TYPE),
                settings.get(TdProperties.PRIORITY), retryLimit, settings.get(TdProperties.POOL_NAME),
                TdResultFormat.of(settings.get(TdProperties.RESULT_FORMAT)),
                new TdPolling(settings.get(TdProperties.POLL_INITIAL_MS), settings.get(TdProperties.POLL_MAX_MS),
                        settings.get(TdProperties.JOB_TIMEOUT), sleeper, nanoClock));
    }
}
