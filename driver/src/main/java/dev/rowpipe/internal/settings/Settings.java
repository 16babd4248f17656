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
 */
public final class Settings {
    private final String subprotocol;
    private final String host;
    private final int port;
    private final String database;
    private final Map<ConnectionProperty<?>, Object> values;
    private final List<ConnectionProperty<?>> known;

    private Settings(ParsedUrl url, Map<ConnectionProperty<?>, Object> values, List<ConnectionProperty<?>> known) {
        this.subprotocol = url.subprotocol();
        this.host = url.host();
        this.port = url.port();
        this.database = url.database();
        this.values = Collections.unmodifiableMap(values);
        this.known = List.copyOf(known);
    }

    public static Settings build(ParsedUrl url, Properties info, List<ConnectionProperty<?>> known)
            throws SQLException {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, ConnectionProperty<?>> byRaw = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                collect(key, info.getProperty(key), known, raw, byRaw, problems, false);
            }
        }
        for (Map.Entry<String, String> e : url.parameters()) {
            collect(e.getKey(), e.getValue(), known, raw, byRaw, problems, true);
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
        return new Settings(url, values, known);
    }

    private static void collect(String key, String value, List<ConnectionProperty<?>> known, Map<String, String> raw,
                                Map<String, ConnectionProperty<?>> byRaw, List<String> problems, boolean fromUrl) {
        ConnectionProperty<?> property = find(key, known);
        if (property == null) {
            problems.add("Unknown connection property '" + key + "'" + (fromUrl ? " in the URL" : ""));
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
