package dev.rowpipe.internal.error;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.sql.SQLWarning;
import java.util.Objects;

/**
 * Every SQLState the driver reports, by name, each knowing which {@code java.sql} exception class it produces.
 * Tools look at the class as well as the state: a pool evicts a connection on a connection exception, an IDE
 * reconnects on a transient one, and a retry loop retries an {@link SQLTransientException}. So every exception
 * and warning of the driver is made here: {@code SqlState.X.exception(message)}, never
 * {@code new SQLException(message, "X")}.
 *
 * <p>The class follows the state's class (its first two characters), as JDBC 4 describes it: 22 data,
 * 28 authorization, 42 syntax or access rule, 0A not supported, 08 connection (08S01, an exchange that broke
 * after it started, is transient: the same call may work on a new connection; the others are not), HYT00
 * timeout, HY008 cancelled (transient: running the statement again may work); the rest are plain
 * {@link SQLException}s.
 */
public enum SqlState {
    /** An informational warning: a fact for the user (a job id, an ignored setting), not a failure. */
    WARNING("01000", Family.WARNING),
    /** {@code executeUpdate} met a statement that returned rows. */
    ADDITIONAL_RESULT_SETS_RETURNED("0100D", Family.GENERAL),
    /** {@code executeQuery} met statements that returned no rows. */
    NO_DATA("02000", Family.GENERAL),
    /** A prepared statement was run with parameters left unset. */
    WRONG_PARAMETER_COUNT("07001", Family.GENERAL),
    /** A column or parameter index outside the result or statement. */
    INVALID_DESCRIPTOR_INDEX("07009", Family.GENERAL),
    /**
     * The connection cannot be made: a bad URL or property, a server that cannot be reached, a service that stays
     * unavailable after the retries (HTTP 408, 429, 502, 503, 504), an engine that does not serve.
     */
    CONNECTION_UNABLE_TO_CONNECT("08001", Family.CONNECTION),
    /** The JDBC connection was closed. */
    CONNECTION_DOES_NOT_EXIST("08003", Family.CONNECTION),
    /** The server refused to set up the connection (a login answer without a token). */
    CONNECTION_REJECTED("08004", Family.CONNECTION),
    /** An exchange that started broke off: connection reset, a result cut short, an answer that is not JSON. */
    COMMUNICATION_ERROR("08S01", Family.TRANSIENT_CONNECTION),
    FEATURE_NOT_SUPPORTED("0A000", Family.NOT_SUPPORTED),
    NUMERIC_VALUE_OUT_OF_RANGE("22003", Family.DATA),
    /** A value that cannot be read as the type asked for (text as a number, a bad date). */
    INVALID_CHARACTER_VALUE_FOR_CAST("22018", Family.DATA),
    /** No current row. */
    INVALID_CURSOR_STATE("24000", Family.GENERAL),
    /**
     * A transaction operation the connection's state does not allow: a rollback asked to undo writes a service
     * without transactions already committed.
     */
    INVALID_TRANSACTION_STATE("25000", Family.GENERAL),
    /** Credentials missing or rejected (HTTP 401, 403). */
    INVALID_AUTHORIZATION_SPECIFICATION("28000", Family.AUTHORIZATION),
    /** The statement was rejected: by the server (HTTP 400 and other 4xx, a failed job) or by the driver. */
    SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION("42000", Family.SYNTAX),
    /**
     * The object named does not exist (HTTP 404: a database, table, job or engine). ODBC calls 42S02 "base table or
     * view not found"; it is the only class-42 state for a missing object.
     */
    OBJECT_NOT_FOUND("42S02", Family.SYNTAX),
    /** A result has no column of the label asked for. */
    COLUMN_NOT_FOUND("42S22", Family.SYNTAX),
    /** Anything else: a server failure (HTTP 500), a result the driver cannot understand, a driver limit. */
    GENERAL_ERROR("HY000", Family.GENERAL),
    /** The statement was cancelled (Statement.cancel, a job killed). */
    OPERATION_CANCELLED("HY008", Family.TRANSIENT),
    /** A call out of order: on a closed statement or result, a statement started twice. */
    FUNCTION_SEQUENCE_ERROR("HY010", Family.GENERAL),
    /** An argument out of its range (a negative timeout, an unknown mode). */
    INVALID_ATTRIBUTE_VALUE("HY024", Family.GENERAL),
    /** The query timeout expired. */
    TIMEOUT_EXPIRED("HYT00", Family.TIMEOUT);

