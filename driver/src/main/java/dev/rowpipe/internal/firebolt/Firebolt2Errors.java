package dev.rowpipe.internal.firebolt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowpipe.internal.convert.Conversion;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.HttpErrors;
import dev.rowpipe.internal.http.HttpResponseStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Firebolt 2.0's errors turned into messages a user can act on: the JSON error body of a non-2xx answer
 * ({@code {"query":{"query_id",..},"errors":[{"code","name","description","resolution","helpLink","location"}]}}),
 * the {@code errors} of a result that failed after rows, and the plain-text line ({@code Line 1, Column 5: ...}) the
 * engines append to a TSV body. The SQLState is {@link HttpErrors}' for the HTTP status, or for the status the error's
 * {@code code} names when it differs (an unlinked service account is a 500 carrying a 401), made more precise by the
 * error's name where it says more (a missing object, a cancel, a timeout, an engine that is not running).
 */
final class Firebolt2Errors {
    private static final Pattern ERROR_LINE = Pattern.compile("Line \\d+, Column \\d+: .*", Pattern.DOTALL);
    private static final String NOT_AUTHORIZED = "does not exist or not authorized";

    private Firebolt2Errors() {
    }

    /**
     * The exception for a non-2xx answer (read up to 64 KiB; the response is closed). {@code clientId} is the
     * service account, for the hints about access; null on Core. {@code scrub} masks the session's secrets.
     */
    static SQLException fromResponse(HttpResponseStream response, String what, String clientId,
                                     java.util.function.UnaryOperator<String> scrub) throws IOException {
        return fromResponse(response, response.readText(), what, clientId, scrub);
    }

