package dev.rowpipe.internal.sql;

import java.util.List;

/**
 * The same statement written the ways tools and people write it: behind comments (Metabase and TD's own clients
 * prepend one), across lines and tabs, with comments between its words, with a trailing {@code ;}. The tests of
 * every backend's client statements use this one list, so that both services are held to the same rules.
 */
public final class Decorations {
    private Decorations() {
    }

    /**
     * {@code statement} (its words separated by single spaces; spaces inside quotes stay as they are) in every
     * decoration; each must be recognised as the statement itself is.
     */
    public static List<String> of(String statement) {
        return List.of(
                statement,
                "/* c */ " + statement,
                "-- c\n" + statement,
                "-- Metabase:: userID: 1\n/* a */\t-- b\n  " + statement,
                "\t\n " + statement + " \t\n",
                statement + ";",
                statement + " ; -- end",
                statement + " /* z */ ;\n",
                between(statement, "\t"),
                between(statement, "\n  "),
                between(statement, " /* x */ "),
                between(statement, " -- x\n"));
    }

    /** Replaces each space between words (outside quotes) with {@code gap}. */
    private static String between(String statement, String gap) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (char c : statement.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                out.append(c);
            } else if (c == '"' || c == '`' || c == '\'') {
                quote = c;
                out.append(c);
            } else {
                out.append(c == ' ' ? gap : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
