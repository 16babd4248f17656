package dev.rowpipe.internal.settings;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One connection property: its name (matched case-insensitively), aliases, description, default, allowed
 * choices, how to decode its text, whether it is a secret that must never be shown, and whose it is: the driver's
 * own, or a key that tools put into the properties they pass (see {@link Origin}).
 *
 * @param <T> the decoded type
 */
public final class ConnectionProperty<T> {
    /** Whose name a property is. */
    public enum Origin {
        /** The driver's own: validated strictly, and a near miss of its name is reported as a typo. */
        OWN,
        /** A key tools set that means something to the driver, and is honoured. */
        TOLERATED,
        /** A key tools set that means nothing to the driver: accepted, with a warning on the connection. */
        IGNORED
    }

    private final String name;
    private final List<String> aliases;
    private final String description;
    private final T defaultValue;
    private final List<String> choices;
    private final Function<String, T> decoder;
    private final boolean secret;
    private final Origin origin;

    private ConnectionProperty(String name, List<String> aliases, String description, T defaultValue,
                               List<String> choices, Function<String, T> decoder, boolean secret, Origin origin) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.aliases = List.copyOf(aliases);
        this.description = Objects.requireNonNull(description, "description is null");
        this.defaultValue = defaultValue;
        this.choices = List.copyOf(choices);
        this.decoder = Objects.requireNonNull(decoder, "decoder is null");
        this.secret = secret;
        this.origin = Objects.requireNonNull(origin, "origin is null");
    }

    public static ConnectionProperty<String> string(String name, String description, String defaultValue) {
        return new ConnectionProperty<>(name, List.of(), description, defaultValue, List.of(), s -> s, false,
                Origin.OWN);
    }

    public static ConnectionProperty<String> secret(String name, String description) {
        return new ConnectionProperty<>(name, List.of(), description, null, List.of(), s -> s, true, Origin.OWN);
    }

    public static ConnectionProperty<Boolean> bool(String name, String description, boolean defaultValue) {
        return new ConnectionProperty<>(name, List.of(), description, defaultValue, List.of("true", "false"),
                ConnectionProperty::decodeBoolean, false, Origin.OWN);
    }

    public static ConnectionProperty<Integer> integer(String name, String description, int defaultValue,
                                                      int min, int max) {
        return new ConnectionProperty<>(name, List.of(), description, defaultValue, List.of(),
                s -> decodeInt(s, min, max), false, Origin.OWN);
    }

    /** One of a fixed set of words, compared case-insensitively; the decoded value is the canonical spelling. */
    public static ConnectionProperty<String> choice(String name, String description, String defaultValue,
                                                    List<String> choices) {
        return new ConnectionProperty<>(name, List.of(), description, defaultValue, choices,
                s -> decodeChoice(s, choices), false, Origin.OWN);
    }

    /**
     * A key that tools set and the driver has no use for: any value is accepted and the connection gets a warning
     * saying it was ignored and why ({@code description}).
     */
    public static ConnectionProperty<String> ignored(String name, String description) {
        return new ConnectionProperty<>(name, List.of(), description, null, List.of(), s -> s, false,
                Origin.IGNORED);
    }

    /**
     * A path to a file that must exist and be readable when the connection is made; the decoded value is the
     * absolute path. The message for a missing file quotes the path as given, never the file's content.
     */
    public static ConnectionProperty<Path> file(String name, String description) {
        return new ConnectionProperty<>(name, List.of(), description, null, List.of(), ConnectionProperty::decodeFile,
                false, Origin.OWN);
    }

    public ConnectionProperty<T> withAliases(String... names) {
        return new ConnectionProperty<>(name, List.of(names), description, defaultValue, choices, decoder, secret,
                origin);
    }

    /** The same property as a key tools set, which the driver honours (validated like its own). */
    public ConnectionProperty<T> tolerated() {
        return new ConnectionProperty<>(name, aliases, description, defaultValue, choices, decoder, secret,
                Origin.TOLERATED);
    }

    public Origin origin() {
        return origin;
    }

    private static Boolean decodeBoolean(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return Boolean.TRUE;
        }
        if (v.equals("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static Path decodeFile(String s) {
        Path path;
        try {
            path = Path.of(s.trim()).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a file path");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("the file cannot be read");
        }
        return path;
    }

    private static Integer decodeInt(String s, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("expected a number from " + min + " to " + max);
        }
        return v;
    }

    private static String decodeChoice(String s, List<String> choices) {
        for (String c : choices) {
            if (c.equalsIgnoreCase(s.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("expected one of " + String.join(", ", choices));
    }

    /** Decodes the raw text; throws IllegalArgumentException with a reason (never echoing a secret). */
    public T decode(String raw) {
        return decoder.apply(raw);
    }

    public String name() {
        return name;
    }

    public List<String> aliases() {
        return aliases;
    }

    public boolean matches(String key) {
        if (name.equalsIgnoreCase(key)) {
            return true;
        }
        for (String a : aliases) {
            if (a.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    public String description() {
        return description;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public List<String> choices() {
        return choices;
    }

    public boolean secret() {
        return secret;
    }

    @Override
    public String toString() {
        return name;
    }
}
