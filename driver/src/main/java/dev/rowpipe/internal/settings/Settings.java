package dev.rowpipe.internal.settings;

import dev.rowpipe.internal.error.SqlState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The typed, validated, immutable settings of one connection: host, port, database and every property value.
 * Built once per connection from the URL and the {@code Properties}; a value given in the URL wins over the
 * same property in {@code Properties}. Every problem (unknown name, bad value) is reported in one exception.
 *
 * <p>Besides the backend's own properties, the keys tools inject ({@link CommonProperties#TOLERATED}) are
 * accepted: honoured when they mean something to the driver, else ignored with a {@link #notices() notice} for
 * the connection's warnings. Any other name is an error, and one within a small edit distance of a property's
 * name says which property was probably meant.
 */
public final class Settings {
    private final String subprotocol;
    private final String host;
    private final int port;
    private final String database;
    private final Map<ConnectionProperty<?>, Object> values;
    private final List<ConnectionProperty<?>> known;
    private final List<String> notices;

    private Settings(ParsedUrl url, Map<ConnectionProperty<?>, Object> values, List<ConnectionProperty<?>> known,
                     List<String> notices) {
        this.subprotocol = url.subprotocol();
        this.host = url.host();
        this.port = url.port();
        this.database = url.database();
        this.values = Collections.unmodifiableMap(values);
        this.known = List.copyOf(known);
        this.notices = List.copyOf(notices);
    }

    public static Settings build(ParsedUrl url, Properties info, List<ConnectionProperty<?>> known)
            throws SQLException {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, ConnectionProperty<?>> byRaw = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<ConnectionProperty<?>> accepted = accepted(known);
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                collect(key, info.getProperty(key), accepted, raw, byRaw, problems, false);
            }
        }
        for (Map.Entry<String, String> e : url.parameters()) {
            collect(e.getKey(), e.getValue(), accepted, raw, byRaw, problems, true);
        }
        List<String> notices = new ArrayList<>();
        for (ConnectionProperty<?> p : byRaw.values()) {
            if (p.origin() == ConnectionProperty.Origin.IGNORED) {
                // The value is not shown: a tool's url key may carry a password.
                notices.add("Connection property '" + p.name() + "' was ignored: " + p.description());
            }
        }
        Map<ConnectionProperty<?>, Object> values = new IdentityHashMap<>();
        for (Map.Entry<String, ConnectionProperty<?>> e : byRaw.entrySet()) {
            ConnectionProperty<?> property = e.getValue();
            String text = raw.get(e.getKey());
            try {
                values.put(property, property.decode(text));
            } catch (IllegalArgumentException ex) {
                String shown = property.secret() ? "(hidden)" : "'" + text + "'";
                problems.add("Connection property '" + property.name() + "' value " + shown + " is invalid: "
                        + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            StringJoiner message = new StringJoiner("; ", "Invalid connection settings: ", "");
            problems.forEach(message::add);
            throw SqlState.CONNECTION_UNABLE_TO_CONNECT.exception(message.toString());
        }
        return new Settings(url, values, known, notices);
    }

    /**
     * The backend's properties, then the keys tools inject that the backend does not define itself (a backend's own
     * {@code url}, say, is never taken for the tolerated key).
     */
    public static List<ConnectionProperty<?>> accepted(List<ConnectionProperty<?>> known) {
        List<ConnectionProperty<?>> all = new ArrayList<>(known);
        for (ConnectionProperty<?> t : CommonProperties.TOLERATED) {
            boolean shadowed = find(t.name(), known) != null
                    || t.aliases().stream().anyMatch(a -> find(a, known) != null);
            if (!shadowed) {
                all.add(t);
            }
        }
        return List.copyOf(all);
    }

    private static void collect(String key, String value, List<ConnectionProperty<?>> known, Map<String, String> raw,
                                Map<String, ConnectionProperty<?>> byRaw, List<String> problems, boolean fromUrl) {
        ConnectionProperty<?> property = find(key, known);
        if (property == null) {
            String meant = nearest(key, known);
            problems.add("Unknown connection property '" + key + "'" + (fromUrl ? " in the URL" : "")
                    + (meant == null ? "" : "; did you mean '" + meant + "'?"));
            return;
        }
        if (value == null) {
            return;
        }
        // Properties are collected first and the URL second, so a URL value replaces a Properties value.
        String id = property.name().toLowerCase(Locale.ROOT);
        raw.put(id, value);
        byRaw.put(id, property);
    }

    /**
     * The driver's own property name (or alias) closest to {@code key}, when it is a likely typo of it: at most one
     * edit away for names up to 7 characters, two for longer ones (an edit inserts, deletes or replaces a character,
     * or swaps two neighbours; case, {@code _} and {@code -} do not count). Null when none is that close.
     */
    static String nearest(String key, List<ConnectionProperty<?>> known) {
        String k = normalized(key);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConnectionProperty<?> p : known) {
            if (p.origin() != ConnectionProperty.Origin.OWN) {
                continue;
            }
            List<String> names = new ArrayList<>(p.aliases());
            names.add(0, p.name());
            for (String name : names) {
                String n = normalized(name);
                int limit = Math.min(k.length(), n.length()) <= 7 ? 1 : 2;
                int d = distance(k, n);
                if (d <= limit && d < bestDistance) {
                    best = name;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static ConnectionProperty<?> find(String key, List<ConnectionProperty<?>> known) {
        for (ConnectionProperty<?> p : known) {
            if (p.matches(key)) {
                return p;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConnectionProperty<T> property) {
        Object v = values.get(property);
        return v == null ? property.defaultValue() : (T) v;
    }

    public boolean isSet(ConnectionProperty<?> property) {
        return values.containsKey(property);
    }

    public String subprotocol() {
        return subprotocol;
    }

    public String host() {
        return host;
    }

    /** -1 when the URL gave none. */
    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public List<ConnectionProperty<?>> knownProperties() {
        return known;
    }

    /** What the connection should say as warnings: the keys tools set that were accepted and ignored. */
    public List<String> notices() {
        return notices;
    }

    /** Secrets are shown as {@code ***}. */
    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", "Settings{", "}");
        out.add("host=" + host).add("port=" + port).add("database=" + database);
        for (Map.Entry<ConnectionProperty<?>, Object> e : values.entrySet()) {
            out.add(e.getKey().name() + "=" + (e.getKey().secret() ? "***" : e.getValue()));
        }
        return out.toString();
    }
}
