package dev.rowpipe.internal.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * Finds the statements a backend answers itself instead of sending them (Firebolt's {@code SET} and engine
 * control, Treasure Data's table swap). Each backend declares its statements as forms; every form reads the
 * statement through {@link SqlTokens}, so comments, whitespace and quoted identifiers are handled the same way
 * for every service and every statement.
 *
 * @param <T> what a recognised statement is, for the backend
 */
public final class ClientStatementRecognizer<T> {

    /** One client statement: reads it from its first token. */
    @FunctionalInterface
    public interface Form<T> {
        /**
         * The statement, or null when the text is not this statement (then it goes to the server).
         *
         * @throws SQLException when the text is this statement but malformed (e.g. {@code SET} without a value)
         */
        T read(SqlTokens tokens) throws SQLException;
    }

    private final boolean backslashEscapes;
    private final List<Form<? extends T>> forms;

    private ClientStatementRecognizer(boolean backslashEscapes, List<Form<? extends T>> forms) {
        this.backslashEscapes = backslashEscapes;
        this.forms = forms;
    }

    /**
     * @param backslashEscapes whether a backslash escapes the next character in string literals (the dialect's)
     * @param forms            the backend's client statements, tried in order
     */
    @SafeVarargs
    public static <T> ClientStatementRecognizer<T> of(boolean backslashEscapes, Form<? extends T>... forms) {
        for (Form<? extends T> f : forms) {
            Objects.requireNonNull(f, "form is null");
        }
        return new ClientStatementRecognizer<>(backslashEscapes, List.of(forms));
    }

    /** The client statement {@code sql} is, or null when it is for the server. */
    public T recognise(String sql) throws SQLException {
        for (Form<? extends T> form : forms) {
            T statement = form.read(SqlTokens.of(sql, backslashEscapes));
            if (statement != null) {
                return statement;
            }
        }
        return null;
    }
}
