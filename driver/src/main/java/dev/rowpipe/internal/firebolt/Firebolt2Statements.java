package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.sql.ClientStatementRecognizer;
import dev.rowpipe.internal.sql.SqlTokens;
import dev.rowpipe.internal.sql.StatementClass;
import java.sql.SQLException;
import java.util.Set;

/**
 * What the driver must know of a statement before it sends it to a Firebolt 2.0 or Core engine: {@code SET k = v}
 * (checked by the server with {@code SELECT 1} carrying the setting, then kept by the client, which is the session's
 * keeper), {@code START ENGINE} / {@code STOP ENGINE} (the service's own SQL, which only the system engine runs), and
 * whether a statement only reads (so that a request that failed on the way may be sent again). Everything else,
 * {@code USE DATABASE}, {@code USE ENGINE}, {@code SET k TO DEFAULT} and {@code RESET k} included, goes to the
 * current engine as written, and the session changes as its answer says.
 */
final class Firebolt2Statements {
    /** Parameters the protocol or the driver sets; a SET may not replace them. */
    static final Set<String> RESERVED = Set.of("database", "engine", "account_id", "output_format", "query_label",
            "query_id", "transaction_id", "transaction_sequence_id", "compress", "auto_start_stop_control");

    /** A statement for the system engine. */
    record SystemStatement(String verb) implements Statement {
    }

    /** A {@code SET}. */
    record Set2(String key, String value) implements Statement {
    }

    sealed interface Statement permits SystemStatement, Set2 {
    }

    /** The recognisers of 2.0 ({@code SET}, engine statements) and Core ({@code SET}), by literal rules. */
    private static final ClientStatementRecognizer<Statement> V2_STANDARD = ClientStatementRecognizer.of(false,
            Firebolt2Statements::readSet, Firebolt2Statements::readEngine);
    private static final ClientStatementRecognizer<Statement> V2_BACKSLASH = ClientStatementRecognizer.of(true,
            Firebolt2Statements::readSet, Firebolt2Statements::readEngine);
    private static final ClientStatementRecognizer<Statement> CORE_STANDARD = ClientStatementRecognizer.of(false,
            Firebolt2Statements::readSet);
    private static final ClientStatementRecognizer<Statement> CORE_BACKSLASH = ClientStatementRecognizer.of(true,
            Firebolt2Statements::readSet);

    private Firebolt2Statements() {
    }

    /** The statement {@code sql} is for the driver, or null when it simply goes to the current engine. */
    static Statement recognise(String sql, boolean core, boolean backslashEscapes) throws SQLException {
        ClientStatementRecognizer<Statement> r = core ? (backslashEscapes ? CORE_BACKSLASH : CORE_STANDARD)
                : (backslashEscapes ? V2_BACKSLASH : V2_STANDARD);
        return r.recognise(sql);
    }

    private static Set2 readSet(SqlTokens tokens) throws SQLException {
        ClientStatements.SetStatement set = ClientStatements.readSet(tokens, RESERVED, true);
        return set == null ? null : new Set2(set.key(), set.value());
    }

    private static SystemStatement readEngine(SqlTokens tokens) {
        String verb = tokens.keyword("START") ? "START ENGINE" : tokens.keyword("STOP") ? "STOP ENGINE" : null;
        return verb != null && tokens.keyword("ENGINE") ? new SystemStatement(verb) : null;
    }

    /**
     * A statement {@link StatementClass#isProvablyReadOnly} shows to only read may be sent again after a lost answer;
     * anything else may have had its effect already, so it is sent again only when it certainly never reached the
     * server.
     */
    static HttpRequestSpec.RetryMode retryMode(String sql) {
        return StatementClass.isProvablyReadOnly(sql) ? HttpRequestSpec.RetryMode.IDEMPOTENT
                : HttpRequestSpec.RetryMode.NOT_IDEMPOTENT;
    }
}
