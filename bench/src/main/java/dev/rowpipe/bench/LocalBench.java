package dev.rowpipe.bench;

import com.treasuredata.client.TDClient;
import com.treasuredata.client.model.TDJobRequest;
import com.treasuredata.client.model.TDJobSummary;
import com.treasuredata.client.model.TDResultFormat;
import dev.rowpipe.local.LocalServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.Value;

/**
 * Benchmarks 3 and 4 against the local server (module {@code local}), both backends:
 * {@code SELECT 1} round trips (median and p90 latency, HTTP requests per statement counted by a
 * {@link PacedProxy} on the API port), a 1M-row result, and the peer: TD's own td-client-java reading the
 * same job result (msgpack.gz, every value) against this driver through JDBC.
 * <p>Usage: {@code LocalBench [--quick|--full] [output.tsv]}, or {@code LocalBench --peer [output.tsv]} for
 * benchmark 4 alone (see {@link #peerOnly}).
 */
public final class LocalBench {
    static final String TD_BIG = "SELECT * FROM www_access";
    static final String FB_BIG = "SELECT i AS id, i * 2 AS twice, 'row ' || CAST(i AS TEXT) AS label "
            + "FROM generate_series(1, 1000000) AS t(i)";

    private LocalBench() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--peer")) {
            peerOnly(Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst().map(Path::of)
                    .orElse(Path.of("bench/results/peer.tsv")), 5);
            return;
        }
        boolean full = Arrays.asList(args).contains("--full");
        Path out = Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst().map(Path::of)
                .orElse(Path.of("bench/results/local.tsv"));
        int pings = full ? 100 : 20;
        int bigReps = full ? 3 : 2;
        List<String> lines = new ArrayList<>();
        lines.add("backend\tmetric\tvalue");
        Path dir = Files.createTempDirectory("rowpipe-bench-local");
        long t0 = System.nanoTime();
        try (LocalServer server = LocalServer.builder().dataDir(dir).sampleRows(1_000_000).build().start();
             PacedProxy proxy = new PacedProxy(server.apiPort())) {
            System.out.printf(Locale.ROOT, "local server up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            String fbUrl = "jdbc:firebolt://127.0.0.1:" + proxy.port() + "/" + LocalServer.FIREBOLT_DATABASE
                    + "?ssl=false";
            String tdUrl = "jdbc:td://127.0.0.1:" + proxy.port() + "/" + LocalServer.TD_DATABASE
                    + "?useSSL=false&type=presto&result_format=msgpack.gz";
            Properties fbProps = new Properties();
            fbProps.setProperty("user", server.demoUser());
            fbProps.setProperty("password", server.demoPassword());
            Properties tdProps = new Properties();
            tdProps.setProperty("apikey", server.demoApiKey());

            try (Connection c = DriverManager.getConnection(fbUrl, fbProps)) {
                ping(lines, "firebolt", c, proxy, pings);
                big(lines, "firebolt", c, FB_BIG, bigReps);
            }
            double ours;
            try (Connection c = DriverManager.getConnection(tdUrl, tdProps)) {
                ping(lines, "td", c, proxy, pings);
                ours = big(lines, "td", c, TD_BIG, bigReps);
            }
            double oursRead = readMedian;
            double[] peer = peer(lines, server, bigReps);
            lines.add(String.format(Locale.ROOT, "td\tpeer_ratio_total\t%.3f", peer[0] / ours));
            lines.add(String.format(Locale.ROOT, "td\tpeer_ratio_result_read\t%.3f", peer[1] / oursRead));
            System.out.printf(Locale.ROOT, "td-client-java / rowpipe time ratio on %s: whole statement %.2f, "
                    + "result read %.2f%n", TD_BIG, peer[0] / ours, peer[1] / oursRead);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            lines.forEach(w::println);
        }
    }

    private static void ping(List<String> lines, String backend, Connection c, PacedProxy proxy, int n)
            throws SQLException {
        for (int k = 0; k < 3; k++) {
            select1(c);
        }
        double[] ms = new double[n];
        long before = proxy.requests.get();
        for (int k = 0; k < n; k++) {
            long s = System.nanoTime();
            select1(c);
            ms[k] = (System.nanoTime() - s) / 1e6;
        }
        double perStatement = (double) (proxy.requests.get() - before) / n;
        Arrays.sort(ms);
        lines.add(String.format(Locale.ROOT, "%s\tselect1_median_ms\t%.3f", backend, ms[n / 2]));
        lines.add(String.format(Locale.ROOT, "%s\tselect1_p90_ms\t%.3f", backend, ms[(int) (n * 0.9)]));
        lines.add(String.format(Locale.ROOT, "%s\tapi_port_requests_per_statement\t%.2f", backend, perStatement));
        System.out.printf(Locale.ROOT, "%-8s SELECT 1: median %.2f ms, p90 %.2f ms, API-port requests/statement %.2f%n",
                backend, ms[n / 2], ms[(int) (n * 0.9)], perStatement);
    }

    private static void select1(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new IllegalStateException("SELECT 1 gave no 1");
            }
        }
    }

    /** Median milliseconds of the big query read to the end, every value with its typed getter. */
    private static double big(List<String> lines, String backend, Connection c, String sql, int reps)
            throws SQLException {
        double[] ms = new double[reps];
        double[] read = new double[reps];
        long rows = 0;
        for (int k = 0; k < reps; k++) {
            long s = System.nanoTime();
            long[] readNanos = new long[1];
            rows = readAll(c, sql, readNanos);
            ms[k] = (System.nanoTime() - s) / 1e6;
            read[k] = readNanos[0] / 1e6;
        }
        double median = EndToEnd.median(ms);
        lines.add(String.format(Locale.ROOT, "%s	result_read_median_ms	%.1f", backend, EndToEnd.median(read)));
        readMedian = EndToEnd.median(read);
        lines.add(String.format(Locale.ROOT, "%s\tbig_rows\t%d", backend, rows));
        lines.add(String.format(Locale.ROOT, "%s\tbig_median_ms\t%.1f", backend, median));
        lines.add(String.format(Locale.ROOT, "%s\tbig_rows_per_s\t%.0f", backend, rows / (median / 1000)));
        System.out.printf(Locale.ROOT, "%-8s %,d rows: median %.0f ms, %,.0f rows/s (statement included)%n", backend,
                rows, median, rows / (median / 1000));
        return median;
    }

    /** The last {@link #big} call's median time from executeQuery's return to the last row. */
    private static double readMedian;

    private static long readAll(Connection c, String sql, long[] readNanos) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            long start = System.nanoTime();
            long[] read = drain(rs);
            readNanos[0] = System.nanoTime() - start;
            if (read[1] == 42) {
                System.out.print("");
            }
            return read[0];
        }
    }

    /**
     * Reads every row, BIGINT and INTEGER columns with getLong and the others with getString, and returns the rows
     * and a sum of what was read (so that nothing read can be optimised away).
     */
    private static long[] drain(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        boolean[] numeric = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            int t = md.getColumnType(i);
            numeric[i] = t == Types.BIGINT || t == Types.INTEGER;
        }
        long rows = 0;
        long sum = 0;
        while (rs.next()) {
            rows++;
            for (int i = 1; i <= n; i++) {
                if (numeric[i]) {
                    sum += rs.getLong(i);
                } else {
                    String v = rs.getString(i);
                    sum += v == null ? 0 : v.length();
                }
            }
        }
        return new long[] {rows, sum};
    }

    /**
     * Benchmark 4 alone, alternating the two clients {@code reps} times after one warm-up each: td-client-java's
     * whole statement and its result (from the poll that saw the job finished: {@code jobResult} with its request,
     * inflating and unpacking every row), against this driver's whole statement and its result measured the same
     * way, from the FINISHED event (which TD's driver reports with the job's success, before its result request)
     * to the last row, and also from executeQuery's return (the published measure, which leaves the result
     * request out). Writes each repetition and the medians of the per-repetition ratios.
     */
    private static void peerOnly(Path out, int reps) throws Exception {
        Path dir = Files.createTempDirectory("rowpipe-bench-peer");
        List<String> lines = new ArrayList<>();
        lines.add("rep	rowpipe_total_ms	rowpipe_result_ms	rowpipe_after_execute_ms	tdclient_total_ms"
                + "	tdclient_result_ms");
        try (LocalServer server = LocalServer.builder().dataDir(dir).sampleRows(1_000_000).build().start()) {
            String tdUrl = "jdbc:td://127.0.0.1:" + server.apiPort() + "/" + LocalServer.TD_DATABASE
                    + "?useSSL=false&type=presto&result_format=msgpack.gz";
            Properties tdProps = new Properties();
            tdProps.setProperty("apikey", server.demoApiKey());
            double[] ratioTotal = new double[reps];
            double[] ratioResult = new double[reps];
            double[] ratioPublished = new double[reps];
            try (Connection c = DriverManager.getConnection(tdUrl, tdProps)) {
                for (int k = -1; k < reps; k++) {
                    double[] ours = oursTimed(c);
                    double[] peer = peer(new ArrayList<>(), server, 1);
                    if (k < 0) {
                        continue;
                    }
                    lines.add(String.format(Locale.ROOT, "%d	%.1f	%.1f	%.1f	%.1f	%.1f", k, ours[0], ours[1],
                            ours[2], peer[0], peer[1]));
                    ratioTotal[k] = peer[0] / ours[0];
                    ratioResult[k] = peer[1] / ours[1];
                    ratioPublished[k] = peer[1] / ours[2];
                    System.out.printf(Locale.ROOT, "rep %d: td-client/rowpipe whole statement %.2f, result %.2f "
                            + "(from executeQuery's return: %.2f)%n", k, ratioTotal[k], ratioResult[k],
                            ratioPublished[k]);
                }
            }
            lines.add(String.format(Locale.ROOT, "# median ratios: total %.3f (%.3f..%.3f), result %.3f "
                            + "(%.3f..%.3f), result from executeQuery's return %.3f (%.3f..%.3f)",
                    EndToEnd.median(ratioTotal), Arrays.stream(ratioTotal).min().orElse(0),
                    Arrays.stream(ratioTotal).max().orElse(0), EndToEnd.median(ratioResult),
                    Arrays.stream(ratioResult).min().orElse(0), Arrays.stream(ratioResult).max().orElse(0),
                    EndToEnd.median(ratioPublished), Arrays.stream(ratioPublished).min().orElse(0),
                    Arrays.stream(ratioPublished).max().orElse(0)));
            System.out.println(lines.get(lines.size() - 1));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lines);
    }

    /** This driver's whole statement, its result from the FINISHED event, and from executeQuery's return (ms). */
    private static double[] oursTimed(Connection c) throws SQLException {
        java.util.concurrent.atomic.AtomicLong finished = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime();
        long rows = 0;
        long sum = 0;
        long afterExecute;
        try (Statement s = c.createStatement()) {
            s.unwrap(dev.rowpipe.jdbc.RowpipeStatement.class).setProgressListener(p -> {
                if (p.state() == dev.rowpipe.api.QueryProgress.State.FINISHED) {
                    finished.compareAndSet(0, System.nanoTime());
                }
            });
            try (ResultSet rs = s.executeQuery(TD_BIG)) {
                afterExecute = System.nanoTime();
                long[] read = drain(rs);
                rows = read[0];
                sum = read[1];
            }
        }
        long end = System.nanoTime();
        if (rows != 1_000_000 || sum == 42 || finished.get() == 0) {
            throw new IllegalStateException(rows + " rows, FINISHED seen: " + (finished.get() != 0));
        }
        return new double[] {(end - start) / 1e6, (end - finished.get()) / 1e6, (end - afterExecute) / 1e6};
    }

    /** td-client-java: submit, poll, then jobResult(msgpack.gz) unpacking every row and reading every value. */
    private static double[] peer(List<String> lines, LocalServer server, int reps) throws Exception {
        TDClient td = TDClient.newBuilder(false).setEndpoint("127.0.0.1").setPort(server.apiPort()).setUseSSL(false)
                .setApiKey(server.demoApiKey()).setRetryLimit(0).build();
        try {
            double[] total = new double[reps];
            double[] download = new double[reps];
            long rows = 0;
            for (int k = 0; k < reps; k++) {
                long s = System.nanoTime();
                String id = td.submit(TDJobRequest.newPrestoQuery(LocalServer.TD_DATABASE, TD_BIG));
                TDJobSummary summary = td.jobStatus(id);
                long pause = 50;
                while (!summary.getStatus().isFinished()) {
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, 2000);
                    summary = td.jobStatus(id);
                }
                long d = System.nanoTime();
                rows = td.jobResult(id, TDResultFormat.MESSAGE_PACK_GZ, in -> {
                    long count = 0;
                    long sum = 0;
                    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(new GZIPInputStream(in))) {
                        while (u.hasNext()) {
                            ArrayValue row = u.unpackValue().asArrayValue();
                            for (Value v : row) {
                                if (v.isIntegerValue()) {
                                    sum += v.asIntegerValue().toLong();
                                } else if (v.isStringValue()) {
                                    sum += v.asStringValue().asString().length();
                                }
                            }
                            count++;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return count + (sum == 42 ? 0 : 0);
                });
                long e = System.nanoTime();
                total[k] = (e - s) / 1e6;
                download[k] = (e - d) / 1e6;
            }
            double median = EndToEnd.median(total);
            lines.add(String.format(Locale.ROOT, "td-client\tbig_rows\t%d", rows));
            lines.add(String.format(Locale.ROOT, "td-client\tbig_median_ms\t%.1f", median));
            lines.add(String.format(Locale.ROOT, "td-client\tbig_rows_per_s\t%.0f", rows / (median / 1000)));
            lines.add(String.format(Locale.ROOT, "td-client\tresult_download_median_ms\t%.1f",
                    EndToEnd.median(download)));
            System.out.printf(Locale.ROOT, "td-client %,d rows: median %.0f ms (result download alone %.0f ms)%n", rows,
                    median, EndToEnd.median(download));
            return new double[] {median, EndToEnd.median(download)};
        } finally {
            td.close();
        }
    }
}
