package dev.rowpipe.local.firebolt;

import dev.rowpipe.local.sql.ColumnKind;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** Writes one Firebolt result body, row by row, as the rows come from DuckDB. */
interface ResultWriter {

    /** The text Firebolt appends to a body when a query fails after rows were sent. */
    static String errorLine(String message) {
        return "Code: 999. DB::Exception: " + message;
    }

    void begin(String[] names, String[] types, ColumnKind[] kinds) throws IOException;

    void row(ResultSet rs) throws IOException, SQLException;

    /** Ends a complete body. */
    void end(long rows, double elapsedSeconds) throws IOException;

    /** Appends an error to a body that has already started and ends it there. */
    void fail(String message) throws IOException;

    String contentType();

    static ResultWriter forFormat(String format, OutputStream out) {
        String f = format == null ? "" : format.trim().toUpperCase(Locale.ROOT);
        switch (f) {
            case "":
            case "JSON":
                return new JsonResultWriter(out, false);
            case "JSON_COMPACT":
            case "JSONCOMPACT":
            case "FB_JSONCOMPACT":
                return new JsonResultWriter(out, true);
            case "TABSEPARATEDWITHNAMESANDTYPES":
                return new TsvResultWriter(out);
            default:
                return null;
        }
    }
}
