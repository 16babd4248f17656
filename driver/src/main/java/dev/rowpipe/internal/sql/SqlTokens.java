package dev.rowpipe.internal.sql;

import java.util.Objects;

/**
 * Reads one statement token by token with {@link SqlLexer}'s rules: whitespace and comments between tokens are
 * skipped wherever they are, words compare without regard to case, identifiers may be quoted. Each method either
 * consumes what it asks for and says so, or consumes nothing. Not thread-safe; one per statement read.
 */
public final class SqlTokens {
    private final String sql;
    private final boolean backslashEscapes;
    private int pos;

    private SqlTokens(String sql, boolean backslashEscapes) {
        this.sql = sql;
        this.backslashEscapes = backslashEscapes;
        this.pos = SqlLexer.skipBlanks(sql, 0);
    }

    /**
     * @param backslashEscapes whether a backslash escapes the next character in string literals (the dialect's)
     */
    public static SqlTokens of(String sql, boolean backslashEscapes) {
        return new SqlTokens(Objects.requireNonNull(sql, "sql is null"), backslashEscapes);
    }

    /** Consumes the next token when it is the bare word {@code word} (in any case), as a whole word. */
    public boolean keyword(String word) {
        int end = wordEnd(pos, "");
        if (end - pos != word.length() || !sql.regionMatches(true, pos, word, 0, word.length())) {
            return false;
        }
        advance(end);
        return true;
    }

    /**
     * Consumes a bare name: ASCII letters, digits, {@code _} and the characters of {@code extra} (such as
     * {@code "."} or {@code "-"}); null when none comes next.
     */
    public String bareName(String extra) {
        int end = wordEnd(pos, extra);
        if (end == pos) {
            return null;
        }
        String name = sql.substring(pos, end);
        advance(end);
        return name;
    }

    /**
     * Consumes a quoted identifier, {@code "..."} or {@code `...`} (a doubled quote inside stands for one), and
     * returns its name; null when none comes next, or it is empty or not closed.
     */
    public String quotedName() {
        if (pos >= sql.length()) {
            return null;
        }
        char quote = sql.charAt(pos);
        if (quote != '"' && quote != '`') {
            return null;
        }
        int end = SqlLexer.quotedEnd(sql, pos, false);
        if (end - pos < 3) {
            return null; // not closed (-1), or empty
        }
        String doubled = String.valueOf(quote) + quote;
        String name = sql.substring(pos + 1, end - 1).replace(doubled, String.valueOf(quote));
        advance(end);
        return name;
    }

    /** {@link #quotedName()} or else {@link #bareName(String)}. */
    public String name(String extra) {
        String quoted = quotedName();
        return quoted != null ? quoted : bareName(extra);
    }

    /** Consumes the next token when it is the character {@code c}. */
    public boolean symbol(char c) {
        if (pos >= sql.length() || sql.charAt(pos) != c) {
            return false;
        }
        advance(pos + 1);
        return true;
    }

    /**
     * The rest of the statement as written, from the next token to the end of the last one: trailing whitespace
     * and comments and one trailing {@code ;} are left out. Consumes it; empty when nothing is left.
     */
    public String rest() {
        int from = pos;
        int end = codeEnd(from, sql.length());
        if (end > from && sql.charAt(end - 1) == ';') {
            end = codeEnd(from, end - 1);
        }
        pos = sql.length();
        return sql.substring(from, Math.max(from, end));
    }

    /**
     * {@link #rest()} without its first and last character when both are the same quote, {@code '} or {@code "}
     * (the value of a {@code SET} written as a literal or a quoted name); what is between them is kept as written.
     */
    public String restUnquoted() {
        String rest = rest();
        if (rest.length() >= 2) {
            char first = rest.charAt(0);
            if ((first == '\'' || first == '"') && rest.charAt(rest.length() - 1) == first) {
                return rest.substring(1, rest.length() - 1);
            }
        }
        return rest;
    }

    /** True when the next token is the character {@code c} (nothing is consumed). */
    public boolean peek(char c) {
        return pos < sql.length() && sql.charAt(pos) == c;
    }

    /**
     * Consumes a parenthesized group, {@code (} to its matching {@code )}, whatever it holds (literals, quoted
     * identifiers and comments inside are read as such, so a {@code )} in them does not close it). Consumes nothing
     * and returns false when no group opens here or it is never closed.
     */
    public boolean group() {
        if (!peek('(')) {
            return false;
        }
        int depth = 0;
        int i = pos;
        while (i < sql.length()) {
            int skip = SqlLexer.skipNonCode(sql, i, backslashEscapes);
            if (skip > i) {
                i = skip;
                continue;
            }
            char c = sql.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                advance(i + 1);
                return true;
            }
            i++;
        }
        return false;
    }

    /**
     * Consumes the next token, whatever it is: a word or number, a literal, a quoted identifier, or one symbol.
     * Returns false only at the end of the text.
     */
    public boolean skip() {
        if (pos >= sql.length()) {
            return false;
        }
        int end = wordEnd(pos, "");
        if (end == pos) {
            int skip = SqlLexer.skipNonCode(sql, pos, backslashEscapes);
            end = skip > pos ? skip : pos + 1;
        }
        advance(end);
        return true;
    }

    /** True when nothing but whitespace, comments and one {@code ;} is left. */
    public boolean atEnd() {
        int i = pos;
        if (i < sql.length() && sql.charAt(i) == ';') {
            i = SqlLexer.skipBlanks(sql, i + 1);
        }
        return i >= sql.length();
    }

    private void advance(int to) {
        pos = SqlLexer.skipBlanks(sql, to);
    }

    private int wordEnd(int from, String extra) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!word && extra.indexOf(c) < 0) {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * The end of the last token (code, literal or identifier; not whitespace or a comment) between {@code from} and
     * {@code limit}; {@code from} when there is none.
     */
    private int codeEnd(int from, int limit) {
        int end = from;
        int i = from;
        while (i < limit) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int skip = SqlLexer.skipNonCode(sql, i, backslashEscapes);
            if (skip > i && c != '\'' && c != '"' && c != '`') {
                i = skip; // a comment
                continue;
            }
            i = Math.max(skip, i + 1);
            end = Math.min(i, limit);
        }
        return end;
    }
}
