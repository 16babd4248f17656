package dev.rowpipe.local.sql;

import dev.rowpipe.local.sql.SqlLexer.Kind;
import dev.rowpipe.local.sql.SqlLexer.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads qualified names ({@code a.b}, {@code a.b.c}) the way each real service does and maps them onto DuckDB,
 * where every Firebolt and TD database is a schema of one catalog. Without this DuckDB would accept names the
 * services reject ({@code local_db.t} on Firebolt, another database's tables) and reject names they accept
 * ({@code public.t}, {@code td.db.t}), so SQL that passes locally would fail on the service or the reverse.
 *
 * <p>A name is a chain of identifiers joined by {@code .} with nothing between them; unquoted parts compare
 * case-insensitively (both services fold them to lower case), quoted parts exactly. A chain is rewritten only where
 * its first part is a schema or catalog name: {@code alias.column} chains are left alone.
 */
public final class QualifiedNames {

    private static final String PUBLIC = "public";
    private static final String INFORMATION_SCHEMA = "information_schema";
    /** The catalog TD's Presto/Trino serves its databases in. */
    private static final String TD_CATALOG = "td";

    private QualifiedNames() {
    }

    /**
     * Firebolt: a request queries one database ({@code ?database=}); its tables are {@code t}, {@code public.t}
     * and {@code <database>.public.t} ({@code information_schema.x} and {@code <database>.information_schema.x}
     * likewise). A two-part name never starts with a database ({@code <database>.t} is schema {@code <database>},
     * which does not exist) and a three-part name never names another database.
     *
     * @param database the request's database
     * @param schemas  every DuckDB schema (Firebolt and TD databases): a chain starting with one of them is a
     *                 database used as a schema
     */
    public static List<Token> firebolt(List<Token> tokens, String database, Set<String> schemas) {
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(schemas, "schemas is null");
        List<Token> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            int end = chainEnd(tokens, i);
            if (end < 0) {
                out.add(tokens.get(i++));
                continue;
            }
            List<Token> parts = parts(tokens, i, end);
            String first = name(parts.get(0));
            String second = parts.size() > 2 ? name(parts.get(1)) : null;
            if (first.equals(PUBLIC)) {
                parts.set(0, ident(database));
            } else if (first.equals(INFORMATION_SCHEMA)) {
                // Left for the information_schema rewriting.
            } else if (second != null && (second.equals(PUBLIC) || second.equals(INFORMATION_SCHEMA))) {
                if (!first.equals(database)) {
                    throw new UnknownNameException("Database '" + first + "' is not the database of this request ('"
                            + database + "'): a query reads only the database it is sent to");
                }
                parts.remove(0);
                if (second.equals(PUBLIC)) {
                    parts.set(0, ident(database));
                }
            } else if (schemas.contains(first)) {
                throw new UnknownNameException("Schema '" + first + "' does not exist: name a table t, public.t or "
                        + database + ".public.t");
            }
            join(out, parts);
            i = end;
        }
        return out;
    }

    /**
     * Treasure Data: a job's tables are {@code t} (its own database) and {@code db.t} (any database of the
     * account); Presto/Trino also read {@code td.db.t} ({@code td} is their catalog). Databases the TD API does
     * not list (the Firebolt ones sharing the DuckDB file) do not exist for TD.
     */
    public static List<Token> td(List<Token> tokens, boolean presto, Set<String> hiddenDatabases) {
        Objects.requireNonNull(hiddenDatabases, "hiddenDatabases is null");
        List<Token> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            int end = chainEnd(tokens, i);
            if (end < 0) {
                out.add(tokens.get(i++));
                continue;
            }
            List<Token> parts = parts(tokens, i, end);
            if (presto && parts.size() >= 3 && name(parts.get(0)).equals(TD_CATALOG)) {
                parts.remove(0);
            }
            String first = name(parts.get(0));
            if (hiddenDatabases.contains(first)) {
                throw new UnknownNameException("Database '" + first + "' does not exist");
            }
            join(out, parts);
            i = end;
        }
        return out;
    }

    /** The index after a chain of two or more identifiers starting at {@code i}, or -1 when none starts there. */
    private static int chainEnd(List<Token> tokens, int i) {
        if (!isIdentifier(tokens.get(i)) || (i > 0 && tokens.get(i - 1).isSymbol("."))) {
            return -1;
        }
        int j = i + 1;
        while (j + 1 < tokens.size() && tokens.get(j).isSymbol(".") && isIdentifier(tokens.get(j + 1))) {
            j += 2;
        }
        return j == i + 1 ? -1 : j;
    }

    private static List<Token> parts(List<Token> tokens, int from, int to) {
        List<Token> parts = new ArrayList<>();
        for (int k = from; k < to; k += 2) {
            parts.add(tokens.get(k));
        }
        return parts;
    }

    private static void join(List<Token> out, List<Token> parts) {
        for (int k = 0; k < parts.size(); k++) {
            if (k > 0) {
                out.add(new Token(Kind.SYMBOL, "."));
            }
            out.add(parts.get(k));
        }
    }

    private static boolean isIdentifier(Token t) {
        return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENT;
    }

    /** The name a part stands for: unquoted folded to lower case, quoted exactly. */
    static String name(Token t) {
        if (t.kind() == Kind.QUOTED_IDENT) {
            String s = t.text();
            return s.length() < 2 ? s : s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return t.text().toLowerCase(Locale.ROOT);
    }

    private static Token ident(String name) {
        return new Token(Kind.QUOTED_IDENT, '"' + name.replace("\"", "\"\"") + '"');
    }
}
