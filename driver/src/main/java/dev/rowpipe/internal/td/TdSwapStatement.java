package dev.rowpipe.internal.td;

import dev.rowpipe.internal.error.SqlState;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes {@code ALTER TABLE [db.]t1 SWAP WITH [db.]t2}, which no TD query engine runs: the driver performs it
 * with the table swap endpoint instead. Names may be quoted with backticks or double quotes.
 */
record TdSwapStatement(String database, String table1, String table2) {
    private static final String NAME = "(?:`([^`]+)`|\"([^\"]+)\"|([A-Za-z0-9_]+))";
    private static final String QUALIFIED = "(?:" + NAME + "\\s*\\.\\s*)?" + NAME;
    private static final Pattern SWAP = Pattern.compile(
            "\\s*ALTER\\s+TABLE\\s+" + QUALIFIED + "\\s+SWAP\\s+WITH\\s+" + QUALIFIED + "\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);

    /** The swap a statement asks for, or null when it is anything else. */
    static TdSwapStatement parse(String sql, String defaultDatabase) throws SQLException {
        Matcher m = SWAP.matcher(sql);
        if (!m.matches()) {
            return null;
        }
        String db1 = group(m, 1);
        String t1 = group(m, 4);
        String db2 = group(m, 7);
        String t2 = group(m, 10);
        String database = db1 != null ? db1 : db2 != null ? db2 : defaultDatabase;
        if ((db1 != null && !db1.equals(database)) || (db2 != null && !db2.equals(database))) {
            throw SqlState.FEATURE_NOT_SUPPORTED.exception(
                    "ALTER TABLE ... SWAP WITH needs both tables in one database; got '" + db1
                    + "' and '" + db2 + "'");
        }
        return new TdSwapStatement(database, t1, t2);
    }

    /** The first non-null of the three alternatives of NAME starting at group {@code first}. */
    private static String group(Matcher m, int first) {
        for (int i = first; i < first + 3; i++) {
            if (m.group(i) != null) {
                return m.group(i);
            }
        }
        return null;
    }
}
