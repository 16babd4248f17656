package dev.rowpipe.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/** Exception factories with consistent SQLStates and wording. */
final class Errors {
    private Errors() {
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
