package dev.rowpipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table of benchmark 6 from {@code RUNS} {@link FloorBench} result files ({@code floor-R.json}): each source's
 * nanoseconds per row with both getter families as the median of the runs (lowest and highest run), the ratio to
 * the floor of the same getters and of java.sql to java.time (both per run, then median and range), and the
 * targets of issue #13 (java.sql within 1.1x of java.time; Firebolt TSV and TD msgpack.gz within 2.5x of the floor).
 * <p>Usage: {@code FloorReport RESULTS_DIR RUNS}; prints markdown.
 */
public final class FloorReport {
    private static final double TARGET_SQL = 1.1;
    private static final double TARGET_FLOOR = 2.5;

    private FloorReport() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // source -> getters -> one score per run
        Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            JsonNode results = new ObjectMapper().readTree(dir.resolve("floor-" + (r + 1) + ".json").toFile());
            for (JsonNode b : results) {
                String source = b.path("params").path("source").asText();
                String getters = b.path("params").path("getters").asText();
                scores.computeIfAbsent(source, k -> new LinkedHashMap<>())
                        .computeIfAbsent(getters, k -> new double[runs])[r] = b.path("primaryMetric").path("score")
                        .asDouble();
            }
        }
        double[] floorTime = scores.get("FLOOR").get("TIME");
        double[] floorSql = scores.get("FLOOR").get("SQL");
        StringBuilder md = new StringBuilder("### 6. The per-row floor (ns per row; " + runs
                + " runs: median of the runs, lowest and highest)\n\n"
                + "| source | java.time getters | x floor | java.sql getters | x floor | java.sql / java.time |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        List<String> targets = new ArrayList<>();
        for (Map.Entry<String, Map<String, double[]>> e : scores.entrySet()) {
            double[] time = e.getValue().get("TIME");
            double[] sql = e.getValue().get("SQL");
            double[] timeRatio = divide(time, floorTime);
            double[] sqlRatio = divide(sql, floorSql);
            double[] sqlVsTime = divide(sql, time);
            boolean floor = e.getKey().equals("FLOOR");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", floor ? "**floor**" : e.getKey(),
                    range(time, "%.0f"), floor ? "" : range(timeRatio, "%.2f"), range(sql, "%.0f"),
                    floor ? "" : range(sqlRatio, "%.2f"), range(sqlVsTime, "%.2f")));
            if (floor) {
                continue;
            }
            double sv = EndToEnd.median(sqlVsTime);
            targets.add(String.format(Locale.ROOT, "- %s: java.sql getters %.2fx the java.time ones, target at most "
                    + "%.1fx: **%s**", e.getKey(), sv, TARGET_SQL, sv <= TARGET_SQL ? "met" : "missed"));
            if (e.getKey().equals("FB_TSV") || e.getKey().equals("TD_MSGPACK_GZ")) {
                for (String g : new String[] {"TIME", "SQL"}) {
                    double v = EndToEnd.median(g.equals("TIME") ? timeRatio : sqlRatio);
                    targets.add(String.format(Locale.ROOT, "- %s with %s getters: %.2fx the floor, target at most "
                            + "%.1fx: **%s**", e.getKey(), g.equals("TIME") ? "java.time" : "java.sql", v,
                            TARGET_FLOOR, v <= TARGET_FLOOR ? "met" : "missed"));
                }
            }
        }
        System.out.println(md + "\n#### Targets\n\n" + String.join("\n", targets));
    }

    private static double[] divide(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    private static String range(double[] v, String f) {
        return String.format(Locale.ROOT, f + " (" + f + ".." + f + ")", EndToEnd.median(v),
                Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN));
    }
}
