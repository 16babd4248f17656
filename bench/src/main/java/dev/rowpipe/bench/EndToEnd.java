package dev.rowpipe.bench;

import dev.rowpipe.bench.Dataset.Format;
import java.io.IOException;
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
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * Benchmark 2: end to end through JDBC over loopback HTTP against {@link Responder}, next to the raw wire (the
 * same HttpClient 5 reading and discarding the same body; for msgpack.gz, inflating it too) in the same run.
 * Reports medians of rows/s, the ratio JDBC/raw, time to the first row and the HTTP requests one statement costs.
 * <p>Usage: {@code EndToEnd [--quick|--full] [--formats F,F] [--rows N,N] [--reps N] [output.tsv]}; full adds 10M
 * rows. Each repetition reads through JDBC, then the raw wire, so the two see the same load.
 */
public final class EndToEnd {
    private static final Format[] FORMATS = {Format.FB_TSV, Format.FB_JSON_COMPACT, Format.FB_JSON,
        Format.TD_MSGPACK_GZ, Format.TD_MSGPACK, Format.TD_JSON, Format.TD_TSV, Format.TD_CSV};

    record Result(Format format, long rows, double jdbcMs, double rawMs, double ttfrMs, long requests) {
        double jdbcRowsPerSec() {
            return rows / (jdbcMs / 1000);
        }

        double rawRowsPerSec() {
            return rows / (rawMs / 1000);
        }
    }

    private EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean full = a.contains("--full");
        Path out = a.stream().filter(x -> x.endsWith(".tsv")).findFirst().map(Path::of)
                .orElse(Path.of("bench/results/e2e.tsv"));
        long[] sizes = full ? new long[] {10_000, 1_000_000, 10_000_000} : new long[] {10_000, 1_000_000};
        Format[] formats = FORMATS;
        int fixedReps = 0;
        int i = a.indexOf("--formats");
        if (i >= 0) {
            formats = Arrays.stream(a.get(i + 1).split(",")).map(Format::valueOf).toArray(Format[]::new);
        }
        i = a.indexOf("--rows");
        if (i >= 0) {
            sizes = Arrays.stream(a.get(i + 1).split(",")).mapToLong(Long::parseLong).toArray();
        }
        i = a.indexOf("--reps");
        if (i >= 0) {
            fixedReps = Integer.parseInt(a.get(i + 1));
        }
        List<Result> results = new ArrayList<>();
        try (Responder responder = new Responder(); CloseableHttpClient http = HttpClients.createDefault()) {
            for (Format f : formats) {
                try (Connection c = connect(responder, f)) {
                    for (long rows : sizes) {
                        int reps = fixedReps > 0 ? fixedReps
                                : rows <= 10_000 ? 25 : rows <= 1_000_000 ? (full ? 5 : 3) : 3;
                        int warm = rows <= 10_000 ? 25 : 1;
                        if (rows > 1_000_000) {
                            warm = 0;
                        }
                        Result r = measure(responder, http, c, f, rows, warm, reps);
                        results.add(r);
                        System.out.printf(Locale.ROOT, "%-22s %,11d rows  jdbc %,12.0f rows/s  raw %,12.0f rows/s"
                                        + "  ratio %.2f  first row %.2f ms  requests/statement %d%n", f.label, rows,
                                r.jdbcRowsPerSec(), r.rawRowsPerSec(), r.jdbcRowsPerSec() / r.rawRowsPerSec(),
                                r.ttfrMs, r.requests);
                    }
                }
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            w.println("format\trows\tjdbc_ms\traw_ms\tttfr_ms\trequests");
            for (Result r : results) {
                w.printf(Locale.ROOT, "%s\t%d\t%.3f\t%.3f\t%.3f\t%d%n", r.format.name(), r.rows, r.jdbcMs, r.rawMs,
                        r.ttfrMs, r.requests);
            }
        }
    }

    static Connection connect(Responder responder, Format f) throws SQLException {
        Properties p = new Properties();
        if (f.firebolt()) {
            p.setProperty("user", "bench@example.com");
            p.setProperty("password", "bench");
            // Uncompressed, as the raw read beside it: this benchmark is the decoders over loopback; compressed
            // results over links are LinkBench's.
            p.setProperty("compress", "none");
            return DriverManager.getConnection(responder.fireboltUrl(f), p);
        }
        p.setProperty("apikey", "1/bench");
        return DriverManager.getConnection(responder.tdUrl(f), p);
    }

    private static Result measure(Responder responder, CloseableHttpClient http, Connection c, Format f, long rows,
                                  int warm, int reps) throws Exception {
        for (int k = 0; k < warm; k++) {
            jdbc(c, rows, null);
            raw(http, responder.rawUrl(f, rows), f);
        }
        double[] jdbc = new double[reps];
        double[] raw = new double[reps];
        double[] ttfr = new double[reps];
        long requests = 0;
        for (int k = 0; k < reps; k++) {
            long before = responder.requests.get();
            double[] first = new double[1];
            jdbc[k] = jdbc(c, rows, first);
            ttfr[k] = first[0];
            requests = responder.requests.get() - before;
            raw[k] = raw(http, responder.rawUrl(f, rows), f);
        }
        return new Result(f, rows, median(jdbc), median(raw), median(ttfr), requests);
    }

    /** One statement read to the end; milliseconds. {@code firstRow[0]} gets the time to the first row. */
    static double jdbc(Connection c, long rows, double[] firstRow) throws SQLException {
        long start = System.nanoTime();
        long n = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM bench LIMIT " + rows)) {
            long[] count = new long[1];
            if (rs.next()) {
                if (firstRow != null) {
                    firstRow[0] = (System.nanoTime() - start) / 1e6;
                }
                n = 1;
                rs.getString(8);
            }
            Sink.drain(rs, count);
            n += count[0];
        }
        if (n != rows) {
            throw new IllegalStateException("read " + n + " rows, expected " + rows);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** The same body read and discarded with HttpClient 5 (and inflated for msgpack.gz); milliseconds. */
    static double raw(CloseableHttpClient http, String url, Format f) throws IOException {
        long start = System.nanoTime();
        http.execute(new HttpGet(url), response -> {
            try (InputStream body = response.getEntity().getContent();
                 InputStream in = f == Format.TD_MSGPACK_GZ ? new GZIPInputStream(new AlwaysAvailable(body), 64 * 1024)
                         : body) {
                byte[] buf = new byte[64 * 1024];
                while (in.read(buf) >= 0) {
                    // discard
                }
            }
            return null;
        });
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * GZIPInputStream looks for a next gzip member only when {@code available() > 0}, which over a socket is
     * often 0 between packets: it would stop after the first member and this reference would read less than the
     * driver. Claiming one byte is always available makes it read every member (at the real end, the failed
     * header read is taken as the end).
     */
    static final class AlwaysAvailable extends java.io.FilterInputStream {
        AlwaysAvailable(InputStream in) {
            super(in);
        }

        @Override
        public int available() {
            return 1;
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
