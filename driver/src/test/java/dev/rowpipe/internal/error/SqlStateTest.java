package dev.rowpipe.internal.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlStateTest {

    /** The class each state's exception must have; a state missing here fails the test. */
    private static final Map<SqlState, Class<? extends SQLException>> CLASSES = Map.ofEntries(
            Map.entry(SqlState.ADDITIONAL_RESULT_SETS_RETURNED, SQLException.class),
            Map.entry(SqlState.NO_DATA, SQLException.class),
            Map.entry(SqlState.WRONG_PARAMETER_COUNT, SQLException.class),
            Map.entry(SqlState.INVALID_DESCRIPTOR_INDEX, SQLException.class),
            Map.entry(SqlState.CONNECTION_UNABLE_TO_CONNECT, SQLNonTransientConnectionException.class),
            Map.entry(SqlState.CONNECTION_DOES_NOT_EXIST, SQLNonTransientConnectionException.class),
            Map.entry(SqlState.CONNECTION_REJECTED, SQLNonTransientConnectionException.class),
            Map.entry(SqlState.COMMUNICATION_ERROR, SQLTransientConnectionException.class),
            Map.entry(SqlState.FEATURE_NOT_SUPPORTED, SQLFeatureNotSupportedException.class),
            Map.entry(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, SQLDataException.class),
            Map.entry(SqlState.INVALID_CHARACTER_VALUE_FOR_CAST, SQLDataException.class),
            Map.entry(SqlState.INVALID_CURSOR_STATE, SQLException.class),
            Map.entry(SqlState.INVALID_TRANSACTION_STATE, SQLException.class),
            Map.entry(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, SQLInvalidAuthorizationSpecException.class),
            Map.entry(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, SQLSyntaxErrorException.class),
            Map.entry(SqlState.OBJECT_NOT_FOUND, SQLSyntaxErrorException.class),
            Map.entry(SqlState.COLUMN_NOT_FOUND, SQLSyntaxErrorException.class),
            Map.entry(SqlState.GENERAL_ERROR, SQLException.class),
            Map.entry(SqlState.OPERATION_CANCELLED, SQLTransientException.class),
            Map.entry(SqlState.FUNCTION_SEQUENCE_ERROR, SQLException.class),
            Map.entry(SqlState.INVALID_ATTRIBUTE_VALUE, SQLException.class),
            Map.entry(SqlState.TIMEOUT_EXPIRED, SQLTimeoutException.class));

    @Test
    void everyStateMakesItsClass() {
        for (SqlState state : SqlState.values()) {
            if (state == SqlState.WARNING) {
                continue;
            }
            Class<? extends SQLException> expected = CLASSES.get(state);
            assertTrue(expected != null, state + " has no expected class in this test");
            SQLException e = state.exception("boom");
            assertSame(expected, e.getClass(), state.toString());
            assertEquals(state.code(), e.getSQLState());
            assertEquals("boom", e.getMessage());
            assertEquals(0, e.getErrorCode());
            assertNull(e.getCause());
        }
    }

    @Test
    void classesFollowTheStateClass() {
        for (SqlState state : SqlState.values()) {
            String c = state.code().substring(0, 2);
            if (state == SqlState.WARNING) {
                continue;
            }
            SQLException e = state.exception("x");
            switch (c) {
                case "28" -> assertTrue(e instanceof SQLInvalidAuthorizationSpecException, state.toString());
                case "42" -> assertTrue(e instanceof SQLSyntaxErrorException, state.toString());
                case "22" -> assertTrue(e instanceof SQLDataException, state.toString());
                case "0A" -> assertTrue(e instanceof SQLFeatureNotSupportedException, state.toString());
                case "08" -> assertTrue(state.code().equals("08S01") ? e instanceof SQLTransientConnectionException
                        : e instanceof SQLNonTransientConnectionException, state.toString());
                default -> {
                }
            }
        }
    }

    @Test
    void codesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (SqlState state : SqlState.values()) {
            assertTrue(seen.add(state.code()), state.toString());
            assertEquals(5, state.code().length(), state.toString());
        }
    }

    @Test
    void causeAndVendorCode() {
        IOException io = new IOException("reset");
        SQLException e = SqlState.COMMUNICATION_ERROR.exception("broke", io);
        assertSame(io, e.getCause());
        SQLException refused = SqlState.OBJECT_NOT_FOUND.exception("gone", 404, null);
        assertEquals(404, refused.getErrorCode());
        // No cause given: one may still be set later.
        refused.initCause(io);
        assertSame(io, refused.getCause());
    }

    @Test
    void warningsCarryNoStackTrace() {
        SQLWarning w = SqlState.WARNING.warning("job 42");
        assertEquals("01000", w.getSQLState());
        assertEquals("job 42", w.getMessage());
        assertEquals(0, w.getStackTrace().length);
        assertThrows(IllegalStateException.class, () -> SqlState.GENERAL_ERROR.warning("x"));
        assertThrows(IllegalStateException.class, () -> SqlState.WARNING.exception("x"));
    }

    @Test
    void againKeepsClassStateMessageAndCode() {
        SQLException first = SqlState.COMMUNICATION_ERROR.exception("cut", 7, null);
        SQLException again = SqlState.again(first);
        assertSame(SQLTransientConnectionException.class, again.getClass());
        assertEquals("08S01", again.getSQLState());
        assertEquals("cut", again.getMessage());
        assertEquals(7, again.getErrorCode());
        assertSame(first, again.getCause());
        SQLException foreign = SqlState.again(new SQLException("other", "53100"));
        assertEquals("53100", foreign.getSQLState());
        assertSame(SQLException.class, foreign.getClass());
    }
}
