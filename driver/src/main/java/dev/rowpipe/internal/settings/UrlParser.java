package dev.rowpipe.internal.settings;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code jdbc:SUB://HOST[:PORT]/DATABASE[?k=v&k=v][;k=v;k=v]} and the short form {@code jdbc:SUB:DATABASE[...]}
 * (host = the service's default). Both {@code ?k=v&...} and td-jdbc's {@code ;k=v} parameter styles are read.
 */
public final class UrlParser {
    private UrlParser() {
    }

    public static ParsedUrl parse(String url, String subprotocol, String defaultHost, String defaultDatabase)
            throws SQLException {
        String prefix = "jdbc:" + subprotocol + ":";
        if (url == null || !url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new SQLException("Not a " + prefix + " URL", "08001");
        }
        String rest = url.substring(prefix.length());
        int paramStart = firstOf(rest, '?', ';');
        String params = paramStart < 0 ? "" : rest.substring(paramStart);
        String location = paramStart < 0 ? rest : rest.substring(0, paramStart);

        String host = defaultHost;
        int port = -1;
        String database;
        if (location.startsWith("//")) {
            String authorityAndPath = location.substring(2);
            int slash = authorityAndPath.indexOf('/');
            String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
            database = slash < 0 ? "" : authorityAndPath.substring(slash + 1);
            if (authority.isEmpty()) {
                throw new SQLException("Invalid URL: no host after '//' in " + prefix + "//...", "08001");
            }
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(']') < colon) {
                String portText = authority.substring(colon + 1);
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    port = -2;
                }
                if (port < 1 || port > 65535) {
                    throw new SQLException("Invalid URL: port '" + portText + "' is not a number from 1 to 65535",
                            "08001");
                }
                host = authority.substring(0, colon);
            } else {
                host = authority;
            }
        } else {
            database = location;
        }
        if (database.endsWith("/")) {
            database = database.substring(0, database.length() - 1);
        }
        database = decode(database);
        if (database.isEmpty()) {
            database = defaultDatabase;
        }
        return new ParsedUrl(subprotocol, host, port, database, parameters(params));
    }

    private static int firstOf(String s, char a, char b) {
        int ia = s.indexOf(a);
        int ib = s.indexOf(b);
        if (ia < 0) {
            return ib;
        }
        if (ib < 0) {
            return ia;
        }
        return Math.min(ia, ib);
    }

    private static List<Map.Entry<String, String>> parameters(String text) throws SQLException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String pair : text.split("[?&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                // The text may be part of a secret, so it is not echoed.
                throw new SQLException("Invalid URL: a parameter has no key (expected key=value)", "08001");
            }
            out.add(new AbstractMap.SimpleImmutableEntry<>(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))));
        }
        return out;
    }

    private static String decode(String s) throws SQLException {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // The text may be part of a secret, so it is not echoed.
            throw new SQLException("Invalid URL: a '%' is not followed by two hex digits (write a literal % as %25)",
                    "08001");
        }
    }
}
