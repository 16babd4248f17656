package dev.rowpipe.bench;

import dev.rowpipe.bench.Dataset.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of benchmark 5 from {@code RUNS} pairs of {@link LinkBench} runs ({@code link-baseline-R.tsv}, the
 * driver before compression, and {@code link-R.tsv}, this one, run alternately): per link and result size, each
 * case's rows/s and time to first row as the median of the runs' medians with the lowest and highest run, the
 * ratio to the baseline's same format (per run pair, then the median and range), and the targets of issue #13.
 * <p>Usage: {@code LinkReport RESULTS_DIR RUNS}; prints markdown.
 */
public final class LinkReport {
    private static final double TARGET_LZ4_SLOW = 1.6;
    private static final double TARGET_GZIP_SLOW = 2.5;

    private LinkReport() {
    }

    /** One case's figures in one run. */
    record Row(String link, String c, long rows, double ms, double ttfr, double bytesPerRow) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Map<String, Row>> ours = new ArrayList<>();
        List<Map<String, Row>> base = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            ours.add(read(dir.resolve("link-" + r + ".tsv")));
            base.add(read(dir.resolve("link-baseline-" + r + ".tsv")));
        }
        StringBuilder md = new StringBuilder();
        List<String> targets = new ArrayList<>();
        Map<String, List<String>> byLinkRows = new LinkedHashMap<>();
        for (Row row : ours.get(0).values()) {
            byLinkRows.computeIfAbsent(row.link + "\t" + row.rows, k -> new ArrayList<>()).add(row.c);
        }
        for (Map.Entry<String, List<String>> group : byLinkRows.entrySet()) {
            String[] lr = group.getKey().split("\t");
            String link = lr[0];
            long rows = Long.parseLong(lr[1]);
            md.append(String.format(Locale.ROOT, "\n#### %s, %,d rows (%d runs; median of the runs' medians, lowest"
                    + " and highest run)%n%n", link, rows, runs));
            md.append("| case | rows/s | vs today | time to first row | vs today | bytes/row |\n"
                    + "|---|---:|---:|---:|---:|---:|\n");
            double rawLz4BytesPerMs = rawBytesPerMs(ours, link, rows, "Firebolt TSV raw LZ4", "Firebolt TSV lz4");
            for (String c : baselineCases(base.get(0), link, rows)) {
                md.append(line("today: " + c, rows, values(base, link, c, rows, Row::ms), null,
                        values(base, link, c, rows, Row::ttfr), null, base.get(0).get(key(link, c, rows))));
            }
            for (String c : group.getValue()) {
                String today = todayCase(c);
                double[] ms = values(ours, link, c, rows, Row::ms);
                double[] ttfr = values(ours, link, c, rows, Row::ttfr);
                boolean raw = c.contains(" raw ");
                double[] speedup = today == null || raw ? null : ratios(base, ours, link, today, c, rows);
                double[] ttfrDelta = today == null || raw ? null : deltas(base, ours, link, today, c, rows);
                md.append(line(c, rows, ms, speedup, raw ? null : ttfr, ttfrDelta, ours.get(0).get(key(link, c, rows))));
                if (speedup == null || c.startsWith("TD ")) {
                    // TD's msgpack.gz is compressed today already: its row shows it against today, no target.
                    continue;
                }
                String format = c.substring(0, c.lastIndexOf(' '));
                String compression = c.substring(c.lastIndexOf(' ') + 1);
                double s = EndToEnd.median(speedup);
                if (link.startsWith("100 Mbit/s") && (compression.equals("lz4") || compression.equals("gzip"))) {
                    double target = compression.equals("lz4") ? TARGET_LZ4_SLOW : TARGET_GZIP_SLOW;
                    targets.add(String.format(Locale.ROOT, "- %s, %,d rows, %s %s: %.2fx today (runs %.2f..%.2f), "
                            + "target %.1fx: **%s**", link, rows, format, compression, s, min(speedup),
                            max(speedup), target, s >= target ? "met" : "missed"));
                }
                if (link.startsWith("1 Gbit/s") && compression.equals("lz4")) {
                    targets.add(String.format(Locale.ROOT, "- %s, %,d rows, %s lz4 (the default): %.2fx today "
                            + "(runs %.2f..%.2f), target no worse (1.0x): **%s**", link, rows, format, s,
                            min(speedup), max(speedup), s >= 1.0 ? "met" : "missed"));
                }
                // Unpaced loopback counts no bytes, so it has no block transfer time to compare with.
                if (!compression.equals("none") && !Double.isNaN(rawLz4BytesPerMs) && rawLz4BytesPerMs > 0
                        && !link.startsWith("loopback")) {
                    Row r0 = ours.get(0).get(key(link, c, rows));
                    long firstBlockRows = Math.min(rows, unitRows(formatOf(format)));
                    double allowance = firstBlockRows * r0.bytesPerRow / rawLz4BytesPerMs;
                    double delta = EndToEnd.median(ttfrDelta);
                    targets.add(String.format(Locale.ROOT, "- %s, %,d rows, %s %s: first row %+.1f ms against today"
                            + " (runs %+.1f..%+.1f), target at most one block's transfer (%.1f ms): **%s**", link,
                            rows, format, compression, delta, min(ttfrDelta), max(ttfrDelta), allowance,
                            delta <= allowance ? "met" : "missed"));
                }
            }
        }
        System.out.println("### 5. Results over link speeds\n" + md + "\n#### Targets\n\n" + String.join("\n", targets));
    }

    private static String line(String c, long rows, double[] ms, double[] speedup, double[] ttfr, double[] ttfrDelta,
                               Row any) {
        double[] rate = Arrays.stream(ms).map(m -> rows / (m / 1000)).toArray();
        return String.format(Locale.ROOT, "| %s | %,.0f (%,.0f..%,.0f) | %s | %s | %s | %s |%n", c,
                EndToEnd.median(rate), min(rate), max(rate),
                speedup == null ? "" : String.format(Locale.ROOT, "%.2fx (%.2f..%.2f)", EndToEnd.median(speedup),
                        min(speedup), max(speedup)),
                ttfr == null ? "" : String.format(Locale.ROOT, "%.1f ms (%.1f..%.1f)", EndToEnd.median(ttfr),
                        min(ttfr), max(ttfr)),
                ttfrDelta == null ? "" : String.format(Locale.ROOT, "%+.1f ms", EndToEnd.median(ttfrDelta)),
                any == null || Double.isNaN(any.bytesPerRow) || any.bytesPerRow == 0 ? ""
                        : String.format(Locale.ROOT, "%.1f", any.bytesPerRow));
    }

    /** The baseline's case for one of ours: the same format, uncompressed (TD: itself). */
    private static String todayCase(String c) {
        if (c.contains(" raw ")) {
            return null;
        }
        if (c.startsWith("TD ")) {
            return c;
        }
        return c.substring(0, c.lastIndexOf(' '));
    }

    private static List<String> baselineCases(Map<String, Row> base, String link, long rows) {
        List<String> out = new ArrayList<>();
        for (Row r : base.values()) {
            if (r.link.equals(link) && r.rows == rows && !r.c.contains(" raw ")) {
                out.add(r.c);
            }
        }
        return out;
    }

    private static Format formatOf(String label) {
        for (Format f : Format.values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException(label);
    }

    /** Rows in the responder's first compressed segment: whole patterns up to 1 MiB. */
    static long unitRows(Format f) {
        return (long) Dataset.PATTERN * Math.max(1, (1 << 20) / Dataset.body(f).pattern.length);
    }

    /** What the link carried per millisecond for the raw LZ4 body (bytes counted by the LZ4 case of the run). */
    private static double rawBytesPerMs(List<Map<String, Row>> runs, String link, long rows, String raw, String lz4) {
        Row r = runs.get(0).get(key(link, raw, rows));
        Row bytes = runs.get(0).get(key(link, lz4, rows));
        if (r == null || bytes == null) {
            return Double.NaN;
        }
        double[] ms = values(runs, link, raw, rows, Row::ms);
        return rows * bytes.bytesPerRow / EndToEnd.median(ms);
    }

    private static double[] values(List<Map<String, Row>> runs, String link, String c, long rows,
                                   java.util.function.ToDoubleFunction<Row> f) {
        return runs.stream().map(m -> m.get(key(link, c, rows))).filter(java.util.Objects::nonNull).mapToDouble(f)
                .toArray();
    }

    private static double[] ratios(List<Map<String, Row>> base, List<Map<String, Row>> ours, String link,
                                   String today, String c, long rows) {
        double[] out = new double[ours.size()];
        for (int r = 0; r < ours.size(); r++) {
            out[r] = base.get(r).get(key(link, today, rows)).ms / ours.get(r).get(key(link, c, rows)).ms;
        }
        return out;
    }

    private static double[] deltas(List<Map<String, Row>> base, List<Map<String, Row>> ours, String link,
                                   String today, String c, long rows) {
        double[] out = new double[ours.size()];
        for (int r = 0; r < ours.size(); r++) {
            out[r] = ours.get(r).get(key(link, c, rows)).ttfr - base.get(r).get(key(link, today, rows)).ttfr;
        }
        return out;
    }

    private static String key(String link, String c, long rows) {
        return link + "\t" + c + "\t" + rows;
    }

    private static Map<String, Row> read(Path file) throws IOException {
        Map<String, Row> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            Row r = new Row(f[0], f[1], Long.parseLong(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[9]));
            out.put(key(r.link, r.c, r.rows), r);
        }
        return out;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
