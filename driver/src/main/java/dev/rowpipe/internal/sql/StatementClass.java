package dev.rowpipe.internal.sql;

import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a statement does, read from its words with {@link SqlLexer}'s rules (so comments, line breaks and literals
 * cannot fool it). It answers two questions of different cost when wrong, with the same words:
 * <ul>
 *   <li>{@link #of}: what kind of statement it is: reads, changes only session state, writes rows, or anything
 *       else (definitions, engine commands). Used where the driver must know without the server's help: an update
 *       count the service does not report, and whether a connection without transactions has written since its
 *       last commit. It reads the statement the dialect's way and looks at its first word (and, after {@code WITH},
 *       {@code FROM} and {@code CREATE}, at the words that decide), as the service would.</li>
 *   <li>{@link #isProvablyReadOnly}: whether the statement is shown to only read, so sending it again after a lost
 *       answer is harmless. A wrong "yes" here makes a write twice, so this check is stricter: every word of the
 *       statement is checked, not only the top-level ones (a write word inside parentheses, or a {@code VALUES} list,
 *       which {@link #of} calls a read, is not read-only), both readings of string
 *       literals must agree, it must be one statement, and whatever it cannot read is not read-only. Its cost of a
 *       wrong "no" is only a retry not made.</li>
 * </ul>
 */
public enum StatementClass {
    /** SELECT, WITH ... SELECT, VALUES, SHOW, DESCRIBE, EXPLAIN, with no write at their top level. */
    READ,
    /** SET, RESET, USE: changes what later statements of the session see, writes nothing. */
    SESSION,
    /** INSERT, UPDATE, DELETE, MERGE, TRUNCATE, CREATE TABLE ... AS, Hive's FROM ... INSERT, WITH ... INSERT. */
    WRITE_ROWS,
    /** Anything else: CREATE, DROP, ALTER, engine commands and statements the driver does not know. */
    OTHER;

    /** First words of a statement that only looks at data or definitions. */
    private static final Set<String> LOOKS = Set.of("SELECT", "SHOW", "DESCRIBE", "DESC", "EXPLAIN");
    private static final Set<String> READS = union(LOOKS, "VALUES");
    private static final Set<String> SESSIONS = Set.of("SET", "RESET", "USE");
    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "TRUNCATE");
    /** Words after a read's first word that make it write: the writes, and {@code SELECT ... INTO}. */
    private static final Set<String> WRITES_IN_A_READ = union(WRITES, "INTO");

    /**
     * First words of a statement that may be shown to only read: a {@code WITH} is, once every word after it has
     * been checked.
     */
    private static final Set<String> PROVABLY_READ_ONLY_FIRST = union(LOOKS, "WITH");
    /**
     * Words that, anywhere in a statement, leave open that it writes or changes the session: the first words of
     * writes, {@code INTO} ({@code SELECT ... INTO}), definitions, grants, transactions, engine commands and
     * session statements.
     */
    private static final Set<String> NOT_READ_ONLY_ANYWHERE = union(WRITES, "INTO", "CREATE", "DROP", "ALTER",
            "COPY", "GRANT", "REVOKE", "VACUUM", "CALL", "EXECUTE", "SET", "ATTACH", "DETACH", "RENAME", "OPTIMIZE",
            "KILL", "LOCK", "BEGIN", "COMMIT", "ROLLBACK", "START", "STOP", "RESTART", "USE", "RESET");

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
        String word = first.toUpperCase(Locale.ROOT);
        if (READS.contains(word)) {
            // SELECT ... INTO t2 stores rows, EXPLAIN ANALYZE INSERT ... runs the insert: a read by its first word
            // that writes further on is a write (a rollback on a service without transactions must not miss it).
            return containsAtTopLevel(tokens, WRITES_IN_A_READ) ? WRITE_ROWS : READ;
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
        return containsAtTopLevel(tokens, WRITES);
    }

    /** Whether one of {@code words} stands outside parentheses in the rest of the statement. */
    private static boolean containsAtTopLevel(SqlTokens tokens, Set<String> words) {
        while (!tokens.atEnd()) {
            for (String w : words) {
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

    /**
     * True when the statement is shown to only read, so sending it twice is harmless: it starts with
     * {@code SELECT}, {@code WITH}, {@code SHOW}, {@code DESCRIBE}/{@code DESC} or {@code EXPLAIN} (after any
     * comments and opening parentheses), holds no word that writes or changes a session anywhere in its code
     * ({@code INSERT}, {@code INTO}, {@code UPDATE}, {@code DELETE}, {@code CREATE}, {@code SET}, ...), and is one
     * statement. Literals, quoted identifiers and comments are skipped with {@link SqlLexer}'s rules, read both with
     * and without backslash escapes: the statement counts as read-only only when both readings agree, so a literal
     * ending in a backslash cannot hide a second statement from whichever reading the server uses. Anything else,
     * including what cannot be read, is not read-only.
     */
    public static boolean isProvablyReadOnly(String sql) {
        Objects.requireNonNull(sql, "sql is null");
        return provablyReadOnly(sql, true) && provablyReadOnly(sql, false);
    }

    /**
     * One reading of {@link #isProvablyReadOnly}. It scans every word itself rather than through {@link SqlTokens}:
     * a word here is any run of letters (not only ASCII), digits, {@code _} and {@code $}, and a literal or
     * identifier before the first word already means no.
     */
    private static boolean provablyReadOnly(String sql, boolean backslashEscapes) {
        int n = sql.length();
        boolean leading = true;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int skipped = SqlLexer.skipNonCode(sql, i, backslashEscapes);
            if (skipped > i) {
                if (leading && sql.charAt(i) != '-' && sql.charAt(i) != '/') {
                    return false; // a literal or identifier before the first word
                }
                i = skipped;
                continue;
            }
            if (isWordPart(c)) {
                int end = i;
                while (end < n && isWordPart(sql.charAt(end))) {
                    end++;
                }
                String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
                if (leading ? !PROVABLY_READ_ONLY_FIRST.contains(word) : NOT_READ_ONLY_ANYWHERE.contains(word)) {
                    return false;
                }
                leading = false;
                i = end;
                continue;
            }
            if (c == ';') {
                // One trailing semicolon is the end of this statement; anything after it is another one.
                return !leading && SqlLexer.skipBlanks(sql, i + 1) == n;
            }
            if (leading && c != '(') {
                return false;
            }
            i++;
        }
        return !leading;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static Set<String> union(Set<String> words, String... more) {
        Set<String> all = new HashSet<>(words);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
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
