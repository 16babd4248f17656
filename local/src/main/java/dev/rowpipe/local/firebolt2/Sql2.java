package dev.rowpipe.local.firebolt2;

import dev.rowpipe.local.Database;
import dev.rowpipe.local.firebolt.FireboltSql;
import dev.rowpipe.local.sql.QualifiedNames;
import dev.rowpipe.local.sql.SqlLexer;
import dev.rowpipe.local.sql.SqlLexer.Kind;
import dev.rowpipe.local.sql.SqlLexer.Token;
import dev.rowpipe.local.sql.UnknownNameException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A 2.0 query statement rewritten for DuckDB: qualified names are read as Firebolt reads them
 * ({@link QualifiedNames#firebolt}: {@code public.t} and {@code db.public.t} name the session database's DuckDB
 * schema, another database's tables do not exist), {@code information_schema.<view>} (optionally qualified by the
 * database) becomes the {@link Catalog}'s subquery, and the rest goes through the v1 rewriter ({@link FireboltSql})
 * for Firebolt DDL. The system engine resolves no table names at all.
 */
final class Sql2 {

    /** Words after a relation that start the next clause rather than name an alias. */
    private static final Set<String> CLAUSE_WORDS = Set.of("WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER",
            "FULL", "CROSS", "NATURAL", "POSITIONAL", "ASOF", "ANTI", "SEMI", "ON", "USING", "GROUP", "ORDER",
            "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "HAVING", "WINDOW", "QUALIFY", "FETCH");

    private final FireboltSql ddl;
    private final Catalog catalog;
    private final Database database;

    Sql2(FireboltSql ddl, Catalog catalog, Database database) {
        this.ddl = ddl;
        this.catalog = catalog;
        this.database = database;
    }

    String toDuckDb(Statement2 statement, Catalog.Scope scope, List<String> databases)
            throws Firebolt2Error, SQLException {
        List<Token> in = statement.tokens();
        if (scope.role() != EngineRole.SYSTEM && scope.database() != null) {
            try {
                in = QualifiedNames.firebolt(in, scope.database(), database.schemas());
            } catch (UnknownNameException e) {
                throw new Firebolt2Error(400, "400", "ObjectNotFound", "Planner", e.getMessage(), null, null);
            }
        }
        List<Token> out = new ArrayList<>(in.size());
        List<Integer> significantOut = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Token t = in.get(i);
            if (!t.significant()) {
                out.add(t);
                continue;
            }
            int dot = next(in, i);
            int member = dot < 0 ? -1 : next(in, dot);
            boolean qualifies = dot >= 0 && in.get(dot).isSymbol(".") && member >= 0 && isName(in.get(member));
            if (qualifies && is(t, "information_schema")) {
                String view = Statement2.identifier(in.get(member));
                dropDatabaseQualifier(out, significantOut, databases);
                significantOut.add(out.size());
                String relation = catalog.relation(view, scope);
                int after = next(in, member);
                boolean aliased = after >= 0 && (in.get(after).kind() == Kind.QUOTED_IDENT
                        || in.get(after).kind() == Kind.WORD
                        && !CLAUSE_WORDS.contains(in.get(after).text().toUpperCase(Locale.ROOT)));
                out.add(new Token(Kind.WORD, aliased ? relation : relation + " AS " + view));
                i = member;
            } else {
                if (scope.role() == EngineRole.SYSTEM && qualifies && isName(t) && !is(in.get(member), "information_schema")
                        && databases.contains(Statement2.identifier(t))) {
                    throw SystemEngine.refusesTable(Statement2.identifier(t) + "." + Statement2.identifier(in.get(member)));
                }
                significantOut.add(out.size());
                out.add(t);
            }
        }
        return ddl.rewriteStatement(out);
    }

    /** Removes a preceding {@code db .} when db is a database: {@code db.information_schema.v} is the view. */
    private static void dropDatabaseQualifier(List<Token> out, List<Integer> significantOut, List<String> databases)
            throws Firebolt2Error {
        int n = significantOut.size();
        if (n >= 2 && out.get(significantOut.get(n - 1)).isSymbol(".") && isName(out.get(significantOut.get(n - 2)))
                && databases.contains(Statement2.identifier(out.get(significantOut.get(n - 2))))) {
            int from = significantOut.get(n - 2);
            out.subList(from, out.size()).clear();
            significantOut.remove(n - 1);
            significantOut.remove(n - 2);
        }
    }

    private static int next(List<Token> tokens, int i) {
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).significant()) {
                return j;
            }
        }
        return -1;
    }

    private static boolean isName(Token t) {
        return t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENT;
    }

    private static boolean is(Token t, String lowerName) {
        return t.kind() == Kind.WORD ? t.text().equalsIgnoreCase(lowerName)
                : t.kind() == Kind.QUOTED_IDENT && t.text().equals('"' + lowerName + '"');
    }

    /** How 2.0 reads literals: standard strings unless the session turned standard_conforming_strings off. */
    static SqlLexer.Dialect dialect(String standardConformingStrings) {
        return standardConformingStrings != null && Boolean.FALSE.equals(SessionParameters.bool(standardConformingStrings))
                ? SqlLexer.Dialect.FIREBOLT : SqlLexer.Dialect.STANDARD;
    }
}
