package dev.rowpipe.local.firebolt2;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the system engine refuses. It is always on and runs metadata queries, USE, SET and engine statements, but
 * no statement that reads or writes the data of user tables: those need a user engine (the facts are silent on
 * the real wording; this is the local server's).
 */
final class SystemEngine {

    /** Statements the system engine runs through DuckDB: reads that cannot write. */
    static final Set<String> READ_VERBS = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "EXPLAIN", "VALUES", "(");

    private static final Pattern MISSING_TABLE = Pattern.compile("Table with name \"?([^\"\\s!]+)\"? does not exist");

    private SystemEngine() {
    }

    static Firebolt2Error refusesTable(String table) {
        return Firebolt2Error.query("SystemEngineRestriction", "The system engine does not read table data: "
                + table + " needs a user engine", "Run USE ENGINE <name> first, then query the table");
    }

    static Firebolt2Error refusesStatement(String verb) {
        return Firebolt2Error.query("SystemEngineRestriction", "The system engine does not run " + verb
                + " statements: they need a user engine", "Run USE ENGINE <name> first");
    }

    /**
     * The table DuckDB could not find, when the query named one (the system engine's DuckDB connection resolves
     * no database's tables, so a user table shows up as missing), or null.
     */
    static String missingTable(String duckDbMessage) {
        if (duckDbMessage == null) {
            return null;
        }
        Matcher m = MISSING_TABLE.matcher(duckDbMessage);
        if (!m.find()) {
            return null;
        }
        String name = m.group(1);
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
