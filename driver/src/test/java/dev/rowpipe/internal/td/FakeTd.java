package dev.rowpipe.internal.td;

import dev.rowpipe.internal.settings.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A scripted Treasure Data server: per path, a queue of answers (the last one repeats), every request recorded.
 * Also builds sessions against it with a fake clock and a sleeper that records delays instead of waiting.
 */
final class FakeTd extends Dispatcher {
    static final String KEY = "123/0123456789abcdef0123456789abcdef01234567";

    private final Map<String, ConcurrentLinkedDeque<MockResponse>> answers = new ConcurrentHashMap<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final List<Long> delays = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong clockNanos = new AtomicLong();
    private final List<TdSession> sessions = new CopyOnWriteArrayList<>();

    FakeTd on(String path, MockResponse... responses) {
        answers.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(responses));
        return this;
    }

    FakeTd onJson(String path, String... bodies) {
        for (String b : bodies) {
            on(path, json(200, b));
        }
        return this;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = request.getUrl().encodedPath();
        ConcurrentLinkedDeque<MockResponse> queue = answers.get(path);
        if (queue == null) {
            // A script for "/prefix/*" answers every path under the prefix (ids the driver makes up itself).
            queue = answers.get(path.substring(0, path.lastIndexOf('/') + 1) + "*");
        }
        if (queue == null || queue.isEmpty()) {
            return json(404, "{\"error\":\"Not Found\",\"text\":\"no script for " + request.getUrl().encodedPath()
                    + "\"}");
        }
        MockResponse next = queue.size() > 1 ? queue.pollFirst() : queue.peekFirst();
        return next;
    }

    List<String> paths() {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r : requests) {
            out.add(r.getMethod() + " " + r.getUrl().encodedPath());
        }
        return out;
    }

    RecordedRequest last(String path) {
        RecordedRequest found = null;
        for (RecordedRequest r : requests) {
            if (r.getUrl().encodedPath().equals(path)) {
                found = r;
            }
        }
        return found;
    }

    /** A fake sleeper: records the delay, advances the fake clock, never waits. */
    TdPolling.Sleeper recordingSleeper() {
        return (handle, millis) -> {
            delays.add(millis);
            clockNanos.addAndGet(millis * 1_000_000L);
            return !handle.isCancelled();
        };
    }

    TdSession session(MockWebServer server, String params) throws Exception {
        return session(server, params, recordingSleeper());
    }

    TdSession session(MockWebServer server, String params, TdPolling.Sleeper sleeper) throws Exception {
        server.setDispatcher(this);
        TdBackend backend = new TdBackend(sleeper, clockNanos::get);
        Properties info = new Properties();
        info.setProperty("apikey", KEY);
        info.setProperty("retry_backoff_ms", "1");
        Settings settings = Settings.build(backend.parseUrl("jdbc:td://" + server.getHostName() + ":"
                + server.getPort() + "/mydb;useSSL=false" + params), info, backend.properties());
        TdSession session = backend.session(settings);
        sessions.add(session);
        return session;
    }

    /** Closes every session this fake opened (their connection pools). */
    void closeAll() {
        sessions.forEach(TdSession::close);
    }
}
