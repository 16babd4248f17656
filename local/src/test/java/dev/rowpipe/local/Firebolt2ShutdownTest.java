package dev.rowpipe.local;

import dev.rowpipe.local.firebolt2.Firebolt2;
import dev.rowpipe.local.firebolt2.Firebolt2Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Firebolt2ShutdownTest {

    private static Set<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(LocalServer.THREAD_PREFIX) || n.startsWith("HTTP-Dispatcher"))
                .collect(Collectors.toSet());
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1).replaceAll("[/?].*", ""));
    }

    @Test
    void closeFreesTheEnginePortsWhileAQueryRunsAndATransactionIsOpen(@TempDir Path dir) throws Exception {
        Set<String> before = serverThreads();
        LocalServer server = LocalServer.builder().dataDir(dir).sampleRows(100).td(false).firebolt(false)
                .firebolt2(Firebolt2Settings.builder().core(true).build()).build().start();
        Firebolt2 fb = server.firebolt2();
        List<Integer> ports = new ArrayList<>(List.of(port(fb.systemEngineEndpoint()),
                port(fb.userEngineEndpoint("local_engine")), fb.corePort()));
        String token = Http2.signIn(fb);
        HttpResponse<String> begin = Http2.engine(fb, "local_engine", token, "", "BEGIN TRANSACTION");
        assertEquals(200, begin.statusCode());
        CompletableFuture<HttpResponse<String>> slow = Http.CLIENT.sendAsync(Http2.post(fb.coreUrl().substring(7), null,
                "", "SELECT sum(hash(a.range * b.range)) FROM range(1000000000) a, range(1000) b")
                        // A connection the server accepted while it was closing may never be answered (the JDK
                        // server does not close what its stopped dispatcher accepted); the client must not wait on it.
                        .timeout(java.time.Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        long started = System.nanoTime();
        server.close();
        assertTrue(System.nanoTime() - started < 15_000_000_000L);
        for (int p : ports) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(s.isBound());
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<String> after;
        do {
            after = serverThreads();
            after.removeAll(before);
        } while (!after.isEmpty() && System.nanoTime() < deadline);
        assertEquals(Set.of(), after);
        slow.handle((r, t) -> null).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
}
