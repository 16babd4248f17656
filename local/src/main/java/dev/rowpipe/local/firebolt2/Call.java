package dev.rowpipe.local.firebolt2;

import com.sun.net.httpserver.HttpExchange;
import dev.rowpipe.local.firebolt.ResultEncoding;

import java.time.Instant;
import java.util.Map;

/**
 * One statement request to a 2.0 engine, its parameters read and checked.
 *
 * @param exchange       the HTTP exchange
 * @param query          its ids
 * @param principal      the signed-in service account (null on Core)
 * @param params         every query parameter
 * @param database       the session database, or null
 * @param format         the output format
 * @param timeoutSeconds {@code max_execution_time}, 0 for none
 * @param transactionId  the open transaction the statement belongs to, or null
 * @param sequenceId     the client's {@code transaction_sequence_id}, or null
 * @param timeZone       the session time zone
 * @param sql            the statement text as sent
 * @param submitted      when the request arrived
 */
record Call(HttpExchange exchange, QueryInfo query, ServiceAccount principal, Map<String, String> params,
            String database, OutputFormat format, long timeoutSeconds, String transactionId, String sequenceId,
            String timeZone, String sql, Instant submitted) {

    /** Whether the caller may see the account's databases and engines (Core has no accounts: yes). */
    boolean linked() {
        return principal == null || principal.linked();
    }

    /** A body of the request's format that writes nothing yet: for answers without a result. */
    ResultBody emptyBody() {
        return format.open(java.io.OutputStream.nullOutputStream(), query, zone());
    }

    /** How the answer's body is encoded: as asked by {@code compress} and {@code Accept-Encoding}, results or not. */
    ResultEncoding encoding() {
        return ResultEncoding.of(params.get("compress"), exchange.getRequestHeaders().get("Accept-Encoding"));
    }

    java.time.ZoneId zone() {
        return java.time.ZoneId.of(timeZone);
    }

    String userName() {
        return principal == null ? null : principal.clientId();
    }
}
