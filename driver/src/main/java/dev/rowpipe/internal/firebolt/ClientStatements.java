package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.error.SqlState;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes the statements the driver answers itself instead of sending them to the engine: {@code SET k = v}
 * (a session setting, sent as a query parameter on later requests) and {@code START|STOP|RESTART ENGINE name}
 * (calls to the engine API).
 */
final class ClientStatements {
    private static final Pattern SET = Pattern.compile(
            "SET\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*?)\\s*;?\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SET_WORD = Pattern.compile("SET\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ENGINE = Pattern.compile(
            "(START|STOP|RESTART)\\s+ENGINE\\s+(?:\"([^\"]+)\"|`([^`]+)`|([A-Za-z0-9_\\-]+))\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Query parameters the driver sets itself; a SET may not replace them. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("database", "query_id", "output_format");

    private ClientStatements() {
    }

    record SetStatement(String key, String value) {
    }

    record EngineStatement(String action, String engine) {
    }

    /** A SET statement, or null when {@code sql} is not one. */
    static SetStatement parseSet(String sql) throws SQLException {
        String s = stripLeading(sql);
        if (!SET_WORD.matcher(s).matches()) {
            return null;
        }
        Matcher m = SET.matcher(s);
        if (!m.matches()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(
                    "Unsupported SET statement; expected SET name = value");
        }
        String key = m.group(1);
        String value = unquote(m.group(2));
        if (value.isEmpty()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("SET " + key + " needs a value");
        }
        if (RESERVED.contains(key.toLowerCase(Locale.ROOT))) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(
                    "SET " + key + " is not allowed: the driver sets '" + key
                    + "' itself (use the connection URL or properties)");
        }
        return new SetStatement(key, value);
    }

    /** An engine control statement, or null. */
    static EngineStatement parseEngine(String sql) {
        Matcher m = ENGINE.matcher(stripLeading(sql));
        if (!m.matches()) {
            return null;
        }
        String name = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        return new EngineStatement(m.group(1).toLowerCase(Locale.ROOT), name);
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '\'' || first == '"') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    /** Drops leading whitespace and SQL comments, which the script splitter may leave before a statement. */
    static String stripLeading(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        return sql.substring(i);
    }
}
