package dev.rowpipe.local;

import dev.rowpipe.local.firebolt2.Firebolt2Settings;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: starts the local server and runs until Ctrl-C.
 * {@code java -cp ... dev.rowpipe.local.LocalServerMain --port 8123 --data-dir ./local-data}
 */
public final class LocalServerMain {

    private static final String HELP = String.join("\n",
            "Usage: LocalServerMain [options]",
            "  --port N                    API port (Firebolt control plane and TD API); 0 = free port. Default 8123",
            "  --data-dir DIR              data folder (DuckDB file, sample files, job results). Default ./local-data",
            "  --engine-start-delay-ms N   time an engine spends STARTING. Default 1000",
            "  --token-ttl-seconds N       Firebolt access token lifetime. Default 43200",
            "  --sample-rows N             rows per generated TD sample table (first start only). Default 200000",
            "  --td-job-queued-ms N        every TD job stays queued N ms first. Default 0",
            "  --td-job-running-ms N       then running at least N ms before its query runs. Default 0",
            "  --no-firebolt | --no-td     serve only one of the two APIs",
            "  --firebolt2                 also serve the Firebolt 2.0 platform (service accounts, system engine)",
            "  --core                      also serve Firebolt Core (no authentication)",
            "  --core-port N               Firebolt Core's port. Default 3473, or a free one when it is taken",
            "  --query-history-delay-ms N  how late engine_query_history rows appear (2.0 and Core). Default 100",
            "  --fault-latency-ms N        add N ms before every answer",
            "  --fault-error-rate R        answer a share R (0..1) of requests with 503 or 429",
            "  --fault-seed N              seed of that choice (repeatable runs). Default 42",
            "  --fault-cut-after-bytes N   drop the connection after N body bytes",
            "  --fault-error-after-rows N  write an error into a 200 body after N rows (Firebolt queries)",
            "  --fault-expire-tokens       expire every token on every request",
            "  --help                      this text",
            "Per request: header 'X-Rowpipe-Fault: latency-ms=200,error-rate=1' or query parameter rowpipe_fault=...");

    /** Firebolt Core's own default port. */
    static final int CORE_PORT = 3473;

    private LocalServerMain() {
    }

    /** Whether a loopback port is free now (a preferred port falls back to a free one when it is not). */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        LocalServer.Builder b = LocalServer.builder().port(8123).dataDir(Path.of("local-data"));
        FaultSettings faults = FaultSettings.NONE;
        Firebolt2Settings.Builder firebolt2 = Firebolt2Settings.builder().platform(false);
        boolean corePortGiven = false;
        long jobQueuedMs = 0;
        long jobRunningMs = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help":
                    case "-h":
                        out.println(HELP);
                        return;
                    case "--no-firebolt":
                        b.firebolt(false);
                        continue;
                    case "--no-td":
                        b.td(false);
                        continue;
                    case "--firebolt2":
                        firebolt2.platform(true);
                        continue;
                    case "--core":
                        firebolt2.core(true);
                        continue;
                    case "--fault-expire-tokens":
                        faults = faults.withExpireTokens(true);
                        continue;
                    default:
                        break;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Option " + a + " needs a value (see --help)");
                }
                String v = args[++i];
                switch (a) {
                    case "--port":
                        b.port(Integer.parseInt(v));
                        break;
                    case "--data-dir":
                        b.dataDir(Path.of(v));
                        break;
                    case "--engine-start-delay-ms":
                        b.engineStartDelayMs(Long.parseLong(v));
                        break;
                    case "--token-ttl-seconds":
                        b.tokenTtlSeconds(Long.parseLong(v));
                        break;
                    case "--sample-rows":
                        b.sampleRows(Long.parseLong(v));
                        break;
                    case "--core-port":
                        firebolt2.corePort(Integer.parseInt(v));
                        corePortGiven = true;
                        break;
                    case "--query-history-delay-ms":
                        firebolt2.queryHistoryDelayMs(Long.parseLong(v));
                        break;
                    case "--td-job-queued-ms":
                        jobQueuedMs = Long.parseLong(v);
                        break;
                    case "--td-job-running-ms":
                        jobRunningMs = Long.parseLong(v);
                        break;
                    case "--fault-latency-ms":
                        faults = faults.withLatencyMs(Long.parseLong(v));
                        break;
                    case "--fault-error-rate":
                        faults = faults.withErrorRate(Double.parseDouble(v));
                        break;
                    case "--fault-seed":
                        faults = faults.withSeed(Long.parseLong(v));
                        break;
                    case "--fault-cut-after-bytes":
                        faults = faults.withCutAfterBytes(Long.parseLong(v));
                        break;
                    case "--fault-error-after-rows":
                        faults = faults.withErrorAfterRows(Long.parseLong(v));
                        break;
                    default:
                        throw new IllegalArgumentException("Unknown option " + a + " (see --help)");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!corePortGiven) {
            firebolt2.corePort(isFree(CORE_PORT) ? CORE_PORT : 0);
        }
        LocalServer server;
        try {
            server = b.faults(faults).firebolt2(firebolt2.build()).tdJobDelays(jobQueuedMs, jobRunningMs).build()
                    .start();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "rowpipe-local-shutdown"));
        out.println("rowpipe local server on " + server.apiUrl() + " (data in " + server.dataDir().toAbsolutePath() + ")");
        if (server.fireboltEnabled()) {
            out.println("  Firebolt control plane: " + server.apiUrl() + "/auth/v1/login, /core/v1/account/engines");
            out.println("  Firebolt engine local_engine: http://127.0.0.1:" + server.enginePort("local_engine") + "/?database=local_db");
            out.println("  Firebolt user: " + server.demoUser() + "  password: " + server.demoPassword());
            out.println("  Firebolt JDBC: " + server.fireboltJdbcUrl() + "  (user/password as properties)");
        }
        if (server.firebolt2Enabled()) {
            for (String line : server.firebolt2().summary()) {
                out.println("  " + line);
            }
        }
        if (server.tdEnabled()) {
            out.println("  TD API:        " + server.apiUrl() + "/v3/  key: " + server.demoApiKey());
            out.println("  TD JDBC:       " + server.tdJdbcUrl() + "  (apikey as a property)");
        }
        if (!server.faults().isNone()) {
            out.println("  Faults: " + server.faults());
        }
        out.println("Ctrl-C stops.");
        stopped.await();
    }
}
