package dev.rowpipe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowpipe.bench.Dataset.Format;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Turns the result files of one run (bench/results) into the markdown tables of docs/performance.md
 * ({@code summary.md} next to the results) and the chart {@code docs/performance.png}. Runs headless.
 * <p>Usage: {@code Report RESULTS_DIR CHART_PNG}.
 */
public final class Report {
    private static final double TARGET_DECODER = 3.0;
    private static final double TARGET_E2E = 0.5;

    private Report() {
    }

    record Decoder(Format format, double ours, double ref) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results");
        Path png = Path.of(args.length > 1 ? args[1] : "docs/performance.png");
        System.setProperty("java.awt.headless", "true");
        List<Decoder> decoders = decoders(dir.resolve("decoders.json"));
        List<String[]> e2e = tsv(dir.resolve("e2e.tsv"));
        StringBuilder md = new StringBuilder();
        md.append("### 1. Decoders in memory (").append(DecoderBench.ROWS)
                .append(" rows, every value read with its typed getter; median of the measurement iterations)\n\n")
                .append("| format | bytes/row | ours rows/s | ours MB/s | reference rows/s | reference MB/s | ours/reference"
                        + " | target 3x |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Decoder d : decoders) {
            double bpr = Dataset.body(d.format).bytesPerRow();
            double ratio = d.ours / d.ref;
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %,.0f | %.1f | %,.0f | %.1f | %.2fx | %s |%n",
                    d.format.label, bpr, d.ours, d.ours * bpr / 1e6, d.ref, d.ref * bpr / 1e6, ratio,
                    ratio >= TARGET_DECODER ? "met" : String.format(Locale.ROOT, "missed (%.0f%% of it)",
                            100 * ratio / TARGET_DECODER)));
        }
        md.append("\n### 2. End to end through JDBC over loopback HTTP (medians)\n\n")
                .append("| format | rows | JDBC rows/s | raw wire rows/s | JDBC/raw | time to first row | "
                        + "HTTP requests per statement |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (String[] r : e2e) {
            Format f = Format.valueOf(r[0]);
            long rows = Long.parseLong(r[1]);
            double jdbc = rows / (Double.parseDouble(r[2]) / 1000);
            double raw = rows / (Double.parseDouble(r[3]) / 1000);
            md.append(String.format(Locale.ROOT, "| %s%s | %,d | %,.0f | %,.0f | %.2f | %.1f ms | %s |%n", f.label,
                    f == Format.TD_MSGPACK_GZ ? " (raw = read + inflate)" : "", rows, jdbc, raw, jdbc / raw,
                    Double.parseDouble(r[4]), r[5]));
        }
        Path heap = dir.resolve("heap.txt");
        if (Files.exists(heap)) {
            md.append("\n### Heap (10M rows under -Xmx64m)\n\n```\n");
            for (String line : Files.readAllLines(heap)) {
                if (line.startsWith("HeapCheck")) {
                    md.append(line).append('\n');
                }
            }
            md.append("```\n");
        }
        Path local = dir.resolve("local.tsv");
        if (Files.exists(local)) {
            md.append("\n### 3 and 4. Against the local server, and td-client-java\n\n| backend | metric | value |\n"
                    + "|---|---|---:|\n");
            for (String[] r : tsv(local)) {
                md.append("| ").append(String.join(" | ", r)).append(" |\n");
            }
        }
        Files.writeString(dir.resolve("summary.md"), md.toString());
        System.out.print(md);
        chart(decoders, e2e, png);
        System.out.println("\nwrote " + dir.resolve("summary.md") + " and " + png);
    }

    private static List<Decoder> decoders(Path json) throws IOException {
        Map<String, Double> score = new LinkedHashMap<>();
        for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
            String name = b.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.') + 1);
            List<Double> raw = new ArrayList<>();
            for (JsonNode fork : b.path("primaryMetric").path("rawData")) {
                for (JsonNode v : fork) {
                    raw.add(v.asDouble());
                }
            }
            score.put(name, raw.isEmpty() ? b.path("primaryMetric").path("score").asDouble()
                    : EndToEnd.median(raw.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        String[] names = {"fbJson", "fbJsonCompact", "fbTsv", "tdMsgpack", "tdMsgpackGz", "tdJson", "tdTsv", "tdCsv"};
        List<Decoder> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (score.containsKey(names[i]) && score.containsKey(names[i] + "Ref")) {
                out.add(new Decoder(Format.values()[i], score.get(names[i]), score.get(names[i] + "Ref")));
            }
        }
        return out;
    }

    private static List<String[]> tsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    // ---- chart -----------------------------------------------------------------------------------------------

    private static final Color OURS = new Color(0x2b6cb0);
    private static final Color REF = new Color(0xcbd5e0);
    private static final Color[] SIZES = {new Color(0x90cdf4), new Color(0x3182ce), new Color(0x1a365d)};

    private static void chart(List<Decoder> decoders, List<String[]> e2e, Path png) throws IOException {
        int w = 1400;
        int h = 560;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);

        List<String> labels = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Decoder d : decoders) {
            labels.add(d.format.label.replace("Firebolt ", "FB "));
            values.add(new double[] {d.ours, d.ref});
        }
        panel(g, 20, 20, 660, 500, "Decoders in memory: rows/s (typed getters)", labels, values,
                new Color[] {OURS, REF}, new String[] {"rowpipe", "reference"});

        Map<Format, double[]> bySize = new LinkedHashMap<>();
        List<Long> sizes = new ArrayList<>();
        for (String[] r : e2e) {
            long rows = Long.parseLong(r[1]);
            if (!sizes.contains(rows)) {
                sizes.add(rows);
            }
        }
        for (String[] r : e2e) {
            Format f = Format.valueOf(r[0]);
            double[] v = bySize.computeIfAbsent(f, k -> new double[sizes.size()]);
            long rows = Long.parseLong(r[1]);
            v[sizes.indexOf(rows)] = rows / (Double.parseDouble(r[2]) / 1000);
        }
        List<String> e2eLabels = new ArrayList<>();
        for (Format f : bySize.keySet()) {
            e2eLabels.add(f.label.replace("Firebolt ", "FB "));
        }
        String[] legend = sizes.stream().map(s -> String.format(Locale.ROOT, "%,d rows", s)).toArray(String[]::new);
        panel(g, 720, 20, 660, 500, "End to end through JDBC over loopback: rows/s by result size",
                e2eLabels, new ArrayList<>(bySize.values()), Arrays.copyOf(SIZES, sizes.size()), legend);
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    private static void panel(Graphics2D g, int x, int y, int w, int h, String title, List<String> labels,
                              List<double[]> values, Color[] colors, String[] legend) {
        double max = 1;
        for (double[] v : values) {
            for (double d : v) {
                max = Math.max(max, d);
            }
        }
        double step = niceStep(max / 5);
        double top = Math.ceil(max / step) * step;
        int left = x + 70;
        int bottom = y + h - 80;
        int plotTop = y + 50;
        int plotW = w - 80;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, x + 10, y + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double t = 0; t <= top + 1e-9; t += step) {
            int yy = bottom - (int) ((bottom - plotTop) * t / top);
            g.setColor(new Color(0xe2e8f0));
            g.drawLine(left, yy, left + plotW, yy);
            g.setColor(Color.DARK_GRAY);
            String s = t >= 1e6 ? String.format(Locale.ROOT, "%.1fM", t / 1e6)
                    : String.format(Locale.ROOT, "%.0fk", t / 1e3);
            g.drawString(s, left - 8 - g.getFontMetrics().stringWidth(s), yy + 4);
        }
        int groups = Math.max(1, labels.size());
        double groupW = (double) plotW / groups;
        int series = colors.length;
        double barW = groupW * 0.8 / series;
        for (int i = 0; i < labels.size(); i++) {
            double gx = left + i * groupW + groupW * 0.1;
            for (int s = 0; s < series && s < values.get(i).length; s++) {
                int bh = (int) ((bottom - plotTop) * values.get(i)[s] / top);
                g.setColor(colors[s]);
                g.fillRect((int) (gx + s * barW), bottom - bh, (int) Math.max(1, barW - 2), bh);
            }
            g.setColor(Color.BLACK);
            String label = labels.get(i);
            int lw = g.getFontMetrics().stringWidth(label);
            int cx = (int) (left + i * groupW + groupW / 2);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 8, cx, bottom + 14);
            rotated.drawString(label, cx - lw / 2, bottom + 18);
            rotated.dispose();
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, bottom, left + plotW, bottom);
        int lx = left + 10;
        for (int s = 0; s < legend.length; s++) {
            g.setColor(colors[s]);
            g.fillRect(lx, y + 30, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(legend[s], lx + 16, y + 41);
            lx += 30 + g.getFontMetrics().stringWidth(legend[s]);
        }
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