    /** Which {@code java.sql} class a state produces. */
    private enum Family {
        WARNING, GENERAL, CONNECTION, TRANSIENT_CONNECTION, NOT_SUPPORTED, DATA, AUTHORIZATION, SYNTAX, TRANSIENT,
        TIMEOUT
    }

    private static final StackTraceElement[] NO_TRACE = new StackTraceElement[0];

    private final String code;
    private final Family family;

    SqlState(String code, Family family) {
        this.code = code;
        this.family = family;
    }

    /** The five-character SQLState. */
    public String code() {
        return code;
    }

    public SQLException exception(String message) {
        return exception(message, 0, null);
    }

    public SQLException exception(String message, Throwable cause) {
        return exception(message, 0, cause);
    }

    /**
     * The exception of this state's class.
     *
     * @param vendorCode the service's own code where there is one (the HTTP status of a refused request), else 0
     * @param cause      the underlying failure, or null
     */
    public SQLException exception(String message, int vendorCode, Throwable cause) {
        Objects.requireNonNull(message, "message is null");
        if (family == Family.WARNING) {
            throw new IllegalStateException(name() + " is a warning state; use warning()");
        }
        SQLException e = switch (family) {
            case CONNECTION -> new SQLNonTransientConnectionException(message, code, vendorCode);
            case TRANSIENT_CONNECTION -> new SQLTransientConnectionException(message, code, vendorCode);
            case NOT_SUPPORTED -> new SQLFeatureNotSupportedException(message, code, vendorCode);
            case DATA -> new SQLDataException(message, code, vendorCode);
            case AUTHORIZATION -> new SQLInvalidAuthorizationSpecException(message, code, vendorCode);
            case SYNTAX -> new SQLSyntaxErrorException(message, code, vendorCode);
            case TRANSIENT -> new SQLTransientException(message, code, vendorCode);
            case TIMEOUT -> new SQLTimeoutException(message, code, vendorCode);
            case GENERAL, WARNING -> new SQLException(message, code, vendorCode);
        };
        // The three-argument constructors leave the cause unset, so a null cause can still be set later.
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /**
     * An informational warning without a stack trace: it reports a fact, not a failure, and tools such as sqlline
     * print a warning's trace, which would only show the driver's own frames.
     */
    public SQLWarning warning(String message) {
        Objects.requireNonNull(message, "message is null");
        if (family != Family.WARNING) {
            throw new IllegalStateException(name() + " is not a warning state");
        }
        SQLWarning w = new SQLWarning(message, code);
        w.setStackTrace(NO_TRACE);
        return w;
    }

    /**
     * The same failure raised again from here (a cursor that failed answers every later call with its failure):
     * same class, state, message and vendor code, the first one as cause.
     */
    public static SQLException again(SQLException failure) {
        Objects.requireNonNull(failure, "failure is null");
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        SqlState state = of(failure.getSQLState());
        if (state == null || state.family == Family.WARNING) {
            SQLException e = new SQLException(message, failure.getSQLState(), failure.getErrorCode());
            e.initCause(failure);
            return e;
        }
        return state.exception(message, failure.getErrorCode(), failure);
    }

    /**
     * The failure with its message passed through {@code mask} (a server's text, which may echo a credential): the
     * same failure when nothing was masked, else a new one of the same class, state and vendor code, without the
     * causes that carry the unmasked text.
     */
    public static SQLException masked(SQLException failure, java.util.function.UnaryOperator<String> mask) {
        Objects.requireNonNull(failure, "failure is null");
        String message = failure.getMessage();
        String shown = message == null ? null : mask.apply(message);
        if (Objects.equals(message, shown)) {
            return failure;
        }
        SqlState state = of(failure.getSQLState());
        if (state == null || state.family == Family.WARNING) {
            return new SQLException(shown, failure.getSQLState(), failure.getErrorCode());
        }
        return state.exception(shown, failure.getErrorCode(), null);
    }

    /** The named state of a code, or null for a code the driver does not use. */
    static SqlState of(String code) {
        for (SqlState s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name() + "(" + code + ")";
    }
}
