package dev.rowpipe.internal.td;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowpipe.api.TreasureDataApi;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.http.CancelCalls;
import dev.rowpipe.internal.http.HttpErrors;
import dev.rowpipe.internal.http.HttpFailure;
import dev.rowpipe.internal.http.HttpRequestSpec;
import dev.rowpipe.internal.http.HttpRequestSpec.RetryMode;
import dev.rowpipe.internal.http.HttpResponseStream;
import dev.rowpipe.internal.http.HttpTransport;
import dev.rowpipe.internal.http.RequestHandle;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ProgressReporter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Treasure Data REST v3 protocol: one method per endpoint, each sending {@code Authorization: TD1 <key>} and
 * turning non-2xx answers into SQLExceptions that carry TD's own error text but never the key. Knows nothing of
 * JDBC beyond SQLException. Thread-safe.
 */
public final class TdClient {
    private static final Logger LOG = Logger.getLogger(TdClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Control-plane answers are small; {@code job/show} carries logs and gets more room. */
    private static final int MAX_BODY = 16 << 20;
    private static final int MAX_SHOW_BODY = 64 << 20;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final HttpTransport transport;
    private final String baseUri;
    private final String apiKey;
    private final List<Map.Entry<String, String>> headers;
    private final CancelCalls cancels;

    /**
     * @param baseUri scheme, host and optional port, without a trailing slash,
     *                e.g. {@code https://api.treasuredata.com}
     */
    public TdClient(HttpTransport transport, String baseUri, String apiKey) {
        this.transport = transport;
        this.baseUri = baseUri;
        this.apiKey = apiKey;
        this.headers = List.of(new AbstractMap.SimpleImmutableEntry<>("Authorization", "TD1 " + apiKey),
                new AbstractMap.SimpleImmutableEntry<>("Accept", "application/json"));
        this.cancels = new CancelCalls(transport);
    }

    /** Where the session's {@code job/kill} calls are sent from; it closes the transport once they are over. */
    CancelCalls cancels() {
        return cancels;
    }

    /**
     * A finished-or-not job as {@code /v3/job/show} reports it.
     *
     * @param figures what the job reports of its work ({@code duration}, {@code num_records}, ...)
     */
    public record JobDetails(String status, List<ColumnInfo> resultSchema, long numRecords, String stderr,
                             ProgressReporter.Figures figures) { }

    /** One {@code /v3/job/status} answer: the status and what the job reports of its work. */
    record StatusPoll(TreasureDataApi.JobStatus status, ProgressReporter.Figures figures) { }

    public List<TreasureDataApi.Database> listDatabases(RequestHandle handle) throws SQLException {
        JsonNode body = getJson("database list", "/v3/database/list", handle);
        List<TreasureDataApi.Database> out = new ArrayList<>();
        for (JsonNode db : body.path("databases")) {
            String name = text(db, "name");
            if (name != null) {
                out.add(new TreasureDataApi.Database(name, db.path("count").asLong(-1)));
            }
        }
        return out;
    }

    List<TdTable> listTables(String database, RequestHandle handle) throws SQLException {
        return tables(database, readJson(tableList(database), handle, MAX_BODY, false));
    }

    /** As {@link #listTables}, but empty when TD answers that the database does not exist (HTTP 404). */
    Optional<List<TdTable>> listTablesIfExists(String database, RequestHandle handle) throws SQLException {
        JsonNode body = readJson(tableList(database), handle, MAX_BODY, true);
        return body == null ? Optional.empty() : Optional.of(tables(database, body));
    }

    private HttpRequestSpec tableList(String database) {
        return request("GET", "/v3/table/list/" + segment(database), null, null, RetryMode.IDEMPOTENT,
                "Treasure Data table list of database '" + database + "'");
    }

    private static List<TdTable> tables(String database, JsonNode body) {
        List<TdTable> out = new ArrayList<>();
        for (JsonNode t : body.path("tables")) {
            String name = text(t, "name");
            if (name == null) {
                continue;
            }
            List<ColumnInfo> columns = new ArrayList<>();
            JsonNode schema = parseEmbeddedJson(t.get("schema"));
            for (JsonNode column : schema == null ? JSON.createArrayNode() : schema) {
                if (column.isArray() && column.size() >= 2) {
                    // An optional third element is an alias used by TD's importers, not a column name.
                    columns.add(new ColumnInfo(column.get(0).asText(),
                            TdTypes.parseTableType(column.get(1).asText())));
                }
            }
            out.add(new TdTable(database, name, text(t, "type"), t.path("count").asLong(-1), columns));
        }
        return out;
    }

    public void swapTables(String database, String table1, String table2, RequestHandle handle) throws SQLException {
        String path = "/v3/table/swap/" + segment(database) + "/" + segment(table1) + "/" + segment(table2);
        HttpRequestSpec spec = request("POST", path, new byte[0], FORM, RetryMode.NOT_IDEMPOTENT,
                "Treasure Data table swap of " + database + "." + table1 + " and " + table2);
        readJson(spec, handle, MAX_BODY);
    }

    /**
     * Issues a job at most once. The request carries {@code domain_key}, TD's idempotency key, and goes out as
     * NOT_IDEMPOTENT: the transport sends it again only after an answer that says it was not done (a refused
     * connection, 408, 429, 503). When the answer may have been lost after TD took the request (the exchange broke,
     * or a gateway answered 502/504), the job is looked up by its key ({@code GET
     * /v3/job/status_by_domain_key/KEY}) and that job is the statement's; only when TD knows no job of that key is
     * the same request sent again, at most {@code retries} times. A 409 (the key is taken: an earlier attempt did
     * create the job) names the job in {@code details.conflicts_with}, or the lookup finds it.
     *
     * @param domainKey unique per statement execution
     * @return the job id
     */
    public String issueJob(String type, String database, String query, TdJobOptions job, String domainKey,
                           RequestHandle handle) throws SQLException {
        StringBuilder form = new StringBuilder();
        form.append("query=").append(URLEncoder.encode(query, StandardCharsets.UTF_8));
        form.append("&priority=").append(job.priority());
        if (job.retryLimit() != null) {
            form.append("&retry_limit=").append(job.retryLimit());
        }
        if (job.poolName() != null) {
            form.append("&pool_name=").append(URLEncoder.encode(job.poolName(), StandardCharsets.UTF_8));
        }
        if (job.engineVersion() != null) {
            form.append("&engine_version=").append(URLEncoder.encode(job.engineVersion(), StandardCharsets.UTF_8));
        }
        form.append("&domain_key=").append(URLEncoder.encode(domainKey, StandardCharsets.UTF_8));
        HttpRequestSpec spec = request("POST", "/v3/job/issue/" + segment(type) + "/" + segment(database),
                form.toString().getBytes(StandardCharsets.UTF_8), FORM, RetryMode.NOT_IDEMPOTENT,
                "Treasure Data " + type + " job issue on database '" + database + "'");
        int resent = 0;
        while (true) {
            String lost;
            HttpFailure broken = null;
            try {
                HttpResponseStream response = transport.send(spec, handle);
                int status = response.status();
                if (response.isSuccess()) {
                    return issuedJobId(spec, answer(spec, response, MAX_BODY, false));
                }
                if (status == 409) {
                    return conflictingJob(spec, response, domainKey, handle);
                }
                if (status != 502 && status != 504) {
                    throw failure(spec, response);
                }
                response.close();
                lost = "HTTP " + status;
            } catch (HttpFailure e) {
                if (e.kind() != HttpFailure.Kind.BROKEN) {
                    throw e.toSqlException();
                }
                broken = e;
                lost = e.getMessage();
            }
            Optional<String> found = jobIdByDomainKey(domainKey, handle);
            if (found.isPresent()) {
                LOG.log(Level.FINE, "{0}: the answer was lost ({1}); found job {2} by its domain_key",
                        new Object[] {spec.description(), lost, found.get()});
                return found.get();
            }
            if (resent >= transport.retries()) {
                throw SqlState.COMMUNICATION_ERROR.exception(spec.description() + " got no answer after "
                        + (resent + 1) + " attempts (" + lost + ") and Treasure Data knows no job of its domain_key "
                        + domainKey, broken);
            }
            resent++;
            LOG.log(Level.FINE, "{0}: the answer was lost ({1}) and no job has its domain_key; sending it again",
                    new Object[] {spec.description(), lost});
        }
    }

    private static String issuedJobId(HttpRequestSpec spec, JsonNode body) throws SQLException {
        String id = text(body, "job_id");
        if (id == null || id.isEmpty()) {
            throw SqlState.COMMUNICATION_ERROR.exception(
                    "Treasure Data job issue on " + spec.endpoint() + " returned no job_id");
        }
        return id;
    }

    /** A 409 to an issue: the domain key is taken, by the job an earlier attempt of this very request created. */
    private String conflictingJob(HttpRequestSpec spec, HttpResponseStream response, String domainKey,
                                  RequestHandle handle) throws SQLException {
        String body;
        try {
            body = response.readText();
        } catch (IOException e) {
            body = "";
        }
        String id = null;
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null) {
                id = text(node.path("details"), "conflicts_with");
            }
        } catch (IOException e) {
            // Not JSON: the lookup below decides.
        }
        if (id == null || id.isBlank()) {
            id = jobIdByDomainKey(domainKey, handle).orElse(null);
        }
        if (id == null || id.isBlank()) {
            throw HttpErrors.refused(409, spec.description() + " failed: HTTP 409 from " + spec.endpoint()
                    + (body.isBlank() ? "" : ": " + redact(errorText(body))));
        }
        LOG.log(Level.FINE, "{0}: its domain_key is taken by job {1}, issued by an earlier attempt",
                new Object[] {spec.description(), id});
        return id;
    }

    /** The job issued with {@code domainKey}, or empty when TD knows none (404). */
    Optional<String> jobIdByDomainKey(String domainKey, RequestHandle handle) throws SQLException {
        HttpRequestSpec spec = request("GET", "/v3/job/status_by_domain_key/" + segment(domainKey), null, null,
                RetryMode.IDEMPOTENT, "Treasure Data job lookup by domain_key " + domainKey);
        JsonNode body = readJson(spec, handle, MAX_BODY, true);
        String id = body == null ? null : text(body, "job_id");
        return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    public TreasureDataApi.JobStatus jobStatus(String jobId, RequestHandle handle) throws SQLException {
        return pollStatus(jobId, handle).status();
    }

    StatusPoll pollStatus(String jobId, RequestHandle handle) throws SQLException {
        JsonNode body = getJson("job status of job " + jobId, "/v3/job/status/" + segment(jobId), handle);
        return new StatusPoll(new TreasureDataApi.JobStatus(jobId, text(body, "status"), text(body, "created_at"),
                text(body, "start_at"), text(body, "end_at"), body.path("num_records").asLong(-1)), figures(body));
    }

    /** {@code duration} (seconds), {@code num_records}, {@code result_size} (bytes), {@code cpu_time}, when given. */
    private static ProgressReporter.Figures figures(JsonNode body) {
        JsonNode duration = body.get("duration");
        return new ProgressReporter.Figures(
                duration != null && duration.isNumber() && duration.asDouble() >= 0
                        ? Duration.ofMillis(Math.round(duration.asDouble() * 1000)) : null,
                -1, -1, count(body, "num_records"), count(body, "result_size"), count(body, "cpu_time"));
    }

    private static long count(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v != null && v.canConvertToLong() && v.asLong() >= 0 ? v.asLong() : -1;
    }

    public JobDetails showJob(String jobId, RequestHandle handle) throws SQLException {
        HttpRequestSpec spec = request("GET", "/v3/job/show/" + segment(jobId), null, null, RetryMode.IDEMPOTENT,
                "Treasure Data job show of job " + jobId);
        JsonNode body = readJson(spec, handle, MAX_SHOW_BODY);
        String status = text(body, "status");
        List<ColumnInfo> schema = null;
        JsonNode rawSchema = body.get("hive_result_schema");
        // Only a finished job's schema means anything; while it runs the field is empty or absent.
        if (rawSchema != null && !rawSchema.isNull() && "success".equalsIgnoreCase(status)) {
            schema = new ArrayList<>();
            JsonNode columns = parseEmbeddedJson(rawSchema);
            if (columns == null) {
                // A schema we cannot read must not turn a query result into an update count.
                throw SqlState.COMMUNICATION_ERROR.exception(
                        spec.description() + ": hive_result_schema is not a JSON array of "
                        + "[name, type] pairs");
            }
            for (JsonNode column : columns) {
                if (column.isArray() && column.size() >= 2) {
                    schema.add(new ColumnInfo(column.get(0).asText(), TdTypes.parse(column.get(1).asText())));
                }
            }
        }
        JsonNode records = body.get("num_records");
        long numRecords = records != null && records.canConvertToLong() ? records.asLong() : -1;
        String stderr = text(body.path("debug"), "stderr");
        return new JobDetails(status, schema, numRecords, stderr == null ? null : redact(stderr), figures(body));
    }

    /** Asks TD to kill a job; returns its former status (null when not reported). */
    public String killJob(String jobId, RequestHandle handle) throws SQLException {
        HttpRequestSpec spec = request("POST", "/v3/job/kill/" + segment(jobId), new byte[0], FORM,
                RetryMode.IDEMPOTENT, "Treasure Data job kill of job " + jobId);
        return text(readJson(spec, handle, MAX_BODY), "former_status");
    }

    /**
     * Opens the result download. The caller owns the returned stream. Never retried once the response started:
     * a download that fails part way is an error, not a reason to send rows twice.
     */
    public HttpResponseStream jobResult(String jobId, String format, RequestHandle handle) throws SQLException {
        HttpRequestSpec spec = request("GET", "/v3/job/result/" + segment(jobId) + "?format="
                        + URLEncoder.encode(format, StandardCharsets.UTF_8), null, null, RetryMode.IDEMPOTENT,
                "Treasure Data result download of job " + jobId);
        HttpResponseStream response = send(spec, handle);
        if (!response.isSuccess()) {
            throw failure(spec, response);
        }
        return response;
    }

    /** True when {@code /v3/database/list} answers 200. */
    public boolean ping(RequestHandle handle) {
        try (HttpResponseStream response = transport.send(request("GET", "/v3/database/list", null, null,
                RetryMode.NEVER, "Treasure Data liveness check"), handle)) {
            return response.status() == 200;
        } catch (HttpFailure e) {
            return false;
        }
    }

    private JsonNode getJson(String what, String path, RequestHandle handle) throws SQLException {
        return readJson(request("GET", path, null, null, RetryMode.IDEMPOTENT, "Treasure Data " + what), handle,
                MAX_BODY);
    }

    private HttpRequestSpec request(String method, String pathAndQuery, byte[] body, String contentType,
                                    RetryMode retry, String description) {
        return new HttpRequestSpec(method, URI.create(baseUri + pathAndQuery), headers, body, contentType, retry,
                description);
    }

    /** Sends through the transport; a request that got no answer fails here, once, as the driver reports it. */
    private HttpResponseStream send(HttpRequestSpec spec, RequestHandle handle) throws SQLException {
        try {
            return transport.send(spec, handle);
        } catch (HttpFailure e) {
            throw e.toSqlException();
        }
    }

    private JsonNode readJson(HttpRequestSpec spec, RequestHandle handle, int limit) throws SQLException {
        return readJson(spec, handle, limit, false);
    }

    /** The JSON object answered; with {@code missingIsNull}, null when the answer is 404. */
    private JsonNode readJson(HttpRequestSpec spec, RequestHandle handle, int limit, boolean missingIsNull)
            throws SQLException {
        return answer(spec, send(spec, handle), limit, missingIsNull);
    }

    /** Reads a response as a JSON object and closes it; non-2xx is an SQLException (404 null if asked). */
    private JsonNode answer(HttpRequestSpec spec, HttpResponseStream response, int limit, boolean missingIsNull)
            throws SQLException {
        if (missingIsNull && response.status() == 404) {
            response.close();
            return null;
        }
        if (!response.isSuccess()) {
            throw failure(spec, response);
        }
        byte[] bytes;
        try {
            bytes = response.readAll(limit);
        } catch (IOException e) {
            throw SqlState.COMMUNICATION_ERROR.exception(spec.description() + " failed reading the answer from "
                    + spec.endpoint() + ": " + e.getMessage(), e);
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw SqlState.COMMUNICATION_ERROR.exception(
                    spec.description() + ": " + spec.endpoint() + " answered with malformed JSON ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private SQLException failure(HttpRequestSpec spec, HttpResponseStream response) {
        int status = response.status();
        String body;
        try {
            body = response.readText();
        } catch (IOException e) {
            body = "";
        }
        String detail = redact(errorText(body));
        if (status == 401 || status == 403) {
            detail = "the API key was rejected" + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
        return HttpErrors.refused(status, spec.description() + " failed: HTTP " + status + " from "
                + spec.endpoint() + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** TD's error bodies are {@code {"error","text","message"}}; anything else is shown as (short) text. */
    static String errorText(String body) {
        String trimmed = body.trim();
        if (trimmed.isEmpty()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            if (node != null && node.isObject()) {
                Set<String> parts = new LinkedHashSet<>();
                for (String field : new String[] {"error", "message", "text"}) {
                    String v = text(node, field);
                    if (v != null && !v.isBlank()) {
                        parts.add(v.trim());
                    }
                }
                if (!parts.isEmpty()) {
                    return String.join(": ", parts);
                }
            }
        } catch (IOException e) {
            // Not JSON (a proxy's HTML page, say): fall through to the raw text.
        }
        return trimmed.length() > 500 ? trimmed.substring(0, 500) + "..." : trimmed;
    }

    /** A server that echoes the request must not put the key into an exception message. */
    private String redact(String text) {
        String out = apiKey.isEmpty() ? text : text.replace(apiKey, "***");
        // Also the secret half alone (after the '/'), in case a server prints only that.
        int slash = apiKey.indexOf('/');
        if (slash >= 0 && apiKey.length() - slash > 8) {
            out = out.replace(apiKey.substring(slash + 1), "***");
        }
        return HttpErrors.maskCredentials(out);
    }

    /**
     * The {@code schema} and {@code hive_result_schema} fields are JSON arrays encoded inside a JSON string.
     * Returns an empty array for a missing or blank field and null for one that is not a JSON array.
     */
    private static JsonNode parseEmbeddedJson(JsonNode field) {
        if (field == null || field.isNull() || (field.isTextual() && field.asText().isBlank())) {
            return JSON.createArrayNode();
        }
        if (field.isArray()) {
            return field;
        }
        try {
            JsonNode parsed = JSON.readTree(field.asText());
            return parsed != null && parsed.isArray() ? parsed : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Percent-encodes one path segment ({@code /} included, spaces as %20). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
