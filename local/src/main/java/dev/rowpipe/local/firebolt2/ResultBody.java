package dev.rowpipe.local.firebolt2;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes one 2.0 answer body, row by row, as the rows come from DuckDB. */
interface ResultBody {

    String contentType();

    void begin(String[] names, Type2[] types) throws IOException;

    void row(ResultSet rs) throws IOException, SQLException;

    /** Ends a complete body. */
    void end(long rows, double elapsedSeconds) throws IOException;

    /** Ends a body that has started with an error after {@code rows} rows: the error is never data. */
    void fail(Firebolt2Error error, long rows, double elapsedSeconds) throws IOException;

    /**
     * The body of a statement without a result (DDL, INSERT, USE, SET), or null for an empty body. Only the
     * streaming format has one: an empty body there could not be told from one cut before its first line.
     */
    default byte[] noResult(double elapsedSeconds) throws IOException {
        return null;
    }
}
