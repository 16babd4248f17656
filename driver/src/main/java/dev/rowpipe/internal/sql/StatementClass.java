package dev.rowpipe.internal.sql;

import java.util.Set;

/**
 * What a statement does, read from its words with {@link SqlTokens} (so comments, line breaks and literals cannot
 * fool it): reads, changes only session state, writes rows, or anything else (definitions, engine commands). Used
 * where the driver must know without the server's help: an update count the service does not report, and whether
 * a connection without transactions has written since its last commit.
 */
public enum StatementClass {
    /** SELECT, WITH ... SELECT, VALUES, SHOW, DESCRIBE, EXPLAIN. */
    READ,
    /** SET, RESET, USE: changes what later statements of the session see, writes nothing. */
    SESSION,
    /** INSERT, UPDATE, DELETE, MERGE, TRUNCATE, CREATE TABLE ... AS, Hive's FROM ... INSERT, WITH ... INSERT. */
    WRITE_ROWS,
    /** Anything else: CREATE, DROP, ALTER, engine commands and statements the driver does not know. */
    OTHER;

    private static final Set<String> READS = Set.of("SELECT", "VALUES", "SHOW", "DESCRIBE", "DESC", "EXPLAIN");
    private static final Set<String> SESSIONS = Set.of("SET", "RESET", "USE");
    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "TRUNCATE");

    /** True for statements that may change stored data or definitions: everything but reads and session state. */
    public boolean writes() {
        return this == WRITE_ROWS || this == OTHER;
    }

    /**
     * @param backslashEscapes whether a backslash escapes the next character in string literals (the dialect's)
     */
    public static StatementClass of(String sql, boolean backslashEscapes) {
        SqlTokens tokens = SqlTokens.of(sql, backslashEscapes);
        if (tokens.peek('(')) {
            // (SELECT ...) UNION ...: the statement's first word is inside the parentheses.
            tokens = SqlTokens.of(afterLeadingParentheses(sql), backslashEscapes);
        }
        String first = tokens.bareName("");
        if (first == null) {
            return OTHER;
        }
        String word = first.toUpperCase(java.util.Locale.ROOT);
        if (READS.contains(word)) {
            return READ;
        }
        if (SESSIONS.contains(word)) {
            return SESSION;
        }
        if (WRITES.contains(word)) {
            return WRITE_ROWS;
        }
        if (word.equals("WITH") || word.equals("FROM")) {
            // WITH q AS (...) INSERT ... and Hive's FROM t INSERT ... write; WITH ... SELECT reads.
            return containsWriteAtTopLevel(tokens) ? WRITE_ROWS : word.equals("WITH") ? READ : OTHER;
        }
        if (word.equals("CREATE") && createsTableFromQuery(tokens)) {
            return WRITE_ROWS;
        }
        return OTHER;
    }

    /**
     * The rows {@code INSERT [INTO] [TABLE] name [(columns)] VALUES (...), (...)} writes when it succeeds: one per
     * tuple, for a statement that is nothing but that (no SELECT, no clause after the tuples). -1 for any other
     * statement. A service without constraints or conflict clauses (Firebolt v1) writes exactly these rows.
     */
    public static long insertValuesRows(String sql, boolean backslashEscapes) {
        SqlTokens t = SqlTokens.of(sql, backslashEscapes);
        if (!t.keyword("INSERT")) {
            return -1;
        }
        t.keyword("INTO");
        t.keyword("TABLE");
        if (t.name("") == null) {
            return -1;
        }
        while (t.symbol('.')) {
            if (t.name("") == null) {
                return -1;
            }
        }
        if (t.peek('(') && !t.group()) {
            return -1;
        }
        if (!t.keyword("VALUES")) {
            return -1;
        }
        long rows = 0;
        do {
            if (!t.group()) {
                return -1;
            }
            rows++;
        } while (t.symbol(','));
        return t.atEnd() ? rows : -1;
    }

    private static boolean containsWriteAtTopLevel(SqlTokens tokens) {
        while (!tokens.atEnd()) {
            for (String w : WRITES) {
                if (tokens.keyword(w)) {
                    return true;
                }
            }
            if (!tokens.group() && !tokens.skip()) {
                return false;
            }
        }
        return false;
    }

    /** After CREATE: {@code ... AS <query>} outside parentheses, and not a view (a view stores no rows). */
    private static boolean createsTableFromQuery(SqlTokens tokens) {
        while (!tokens.atEnd()) {
            if (tokens.keyword("VIEW")) {
                return false;
            }
            if (tokens.keyword("AS")) {
                return true;
            }
            if (!tokens.group() && !tokens.skip()) {
                return false;
            }
        }
        return false;
    }

    /** The text after the statement's leading parentheses, e.g. {@code SELECT 1) UNION (SELECT 2)}. */
    private static String afterLeadingParentheses(String sql) {
        int i = SqlLexer.skipBlanks(sql, 0);
        while (i < sql.length() && sql.charAt(i) == '(') {
            i = SqlLexer.skipBlanks(sql, i + 1);
        }
        return sql.substring(i);
    }
}
