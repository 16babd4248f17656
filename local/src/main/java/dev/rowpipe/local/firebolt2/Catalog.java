package dev.rowpipe.local.firebolt2;

import dev.rowpipe.local.Database;
import dev.rowpipe.local.sql.SqlLexer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Firebolt 2.0's {@code information_schema}, each view turned into a subquery DuckDB can run: the rows are read
 * from DuckDB's catalog (tables, columns) or from the server's own state (databases, engines, query history) and
 * inlined as {@code VALUES}, with 2.0 type names. Tables, views, columns and schemata describe the session's
 * database only (catalog = database, schema {@code public}); without a database they are empty.
 */
final class Catalog {

    static final Set<String> VIEWS = Set.of("tables", "views", "columns", "schemata", "databases", "engines",
            "engine_query_history");

    /** What a view may show to one request. */
    record Scope(String database, boolean linked, EngineRole role, QueryHistory history) {
    }

    private final Firebolt2 platform;
    private final Database database;

    Catalog(Firebolt2 platform, Database database) {
        this.platform = platform;
        this.database = database;
    }

    /** The subquery standing for {@code information_schema.<view>}. */
    String relation(String view, Scope scope) throws SQLException, Firebolt2Error {
        switch (view) {
            case "tables":
                return tables(scope);
            case "views":
                return views(scope);
            case "columns":
                return columns(scope);
            case "schemata":
                return schemata(scope);
            case "databases":
                return databases(scope);
            case "engines":
                return engines(scope);
            case "engine_query_history":
                return history(scope);
            default:
                throw Firebolt2Error.query("ObjectNotFound", "Relation information_schema." + view + " does not exist",
                        "The information_schema views are " + String.join(", ", new java.util.TreeSet<>(VIEWS)));
        }
    }

    private String tables(Scope scope) throws SQLException {
        Relation r = new Relation("table_catalog VARCHAR", "table_schema VARCHAR", "table_name VARCHAR",
                "table_type VARCHAR", "is_insertable_into VARCHAR", "number_of_rows BIGINT", "ddl VARCHAR");
        if (scope.database() != null) {
            for (Object[] t : query("SELECT table_name, 'BASE TABLE', 'YES', estimated_size, sql FROM duckdb_tables() "
                    + "WHERE database_name = current_database() AND schema_name = ? AND NOT internal "
                    + "UNION ALL SELECT view_name, 'VIEW', 'NO', NULL, sql FROM duckdb_views() "
                    + "WHERE database_name = current_database() AND schema_name = ? AND NOT internal ORDER BY 1",
                    scope.database(), scope.database())) {
                r.row(scope.database(), "public", t[0], t[1], t[2], t[3], t[4]);
            }
        }
        return r.sql();
    }

    private String views(Scope scope) throws SQLException {
        Relation r = new Relation("table_catalog VARCHAR", "table_schema VARCHAR", "table_name VARCHAR",
                "view_definition VARCHAR", "check_option VARCHAR", "is_updatable VARCHAR", "is_insertable_into VARCHAR");
        if (scope.database() != null) {
            for (Object[] v : query("SELECT view_name, sql FROM duckdb_views() WHERE database_name = current_database() "
                    + "AND schema_name = ? AND NOT internal ORDER BY 1", scope.database())) {
                r.row(scope.database(), "public", v[0], v[1], "NONE", "NO", "NO");
            }
        }
        return r.sql();
    }

    private String columns(Scope scope) throws SQLException {
        Relation r = new Relation("table_catalog VARCHAR", "table_schema VARCHAR", "table_name VARCHAR",
                "column_name VARCHAR", "ordinal_position INTEGER", "column_default VARCHAR", "is_nullable VARCHAR",
                "data_type VARCHAR", "character_maximum_length INTEGER", "numeric_precision INTEGER",
                "numeric_precision_radix INTEGER", "numeric_scale INTEGER", "datetime_precision INTEGER");
        if (scope.database() != null) {
            for (Object[] c : query("SELECT table_name, column_name, column_index, column_default, is_nullable, "
                    + "data_type, numeric_precision, numeric_scale FROM duckdb_columns() WHERE database_name = "
                    + "current_database() AND schema_name = ? AND NOT internal ORDER BY table_name, column_index",
                    scope.database())) {
                Type2 type = Type2.ofDuckDb((String) c[5]);
                boolean decimal = type.kind() == Type2.Kind.NUMERIC;
                boolean numeric = decimal || type.kind() == Type2.Kind.INT || type.kind() == Type2.Kind.BIGINT
                        || type.kind() == Type2.Kind.REAL || type.kind() == Type2.Kind.DOUBLE;
                boolean datetime = type.kind() == Type2.Kind.TIMESTAMP || type.kind() == Type2.Kind.TIMESTAMPTZ;
                r.row(scope.database(), "public", c[0], c[1], c[2], c[3],
                        Boolean.TRUE.equals(c[4]) ? "YES" : "NO", type.name(), null,
                        numeric ? c[6] : null, numeric ? (decimal ? 10 : 2) : null, numeric ? c[7] : null,
                        datetime ? 6 : null);
            }
        }
        return r.sql();
    }

