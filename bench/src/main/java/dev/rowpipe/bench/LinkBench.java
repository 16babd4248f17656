package dev.rowpipe.bench;

import dev.rowpipe.bench.Dataset.Format;
import dev.rowpipe.bench.PacedProxy.Link;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * Benchmark 5: results over links users have. {@link Responder} behind a {@link PacedProxy} (none for loopback;
 * 1 Gbit/s and 100 Mbit/s, each with 20 ms added round trip), the driver reading every value through JDBC; for each
 * Firebolt format uncompressed, in LZ4 blocks ({@code compress=lz4}) and gzip ({@code compress=gzip}), and for TD
 * msgpack.gz: rows/s of the whole statement (executeQuery to the last row) and the time to the first row
 * (executeQuery and the first {@code next()}), medians of repeated runs with their lowest and highest, and the
 * bytes one statement moved over the link. The cases run in turn within each repetition, so a change in the
 * machine's load shows in all of them alike. {@code raw} is HttpClient 5 reading and discarding the same body
 * (plain, LZ4 or gzip bytes, not decoded) through the same link: what the link itself allows.
 * <p>{@code --baseline} measures a driver without the {@code compress} property (the driver before it, put ahead
 * of this jar on the class path by {@code bench/run.sh}): Firebolt uncompressed and TD only, the "today" the
 * targets compare with.
 * <p>Usage: {@code LinkBench [--quick|--full] [--baseline] [--links loopback,1g,100m] [--rows 10000,1000000]
 * [--reps N] [output.tsv]}.
 */
public final class LinkBench {
    private static final Map<String, Link> LINKS = new LinkedHashMap<>();

    static {
        LINKS.put("loopback", Link.LOOPBACK);
        LINKS.put("1g", Link.GBIT_20MS);
        LINKS.put("100m", Link.MBIT100_20MS);
    }

    /** One thing measured: a format read with a compression (null: TD, or a driver without the property). */
    record Case(Format format, String compress) {
        String label() {
            return format.label + (compress == null ? "" : " " + compress);
        }
    }

    record Result(String link, Case c, long rows, double[] ms, double[] ttfrMs, double bytesPerRow) {
    }

    private LinkBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean full = a.contains("--full");
        boolean baseline = a.contains("--baseline");
        List<String> links = List.of(option(a, "--links", "loopback,1g,100m").split(","));
        long[] sizes = Arrays.stream(option(a, "--rows", full ? "10000,1000000" : "10000,200000").split(","))
                .mapToLong(Long::parseLong).toArray();
        int reps = Integer.parseInt(option(a, "--reps", "3"));
        Path out = a.stream().filter(x -> x.endsWith(".tsv")).findFirst().map(Path::of)
                .orElse(Path.of("bench/results/link" + (baseline ? "-baseline" : "") + ".tsv"));
        List<Case> cases = new ArrayList<>();
        for (Format f : new Format[] {Format.FB_TSV, Format.FB_JSON_COMPACT, Format.FB_JSON}) {
            if (baseline) {
                cases.add(new Case(f, null));
            } else {
                for (String compress : new String[] {"none", "lz4", "gzip"}) {
                    cases.add(new Case(f, compress));
                }
            }
        }
        cases.add(new Case(Format.TD_MSGPACK_GZ, null));
        List<Result> results = new ArrayList<>();
        System.out.printf(Locale.ROOT, "== link benchmark (%s driver), %d repetitions%n",
                baseline ? "baseline" : "this", reps);
        try (Responder responder = new Responder(); CloseableHttpClient http = HttpClients.createDefault()) {
            for (Case c : cases) {
                for (long rows : sizes) {
                    responder.prepare(c.format, rows);
                }
                responder.prepare(c.format, 50_000);
                responder.prepare(c.format, 200_000);
            }
            for (String name : links) {
                Link link = LINKS.get(name);
                if (link == null) {
                    throw new IllegalArgumentException("unknown link " + name + "; known: " + LINKS.keySet());
                }
                try (PacedProxy proxy = new PacedProxy(responder.port(), link)) {
                    int port = link.paced() ? proxy.port() : responder.port();
                    Map<Case, Connection> connections = new LinkedHashMap<>();
                    for (Case c : cases) {
                        connections.put(c, connect(responder, port, c));
                    }
                    try {
                        for (long rows : sizes) {
                            results.addAll(measure(link, proxy, connections, rows, reps));
                            results.addAll(raw(http, responder, link, port, rows, reps));
                        }
                    } finally {
                        for (Connection c : connections.values()) {
                            c.close();
                        }
                    }
                }
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            w.println("link\tcase\trows\tmedian_ms\tmin_ms\tmax_ms\tttfr_median_ms\tttfr_min_ms\tttfr_max_ms"
                    + "\tbytes_per_row\trep_ms");
            for (Result r : results) {
                w.printf(Locale.ROOT, "%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f\t%s%n", r.link,
                        r.c.label(), r.rows, EndToEnd.median(r.ms), min(r.ms), max(r.ms), EndToEnd.median(r.ttfrMs),
                        min(r.ttfrMs), max(r.ttfrMs), r.bytesPerRow, join(r.ms));
            }
        }
    }

