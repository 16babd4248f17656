package dev.rowpipe.jdbc;

import dev.rowpipe.internal.error.SqlState;
import java.sql.SQLException;
import java.sql.SQLWarning;

/** The JDBC layer's recurring exceptions, worded once; states and classes come from {@link SqlState}. */
final class Errors {
    private Errors() {
    }

    /** An informational warning (01000) without a stack trace: see {@link SqlState#warning}. */
    static SQLWarning notice(String message) {
        return SqlState.WARNING.warning(message);
    }

    /** A {@link java.sql.SQLFeatureNotSupportedException} naming the method. */
    static SQLException notSupported(String method) {
        return SqlState.FEATURE_NOT_SUPPORTED.exception(method + " is not supported by the rowpipe driver");
    }

    static SQLException closed(String what) {
        return (what.equals("Connection") ? SqlState.CONNECTION_DOES_NOT_EXIST : SqlState.FUNCTION_SEQUENCE_ERROR)
                .exception(what + " is closed");
    }

    static SQLException invalidColumn(int index, int count) {
        return SqlState.INVALID_DESCRIPTOR_INDEX.exception("Column index " + index
                + " is out of range: the result has " + count + " column" + (count == 1 ? "" : "s"));
    }

    static SQLException noSuchLabel(String label) {
        return SqlState.COLUMN_NOT_FOUND.exception("The result has no column named '" + label + "'");
    }

    static SQLException invalidArgument(String message) {
        return SqlState.INVALID_ATTRIBUTE_VALUE.exception(message);
    }

    /**
     * A RuntimeException that reached the JDBC boundary (a bug, or input no check foresaw) as the SQLException a
     * caller can handle: HY000, naming what failed and the exception, with it as the cause. No JDBC method lets a
     * RuntimeException out.
     */
    static SQLException unexpected(String what, RuntimeException e) {
        return SqlState.GENERAL_ERROR.exception(what + " failed unexpectedly: " + e, e);
    }
}
