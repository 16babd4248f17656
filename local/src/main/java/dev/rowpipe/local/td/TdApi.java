package dev.rowpipe.local.td;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rowpipe.local.Database;
import dev.rowpipe.local.Exchanges;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Treasure Data's v3 API under {@code /v3}: databases, tables, swap, and the job lifecycle. */
public final class TdApi implements HttpHandler {

    private static final String CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC).format(java.time.Instant.parse("2024-01-01T00:00:00Z"));
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("main", "information_schema", "pg_catalog");

    private final Set<String> apiKeys;
    private final Database database;
    private final TdJobs jobs;
    private final Set<String> hiddenSchemas;

    public TdApi(Set<String> apiKeys, Database database, TdJobs jobs, List<String> fireboltDatabases) {
        this.apiKeys = Set.copyOf(apiKeys);
        this.database = database;
        this.jobs = jobs;
        this.hiddenSchemas = Set.copyOf(fireboltDatabases);
    }

    static Map<String, Object> error(String error, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("text", text);
        m.put("message", text);
        m.put("severity", "error");
        return m;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        // "TD1 KEY" is the documented form; td-client-java 1.1.1 sends the bare key, which TD accepts too.
        String key = auth == null ? null : auth.regionMatches(true, 0, "TD1 ", 0, 4) ? auth.substring(4).trim() : auth.trim();
        if (key == null || !apiKeys.contains(key)) {
            Exchanges.json(exchange, 401, error("Authentication failed",
                    "Authentication failed: a valid 'Authorization: TD1 <apikey>' header is required"));
            return;
        }
        String[] p = exchange.getRequestURI().getPath().substring(1).split("/");
        String method = exchange.getRequestMethod();
        try {
            route(exchange, p, method);
        } catch (SQLException e) {
            Exchanges.json(exchange, 500, error("Internal error", e.getMessage()));
        }
    }

    private void route(HttpExchange exchange, String[] p, String method) throws IOException, SQLException {
        // p[0] is "v3"
        if (p.length == 3 && p[1].equals("database") && p[2].equals("list") && method.equals("GET")) {
            databases(exchange);
        } else if (p.length == 4 && p[1].equals("table") && p[2].equals("list") && method.equals("GET")) {
            tables(exchange, p[3]);
        } else if (p.length == 6 && p[1].equals("table") && p[2].equals("swap") && method.equals("POST")) {
            swap(exchange, p[3], p[4], p[5]);
        } else if (p.length == 5 && p[1].equals("job") && p[2].equals("issue") && method.equals("POST")) {
            issue(exchange, p[3], p[4]);
        } else if (p.length == 4 && p[1].equals("job") && p[2].equals("status_by_domain_key")
                && method.equals("GET")) {
            TdJob job = jobs.byDomainKey(p[3]);
            if (job == null) {
                Exchanges.json(exchange, 404, error("Resource not found",
                        "No job was issued with domain_key " + p[3]));
                return;
            }
            Exchanges.json(exchange, 200, job.statusJson());
        } else if (p.length == 4 && p[1].equals("job")) {
            TdJob job = jobs.get(p[3]);
            if (job == null) {
                Exchanges.json(exchange, 404, error("Resource not found", "Job " + p[3] + " was not found"));
                return;
            }
            String url = "http://127.0.0.1:" + exchange.getLocalAddress().getPort() + "/jobs/" + job.id;
            switch (p[2] + " " + method) {
                case "status GET":
                    Exchanges.json(exchange, 200, job.statusJson());
                    break;
                case "show GET":
                    Exchanges.json(exchange, 200, job.showJson(url));
                    break;
                case "kill POST": {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("former_status", jobs.kill(job));
                    body.put("job_id", job.id);
                    Exchanges.json(exchange, 200, body);
                    break;
                }
                case "result GET":
                    result(exchange, job);
                    break;
                default:
                    notFound(exchange);
            }
        } else {
            notFound(exchange);
        }
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        Exchanges.json(exchange, 404, error("Resource not found",
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " does not exist"));
    }

    private List<String> databaseNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = database.connect(null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_name FROM information_schema.schemata "
                     + "WHERE catalog_name = current_database() ORDER BY schema_name")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!SYSTEM_SCHEMAS.contains(name) && !hiddenSchemas.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private void databases(HttpExchange exchange) throws IOException, SQLException {
        List<Object> list = new ArrayList<>();
        for (String name : databaseNames()) {
            Map<String, Object> db = new LinkedHashMap<>();
            db.put("name", name);
            db.put("count", tableCounts(name).values().stream().mapToLong(Long::longValue).sum());
            db.put("created_at", CREATED);
            db.put("updated_at", CREATED);
            db.put("permission", "administrator");
            db.put("delete_protected", false);
            list.add(db);
        }
        Exchanges.json(exchange, 200, Map.of("databases", list));
    }

    private Map<String, Long> tableCounts(String schema) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = database.connect(null);
             PreparedStatement s = c.prepareStatement("SELECT table_name, estimated_size FROM duckdb_tables() "
                     + "WHERE database_name = current_database() AND schema_name = ? ORDER BY table_name")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private void tables(HttpExchange exchange, String db) throws IOException, SQLException {
        if (!databaseNames().contains(db)) {
            Exchanges.json(exchange, 404, error("Resource not found", "Database '" + db + "' does not exist"));
            return;
        }
        Map<String, Long> counts = tableCounts(db);
        Map<String, List<List<String>>> schemas = new LinkedHashMap<>();
        try (Connection c = database.connect(null);
             PreparedStatement s = c.prepareStatement("SELECT table_name, column_name, data_type FROM information_schema.columns "
                     + "WHERE table_catalog = current_database() AND table_schema = ? ORDER BY table_name, ordinal_position")) {
            s.setString(1, db);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(2);
                    List<List<String>> cols = schemas.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    // `time` is implicit in every TD log table: it is not listed in the schema.
                    if (!column.equals("time")) {
                        cols.add(List.of(column, TdTypes.tableType(rs.getString(3))));
                    }
                }
            }
        }
        List<Object> tables = new ArrayList<>();
        long id = 1;
        for (Map.Entry<String, Long> t : counts.entrySet()) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("id", id++);
            table.put("name", t.getKey());
            table.put("type", "log");
            table.put("count", t.getValue());
            table.put("estimated_storage_size", t.getValue() * 100);
            table.put("schema", Exchanges.JSON.writeValueAsString(schemas.getOrDefault(t.getKey(), List.of())));
            table.put("created_at", CREATED);
            table.put("updated_at", CREATED);
            table.put("last_log_timestamp", null);
            table.put("expire_days", null);
            table.put("include_v", true);
            table.put("counter_updated_at", CREATED);
            tables.add(table);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("database", db);
        body.put("tables", tables);
        Exchanges.json(exchange, 200, body);
    }

    private void swap(HttpExchange exchange, String db, String t1, String t2) throws IOException, SQLException {
        Map<String, Long> counts = databaseNames().contains(db) ? tableCounts(db) : Map.of();
        if (!counts.containsKey(t1) || !counts.containsKey(t2)) {
            Exchanges.json(exchange, 404, error("Resource not found",
                    "Table '" + db + "." + (counts.containsKey(t1) ? t2 : t1) + "' does not exist"));
            return;
        }
        String tmp = "__rowpipe_swap_" + System.nanoTime();
        try (Connection c = database.connect(db); Statement s = c.createStatement()) {
            s.execute("BEGIN TRANSACTION");
            try {
                s.execute("ALTER TABLE " + ident(t1) + " RENAME TO " + ident(tmp));
                s.execute("ALTER TABLE " + ident(t2) + " RENAME TO " + ident(t1));
                s.execute("ALTER TABLE " + ident(tmp) + " RENAME TO " + ident(t2));
                s.execute("COMMIT");
            } catch (SQLException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("database", db);
        body.put("table1", t1);
        body.put("table2", t2);
        Exchanges.json(exchange, 200, body);
    }

    private static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private void issue(HttpExchange exchange, String type, String db) throws IOException, SQLException {
        if (!type.equals("hive") && !type.equals("presto") && !type.equals("trino")) {
            Exchanges.json(exchange, 400, error("Invalid job type", "Job type '" + type + "' is not supported (hive, presto, trino)"));
            return;
        }
        if (!databaseNames().contains(db)) {
            Exchanges.json(exchange, 404, error("Resource not found", "Database '" + db + "' does not exist"));
            return;
        }
        Map<String, String> form = Exchanges.query(exchange);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String body = Exchanges.body(exchange);
        if (contentType != null && contentType.startsWith("application/json")) {
            Map<?, ?> json = body.isBlank() ? Map.of() : Exchanges.JSON.readValue(body, Map.class);
            for (Map.Entry<?, ?> e : json.entrySet()) {
                form.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
        } else {
            form.putAll(Exchanges.parseForm(body));
        }
        String query = form.get("query");
        if (query == null || query.isBlank()) {
            Exchanges.json(exchange, 422, error("Query is required", "Parameter 'query' is required"));
            return;
        }
        int priority;
        int retryLimit;
        try {
            priority = Integer.parseInt(form.getOrDefault("priority", "0"));
            retryLimit = Integer.parseInt(form.getOrDefault("retry_limit", "0"));
        } catch (NumberFormatException e) {
            Exchanges.json(exchange, 422, error("Invalid parameter", "priority and retry_limit must be integers"));
            return;
        }
        if (priority < -2 || priority > 2) {
            Exchanges.json(exchange, 422, error("Invalid parameter", "priority must be within -2..2: " + priority));
            return;
        }
        String domainKey = form.get("domain_key");
        if (domainKey != null && domainKey.isBlank()) {
            domainKey = null;
        }
        TdJobs.Issued issued = jobs.issue(type, db, query, priority, retryLimit, form.get("pool_name"), domainKey);
        TdJob job = issued.job();
        if (issued.conflict()) {
            // TD's answer to a reused domain_key: 409, naming the job that holds it (td-client reads conflicts_with).
            Map<String, Object> taken = error("Domain key already exists",
                    "A job with domain_key " + domainKey + " already exists: job " + job.id);
            taken.put("details", Map.of("conflicts_with", job.id));
            Exchanges.json(exchange, 409, taken);
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_id", job.id);
        out.put("type", type);
        out.put("database", db);
        out.put("url", "http://127.0.0.1:" + exchange.getLocalAddress().getPort() + "/jobs/" + job.id);
        Exchanges.json(exchange, 200, out);
    }

    private void result(HttpExchange exchange, TdJob job) throws IOException {
        String format = Exchanges.query(exchange).getOrDefault("format", "tsv");
        if (!ResultFormats.FORMATS.contains(format)) {
            Exchanges.json(exchange, 422, error("Invalid format", "format must be one of " + ResultFormats.FORMATS + ": '" + format + "'"));
            return;
        }
        if (!job.status().equals("success") || !Files.exists(jobs.resultFile(job))) {
            Exchanges.json(exchange, 404, error("Resource not found",
                    "Job " + job.id + " has no result (status: " + job.status() + ")"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", ResultFormats.contentType(format));
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16);
        ResultFormats.write(jobs.resultFile(job), job.decimalColumns(), format, out);
        out.close();
    }
}
