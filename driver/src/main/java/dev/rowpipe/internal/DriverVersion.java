package dev.rowpipe.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver's version, written once in the pom and copied into {@code version.properties} by Maven resource
 * filtering, so DatabaseMetaData, {@code Driver.getMajorVersion} and the User-Agent of both services say the
 * same thing.
 */
public final class DriverVersion {
    private static final String RESOURCE = "version.properties";
    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:[.-].*)?");

    private static final String FULL = read();
    private static final int MAJOR;
    private static final int MINOR;

    static {
        Matcher m = MAJOR_MINOR.matcher(FULL);
        if (!m.matches()) {
            // Only a build that skipped resource filtering gets here (the text is then "${project.version}").
            throw new IllegalStateException("dev/rowpipe/internal/" + RESOURCE + " holds '" + FULL
                    + "', not a version: the driver was built without Maven resource filtering");
        }
        MAJOR = Integer.parseInt(m.group(1));
        MINOR = Integer.parseInt(m.group(2));
    }

    private DriverVersion() {
    }

    private static String read() {
        try (InputStream in = DriverVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("dev/rowpipe/internal/" + RESOURCE + " is missing from the driver");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "").trim();
        } catch (IOException e) {
            throw new IllegalStateException("dev/rowpipe/internal/" + RESOURCE + " cannot be read", e);
        }
    }

    /** The pom's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String full() {
        return FULL;
    }

    public static int major() {
        return MAJOR;
    }

    public static int minor() {
        return MINOR;
    }

    /** The longest application name the User-Agent carries; a longer one is cut. */
    public static final int MAX_APPLICATION_NAME = 64;

    /**
     * The User-Agent both services see: {@code rowpipe-jdbc/<version> (<service>; Java <java.version>)}, e.g.
     * {@code rowpipe-jdbc/0.1.0 (Firebolt; Java 17.0.15)}.
     */
    public static String userAgent(String service) {
        return userAgent(service, null);
    }

    /**
     * The User-Agent with the application's name as the last part of its comment, when one is given:
     * {@code rowpipe-jdbc/0.1.0 (Firebolt; Java 17.0.15; app DBeaver 24.2)}. The name is made safe for a header
     * comment: characters outside printable ASCII and {@code ( ) \} become {@code _}, runs of spaces one space, at
     * most {@link #MAX_APPLICATION_NAME} characters.
     */
    public static String userAgent(String service, String application) {
        String app = application == null ? "" : applicationToken(application);
        return "rowpipe-jdbc/" + FULL + " (" + service + "; Java " + System.getProperty("java.version")
                + (app.isEmpty() ? "" : "; app " + app) + ")";
    }

    private static String applicationToken(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < MAX_APPLICATION_NAME; i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c < 0x21 || c > 0x7e || c == '(' || c == ')' || c == '\\' ? '_' : c);
            }
        }
        return out.toString().strip();
    }
}
