package dev.rowpipe.internal.firebolt;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * One MockWebServer dispatcher playing the Firebolt 2.0 id host ({@code /oauth/token}), api host
 * ({@code /web/v3/account/acct/engineUrl}), the system engine ({@code /query}) and a user engine ({@code /}), routed
 * by path; every request is recorded. The system engine answers {@code USE DATABASE} and {@code USE ENGINE} with the
 * session headers the platform sends; everything else answers an empty TSV body unless a test replaces the route.
 */
final class FakeFirebolt2 extends Dispatcher {
    static final String ACCOUNT_ID = "acc-1";

    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    final AtomicLong tokens = new AtomicLong();
    volatile long expiresIn = 86_400;
    /** host:port of this server, set by the test. */
    volatile String hostPort;

    FakeFirebolt2() {
        routes.put("/oauth/token", r -> json("{\"access_token\":\"tok" + tokens.incrementAndGet()
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}"));
        routes.put("/web/v3/account/acct/engineUrl",
                r -> json("{\"engineUrl\":\"" + hostPort + "/query?account_id=" + ACCOUNT_ID + "\"}"));
        routes.put("/query", this::systemEngine);
        routes.put("/", r -> text(200, ""));
        routes.put("/cancel", r -> text(200, ""));
    }

    private MockResponse systemEngine(RecordedRequest r) {
        String sql = body(r);
        if (sql.startsWith("USE DATABASE ")) {
            return new MockResponse.Builder().code(200)
                    .addHeader("Firebolt-Update-Parameters", "database=" + unquote(sql.substring(13))).build();
        }
        if (sql.startsWith("USE ENGINE ")) {
            String engine = unquote(sql.substring(11));
            return new MockResponse.Builder().code(200).addHeader("Firebolt-Reset-Session", "")
                    .addHeader("Firebolt-Update-Endpoint", hostPort + "?engine=" + engine + "&account_id=" + ACCOUNT_ID)
                    .build();
        }
        return text(200, "");
    }

    private static String unquote(String name) {
        String n = name.strip();
        return n.startsWith("\"") ? n.substring(1, n.length() - 1).replace("\"\"", "\"") : n;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        Function<RecordedRequest, MockResponse> route = routes.get(request.getUrl().encodedPath());
        MockResponse response = route == null ? text(404, "no route") : route.apply(request);
        return encodeAsAsked ? AnswerEncoding.asAsked(request, response, blockSize) : response;
    }

    /** As {@link FakeFirebolt#encodeAsAsked}: answers encoded as the request asks, as an engine does. */
    volatile boolean encodeAsAsked = true;
    volatile int blockSize = 64;

    List<RecordedRequest> at(String path) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
    }

    /** Requests to the engine at {@code path} whose SQL starts with {@code prefix}. */
    List<RecordedRequest> sql(String path, String prefix) {
        return at(path).stream().filter(r -> body(r).startsWith(prefix)).toList();
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    /** A 2.0 error body. */
    static MockResponse error(int status, String code, String name, String description, String resolution) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body("{\"query\":{\"query_id\":\"qid-9\",\"request_id\":\"r\",\"query_label\":null},\"errors\":[{"
                        + "\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"severity\":\"ERROR\",\"source\":\"User "
                        + "Error\",\"description\":\"" + description.replace("\"", "\\\"") + "\",\"resolution\":"
                        + (resolution == null ? "null" : "\"" + resolution + "\"")
                        + ",\"helpLink\":null,\"location\":null}]}")
                .build();
    }

    static String body(RecordedRequest r) {
        return r.getBody() == null ? "" : r.getBody().utf8();
    }
}
