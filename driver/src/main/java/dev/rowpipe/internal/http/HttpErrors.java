package dev.rowpipe.internal.http;

import dev.rowpipe.internal.error.SqlState;
import java.sql.SQLException;

/**
 * The one mapping from an HTTP status to an SQLState, for every service. Pools and IDEs act on class 08 (HikariCP
 * evicts the connection on any 08xxx, DBeaver reconnects on 08S01), so only a service that cannot be reached or
 * stays unavailable maps to 08; a rejected statement or a server failure of one statement never does.
 *
 * <table>
 *   <caption>HTTP status to SQLState</caption>
 *   <tr><th>status</th><th>SQLState</th></tr>
 *   <tr><td>401, 403</td><td>28000 credentials rejected</td></tr>
 *   <tr><td>404</td><td>42S02 the object named does not exist</td></tr>
 *   <tr><td>408, 429, 502, 503, 504 (after the retries)</td><td>08001 the service is unavailable</td></tr>
 *   <tr><td>400 and every other 4xx</td><td>42000 the request was rejected</td></tr>
 *   <tr><td>500 and every other status</td><td>HY000 the server failed</td></tr>
 * </table>
 */
public final class HttpErrors {
    private HttpErrors() {
    }

    /**
     * Statuses that mean "not now": the request did nothing and the same request may work later. Requests that
     * allow it are retried on them; after the last retry the service counts as unavailable.
     */
    static boolean unavailable(int status) {
        return status == 408 || status == 429 || status == 502 || status == 503 || status == 504;
    }

    public static SqlState state(int status) {
        if (status == 401 || status == 403) {
            return SqlState.INVALID_AUTHORIZATION_SPECIFICATION;
        }
        if (status == 404) {
            return SqlState.OBJECT_NOT_FOUND;
        }
        if (unavailable(status)) {
            return SqlState.CONNECTION_UNABLE_TO_CONNECT;
        }
        if (status >= 400 && status < 500) {
            return SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
        }
        return SqlState.GENERAL_ERROR;
    }

    private static final java.util.regex.Pattern CREDENTIAL = java.util.regex.Pattern.compile(
            "(?i)\\b(Bearer|Basic|TD1)\\s+[^\\s,;\"']+");

    /**
     * Server text with every {@code Bearer}, {@code Basic} or {@code TD1} credential masked: an error body that
     * echoes the request's Authorization header must not carry it into an exception message.
     */
    public static String maskCredentials(String text) {
        return text == null ? null : CREDENTIAL.matcher(text).replaceAll("$1 ***");
    }

    /** The exception for a non-2xx answer; the status is its vendor code. */
    public static SQLException refused(int status, String message) {
        return state(status).exception(message, status, null);
    }
}
