package dev.rowpipe.internal.td;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.settings.ConnectionProperty;
import dev.rowpipe.internal.sql.ClientStatementRecognizer;
import dev.rowpipe.internal.sql.SqlTokens;
import java.sql.SQLException;
import java.util.Locale;

/**
 * {@code SET td.NAME = value} and {@code RESET td.NAME}: a job option ({@link TdProperties#JOB_OPTIONS}: priority,
 * retry_limit, pool_name, engine_version) for the connection's later jobs, answered by the driver. Only names under
 * {@code td.} are the driver's: any other {@code SET} (Hive's {@code SET hive.x=..}, Presto's
 * {@code SET SESSION ..}) goes to the engine as written. Read with the driver's one set of lexical rules
 * ({@link ClientStatementRecognizer}).
 *
 * @param value the decoded value; null for {@code RESET} (back to the connection property's value)
 */
record TdSetStatement(ConnectionProperty<?> option, Object value) implements TdClientStatement {
    private static final String NAMESPACE = "td.";

    /** The statement, or null when it is not a {@code SET}/{@code RESET} of a {@code td.} name. */
    static TdSetStatement read(SqlTokens tokens) throws SQLException {
        boolean reset;
        if (tokens.keyword("SET")) {
            reset = false;
        } else if (tokens.keyword("RESET")) {
            reset = true;
        } else {
            return null;
        }
        String name = tokens.bareName(".");
        if (name == null || !name.toLowerCase(Locale.ROOT).startsWith(NAMESPACE)) {
            return null;
        }
        ConnectionProperty<?> option = TdJobOptions.property(name.substring(NAMESPACE.length()));
        if (option == null) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("Unknown Treasure Data job option '"
                    + name + "': the driver's are " + String.join(", ", TdProperties.JOB_OPTIONS.stream()
                    .map(p -> NAMESPACE + p.name()).toList()));
        }
        String shown = NAMESPACE + option.name();
        if (reset) {
            if (!tokens.atEnd()) {
                throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(
                        "Unsupported RESET statement; expected RESET " + shown);
            }
            return new TdSetStatement(option, null);
        }
        if (!tokens.symbol('=')) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(
                    "Unsupported SET statement; expected SET " + shown + " = value");
        }
        String text = tokens.restUnquoted();
        if (text.isEmpty()) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception("SET " + shown + " needs a value");
        }
        try {
            return new TdSetStatement(option, option.decode(text));
        } catch (IllegalArgumentException e) {
            throw SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.exception(
                    "SET " + shown + " = " + text + ": " + e.getMessage());
        }
    }

    /** What the statement does, for messages. */
    String description() {
        return value == null ? "RESET td." + option.name() : "SET td." + option.name() + " = " + value;
    }
}
