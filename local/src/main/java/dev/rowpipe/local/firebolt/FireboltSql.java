package dev.rowpipe.local.firebolt;

import dev.rowpipe.local.sql.QualifiedNames;
import dev.rowpipe.local.sql.SqlLexer;
import dev.rowpipe.local.sql.SqlLexer.Kind;
import dev.rowpipe.local.sql.SqlLexer.Token;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites one Firebolt v1 statement into DuckDB SQL: literals into standard form, FACT/DIMENSION tables into
 * plain tables without their index clauses, EXTERNAL tables into views over files under {@code <dataDir>/s3},
 * and Firebolt type names into DuckDB ones.
 */
public final class FireboltSql {

    private final Path s3Root;

    public FireboltSql(Path s3Root) {
        this.s3Root = s3Root;
    }

    /**
     * Each statement of {@code sql}, rewritten for a request to {@code database}; empty statements dropped.
     *
     * @param schemas every DuckDB schema, to tell a database used as a schema from a table alias (see
     *                {@link QualifiedNames#firebolt})
     */
    public List<String> rewrite(String sql, String database, Set<String> schemas) {
        List<String> out = new ArrayList<>();
        for (List<Token> statement : SqlLexer.statements(SqlLexer.tokenize(sql, SqlLexer.Dialect.FIREBOLT))) {
            out.add(rewriteStatement(QualifiedNames.firebolt(statement, database, schemas)));
        }
        return out;
    }

