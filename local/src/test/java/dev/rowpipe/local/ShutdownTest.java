package dev.rowpipe.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShutdownTest {

    private static Set<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(LocalServer.THREAD_PREFIX) || n.startsWith("HTTP-Dispatcher")
                        || n.startsWith("server-timer") || n.startsWith("idle-timeout-task"))
                .collect(Collectors.toSet());
    }

    @Test
    void closeFreesPortsThreadsAndTheDatabaseFile(@TempDir Path dir) throws Exception {
        Set<String> before = serverThreads();
        LocalServer server = LocalServer.builder().dataDir(dir).sampleRows(100).engineStartDelayMs(10).build().start();
        int apiPort = server.apiPort();
        int enginePort = server.enginePort("local_engine");
        String token = Http.token(server);
        assertEquals(200, Http.run(server, token, "", "SELECT 1").statusCode());
        assertEquals(200, Http.send(Http.td(server, "/v3/database/list").GET()).statusCode());
        String job = TdApiTest.issue(server, "presto", "sample_datasets", "SELECT count(*) FROM nasdaq");
        TdApiTest.await(server, job);
        // A query still running at close is cancelled, not waited for.
        CompletableFuture<HttpResponse<String>> slow = Http.CLIENT.sendAsync(Http.query(server, token, "",
                "SELECT sum(hash(a.range * b.range)) FROM range(1000000000) a, range(1000) b").build(),
                HttpResponse.BodyHandlers.ofString());
        TdApiTest.issue(server, "presto", "sample_datasets", "SELECT sum(hash(a.range * b.range)) FROM range(1000000000) a, range(1000) b");

        long started = System.nanoTime();
        server.close();
        assertTrue(System.nanoTime() - started < 15_000_000_000L);
        server.close();

        try (ServerSocket a = new ServerSocket(apiPort, 1, InetAddress.getLoopbackAddress());
             ServerSocket e = new ServerSocket(enginePort, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(a.isBound() && e.isBound());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<String> after;
        do {
            after = serverThreads();
            after.removeAll(before);
        } while (!after.isEmpty() && System.nanoTime() < deadline);
        assertEquals(Set.of(), after);
        slow.handle((r, t) -> null).get();

        // The DuckDB file is released: a new server opens the same folder and keeps its data.
        try (LocalServer again = LocalServer.builder().dataDir(dir).sampleRows(100).build().start()) {
            assertEquals(200, Http.run(again, Http.token(again), "", "SELECT count(*) FROM page_views_sample").statusCode());
        }
    }
}
