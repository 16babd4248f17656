package dev.rowpipe.bench;

import dev.rowpipe.bench.Dataset.Format;
import dev.rowpipe.internal.codec.CompressedBlockInputStream;
import dev.rowpipe.internal.codec.DecodedBody;
import dev.rowpipe.internal.codec.GzipMembersInputStream;
import dev.rowpipe.internal.firebolt.FireboltTsvDecoder;
import dev.rowpipe.internal.firebolt.FireboltTypes;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.local.firebolt.CompressedBlockOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding compressed Firebolt results in memory: {@value #ROWS} rows of the benchmark schema as
 * TabSeparatedWithNamesAndTypes, framed as the local engine frames {@code compress=1} (LZ4 blocks of 1 MiB) and
 * gzipped as it answers {@code Accept-Encoding: gzip}. One operation decodes the whole body; divide the body's
 * uncompressed size ({@link #main} prints it) by the time per operation for MB/s. {@code lz4Raw} is lz4-java's
 * safe decompressor alone on the same blocks (no checksum, no framing), {@code lz4Blocks} the driver's block
 * decoder on the calling thread, {@code lz4Ahead}/{@code gzipAhead} the same through {@link DecodedBody} (decoded
 * on its own thread, read here), and {@code tsv*} the TSV decoder end to end over each body with every value read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class CompressionBench {
    public static final int ROWS = 100_000;

    byte[] tsv;
    byte[] lz4;
    byte[] gzip;
    /** Payload offset, payload length and uncompressed size of each LZ4 block (for lz4Raw). */
    int[][] blocks;
    private final byte[] sinkBuffer = new byte[64 * 1024];
    private byte[] rawOut = new byte[0];
    private final LZ4SafeDecompressor safe = LZ4Factory.safeInstance().safeDecompressor();
    private ColumnType[] types;

    @Setup
    public void setup() throws IOException {
        tsv = Dataset.body(Format.FB_TSV).toBytes(ROWS);
        lz4 = lz4Blocks(tsv);
        gzip = gzip(tsv);
        blocks = blockTable(lz4);
        int largest = 0;
        for (int[] b : blocks) {
            largest = Math.max(largest, b[2]);
        }
        rawOut = new byte[largest];
        types = Dataset.columns(Format.FB_TSV).stream().map(ColumnInfo::type).toArray(ColumnType[]::new);
    }

    static byte[] lz4Blocks(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CompressedBlockOutputStream blocks = new CompressedBlockOutputStream(out)) {
            blocks.write(data);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static int[][] blockTable(byte[] body) {
        List<int[]> out = new ArrayList<>();
        int p = 0;
        while (p < body.length) {
            int compressed = intLe(body, p + 17);
            out.add(new int[] {p + 25, compressed - 9, intLe(body, p + 21)});
            p += 16 + compressed;
        }
        return out.toArray(int[][]::new);
    }

    private static int intLe(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    private long drain(InputStream in) throws IOException {
        long total = 0;
        int n;
        while ((n = in.read(sinkBuffer, 0, sinkBuffer.length)) >= 0) {
            total += n + sinkBuffer[0];
        }
        return total;
    }

    @Benchmark
    public long lz4Raw() {
        long total = 0;
        for (int[] b : blocks) {
            total += safe.decompress(lz4, b[0], b[1], rawOut, 0, b[2]);
        }
        return total;
    }

    @Benchmark
    public long lz4Blocks() throws IOException {
        return drain(new CompressedBlockInputStream(new ByteArrayInputStream(lz4)));
    }

    @Benchmark
    public long lz4Ahead() throws IOException {
        DecodedBody body = DecodedBody.open(new ByteArrayInputStream(lz4), null, true, null);
        try {
            return drain(body.stream());
        } finally {
            body.close();
        }
    }

    @Benchmark
    public long gzipInline() throws IOException {
        GzipMembersInputStream in = new GzipMembersInputStream(new ByteArrayInputStream(gzip), 64 * 1024);
        try {
            return drain(in);
        } finally {
            in.close();
        }
    }

    @Benchmark
    public long gzipAhead() throws IOException {
        DecodedBody body = DecodedBody.open(new ByteArrayInputStream(gzip), "gzip", false, null);
        try {
            return drain(body.stream());
        } finally {
            body.close();
        }
    }

    @Benchmark
    public long tsvPlain() throws Exception {
        return Sink.drain(FireboltTsvDecoder.open(new ByteArrayInputStream(tsv), FireboltTypes::parse, null).cursor(),
                types);
    }

    @Benchmark
    public long tsvLz4() throws Exception {
        DecodedBody body = DecodedBody.open(new ByteArrayInputStream(lz4), null, true, null);
        return Sink.drain(FireboltTsvDecoder.open(body.stream(), FireboltTypes::parse, body).cursor(), types);
    }

    @Benchmark
    public long tsvGzip() throws Exception {
        DecodedBody body = DecodedBody.open(new ByteArrayInputStream(gzip), "gzip", false, null);
        return Sink.drain(FireboltTsvDecoder.open(body.stream(), FireboltTypes::parse, body).cursor(), types);
    }

    /** Prints the body sizes (for MB/s) and checks that every path reads the same rows. */
    public static void main(String[] args) throws Exception {
        CompressionBench b = new CompressionBench();
        b.setup();
        System.out.printf("%d rows: TSV %d bytes (%.1f/row), LZ4 blocks %d (%.1f/row, %d blocks), gzip %d (%.1f/row)%n",
                ROWS, b.tsv.length, (double) b.tsv.length / ROWS, b.lz4.length, (double) b.lz4.length / ROWS,
                b.blocks.length, b.gzip.length, (double) b.gzip.length / ROWS);
        long plain = b.tsvPlain();
        if (plain != b.tsvLz4() || plain != b.tsvGzip()) {
            throw new IllegalStateException("the compressed bodies read other values");
        }
        System.out.println("ok");
    }
}
