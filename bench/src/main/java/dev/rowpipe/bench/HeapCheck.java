package dev.rowpipe.bench;

import dev.rowpipe.bench.Dataset.Format;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * Reads a large result through JDBC from an in-process {@link Responder} and prints the rows read and the peak
 * heap. Meant to run under {@code -Xmx64m}: it passes when it finishes. Usage: {@code HeapCheck FORMAT ROWS}.
 */
public final class HeapCheck {
    private HeapCheck() {
    }

    public static void main(String[] args) throws Exception {
        Format f = Format.valueOf(args.length > 0 ? args[0] : "FB_TSV");
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        long start = System.nanoTime();
        long[] count = new long[1];
        try (Responder responder = new Responder(); Connection c = EndToEnd.connect(responder, f);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM bench LIMIT " + rows)) {
            Sink.drain(rs, count);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "HeapCheck %s: %d rows in %.1f s, peak heap %.1f MB (max heap %.0f MB)%s%n",
                f.name(), count[0], seconds, peak / 1048576.0, max / 1048576.0,
                count[0] == rows ? "" : " FAILED: expected " + rows + " rows");
        if (count[0] != rows) {
            System.exit(1);
        }
    }
}