    private String schemata(Scope scope) {
        Relation r = new Relation("catalog_name VARCHAR", "schema_name VARCHAR", "schema_owner VARCHAR");
        if (scope.database() != null) {
            r.row(scope.database(), "information_schema", null);
            r.row(scope.database(), "public", null);
        }
        return r.sql();
    }

    private String databases(Scope scope) throws SQLException {
        Relation r = new Relation("catalog_name VARCHAR", "database_name VARCHAR", "description VARCHAR",
                "created TIMESTAMPTZ");
        if (scope.linked()) {
            for (String db : platform.databases()) {
                r.row(db, db, "", platform.started());
            }
        }
        return r.sql();
    }

    private String engines(Scope scope) throws Firebolt2Error {
        if (scope.role() == EngineRole.CORE) {
            throw Firebolt2Error.query("ObjectNotFound", "Relation information_schema.engines does not exist on "
                    + "Firebolt Core: Core is one engine", null);
        }
        Relation r = new Relation("engine_name VARCHAR", "engine_owner VARCHAR", "type VARCHAR", "family VARCHAR",
                "nodes INTEGER", "clusters INTEGER", "status VARCHAR", "auto_start BOOLEAN", "auto_stop INTEGER",
                "url VARCHAR", "default_database VARCHAR", "version VARCHAR", "created TIMESTAMPTZ",
                "last_started TIMESTAMPTZ", "last_stopped TIMESTAMPTZ", "description VARCHAR");
        if (scope.linked()) {
            for (UserEngine e : platform.userEngines()) {
                // AUTO_STOP 0: the local engines never stop by themselves.
                r.row(e.name(), platform.settings().account(), "S", "STORAGE_OPTIMIZED", 1, 1, e.status().name(),
                        e.autoStart(), 0, e.hostPort(), null, "local", e.created(), e.lastStarted(), e.lastStopped(), "");
            }
        }
        return r.sql();
    }

    private String history(Scope scope) {
        Relation r = new Relation("account_name VARCHAR", "user_name VARCHAR", "engine_name VARCHAR",
                "database_name VARCHAR", "query_id VARCHAR", "request_id VARCHAR", "query_label VARCHAR",
                "status VARCHAR", "submitted_time TIMESTAMPTZ", "start_time TIMESTAMPTZ", "end_time TIMESTAMPTZ",
                "duration_us BIGINT", "query_text VARCHAR", "error_message VARCHAR", "returned_rows BIGINT");
        for (QueryHistory.Row h : scope.history().snapshot()) {
            r.row(h.accountName(), h.userName(), h.engineName(), h.databaseName(), h.queryId(), h.requestId(),
                    h.queryLabel(), h.status(), h.submittedTime(), h.startTime(), h.endTime(), h.durationUs(),
                    h.queryText(), h.errorMessage(), h.returnedRows());
        }
        return r.sql();
    }

    /** Whether the database has a table or view of that name. */
    boolean hasRelation(String db, String name) throws SQLException {
        return !query("SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = ? "
                + "AND lower(table_name) = lower(?) UNION ALL SELECT 1 FROM duckdb_views() WHERE database_name = "
                + "current_database() AND schema_name = ? AND lower(view_name) = lower(?)", db, name, db, name).isEmpty();
    }

    private List<Object[]> query(String sql, String... args) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (Connection c = database.connect(null); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** Rows in Java, rendered as a typed subquery: a typed empty SELECT, then the rows as VALUES. */
    private static final class Relation {
        private final String[] columns;
        private final List<String> rows = new ArrayList<>();

        Relation(String... columns) {
            this.columns = columns;
        }

        void row(Object... values) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < values.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(literal(values[i]));
            }
            rows.add(sb.append(')').toString());
        }

        String sql() {
            StringBuilder sb = new StringBuilder("(SELECT ");
            for (int i = 0; i < columns.length; i++) {
                int space = columns[i].indexOf(' ');
                sb.append(i == 0 ? "" : ", ").append("CAST(NULL AS ").append(columns[i].substring(space + 1))
                        .append(") AS ").append(columns[i], 0, space);
            }
            sb.append(" WHERE false");
            if (!rows.isEmpty()) {
                sb.append(" UNION ALL VALUES ").append(String.join(", ", rows));
            }
            return sb.append(')').toString();
        }

        private static String literal(Object v) {
            if (v == null) {
                return "NULL";
            }
            if (v instanceof Boolean) {
                return (Boolean) v ? "TRUE" : "FALSE";
            }
            if (v instanceof Number) {
                return v.toString();
            }
            if (v instanceof Instant) {
                return "TIMESTAMPTZ " + SqlLexer.quote(v.toString());
            }
            return SqlLexer.quote(v.toString());
        }
    }
}
