package dev.rowpipe.internal.settings;

import dev.rowpipe.internal.error.SqlState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one URL grammar of both services, used to connect and to redact:
 * <pre>
 * jdbc:SUB://HOST[:PORT][/DATABASE][PARAMETERS]
 * jdbc:SUB:[DATABASE][PARAMETERS]                 (HOST = the service's default)
 * PARAMETERS = a '?' or ';' and key=value pairs separated by '?', '&amp;' or ';' (td-jdbc's ";k=v" and "?k=v&amp;k=v")
 * </pre>
 * Database, keys and values are percent-decoded. Credentials in the authority ({@code user:password@host}) are
 * not read: any '@' before the parameters is an error (a database name writes it as {@code %40}), so a secret
 * there can never end up as a host or database name.
 */
public final class UrlParser {
    private static final String SEPARATORS = "?&;";

    private UrlParser() {
    }

    public static ParsedUrl parse(String url, String subprotocol, String defaultHost, String defaultDatabase)
            throws SQLException {
        Tokens t = tokenize(url, subprotocol);
        String database = t.database().isEmpty() ? defaultDatabase : t.database();
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (Piece p : t.pieces()) {
            if (!p.isEmpty()) {
                parameters.add(new AbstractMap.SimpleImmutableEntry<>(p.key(), p.value()));
            }
        }
        return new ParsedUrl(subprotocol, t.host() == null ? defaultHost : t.host(), t.port(), database, parameters);
    }

    /**
     * The URL as written, with the value of every parameter whose (decoded) key {@code isSecret} replaced by
     * {@code ***}. It reads the URL exactly as {@link #parse} does, so whatever {@code parse} would take as a
     * secret is hidden; a URL {@code parse} rejects is rejected here too.
     */
    public static String redact(String url, String subprotocol, Predicate<String> isSecret) throws SQLException {
        Tokens t = tokenize(url, subprotocol);
        StringBuilder out = new StringBuilder(url.length());
        out.append(t.location());
        for (Piece p : t.pieces()) {
            out.append(p.separator());
            if (!p.isEmpty() && isSecret.test(p.key())) {
                out.append(p.rawKey()).append("=***");
            } else {
                out.append(p.raw());
            }
        }
        return out.toString();
    }

    /** One URL split the one way both methods read it. {@code host} is null in the short form. */
    private record Tokens(String location, String host, int port, String database, List<Piece> pieces) { }

    /**
     * One separator and the text up to the next; {@code raw} is as written (empty between two separators),
     * {@code key}/{@code value} decoded.
     */
    private record Piece(char separator, String raw, String rawKey, String key, String value) {
        boolean isEmpty() {
            return raw.isEmpty();
        }
    }

    private static Tokens tokenize(String url, String subprotocol) throws SQLException {
        String prefix = "jdbc:" + subprotocol + ":";
        if (url == null || !url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception("Not a " + prefix + " URL");
        }
        int paramStart = firstSeparator(url, prefix.length(), "?;");
        String location = paramStart < 0 ? url : url.substring(0, paramStart);
        String rest = location.substring(prefix.length());
        if (rest.indexOf('@') >= 0) {
            // The text around it is likely user:password; it is not echoed.
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Invalid URL: user:password@host is not supported (there is an '@' before the "
                    + "parameters): give the credentials as connection properties; write an '@' in a database name "
                    + "as %40");
        }
        String host = null;
        int port = -1;
        String database;
        if (rest.startsWith("//")) {
            String authorityAndPath = rest.substring(2);
            int slash = authorityAndPath.indexOf('/');
            String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
            database = slash < 0 ? "" : authorityAndPath.substring(slash + 1);
            if (authority.isEmpty()) {
                throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                        "Invalid URL: no host after '//' in " + prefix + "//...");
            }
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(']') < colon) {
                port = port(authority.substring(colon + 1));
                host = authority.substring(0, colon);
            } else {
                host = authority;
            }
        } else {
            database = rest;
        }
        if (database.endsWith("/")) {
            database = database.substring(0, database.length() - 1);
        }
        database = decode(database);
        List<Piece> pieces = paramStart < 0 ? List.of() : pieces(url, paramStart);
        return new Tokens(location, host, port, database, pieces);
    }

    private static int port(String text) throws SQLException {
        int port = -1;
        boolean digits = !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (digits) {
            port = Integer.parseInt(text);
        }
        if (port < 1 || port > 65535) {
            // Only digits are echoed: other text here may be part of a password (user:pass;word@host).
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Invalid URL: port " + (digits ? "'" + text + "' " : "") + "is not a number from "
                    + "1 to 65535");
        }
        return port;
    }

    private static List<Piece> pieces(String url, int start) throws SQLException {
        List<Piece> out = new ArrayList<>();
        int i = start;
        while (i < url.length()) {
            int end = firstSeparator(url, i + 1, SEPARATORS);
            if (end < 0) {
                end = url.length();
            }
            String raw = url.substring(i + 1, end);
            if (raw.isEmpty()) {
                out.add(new Piece(url.charAt(i), raw, "", "", ""));
            } else {
                int eq = raw.indexOf('=');
                if (eq <= 0) {
                    // The text may be part of a secret, so it is not echoed.
                    throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                            "Invalid URL: a parameter has no key (expected key=value)");
                }
                String rawKey = raw.substring(0, eq);
                out.add(new Piece(url.charAt(i), raw, rawKey, decode(rawKey), decode(raw.substring(eq + 1))));
            }
            i = end;
        }
        return out;
    }

    private static int firstSeparator(String s, int from, String separators) {
        for (int i = from; i < s.length(); i++) {
            if (separators.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String s) throws SQLException {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // The text may be part of a secret, so it is not echoed.
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(
                    "Invalid URL: a '%' is not followed by two hex digits (write a literal % as %25)");
        }
    }
}