    /**
     * One statement's tokens (lexed in whatever dialect the caller speaks) rewritten for DuckDB: the Firebolt 2.0
     * engines hand their statements here after resolving their own catalog names.
     */
    public String rewriteStatement(List<Token> all) {
        List<Token> t = new ArrayList<>();
        // Where each significant token sits in the statement, so that a tail can be rendered with its spacing.
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).significant()) {
                t.add(all.get(i));
                positions.add(i);
            }
        }
        if (t.size() >= 3 && t.get(0).isWord("CREATE")) {
            if (t.get(1).isWord("EXTERNAL") && t.get(2).isWord("TABLE")) {
                return externalTable(t);
            }
            if ((t.get(1).isWord("FACT") || t.get(1).isWord("DIMENSION")) && t.get(2).isWord("TABLE")) {
                return createTable(all, t, positions, 3);
            }
            if (t.get(1).isWord("TABLE")) {
                return createTable(all, t, positions, 2);
            }
        }
        return SqlLexer.render(firebolt(all));
    }

    /**
     * Firebolt's information_schema describes the connected database only, as catalog = database and schema
     * {@code public}; DuckDB's lists every schema of its one catalog. {@code information_schema.tables} and
     * {@code .columns} become a subquery in Firebolt's shape (DuckDB type names are kept).
     */
    private static List<Token> firebolt(List<Token> all) {
        List<Token> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            if (t.isWord("information_schema") && i + 2 < all.size() && all.get(i + 1).isSymbol(".")
                    && (all.get(i + 2).isWord("tables") || all.get(i + 2).isWord("columns"))) {
                out.add(new Token(SqlLexer.Kind.WORD, "(SELECT * REPLACE (table_schema AS table_catalog, 'public' AS "
                        + "table_schema) FROM information_schema." + all.get(i + 2).text().toLowerCase(java.util.Locale.ROOT)
                        + " WHERE table_catalog = current_database() AND table_schema = current_schema())"));
                i += 2;
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** CREATE [FACT|DIMENSION] TABLE [IF NOT EXISTS] name (cols) [PRIMARY INDEX ..] [PARTITION BY ..]. */
    private String createTable(List<Token> all, List<Token> t, List<Integer> positions, int pos) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ");
        if (pos + 2 < t.size() && t.get(pos).isWord("IF") && t.get(pos + 1).isWord("NOT") && t.get(pos + 2).isWord("EXISTS")) {
            sb.append("IF NOT EXISTS ");
            pos += 3;
        }
        int[] cursor = {pos};
        sb.append(qualifiedName(t, cursor));
        pos = cursor[0];
        if (pos >= t.size() || !t.get(pos).isSymbol("(")) {
            // CREATE TABLE .. AS SELECT and other forms: the rest is a query, rendered with its own spacing (joining
            // its tokens with spaces would split operators the lexer reads one character at a time: || <= <>).
            if (pos >= t.size()) {
                return sb.toString();
            }
            return sb + " " + SqlLexer.render(firebolt(all.subList(positions.get(pos), all.size())));
        }
        List<Column> columns = new ArrayList<>();
        cursor[0] = pos;
        parseColumns(t, cursor, columns, true);
        sb.append(" (");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sb.append(i == 0 ? "" : ", ").append(c.name).append(' ').append(c.type).append(c.constraints);
        }
        sb.append(')');
        // Anything after the column list (PRIMARY INDEX, PARTITION BY) is about storage layout: DuckDB has none.
        return sb.toString();
    }

    /**
     * CREATE EXTERNAL TABLE [IF NOT EXISTS] name (cols) URL = 's3://b/p/' [CREDENTIALS = (..)]
     * OBJECT_PATTERN = '*.parquet' TYPE = (PARQUET) [SKIP_HEADER_ROWS = 1] -> a view over the local files.
     */
    private String externalTable(List<Token> t) {
        int pos = 3;
        boolean ifNotExists = false;
        if (pos + 2 < t.size() && t.get(pos).isWord("IF") && t.get(pos + 1).isWord("NOT") && t.get(pos + 2).isWord("EXISTS")) {
            ifNotExists = true;
            pos += 3;
        }
        int[] cursor = {pos};
        String name = qualifiedName(t, cursor);
        if (cursor[0] >= t.size() || !t.get(cursor[0]).isSymbol("(")) {
            throw new IllegalArgumentException("CREATE EXTERNAL TABLE " + name + ": expected a column list");
        }
        List<Column> columns = new ArrayList<>();
        parseColumns(t, cursor, columns, false);
        String url = null;
        String pattern = null;
        String type = null;
        boolean header = false;
        pos = cursor[0];
        while (pos < t.size()) {
            Token key = t.get(pos);
            if (key.kind() != Kind.WORD || pos + 1 >= t.size() || !t.get(pos + 1).isSymbol("=")) {
                throw new IllegalArgumentException("CREATE EXTERNAL TABLE " + name + ": unexpected '" + key.text() + "'");
            }
            pos += 2;
            String k = key.text().toUpperCase(Locale.ROOT);
            if (pos >= t.size()) {
                throw new IllegalArgumentException("CREATE EXTERNAL TABLE " + name + ": " + k + " has no value");
            }
            if (t.get(pos).isSymbol("(")) {
                int depth = 0;
                int valueStart = pos + 1;
                do {
                    if (t.get(pos).isSymbol("(")) {
                        depth++;
                    } else if (t.get(pos).isSymbol(")")) {
                        depth--;
                    }
                    pos++;
                } while (depth > 0 && pos < t.size());
                if (k.equals("TYPE")) {
                    type = t.get(valueStart).text().toUpperCase(Locale.ROOT);
                }
                continue;
            }
            Token value = t.get(pos++);
            switch (k) {
                case "URL":
                    url = value.text();
                    break;
                case "OBJECT_PATTERN":
                    pattern = value.text();
                    break;
                case "TYPE":
                    type = value.text().toUpperCase(Locale.ROOT);
                    break;
                case "SKIP_HEADER_ROWS":
                    header = !value.text().equals("0") && !value.text().equalsIgnoreCase("false");
                    break;
                default:
                    // Other options (COMPRESSION, credentials given inline, ...) do not change how files are read here.
                    break;
            }
        }
        if (url == null || type == null) {
            throw new IllegalArgumentException("CREATE EXTERNAL TABLE " + name + ": URL and TYPE are required");
        }
        String files = localPath(url, pattern == null ? "*" : pattern);
        StringBuilder select = new StringBuilder("SELECT ");
        StringBuilder columnSpec = new StringBuilder("{");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            select.append(i == 0 ? "" : ", ").append("CAST(").append(c.name).append(" AS ").append(c.type)
                    .append(") AS ").append(c.name);
            columnSpec.append(i == 0 ? "" : ", ").append(SqlLexer.quote(unquote(c.name))).append(": ")
                    .append(SqlLexer.quote(c.type));
        }
        columnSpec.append('}');
        String source;
        switch (type) {
            case "PARQUET":
                source = "read_parquet(" + SqlLexer.quote(files) + ")";
                break;
            case "CSV":
            case "TSV":
                source = "read_csv(" + SqlLexer.quote(files) + ", header = " + header + ", columns = " + columnSpec
                        + (type.equals("TSV") ? ", delim = '\t'" : "") + ")";
                break;
            case "JSON":
                source = "read_json(" + SqlLexer.quote(files) + ", columns = " + columnSpec + ")";
                break;
            default:
                throw new IllegalArgumentException("CREATE EXTERNAL TABLE " + name + ": TYPE " + type
                        + " is not supported (CSV, TSV, JSON, PARQUET)");
        }
        return "CREATE VIEW " + (ifNotExists ? "IF NOT EXISTS " : "") + name + " AS " + select + " FROM " + source;
    }

    private String localPath(String url, String pattern) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("s3://")) {
            throw new IllegalArgumentException("External table URL must start with s3://: " + url);
        }
        String rest = url.substring(5);
        if (rest.contains("..")) {
            throw new IllegalArgumentException("External table URL must not contain '..': " + url);
        }
        Path dir = s3Root.resolve(rest);
        String glob = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        return rest.endsWith("/") || rest.isEmpty() ? dir.toString() + "/" + glob : dir.toString() + "/" + glob;
    }

    private static String unquote(String identifier) {
        if (identifier.startsWith("\"") && identifier.endsWith("\"") && identifier.length() >= 2) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier;
    }

    private static String qualifiedName(List<Token> t, int[] cursor) {
        StringBuilder sb = new StringBuilder();
        int pos = cursor[0];
        if (pos >= t.size()) {
            throw new IllegalArgumentException("Expected a table name");
        }
        sb.append(t.get(pos++).render());
        while (pos + 1 < t.size() && t.get(pos).isSymbol(".")) {
            sb.append('.').append(t.get(pos + 1).render());
            pos += 2;
        }
        cursor[0] = pos;
        return sb.toString();
    }

    private record Column(String name, String type, String constraints) {
    }

    /** Parses {@code (name type [constraints], ...)} starting at the open paren; leaves cursor after the close. */
    private static void parseColumns(List<Token> t, int[] cursor, List<Column> out, boolean keepConstraints) {
        int pos = cursor[0] + 1;
        while (pos < t.size() && !t.get(pos).isSymbol(")")) {
            String name = t.get(pos++).render();
            int[] c = {pos};
            String type = TypeNames.toDuckDb(t, c);
            pos = c[0];
            StringBuilder constraints = new StringBuilder();
            int depth = 0;
            while (pos < t.size()) {
                Token tok = t.get(pos);
                if (depth == 0 && (tok.isSymbol(",") || tok.isSymbol(")"))) {
                    break;
                }
                if (tok.isSymbol("(")) {
                    depth++;
                } else if (tok.isSymbol(")")) {
                    depth--;
                }
                constraints.append(' ').append(tok.render());
                pos++;
            }
            out.add(new Column(name, type, keepConstraints ? constraints.toString() : ""));
            if (pos < t.size() && t.get(pos).isSymbol(",")) {
                pos++;
            }
        }
        if (pos >= t.size()) {
            throw new IllegalArgumentException("Unterminated column list");
        }
        cursor[0] = pos + 1;
    }
}
