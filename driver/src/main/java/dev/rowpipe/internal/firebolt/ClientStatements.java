package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.sql.ClientStatementRecognizer;
import dev.rowpipe.internal.sql.SqlTokens;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * The statements the driver answers itself instead of sending them to the engine: {@code SET k = v} (a session
 * setting, sent as a query parameter on later requests) and {@code START|STOP|RESTART ENGINE name} (calls to the
 * engine API). Read with the driver's one set of lexical rules ({@link ClientStatementRecognizer}).
 */
final class ClientStatements {
    /**
     * Query parameters the driver sets itself; a SET may not replace them ({@code compress} decides how the
     * driver reads the body, so it is the connection's {@code compress} property).
     */
    private static final Set<String> RESERVED = Set.of("database", "query_id", "output_format", "compress");

    /** Firebolt's client statements. */
    static final ClientStatementRecognizer<ClientStatement> RECOGNIZER = ClientStatementRecognizer.of(
            FireboltDialect.INSTANCE.backslashEscapes(), ClientStatements::readSet, ClientStatements::readEngine);

    private ClientStatements() {
    }

    sealed interface ClientStatement permits SetStatement, EngineStatement {
    }

    record SetStatement(String key, String value) implements ClientStatement {
    }

    /** @param action {@code start}, {@code stop} or {@code restart} */
    record EngineStatement(String action, String engine) implements ClientStatement {
    }

    /** The client statement {@code sql} is, or null when it goes to the engine. */
    static ClientStatement recognise(String sql) throws SQLException {
        return RECOGNIZER.recognise(sql);
    }

    /**
     * {@code SET name = value}: the name is letters, digits, {@code _} and {@code .}, not starting with a digit; the
     * value is the rest of the statement, without one pair of surrounding quotes.
     */
    static SetStatement readSet(SqlTokens tokens) throws SQLException {
        return readSet(tokens, RESERVED, false);
    }

    /**
     * {@link #readSet(SqlTokens)} with the protocol's own reserved parameter names; with {@code otherFormsToServer}
     * a SET of another form ({@code SET k TO DEFAULT}) is not the driver's (null) instead of an error.
     */
    static SetStatement readSet(SqlTokens tokens, Set<String> reserved, boolean otherFormsToServer)
            throws SQLException {
        if (!tokens.keyword("SET")) {
            return null;
        }
        String key = tokens.bareName(".");
        if (key == null || Character.isDigit(key.charAt(0)) || !tokens.symbol('=')) {
            if (otherFormsToServer) {
                return null;
            }
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(
                    "Unsupported SET statement; expected SET name = value");
        }
        String value = tokens.restUnquoted();
        if (value.isEmpty()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("SET " + key + " needs a value");
        }
        if (reserved.contains(key.toLowerCase(Locale.ROOT))) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("SET " + key
                    + " is not allowed: the driver sets '" + key + "' itself (use the connection URL or properties)");
        }
        return new SetStatement(key, value);
    }

    /** {@code START|STOP|RESTART ENGINE name}, the name bare (letters, digits, {@code _}, {@code -}) or quoted. */
    static EngineStatement readEngine(SqlTokens tokens) {
        String action = tokens.keyword("START") ? "start" : tokens.keyword("STOP") ? "stop"
                : tokens.keyword("RESTART") ? "restart" : null;
        if (action == null || !tokens.keyword("ENGINE")) {
            return null;
        }
        String name = tokens.name("-");
        return name != null && tokens.atEnd() ? new EngineStatement(action, name) : null;
    }
}
