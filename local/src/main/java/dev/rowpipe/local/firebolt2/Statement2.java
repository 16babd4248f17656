package dev.rowpipe.local.firebolt2;

import dev.rowpipe.local.sql.SqlLexer.Kind;
import dev.rowpipe.local.sql.SqlLexer.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One 2.0 statement, classified: the statements an engine answers itself (session, transaction and engine
 * statements) with their argument, everything else {@link Type#QUERY} for DuckDB.
 *
 * @param type     what it is
 * @param name     the database, engine or setting it names (unquoted; unquoted words in lower case), or null
 * @param value    a SET's value, or null
 * @param tokens   every token of the statement (spaces and comments included)
 */
record Statement2(Type type, String name, String value, List<Token> tokens) {

    enum Type {
        USE_DATABASE, USE_ENGINE, SET, RESET, BEGIN, COMMIT, ROLLBACK, START_ENGINE, STOP_ENGINE,
        /** Statements of the real system engine the local server does not provide (CREATE DATABASE, ...). */
        UNSUPPORTED,
        QUERY
    }

    static Statement2 classify(List<Token> tokens) throws Firebolt2Error {
        List<Token> t = new ArrayList<>();
        for (Token token : tokens) {
            if (token.significant()) {
                t.add(token);
            }
        }
        if (t.isEmpty()) {
            return new Statement2(Type.QUERY, null, null, tokens);
        }
        Token first = t.get(0);
        int n = t.size();
        if (first.isWord("USE") && n >= 2) {
            if (t.get(1).isWord("DATABASE") || t.get(1).isWord("ENGINE")) {
                boolean database = t.get(1).isWord("DATABASE");
                if (n != 3) {
                    throw syntax("USE " + (database ? "DATABASE" : "ENGINE") + " takes one name");
                }
                return new Statement2(database ? Type.USE_DATABASE : Type.USE_ENGINE, identifier(t.get(2)), null, tokens);
            }
        }
        if (first.isWord("SET") && n >= 2) {
            String name = identifier(t.get(1));
            if (n == 4 && t.get(2).isWord("TO") && t.get(3).isWord("DEFAULT")) {
                return new Statement2(Type.RESET, name, null, tokens);
            }
            if (n == 4 && (t.get(2).isSymbol("=") || t.get(2).isWord("TO"))) {
                return new Statement2(Type.SET, name, value(t.get(3)), tokens);
            }
            if (n == 5 && (t.get(2).isSymbol("=") || t.get(2).isWord("TO")) && t.get(3).isSymbol("-")
                    && t.get(4).kind() == Kind.NUMBER) {
                return new Statement2(Type.SET, name, "-" + t.get(4).text(), tokens);
            }
            throw syntax("SET takes one name and one value: SET name = value");
        }
        if (first.isWord("RESET") && n == 2) {
            return new Statement2(Type.RESET, identifier(t.get(1)), null, tokens);
        }
        if ((first.isWord("BEGIN") && (n == 1 || n == 2 && (t.get(1).isWord("TRANSACTION") || t.get(1).isWord("WORK"))))
                || (first.isWord("START") && n == 2 && t.get(1).isWord("TRANSACTION"))) {
            return new Statement2(Type.BEGIN, null, null, tokens);
        }
        if ((first.isWord("COMMIT") || first.isWord("ROLLBACK"))
                && (n == 1 || n == 2 && (t.get(1).isWord("TRANSACTION") || t.get(1).isWord("WORK")))) {
            return new Statement2(first.isWord("COMMIT") ? Type.COMMIT : Type.ROLLBACK, null, null, tokens);
        }
        if ((first.isWord("START") || first.isWord("STOP")) && n >= 3 && t.get(1).isWord("ENGINE")) {
            // STOP ENGINE x WITH TERMINATE = true: the local engines stop at once either way.
            if (n > 3 && !(first.isWord("STOP") && t.get(3).isWord("WITH"))) {
                throw syntax(first.text().toUpperCase(Locale.ROOT) + " ENGINE takes one name");
            }
            return new Statement2(first.isWord("START") ? Type.START_ENGINE : Type.STOP_ENGINE, identifier(t.get(2)),
                    null, tokens);
        }
        if ((first.isWord("CREATE") || first.isWord("DROP") || first.isWord("ALTER")) && n >= 2
                && (t.get(1).isWord("DATABASE") || t.get(1).isWord("ENGINE"))) {
            return new Statement2(Type.UNSUPPORTED, first.text().toUpperCase(Locale.ROOT) + " "
                    + t.get(1).text().toUpperCase(Locale.ROOT), null, tokens);
        }
        return new Statement2(Type.QUERY, null, null, tokens);
    }

    /** The first significant word, upper case, or "" (to tell reads from writes on the system engine). */
    String verb() {
        for (Token token : tokens) {
            if (token.significant()) {
                return token.kind() == Kind.WORD ? token.text().toUpperCase(Locale.ROOT) : token.text();
            }
        }
        return "";
    }

    /** An identifier's name: a quoted one as written, an unquoted one folded to lower case, as Firebolt does. */
    static String identifier(Token t) throws Firebolt2Error {
        switch (t.kind()) {
            case QUOTED_IDENT: {
                String q = t.text();
                return q.substring(1, q.length() - 1).replace("\"\"", "\"");
            }
            case WORD:
                return t.text().toLowerCase(Locale.ROOT);
            case STRING:
                return t.text();
            default:
                throw syntax("Expected a name, found '" + t.text() + "'");
        }
    }

    private static String value(Token t) throws Firebolt2Error {
        switch (t.kind()) {
            case STRING:
            case NUMBER:
            case WORD:
                return t.text();
            case QUOTED_IDENT:
                return identifier(t);
            default:
                throw syntax("Expected a value, found '" + t.text() + "'");
        }
    }

    private static Firebolt2Error syntax(String message) {
        return new Firebolt2Error(400, "400", "SyntaxError", "Parser", message, null, null);
    }
}
