package dev.rowpipe.local.firebolt2;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One 2.0 error: what goes into an element of the error body's {@code errors} array, and the HTTP status the
 * answer gets. Thrown inside the engines' request handling and written by {@link Answers#error}.
 */
final class Firebolt2Error extends Exception {

    /** Where in the statement the error is, as the 2.0 body spells it; null when unknown. */
    record Location(int failingLine, int startOffset, int endOffset) {
    }

    private final int status;
    private final String code;
    private final String name;
    private final String source;
    private final String resolution;
    private final Location location;

    Firebolt2Error(int status, String code, String name, String source, String description, String resolution,
                   Location location) {
        super(Objects.requireNonNull(description, "description is null"));
        this.status = status;
        this.code = code;
        this.name = name;
        this.source = source;
        this.resolution = resolution;
        this.location = location;
    }

    int status() {
        return status;
    }

    String description() {
        return getMessage();
    }

    /** Whether the statement could not be parsed (history status PARSE_ERROR). */
    boolean isSyntax() {
        return "Parser".equals(source);
    }

    Location location() {
        return location;
    }

    /** A query the client got wrong (HTTP 400). */
    static Firebolt2Error query(String name, String description, String resolution) {
        return new Firebolt2Error(400, "400", name, "User Error", description, resolution, null);
    }

    static Firebolt2Error unknownDatabase(String database) {
        return query("DatabaseNotFound", "Database \"" + database + "\" does not exist or not authorized",
                "Check the name with SELECT catalog_name FROM information_schema.databases");
    }

    static Firebolt2Error unknownEngine(String engine) {
        return query("EngineNotFound", "Engine \"" + engine + "\" does not exist or not authorized",
                "Check the name with SELECT engine_name FROM information_schema.engines");
    }

    static Firebolt2Error unauthenticated(String description) {
        return new Firebolt2Error(401, "401", "Unauthenticated", "Authentication", description,
                "Sign in again: POST /oauth/token on the id host", null);
    }

    /** What an engine answers a service account that is linked to no user: a 500 that carries a 401. */
    static Firebolt2Error unlinked(String clientId) {
        return new Firebolt2Error(500, "401", "Unauthorized", "Authentication",
                "401 Unauthorized: service account '" + clientId + "' is not linked to a user of this account",
                "Link the service account to a user and grant that user a role with engine usage", null);
    }

    private static final Pattern DUCKDB_KIND = Pattern.compile("^([A-Za-z ]+) Error: ");
    private static final Pattern LINE = Pattern.compile("\\n\\s*LINE (\\d+): (.*)\\n(\\s*)(\\^+)");

    /**
     * DuckDB's message turned into a 2.0 error: its first paragraph is the description, its {@code LINE n:} caret
     * gives the location (offsets counted on that line, as DuckDB draws them).
     */
    static Firebolt2Error fromDuckDb(String message, String prefix) {
        String text = message == null ? "unknown error" : message;
        Location location = null;
        Matcher line = LINE.matcher(text);
        if (line.find()) {
            int start = line.group(3).length() - ("LINE " + line.group(1) + ": ").length();
            location = new Location(Integer.parseInt(line.group(1)), Math.max(0, start),
                    Math.max(0, start) + line.group(4).length());
        }
        int paragraph = text.indexOf("\n\n");
        String description = (paragraph < 0 ? text : text.substring(0, paragraph)).replace('\n', ' ').trim();
        Matcher kind = DUCKDB_KIND.matcher(description);
        String name = "ExecutionError";
        String source = "Execution";
        if (kind.find()) {
            String k = kind.group(1);
            name = k.replace(" ", "") + "Error";
            source = k.equals("Parser") ? "Parser" : k.equals("Catalog") || k.equals("Binder") ? "Planner" : "Execution";
        }
        return new Firebolt2Error(400, "400", name, source, prefix + description, null, location);
    }

    /** The element of the body's {@code errors} array. */
    Map<String, Object> toJson() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("name", name);
        e.put("severity", "ERROR");
        e.put("source", source);
        e.put("description", getMessage());
        e.put("resolution", resolution);
        e.put("helpLink", null);
        if (location == null) {
            e.put("location", null);
        } else {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("failingLine", location.failingLine());
            l.put("startOffset", location.startOffset());
            l.put("endOffset", location.endOffset());
            e.put("location", l);
        }
        return e;
    }
}
