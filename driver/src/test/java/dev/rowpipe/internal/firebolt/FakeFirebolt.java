package dev.rowpipe.internal.firebolt;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * One MockWebServer dispatcher playing both the Firebolt API host and the engine endpoint. Routes by path; every
 * request is recorded. Defaults: login and refresh succeed, the database's default engine is this server, and
 * queries answer an empty TSV body.
 */
final class FakeFirebolt extends Dispatcher {
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    volatile String endpoint;

    FakeFirebolt() {
        routes.put("/auth/v1/login", r -> json("{\"access_token\":\"tok" + tokens.incrementAndGet()
                + "\",\"expires_in\":3600,\"refresh_token\":\"refresh-secret\",\"scope\":\"offline_access\","
                + "\"token_type\":\"Bearer\"}"));
        routes.put("/auth/v1/refresh", r -> json("{\"access_token\":\"tok" + tokens.incrementAndGet()
                + "\",\"expires_in\":3600,\"scope\":\"offline_access\",\"token_type\":\"Bearer\"}"));
        routes.put("/core/v1/account/engines:getURLByDatabaseName",
                r -> json("{\"engine_url\":\"" + endpoint + "\"}"));
        routes.put("/", r -> text(200, ""));
        routes.put("/cancel", r -> text(200, ""));
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        requests.add(request);
        Function<RecordedRequest, MockResponse> route = routes.get(request.getUrl().encodedPath());
        MockResponse response = route == null ? text(404, "no route") : route.apply(request);
        return encodeAsAsked ? encoded(request, response) : response;
    }

    /**
     * When true (the default), a successful query answer with a body is encoded as the request asks, as an engine
     * does: LZ4 blocks for {@code compress=1}, gzip for {@code Accept-Encoding: gzip}. Tests that script the
     * encoded bytes themselves turn it off.
     */
    volatile boolean encodeAsAsked = true;
    /** Uncompressed bytes per LZ4 block of {@link #encoded}: small, so rows straddle blocks. */
    volatile int blockSize = 64;

    private MockResponse encoded(RecordedRequest request, MockResponse response) {
        return AnswerEncoding.asAsked(request, response, blockSize);
    }

    List<RecordedRequest> at(String path) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    static String body(RecordedRequest r) {
        return r.getBody() == null ? "" : r.getBody().utf8();
    }

    static String node(String name, String endpoint, String status, String summary) {
        return "{\"node\":{\"name\":\"" + name + "\",\"endpoint\":\"" + endpoint + "\",\"current_status\":\""
                + status + "\",\"current_status_summary\":\"" + summary + "\"}}";
    }

    static String list(String... nodes) {
        return "{\"page\":{\"has_next_page\":false},\"edges\":[" + String.join(",", nodes) + "]}";
    }

    /** A clock that moves only when told to, or when the code under test "sleeps". */
    static final class FakePacer implements Pacer {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final List<Long> sleeps = new CopyOnWriteArrayList<>();

        @Override
        public Clock clock() {
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
        }

        @Override
        public void sleep(long millis) {
            sleeps.add(millis);
            advance(millis);
        }

        void advance(long millis) {
            now = now.plusMillis(millis);
        }
    }
}
