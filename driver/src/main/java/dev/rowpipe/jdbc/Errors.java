package dev.rowpipe.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** Exception factories with consistent SQLStates and wording. */
final class Errors {
    private Errors() {
    }

    /**
     * An informational warning (SQLState 01000) without a stack trace: it reports a fact (a TD job id, an ignored
     * setting), not a failure, and tools such as sqlline print a warning's trace, which would only show the
     * driver's own frames.
     */
    static java.sql.SQLWarning notice(String message) {
        java.sql.SQLWarning w = new java.sql.SQLWarning(message, "01000");
        w.setStackTrace(new StackTraceElement[0]);
        return w;
    }

    static SQLFeatureNotSupportedException notSupported(String method) {
        return new SQLFeatureNotSupportedException(method + " is not supported by the rowpipe driver", "0A000");
    }

    static SQLException closed(String what) {
        return new SQLException(what + " is closed", what.equals("Connection") ? "08003" : "HY010");
    }

    static SQLException invalidColumn(int index, int count) {
        return new SQLException("Column index " + index + " is out of range: the result has " + count
                + " column" + (count == 1 ? "" : "s"), "07009");
    }

    static SQLException noSuchLabel(String label) {
        return new SQLException("The result has no column named '" + label + "'", "42S22");
    }

    static SQLException invalidArgument(String message) {
        return new SQLException(message, "HY024");
    }
}
