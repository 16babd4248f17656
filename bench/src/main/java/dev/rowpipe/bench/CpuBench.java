package dev.rowpipe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link FloorBench}'s sources measured by CPU time instead of wall time: on a machine shared with other work a
 * thread's CPU time per row moves far less with the load than the elapsed time does (the thread is not charged
 * for the time it waits for a core). Only the reading thread is counted, so for msgpack.gz and LZ4 (decoded on a
 * thread of their own) it is the decoder's share alone. Prints the median and range of {@code ROUNDS} rounds of
 * {@link FloorBench#ROWS} rows each, after as many rounds of warm-up.
 * <p>Usage: {@code CpuBench SOURCE[,SOURCE] TIME|SQL|DECODE[,..] [ROUNDS]}.
 */
public final class CpuBench {
    private CpuBench() {
    }

    public static void main(String[] args) throws Exception {
        String[] sources = args[0].split(",");
        String[] getters = args[1].split(",");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String source : sources) {
            for (String g : getters) {
                FloorBench b = new FloorBench();
                b.source = source;
                b.getters = g;
                b.setup();
                long sink = 0;
                for (int k = 0; k < rounds; k++) {
                    sink += b.row();
                }
                double[] cpu = new double[rounds];
                double[] wall = new double[rounds];
                for (int k = 0; k < rounds; k++) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    sink += b.row();
                    cpu[k] = (threads.getCurrentThreadCpuTime() - c0) / (double) FloorBench.ROWS;
                    wall[k] = (System.nanoTime() - w0) / (double) FloorBench.ROWS;
                }
                Arrays.sort(cpu);
                Arrays.sort(wall);
                System.out.printf(Locale.ROOT, "%-16s %-6s cpu %7.1f ns/row (p25 %.1f, p75 %.1f)  wall %7.1f ns/row%s%n",
                        source, g, cpu[rounds / 2], cpu[rounds / 4], cpu[3 * rounds / 4], wall[rounds / 2],
                        sink == 42 ? " " : "");
            }
        }
    }
}
