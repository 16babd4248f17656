package dev.rowpipe.bench;

import dev.rowpipe.bench.Dataset.Format;
import dev.rowpipe.bench.Sink.Getters;
import dev.rowpipe.internal.codec.DecodedBody;
import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.firebolt.FireboltJsonDecoder;
import dev.rowpipe.internal.firebolt.FireboltTsvDecoder;
import dev.rowpipe.internal.firebolt.FireboltTypes;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.td.TdDelimitedCursor;
import dev.rowpipe.internal.td.TdJsonLinesCursor;
import dev.rowpipe.internal.td.TdMsgpackCursor;
import dev.rowpipe.jdbc.BenchResults;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-row floor and every decoder measured against it, nanoseconds per row ({@value #ROWS} rows per
 * operation). {@code FLOOR} builds exactly the objects the getters must return for a row of the benchmark schema
 * (a BigDecimal, a LocalDate and a LocalDateTime or, with {@code getters=SQL}, a java.sql.Date and a Timestamp,
 * three Strings of which one is UTF-16, an ArrayList of three Integers) from primitives parsed in advance: the
 * fields of the dates, the epoch milliseconds of the java.sql values, the decimal's unscaled long, each string's
 * bytes (ASCII, copied into a Latin-1 String) or chars. No byte is decoded; it is what reading typed values costs in
 * Java at least. Every other source is the driver end to end in memory: the format's decoder over the body,
 * through {@code RowpipeResultSet} and its getters, {@code java.time} ({@code TIME}: {@code getObject(i,
 * LocalDate.class)}, {@code getObject(i, LocalDateTime.class)}) or {@code java.sql} ({@code SQL}: {@code getDate},
 * {@code getTimestamp}); {@code FB_TSV_LZ4} is the TSV body in LZ4 blocks decoded through {@link DecodedBody} (on its
 * own thread). Both the floor and the readers store every object they make ({@link Sink#KEPT}), so neither side's
 * objects can be optimized away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(FloorBench.ROWS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class FloorBench {
    public static final int ROWS = 20_000;

    @Param({"FLOOR", "FB_TSV", "FB_TSV_LZ4", "FB_JSON_COMPACT", "FB_JSON", "TD_MSGPACK_GZ", "TD_MSGPACK", "TD_JSON",
        "TD_TSV", "TD_CSV"})
    public String source;

    /** TIME or SQL; DECODE reads no value ({@code next()} alone: what decoding the rows costs by itself). */
    @Param({"TIME", "SQL"})
    public String getters;

    private Getters mode;
    private boolean decodeOnly;
    private Format format;
    private byte[] body;
    private List<ColumnInfo> columns;

    // The floor's primitives, one entry per pattern row.
    private int[] ints;
    private long[] longs;
    private double[] doubles;
    private long[] unscaled;
    private int[] year;
    private int[] month;
    private int[] day;
    private int[] secondOfDay;
    private long[] dateMillis;
    private long[] timestampMillis;
    private boolean[] booleans;
    private byte[][] shortText;
    private char[][] escaped;
    private byte[][] nullable;
    private int[][] arrays;

    @Setup
    public void setup() throws Exception {
        decodeOnly = getters.equals("DECODE");
        mode = decodeOnly ? Getters.TIME : Getters.valueOf(getters);
        List<Dataset.Row> rows = Dataset.ROWS;
        int n = rows.size();
        ints = new int[n];
        longs = new long[n];
        doubles = new double[n];
        unscaled = new long[n];
        year = new int[n];
        month = new int[n];
        day = new int[n];
        secondOfDay = new int[n];
        dateMillis = new long[n];
        timestampMillis = new long[n];
        booleans = new boolean[n];
        shortText = new byte[n][];
        escaped = new char[n][];
        nullable = new byte[n][];
        arrays = new int[n][];
        for (int k = 0; k < n; k++) {
            Dataset.Row r = rows.get(k);
            ints[k] = r.i();
            longs[k] = r.l();
            doubles[k] = r.d();
            unscaled[k] = r.dec().unscaledValue().longValueExact();
            year[k] = r.date().getYear();
            month[k] = r.date().getMonthValue();
            day[k] = r.date().getDayOfMonth();
            secondOfDay[k] = r.ts().toLocalTime().toSecondOfDay();
            dateMillis[k] = java.sql.Date.valueOf(r.date()).getTime();
            timestampMillis[k] = Timestamp.valueOf(r.ts()).getTime();
            booleans[k] = r.b();
            shortText[k] = r.shortText().getBytes(StandardCharsets.ISO_8859_1);
            escaped[k] = r.escaped().toCharArray();
            nullable[k] = r.nullable() == null ? null : r.nullable().getBytes(StandardCharsets.ISO_8859_1);
            arrays[k] = r.array().clone();
        }
        if (!source.equals("FLOOR")) {
            boolean lz4 = source.equals("FB_TSV_LZ4");
            format = lz4 ? Format.FB_TSV : Format.valueOf(source);
            body = Dataset.body(format).toBytes(ROWS);
            if (lz4) {
                body = CompressionBench.lz4Blocks(body);
            }
            columns = Dataset.columns(format);
        }
        long expected = floor(mode);
        long actual = source.equals("FLOOR") || decodeOnly ? expected : read();
        if (actual != expected) {
            throw new IllegalStateException(source + " " + getters + ": checksum " + actual + ", the floor's "
                    + expected);
        }
    }

    @Benchmark
    public long row() throws Exception {
        return source.equals("FLOOR") ? floor(mode) : read();
    }

    /** The objects of {@value #ROWS} rows built from the primitives; the same checksum as {@link Sink#drain}. */
    long floor(Getters g) {
        Object[] kept = Sink.KEPT;
        boolean sql = g == Getters.SQL;
        long sum = 0;
        int n = ints.length;
        for (int r = 0; r < ROWS; r++) {
            int k = r % n;
            sum += ints[k];
            sum += longs[k];
            sum += (long) doubles[k];
            BigDecimal dec = BigDecimal.valueOf(unscaled[k], 9);
            kept[3] = dec;
            sum += dec.scale();
            if (sql) {
                java.sql.Date date = new java.sql.Date(dateMillis[k]);
                Timestamp ts = new Timestamp(timestampMillis[k]);
                kept[4] = date;
                kept[5] = ts;
                sum += date.getTime() + ts.getNanos();
            } else {
                LocalDate date = LocalDate.of(year[k], month[k], day[k]);
                int s = secondOfDay[k];
                LocalDateTime ts = LocalDateTime.of(year[k], month[k], day[k], s / 3600, s / 60 % 60, s % 60);
                kept[4] = date;
                kept[5] = ts;
                sum += date.getDayOfMonth() + ts.getSecond();
            }
            sum += booleans[k] ? 1 : 0;
            String s1 = new String(shortText[k], 0, shortText[k].length, StandardCharsets.ISO_8859_1);
            String s2 = new String(escaped[k], 0, escaped[k].length);
            byte[] nb = nullable[k];
            String s3 = nb == null ? null : new String(nb, 0, nb.length, StandardCharsets.ISO_8859_1);
            kept[7] = s1;
            kept[8] = s2;
            kept[9] = s3;
            sum += s1.length() + s2.length() + (s3 == null ? 0 : s3.length());
            int[] a = arrays[k];
            ArrayList<Integer> list = new ArrayList<>(a.length);
            for (int v : a) {
                list.add(v);
            }
            kept[10] = list;
            sum += list.size();
        }
        return sum;
    }

    /** The body through its decoder and RowpipeResultSet's getters. */
    long read() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        DecodedBody decoded = null;
        RowCursor cursor;
        List<ColumnInfo> cols = columns;
        switch (source) {
            case "FB_TSV_LZ4" -> {
                decoded = DecodedBody.open(in, null, true, null);
                DecodedResult r = FireboltTsvDecoder.open(decoded.stream(), FireboltTypes::parse, decoded);
                cursor = r.cursor();
                cols = r.columns();
            }
            case "FB_TSV" -> {
                DecodedResult r = FireboltTsvDecoder.open(in, FireboltTypes::parse, null);
                cursor = r.cursor();
                cols = r.columns();
            }
            case "FB_JSON", "FB_JSON_COMPACT" -> {
                DecodedResult r = FireboltJsonDecoder.open(in, FireboltTypes::parse, null);
                cursor = r.cursor();
                cols = r.columns();
            }
            case "TD_MSGPACK" -> cursor = TdMsgpackCursor.plain(in, cols, null);
            case "TD_MSGPACK_GZ" -> cursor = TdMsgpackCursor.gzip(in, cols, null);
            case "TD_JSON" -> cursor = new TdJsonLinesCursor(in, cols, null);
            case "TD_TSV" -> cursor = TdDelimitedCursor.tsv(in, cols, null);
            case "TD_CSV" -> cursor = TdDelimitedCursor.csv(in, cols, null);
            default -> throw new IllegalArgumentException(source);
        }
        long[] count = new long[1];
        long sum;
        try (ResultSet rs = BenchResults.over(cols, cursor)) {
            if (decodeOnly) {
                sum = 0;
                while (rs.next()) {
                    count[0]++;
                }
            } else {
                sum = Sink.drain(rs, count, mode);
            }
        }
        if (count[0] != ROWS) {
            throw new IllegalStateException(source + ": " + count[0] + " rows");
        }
        return sum;
    }
}
