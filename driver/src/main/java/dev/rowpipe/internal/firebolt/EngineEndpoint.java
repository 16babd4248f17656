package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.error.SqlState;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a Firebolt 2.0 or Core engine takes statements: {@code scheme://host[:port]} and a path ({@code /query} for
 * a system engine, {@code /} for user engines and Core). Immutable.
 *
 * @param base {@code scheme://host[:port]}, no path
 * @param path the path, starting with {@code /}
 */
record EngineEndpoint(URI base, String path) {

    EngineEndpoint {
        Objects.requireNonNull(base, "base is null");
        Objects.requireNonNull(path, "path is null");
    }

    /**
     * An address as the service hands it out ({@code engineUrl}, {@code Firebolt-Update-Endpoint}): {@code
     * HOST[:PORT][/PATH][?k=v&..]}, normally without a scheme (then https, or http when {@code ssl} is off). The
     * query string's parameters are session parameters.
     */
    static Parsed parse(String address, boolean ssl) throws SQLException {
        String text = address == null ? "" : address.strip();
        if (text.isEmpty()) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Firebolt answered an empty engine address");
        }
        boolean hasScheme = text.contains("://");
        URI uri;
        try {
            uri = new URI(hasScheme ? text : (ssl ? "https://" : "http://") + text);
        } catch (URISyntaxException e) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Firebolt engine address '" + text + "' is not a valid address", e);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null
                || !scheme.equals("https") && !scheme.equals("http")) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Firebolt engine address '" + text + "' is not a host name");
        }
        if (ssl && scheme.equals("http")) {
            // The token goes with every request: never over plain http unless the connection asked for it.
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Firebolt engine address '" + text
                    + "' is plain http on a connection with ssl=true: refusing to send the token there");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        EngineEndpoint endpoint = new EngineEndpoint(
                URI.create(scheme + "://" + uri.getRawAuthority()), path);
        return new Parsed(endpoint, parameters(uri.getRawQuery()));
    }

    /** The endpoint and the parameters its address carried. */
    record Parsed(EngineEndpoint endpoint, Map<String, String> parameters) {
        Parsed {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /** {@code base + path + ?query}. */
    URI withQuery(String query) {
        return URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
    }

    /** Another path on the same host ({@code /cancel}). */
    URI at(String otherPath, String query) {
        return URI.create(base + otherPath + (query.isEmpty() ? "" : "?" + query));
    }

    private static Map<String, String> parameters(String rawQuery) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (!key.isEmpty()) {
                    out.put(key, value);
                }
            } catch (IllegalArgumentException e) {
                throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                        "Firebolt engine address has a badly encoded parameter: " + pair);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return base + path;
    }
}
