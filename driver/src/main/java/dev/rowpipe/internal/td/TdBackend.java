package dev.rowpipe.internal.td;

import dev.rowpipe.internal.DriverVersion;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpTransport;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.http.TransportConfig;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.ParsedUrl;
import dev.rowpipe.internal.settings.CommonProperties;
import dev.rowpipe.internal.settings.Settings;
import dev.rowpipe.internal.settings.UrlParser;
import dev.rowpipe.internal.spi.Backend;
import dev.rowpipe.internal.spi.Session;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Treasure Data: {@code jdbc:td://HOST[:PORT]/DATABASE[;k=v...|?k=v&...]} or {@code jdbc:td:DATABASE}, whose host
 * is the {@code site} property's ({@link TdSite}), else api.treasuredata.com. A URL that names a host and a site
 * must name the site's host (anything else is a contradiction the driver will not resolve by guessing). With no
 * database the connection uses {@code default}.
 */
public final class TdBackend implements Backend {
    public static final String DEFAULT_HOST = "api.treasuredata.com";
    public static final String DEFAULT_DATABASE = "default";

    private final TdPolling.Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final UnaryOperator<String> route;

    public TdBackend() {
        this(TdPolling.REAL_SLEEPER, System::nanoTime);
    }

    /** Tests pass a sleeper that does not wait and the fake clock it advances. */
    TdBackend(TdPolling.Sleeper sleeper, LongSupplier nanoClock) {
        this(sleeper, nanoClock, UnaryOperator.identity());
    }

    /**
     * Tests of the site hosts also pass where requests for the base URL the driver chose go instead (a local
     * server; a site's real host cannot be reached from a test).
     */
    TdBackend(TdPolling.Sleeper sleeper, LongSupplier nanoClock, UnaryOperator<String> route) {
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.route = route;
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
        // No default host here: the site property may still pick it (baseUrl).
        return UrlParser.parse(url, "td", null, DEFAULT_DATABASE);
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

    /**
     * Scheme, host and port of the REST API: the URL's host, or the site's, or api.treasuredata.com. A site is
     * served only over https, and a URL host must be the site's when both are given.
     */
    static String baseUrl(Settings settings) throws SQLException {
        String site = settings.get(TdProperties.SITE);
        String host = settings.host();
        if (site != null) {
            String siteHost = TdSite.of(site).host();
            if (host != null && !host.equalsIgnoreCase(siteHost)) {
                throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Connection property 'site' is '" + site
                        + "' (host " + siteHost + ") but the URL names the host '" + host + "': give one of them "
                        + "(the sites: " + sites() + ")");
            }
            if (!settings.get(TdProperties.USE_SSL)) {
                throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Connection property 'site' is '" + site
                        + "', whose host " + siteHost + " is served only over https: remove useSSL=false (it is "
                        + "for local stand-ins named by their host)");
            }
            host = siteHost;
        }
        if (host == null) {
            host = DEFAULT_HOST;
        }
        String scheme = settings.get(TdProperties.USE_SSL) ? "https" : "http";
        String base = scheme + "://" + host + (settings.port() > 0 ? ":" + settings.port() : "");
        try {
            URI uri = URI.create(base + "/");
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Invalid Treasure Data host '" + host + "'");
        }
        return base;
    }

    /** {@code us01 (api.treasuredata.com), jp01 (...), ...} */
    private static String sites() {
        StringBuilder out = new StringBuilder();
        for (TdSite s : TdSite.values()) {
            out.append(out.length() == 0 ? "" : ", ").append(s.siteName()).append(" (").append(s.host()).append(')');
        }
        return out.toString();
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
        String base = baseUrl(settings);
        String database = settings.database() == null || settings.database().isEmpty()
                ? DEFAULT_DATABASE : settings.database();
        HttpTransport transport = new HttpTransport(TransportConfig.from(settings,
                DriverVersion.userAgent("Treasure Data", settings.get(CommonProperties.APPLICATION_NAME)),
                TdProperties.USE_SSL));
        TdClient client = new TdClient(transport, route.apply(base), key.trim());
        return new TdSession(client, transport, database, settings.get(TdProperties.TYPE), TdJobOptions.of(settings),
                TdResultFormat.of(settings.get(TdProperties.RESULT_FORMAT)), settings.isSet(TdProperties.RESULT_FORMAT),
                new TdPolling(settings.get(TdProperties.POLL_INITIAL_MS), settings.get(TdProperties.POLL_MAX_MS),
                        settings.get(TdProperties.JOB_TIMEOUT), sleeper, nanoClock));
    }
}
