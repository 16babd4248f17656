package dev.rowpipe.local.firebolt2;

import dev.rowpipe.local.FaultInjector;
import dev.rowpipe.local.firebolt.ResultEncoding;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters a 2.0 engine accepts. Like the real service it refuses names it does not know, so a client
 * that validates {@code SET k = v} by sending {@code SELECT 1} with the parameter learns about a typo at once.
 */
final class SessionParameters {

    /** Parameters of the protocol itself (set by the client or by session headers, not by SET). */
    static final Set<String> PROTOCOL = Set.of("database", "engine", "account_id", "output_format", "query_label",
            "max_execution_time", "compress", "transaction_id", "transaction_sequence_id", "auto_start_stop_control",
            FaultInjector.PARAM);

    /** Settings a user may SET. */
    static final Set<String> SETTINGS = Set.of("time_zone", "standard_conforming_strings", "enable_result_cache",
            "cancel_query_on_connection_drop");

    private SessionParameters() {
    }

    static void validate(Map<String, String> params) throws Firebolt2Error {
        for (Map.Entry<String, String> p : params.entrySet()) {
            String name = p.getKey();
            if (name.equals("query_id")) {
                throw Firebolt2Error.query("InvalidSetting", "query_id cannot be chosen by the client on Firebolt 2.0",
                        "Send query_label and find the query id in information_schema.engine_query_history");
            }
            if (!PROTOCOL.contains(name)) {
                validateSetting(name, p.getValue());
            }
        }
        String control = params.get("auto_start_stop_control");
        if (control != null && !control.equalsIgnoreCase("ignore")) {
            throw invalid("auto_start_stop_control", control, "ignore");
        }
        String compress = params.get("compress");
        if (!ResultEncoding.validCompress(compress)) {
            throw invalid("compress", compress, "0 or 1");
        }
    }

    /** Checks a user setting (a query parameter or a SET statement). */
    static void validateSetting(String name, String value) throws Firebolt2Error {
        switch (name) {
            case "time_zone":
                try {
                    ZoneId.of(value);
                } catch (DateTimeException e) {
                    throw invalid(name, value, "a time zone name such as UTC or Europe/Berlin");
                }
                return;
            case "standard_conforming_strings":
            case "enable_result_cache":
            case "cancel_query_on_connection_drop":
                if (bool(value) == null) {
                    throw invalid(name, value, "true or false");
                }
                return;
            default:
                throw Firebolt2Error.query("UnknownSetting", "Unknown setting '" + name + "'",
                        "Known settings: " + String.join(", ", new java.util.TreeSet<>(SETTINGS)));
        }
    }

    static void requireKnown(String name) throws Firebolt2Error {
        if (!SETTINGS.contains(name)) {
            validateSetting(name, "");
        }
    }

    /** A boolean setting's value, or null when it is not one. */
    static Boolean bool(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true":
            case "on":
            case "1":
            case "t":
                return Boolean.TRUE;
            case "false":
            case "off":
            case "0":
            case "f":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static Firebolt2Error invalid(String name, String value, String expected) {
        return Firebolt2Error.query("InvalidSetting", "Invalid value '" + value + "' for setting '" + name + "'",
                "Expected " + expected);
    }
}
