package dev.rowpipe.internal.td;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.sql.ClientStatementRecognizer;
import dev.rowpipe.internal.sql.SqlTokens;
import java.sql.SQLException;

/**
 * {@code ALTER TABLE [db.]t1 SWAP WITH [db.]t2}, which no TD query engine runs: the driver performs it with the
 * table swap endpoint instead. Names may be quoted with backticks or double quotes. Read with the driver's one set
 * of lexical rules ({@link ClientStatementRecognizer}).
 */
record TdSwapStatement(String database, String table1, String table2) implements TdClientStatement {

    /** The swap a statement asks for, or null when it is anything else. */
    static TdSwapStatement read(SqlTokens tokens, String defaultDatabase) throws SQLException {
        if (!tokens.keyword("ALTER") || !tokens.keyword("TABLE")) {
            return null;
        }
        String[] first = qualifiedName(tokens);
        if (first == null || !tokens.keyword("SWAP") || !tokens.keyword("WITH")) {
            return null;
        }
        String[] second = qualifiedName(tokens);
        if (second == null || !tokens.atEnd()) {
            return null;
        }
        String db1 = first[0];
        String db2 = second[0];
        String database = db1 != null ? db1 : db2 != null ? db2 : defaultDatabase;
        if ((db1 != null && !db1.equals(database)) || (db2 != null && !db2.equals(database))) {
            throw SqlState.FEATURE_NOT_SUPPORTED.exception(
                    "ALTER TABLE ... SWAP WITH needs both tables in one database; got '" + db1 + "' and '" + db2
                    + "'");
        }
        return new TdSwapStatement(database, first[1], second[1]);
    }

    /** {@code [db.]table}, each part bare or quoted: {database or null, table}; null when there is none. */
    private static String[] qualifiedName(SqlTokens tokens) {
        String name = tokens.name("");
        if (name == null) {
            return null;
        }
        if (!tokens.symbol('.')) {
            return new String[] {null, name};
        }
        String table = tokens.name("");
        return table == null ? null : new String[] {name, table};
    }
}