    private static List<Result> measure(Link link, PacedProxy proxy, Map<Case, Connection> connections, long rows,
                                        int reps) throws SQLException {
        Map<Case, double[]> ms = new LinkedHashMap<>();
        Map<Case, double[]> ttfr = new LinkedHashMap<>();
        Map<Case, Double> bytes = new LinkedHashMap<>();
        // Warm-up: the JIT and the connections; a small result on slow links (the link, not the JIT, is slow).
        long warm = link.bytesPerSecond() > 0 && link.bytesPerSecond() < 100_000_000L ? Math.min(rows, 50_000)
                : Math.min(rows, 200_000);
        for (int k = 0; k < (rows <= 10_000 ? 20 : 2); k++) {
            for (Map.Entry<Case, Connection> e : connections.entrySet()) {
                EndToEnd.jdbc(e.getValue(), warm, null);
            }
        }
        for (int k = 0; k < reps; k++) {
            for (Map.Entry<Case, Connection> e : connections.entrySet()) {
                double[] first = new double[1];
                long before = proxy.bytesToClient.get();
                double t = EndToEnd.jdbc(e.getValue(), rows, first);
                ms.computeIfAbsent(e.getKey(), x -> new double[reps])[k] = t;
                ttfr.computeIfAbsent(e.getKey(), x -> new double[reps])[k] = first[0];
                bytes.put(e.getKey(), (double) (proxy.bytesToClient.get() - before) / rows);
            }
        }
        List<Result> out = new ArrayList<>();
        for (Case c : connections.keySet()) {
            Result r = new Result(link.name(), c, rows, ms.get(c), ttfr.get(c), bytes.get(c));
            out.add(r);
            System.out.printf(Locale.ROOT, "%-18s %-28s %,10d rows  %,11.0f rows/s (%,.0f..%,.0f)  first row %7.1f ms"
                            + " (%.1f..%.1f)  %6.1f B/row%n", link.name(), c.label(), rows,
                    rows / (EndToEnd.median(r.ms) / 1000), rows / (max(r.ms) / 1000), rows / (min(r.ms) / 1000),
                    EndToEnd.median(r.ttfrMs), min(r.ttfrMs), max(r.ttfrMs), r.bytesPerRow);
        }
        return out;
    }

    /**
     * The TSV body's bytes as each compression sends them, read and discarded through the link (case {@code raw
     * NONE|LZ4|GZIP}; no time to first row).
     */
    private static List<Result> raw(CloseableHttpClient http, Responder responder, Link link, int port, long rows,
                                    int reps) throws Exception {
        List<Result> out = new ArrayList<>();
        for (Dataset.Encoding encoding : Dataset.Encoding.values()) {
            double[] ms = new double[reps + 1];
            for (int k = 0; k <= reps; k++) {
                long start = System.nanoTime();
                http.execute(new HttpGet(responder.rawUrl(Format.FB_TSV, rows, encoding, port)), response -> {
                    try (InputStream body = response.getEntity().getContent()) {
                        byte[] buf = new byte[64 * 1024];
                        while (body.read(buf) >= 0) {
                            // discard
                        }
                    }
                    return null;
                });
                ms[k] = (System.nanoTime() - start) / 1e6;
            }
            // The first read warmed up: left out.
            ms = Arrays.copyOfRange(ms, 1, ms.length);
            System.out.printf(Locale.ROOT, "%-18s %-28s %,10d rows  %,11.0f rows/s  (bytes only, not decoded)%n",
                    link.name(), "raw Firebolt TSV " + encoding, rows, rows / (EndToEnd.median(ms) / 1000));
            out.add(new Result(link.name(), new Case(Format.FB_TSV, "raw " + encoding), rows, ms, new double[reps],
                    Double.NaN));
        }
        return out;
    }

    static Connection connect(Responder responder, int port, Case c) throws SQLException {
        Properties p = new Properties();
        if (c.format.firebolt()) {
            p.setProperty("user", "bench@example.com");
            p.setProperty("password", "bench");
            if (c.compress != null) {
                p.setProperty("compress", c.compress);
            }
            return DriverManager.getConnection(responder.fireboltUrl(c.format).replace(
                    ":" + responder.port() + "/", ":" + port + "/"), p);
        }
        p.setProperty("apikey", "1/bench");
        return DriverManager.getConnection(responder.tdUrl(c.format).replace(":" + responder.port() + "/",
                ":" + port + "/"), p);
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static String join(double[] v) {
        StringBuilder s = new StringBuilder();
        for (double x : v) {
            s.append(s.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", x));
        }
        return s.toString();
    }
}