    /** As above for an answer whose text was already read (and decoded, when it came compressed). */
    static SQLException fromResponse(HttpResponseStream response, String answerText, String what, String clientId,
                                     java.util.function.UnaryOperator<String> scrub) {
        int status = response.status();
        // A server that echoes the request must not put a credential into the message.
        String text = scrub.apply(answerText).strip();
        JsonNode body = parse(text);
        JsonNode errors = body == null ? null : body.get("errors");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return HttpErrors.refused(status, what + " failed at " + response.endpoint() + ": HTTP " + status
                    + (text.isEmpty() ? "" : ": " + Conversion.shorten(text)));
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonNode e : errors) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = e.isObject() ? Json.MAPPER.convertValue(e, Map.class)
                    : Map.<String, Object>of("description", e.asText());
            list.add(map);
        }
        String queryId = body.path("query").path("query_id").asText("");
        StringBuilder message = new StringBuilder(what).append(" failed: ");
        SqlState state = describe(list, status, clientId, message);
        message.append(" (HTTP ").append(status);
        if (!queryId.isEmpty()) {
            message.append(", query id ").append(queryId);
        }
        message.append(')');
        return state.exception(message.toString(), status, null);
    }

    /** The exception for {@code errors} that ended a 200 result after {@code rows} rows. */
    static SQLException inResult(Object errors, long rows) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (errors instanceof List<?> items) {
            for (Object e : items) {
                if (e instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) m;
                    list.add(map);
                } else if (e != null) {
                    list.add(Map.<String, Object>of("description", String.valueOf(e)));
                }
            }
        } else if (errors != null) {
            list.add(Map.<String, Object>of("description", String.valueOf(errors)));
        }
        if (list.isEmpty()) {
            list.add(Map.<String, Object>of("description", "the server reported a failure without a description"));
        }
        StringBuilder message = new StringBuilder("Server error in result after ").append(rows).append(" rows: ");
        SqlState state = describe(list, 0, null, message);
        // A failure of the running statement, not a rejected request: class 42 is for statements refused up front.
        if (state == SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION) {
            state = SqlState.GENERAL_ERROR;
        }
        return state.exception(message.toString());
    }

    /** The text when it is the plain-text error line the 2.0 engines end a TSV or JSON body with, else null. */
    static String errorLine(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return ERROR_LINE.matcher(t).matches() ? Conversion.shorten(t) : null;
    }

    /** Appends what the errors say and returns the state the first of them stands for. */
    private static SqlState describe(List<Map<String, Object>> errors, int status, String clientId,
                                     StringBuilder out) {
        SqlState state = null;
        for (int i = 0; i < errors.size(); i++) {
            Map<String, Object> e = errors.get(i);
            if (i > 0) {
                out.append("; ");
            }
            String description = text(e, "description");
            if (description == null) {
                description = text(e, "message");
            }
            String name = text(e, "name");
            String code = text(e, "code");
            out.append(description == null ? "(no description)" : description);
            List<String> details = new ArrayList<>();
            if (name != null) {
                details.add(name);
            }
            int codeStatus = httpStatus(code);
            // A code that is an HTTP status is worth showing only when it differs from the answer's (a 500 carrying
            // a 401); inside a 200 result it says nothing more than the error's name.
            if (code != null && (codeStatus == 0 || status != 0 && codeStatus != status)) {
                details.add("code " + code);
            }
            String location = location(e.get("location"));
            if (location != null) {
                details.add(location);
            }
            if (!details.isEmpty()) {
                out.append(" [").append(String.join(", ", details)).append(']');
            }
            String resolution = text(e, "resolution");
            if (resolution != null) {
                out.append(". ").append(resolution);
            }
            String help = text(e, "helpLink");
            if (help != null) {
                out.append(" (see ").append(help).append(')');
            }
            String hint = hint(description, codeStatus, clientId);
            if (hint != null) {
                out.append(". ").append(hint);
            }
            if (state == null) {
                state = state(status, codeStatus, name);
            }
        }
        return state;
    }

    /**
     * The state for an error: by its name when that says more than the status, else by the status its code names
     * (when it differs from the answer's), else by the answer's status.
     */
    static SqlState state(int status, int codeStatus, String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (n.endsWith("notfound")) {
            return SqlState.OBJECT_NOT_FOUND;
        }
        if (n.contains("timeout")) {
            return SqlState.TIMEOUT_EXPIRED;
        }
        if (n.contains("cancel")) {
            return SqlState.OPERATION_CANCELLED;
        }
        if (n.equals("enginenotrunning")) {
            return SqlState.CONNECTION_UNABLE_TO_CONNECT;
        }
        if (codeStatus >= 400 && codeStatus != status) {
            return HttpErrors.state(codeStatus);
        }
        return status >= 400 ? HttpErrors.state(status) : SqlState.GENERAL_ERROR;
    }

    /** What a service account may be missing, when the error looks like missing access. */
    private static String hint(String description, int codeStatus, String clientId) {
        if (clientId == null) {
            return null;
        }
        String d = description == null ? "" : description;
        if (codeStatus == 401 || d.contains("not linked")) {
            return "Service account '" + clientId + "' is signed in but may not act in this account: link it to a "
                    + "user of the account and grant that user a role with USAGE on the engine and database";
        }
        if (d.contains(NOT_AUTHORIZED)) {
            return "If the name is right, service account '" + clientId + "' may lack access: link it to a user and "
                    + "grant that user a role with USAGE on it";
        }
        return null;
    }

    private static String location(Object value) {
        if (value instanceof Map<?, ?> m) {
            Object line = m.get("failingLine");
            Object start = m.get("startOffset");
            Object end = m.get("endOffset");
            if (line != null) {
                return "line " + line + (start != null ? ", characters " + start + (end != null ? "-" + end : "")
                        : "");
            }
        }
        return null;
    }

    private static int httpStatus(String code) {
        if (code == null || code.length() != 3) {
            return 0;
        }
        try {
            int n = Integer.parseInt(code);
            return n >= 100 && n <= 599 ? n : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(Map<String, Object> error, String key) {
        Object v = error.get(key);
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).strip();
        return s.isEmpty() ? null : s;
    }

    private static JsonNode parse(String text) {
        if (text.isEmpty() || text.charAt(0) != '{') {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
