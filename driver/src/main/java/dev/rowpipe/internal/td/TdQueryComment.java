package dev.rowpipe.internal.td;

import dev.rowpipe.internal.DriverVersion;

/**
 * The line every job's query starts with, so the job can be told apart in TD's console:
 * {@code -- client: rowpipe-jdbc/<version>}, plus {@code  app: <name>} when the connection has an application
 * name, as TD's own tools write {@code -- client: pytd/<version>}. It is a line comment of its own, ended by a line
 * break, before the statement; the statement follows byte for byte, so its meaning and its literals are untouched.
 * The application name is made safe for the one line: a line break or another control character would end the
 * comment early and turn the rest of the name into SQL, and a star followed by a slash could close a block
 * comment an engine thinks it is in, so those become spaces; it is cut to {@link #MAX_APPLICATION_NAME} characters.
 */
final class TdQueryComment {
    static final int MAX_APPLICATION_NAME = 100;
    private static final String PREFIX = "-- client: rowpipe-jdbc/" + DriverVersion.full();

    private TdQueryComment() {
    }

    /** {@code sql} as it is issued: the comment line, then the statement as written. */
    static String attributed(String sql, String applicationName) {
        String app = sanitise(applicationName);
        return PREFIX + (app.isEmpty() ? "" : " app: " + app) + "\n" + sql;
    }

    /** The name on one line, without a star-slash, trimmed and at most {@link #MAX_APPLICATION_NAME} characters. */
    static String sanitise(String applicationName) {
        if (applicationName == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(applicationName.length(), MAX_APPLICATION_NAME));
        for (int i = 0; i < applicationName.length(); i++) {
            char c = applicationName.charAt(i);
            boolean lineBreakOrControl = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (lineBreakOrControl || (c == '/' && out.length() > 0 && out.charAt(out.length() - 1) == '*')) {
                if (c == '/') {
                    out.setCharAt(out.length() - 1, ' ');
                }
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        String clean = out.toString().strip();
        if (clean.length() > MAX_APPLICATION_NAME) {
            int end = MAX_APPLICATION_NAME;
            if (Character.isHighSurrogate(clean.charAt(end - 1))) {
                end--; // never cut a character in half
            }
            clean = clean.substring(0, end).strip();
        }
        return clean;
    }
}
