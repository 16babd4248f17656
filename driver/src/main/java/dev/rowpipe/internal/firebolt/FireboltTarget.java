package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.settings.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Firebolt API a connection speaks and where, read once from its settings: v1 (an e-mail login), the 2.0
 * platform (a service account, found through the account's system engine) or Firebolt Core (a URL, no sign-in).
 * Every combination of properties that does not fit the chosen API is reported in one exception naming them.
 *
 * @param protocol  the API
 * @param principal v1: the user (e-mail); 2.0: the client id; Core: null
 * @param secret    v1: the password; 2.0: the client secret; Core: null
 * @param database  the database named by the URL or the {@code database} property, or null
 * @param engine    the engine named, or null
 * @param account   the account, or null
 * @param idBase    2.0: where {@code /oauth/token} is; else null
 * @param apiBase   v1: the API host; 2.0: where {@code /web/v3/account/<account>/engineUrl} is; Core: null
 * @param coreUrl   Core: the engine's URL; else null
 */
record FireboltTarget(Protocol protocol, String principal, String secret, String database, String engine,
                      String account, URI idBase, URI apiBase, URI coreUrl) {

    /** The three APIs. */
    enum Protocol {
        V1("Firebolt v1"), V2("Firebolt 2.0"), CORE("Firebolt Core");

        private final String label;

        Protocol(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** {@code api.<environment>.firebolt.io}, the environment's API host. */
    private static final Pattern API_HOST = Pattern.compile("api\\.([a-z0-9-]+(?:\\.[a-z0-9-]+)*)\\.firebolt\\.io",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

    /** Properties each API has no use for: naming one is a mistake worth reporting, not ignoring. */
    private static final List<ConnectionProperty<?>> NOT_FOR_V1 = List.of(FireboltProperties.CLIENT_ID,
            FireboltProperties.CLIENT_SECRET, FireboltProperties.URL);
    private static final List<ConnectionProperty<?>> NOT_FOR_V2 = List.of(FireboltProperties.URL,
            FireboltProperties.AUTO_START, FireboltProperties.ENGINE_START_TIMEOUT);
    private static final List<ConnectionProperty<?>> NOT_FOR_CORE = List.of(FireboltProperties.CLIENT_ID,
            FireboltProperties.CLIENT_SECRET, FireboltProperties.ACCOUNT, FireboltProperties.ENVIRONMENT,
            FireboltProperties.ENGINE, FireboltProperties.SSL, FireboltProperties.AUTO_START,
            FireboltProperties.ENGINE_START_TIMEOUT);

    /** Chooses the API and checks the settings against it. */
    static FireboltTarget of(Settings settings) throws SQLException {
        List<String> problems = new ArrayList<>();
        Protocol protocol = choose(settings);
        String database = database(settings, problems);
        String principal = agreeing(settings, FireboltProperties.CLIENT_ID, FireboltProperties.USER, problems);
        String secret = agreeing(settings, FireboltProperties.CLIENT_SECRET, FireboltProperties.PASSWORD, problems);
        if (protocol == Protocol.V2 && principal != null && principal.indexOf('@') >= 0
                && settings.get(FireboltProperties.PROTOCOL).equals(FireboltProperties.PROTOCOL_AUTO)) {
            problems.add("user '" + principal + "' is an e-mail (a v1 login) but client_id/client_secret ask for "
                    + "Firebolt 2.0: give a service account's client id, or set protocol=v2 if this is one");
        }
        List<ConnectionProperty<?>> misplaced = switch (protocol) {
            case V1 -> NOT_FOR_V1;
            case V2 -> NOT_FOR_V2;
            case CORE -> NOT_FOR_CORE;
        };
        for (ConnectionProperty<?> p : misplaced) {
            if (settings.isSet(p) && (p != FireboltProperties.URL || coreUrlGiven(settings))) {
                problems.add("'" + p.name() + "' does not apply to " + protocol.label() + why(protocol));
            }
        }
        String format = settings.get(FireboltProperties.OUTPUT_FORMAT);
        if (protocol == Protocol.V1 && format.equals(FireboltProperties.JSON_LINES_COMPACT)) {
            problems.add("output_format " + format + " is served by Firebolt 2.0 and Core only");
        } else if (protocol != Protocol.V1 && format.equals(FireboltProperties.JSON)) {
            problems.add("output_format " + format + " is served by Firebolt v1 only (use " + FireboltProperties.TSV
                    + ", " + FireboltProperties.JSON_COMPACT + " or " + FireboltProperties.JSON_LINES_COMPACT + ")");
        }
        String engine = blankToNull(settings.get(FireboltProperties.ENGINE));
        String account = blankToNull(settings.get(FireboltProperties.ACCOUNT));
        URI idBase = null;
        URI apiBase = null;
        URI coreUrl = null;
        boolean ssl = settings.get(FireboltProperties.SSL);
        switch (protocol) {
            case V1 -> apiBase = serviceBase(settings, "api", problems, ssl, true);
            case V2 -> {
                idBase = serviceBase(settings, "id", problems, ssl, false);
                apiBase = serviceBase(settings, "api", problems, ssl, false);
            }
            case CORE -> coreUrl = coreUrl(settings, problems);
        }
        if (!problems.isEmpty()) {
            StringJoiner message = new StringJoiner("; ", "Invalid Firebolt connection settings: ", "");
            problems.forEach(message::add);
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(message.toString());
        }
        switch (protocol) {
            case V1 -> {
                if (database == null) {
                    throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                            "A Firebolt URL needs a database: jdbc:firebolt://HOST/DATABASE or "
                            + "jdbc:firebolt:DATABASE");
                }
                if (principal == null) {
                    throw SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception("Firebolt needs credentials: the "
                            + "connection properties 'user' and 'password' (an e-mail login, Firebolt v1), "
                            + "'client_id' and 'client_secret' (a service account, Firebolt 2.0), or 'url' "
                            + "(Firebolt Core, no sign-in)");
                }
            }
            case V2 -> {
                if (principal == null || secret == null) {
                    throw SqlState.INVALID_AUTHORIZATION_SPECIFICATION.exception("Firebolt 2.0 signs in with a "
                            + "service account: set the connection properties 'client_id' and 'client_secret' (or "
                            + "'user' and 'password')" + (principal == null ? "" : "; the secret is missing for "
                            + "client id '" + principal + "'"));
                }
                if (account == null) {
                    throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Firebolt 2.0 needs the connection "
                            + "property 'account' (the account's system engine is looked up by its name)");
                }
            }
            case CORE -> {
                principal = null;
                secret = null;
            }
        }
        return new FireboltTarget(protocol, principal, secret, database, engine, account, idBase, apiBase, coreUrl);
    }

    private static Protocol choose(Settings settings) {
        switch (settings.get(FireboltProperties.PROTOCOL)) {
            case FireboltProperties.PROTOCOL_V1:
                return Protocol.V1;
            case FireboltProperties.PROTOCOL_V2:
                return Protocol.V2;
            case FireboltProperties.PROTOCOL_CORE:
                return Protocol.CORE;
            default:
                break;
        }
        if (coreUrlGiven(settings)) {
            return Protocol.CORE;
        }
        if (settings.isSet(FireboltProperties.CLIENT_ID) || settings.isSet(FireboltProperties.CLIENT_SECRET)) {
            return Protocol.V2;
        }
        String user = blankToNull(settings.get(FireboltProperties.USER));
        if (user != null) {
            // Service account ids have no '@'; v1 logins are e-mail addresses.
            return user.indexOf('@') >= 0 ? Protocol.V1 : Protocol.V2;
        }
        return Protocol.V1;
    }

    /**
     * Whether {@code url} names Core's address. Spark and other tools put the JDBC URL itself into the properties
     * under {@code url}: a value starting with {@code jdbc:} is theirs, not Core's, and is left alone.
     */
    static boolean coreUrlGiven(Settings settings) {
        String url = settings.get(FireboltProperties.URL);
        return url != null && !url.isBlank() && !isJdbcUrl(url);
    }

    private static boolean isJdbcUrl(String url) {
        return url.strip().regionMatches(true, 0, "jdbc:", 0, 5);
    }

    private static String why(Protocol protocol) {
        return switch (protocol) {
            case V1 -> " (an e-mail login; client_id/client_secret are for a 2.0 service account, url for Core)";
            case V2 -> " (a service account; url is for Core, auto_start and engine_start_timeout for v1: 2.0 "
                    + "engines start themselves when queried)";
            case CORE -> " (Core takes no sign-in and is one engine at url)";
        };
    }

    /** The URL's database or the property's; both is fine only when they agree. */
    private static String database(Settings settings, List<String> problems) {
        String fromUrl = blankToNull(settings.database());
        String fromProperty = blankToNull(settings.get(FireboltProperties.DATABASE));
        if (fromUrl != null && fromProperty != null && !fromUrl.equals(fromProperty)) {
            problems.add("the URL names database '" + fromUrl + "' and the property 'database' names '"
                    + fromProperty + "': give one");
        }
        return fromUrl != null ? fromUrl : fromProperty;
    }

    /**
     * The value of {@code main} or of its stand-in ({@code client_id} / {@code user}); both is fine only when they
     * agree. Secrets are never quoted.
     */
    private static String agreeing(Settings settings, ConnectionProperty<String> main, ConnectionProperty<String> alias,
                                   List<String> problems) {
        String a = blankToNull(settings.get(main));
        String b = blankToNull(settings.get(alias));
        if (a != null && b != null && !a.equals(b)) {
            problems.add("'" + main.name() + "' and '" + alias.name() + "' both given, with different values: give "
                    + "one" + (main.secret() ? "" : " ('" + a + "', '" + b + "')"));
        }
        return a != null ? a : b;
    }

    /**
     * v1's API host, or a 2.0 service host ({@code id} or {@code api}). A URL without a host, or with
     * {@code api.<env>.firebolt.io}, means Firebolt's hosts of that environment; any other host serves every path
     * itself (a proxy, the local server).
     */
    private static URI serviceBase(Settings settings, String service, List<String> problems, boolean ssl,
                                   boolean defaultPort) {
        String host = settings.host();
        boolean environmentSet = settings.isSet(FireboltProperties.ENVIRONMENT);
        String environment = settings.get(FireboltProperties.ENVIRONMENT).trim();
        if (environmentSet && !ENVIRONMENT.matcher(environment).matches()) {
            if (service.equals("api")) {
                problems.add("environment '" + environment + "' is not a host name part (letters, digits, '-', '.')");
            }
            return null;
        }
        Matcher m = API_HOST.matcher(host);
        String name;
        if (m.matches()) {
            String hostEnvironment = m.group(1);
            boolean defaultHost = host.equalsIgnoreCase(FireboltBackend.DEFAULT_HOST);
            if (environmentSet && !defaultHost && !hostEnvironment.equalsIgnoreCase(environment)) {
                if (service.equals("api")) {
                    problems.add("the URL's host '" + host + "' is environment '" + hostEnvironment
                            + "' but the property 'environment' is '" + environment + "': give one");
                }
                return null;
            }
            name = service + "." + (environmentSet ? environment : hostEnvironment) + ".firebolt.io";
        } else {
            if (environmentSet) {
                if (service.equals("api")) {
                    problems.add("the property 'environment' names Firebolt's hosts but the URL names host '" + host
                            + "': give one");
                }
                return null;
            }
            name = host;
        }
        int port = settings.port() > 0 ? settings.port() : defaultPort ? (ssl ? 443 : 80) : -1;
        String authority = (name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name)
                + (port > 0 ? ":" + port : "");
        return URI.create((ssl ? "https" : "http") + "://" + authority);
    }

    /** Core's {@code url}: http(s), a host and a port; nothing else but a path. */
    private static URI coreUrl(Settings settings, List<String> problems) {
        if (!settings.host().equalsIgnoreCase(FireboltBackend.DEFAULT_HOST)) {
            problems.add("the property 'url' gives Firebolt Core's address, and the URL names host '"
                    + settings.host() + "' too: write jdbc:firebolt:DATABASE?url=" + "http://HOST:PORT");
        }
        String text = settings.get(FireboltProperties.URL);
        if (text == null || text.isBlank() || isJdbcUrl(text)) {
            problems.add("Firebolt Core needs the property 'url' (http://HOST:PORT, e.g. http://localhost:3473)");
            return null;
        }
        if (text.indexOf('@') >= 0) {
            // Text before an '@' may be a password: it is not echoed.
            problems.add("url must not carry user information (an '@'): Firebolt Core takes no sign-in");
            return null;
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            problems.add("url '" + text + "' is not a URL (expected http://HOST:PORT)");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getPort() < 0
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add("url '" + text + "' must be http://HOST:PORT or https://HOST:PORT (scheme and port "
                    + "required, no query), e.g. http://localhost:3473");
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Secrets are left out. */
    @Override
    public String toString() {
        return "FireboltTarget{" + protocol + ", principal=" + principal + ", database=" + database + ", engine="
                + engine + ", account=" + account + "}";
    }
}
