package dev.rowpipe.bench;

import dev.rowpipe.bench.Dataset.Format;
import dev.rowpipe.internal.firebolt.FireboltJsonDecoder;
import dev.rowpipe.internal.firebolt.FireboltTsvDecoder;
import dev.rowpipe.internal.td.TdDelimitedCursor;
import dev.rowpipe.internal.td.TdJsonLinesCursor;
import dev.rowpipe.internal.td.TdMsgpackCursor;
import dev.rowpipe.internal.firebolt.FireboltTypes;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowCursor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1: every decoder on the same in-memory body ({@value #ROWS} rows of the mixed schema), every value
 * read with its typed getter, next to the straightforward reference for the same bytes. Scores are rows/s
 * (one operation = one row). Method names pair up as {@code xxx} (ours) and {@code xxxRef}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(DecoderBench.ROWS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DecoderBench {
    public static final int ROWS = 20_000;

    private final Map<Format, byte[]> bodies = new EnumMap<>(Format.class);
    private final Map<Format, List<ColumnInfo>> columns = new EnumMap<>(Format.class);
    private final Map<Format, ColumnType[]> types = new EnumMap<>(Format.class);

    @Setup
    public void setup() throws Exception {
        for (Format f : Format.values()) {
            bodies.put(f, Dataset.body(f).toBytes(ROWS));
            columns.put(f, Dataset.columns(f));
            types.put(f, Dataset.columns(f).stream().map(ColumnInfo::type).toArray(ColumnType[]::new));
        }
        // Every contender must read the same values: compare checksums once.
        for (Format f : Format.values()) {
            long ours = ours(f);
            long ref = reference(f);
            if (ours != ref) {
                throw new IllegalStateException(f + ": driver checksum " + ours + " != reference " + ref);
            }
        }
    }

    long ours(Format f) throws SQLException {
        ByteArrayInputStream in = new ByteArrayInputStream(bodies.get(f));
        RowCursor cursor = switch (f) {
            case FB_JSON, FB_JSON_COMPACT -> FireboltJsonDecoder.open(in, FireboltTypes::parse, null).cursor();
            case FB_TSV -> FireboltTsvDecoder.open(in, FireboltTypes::parse, null).cursor();
            case TD_MSGPACK -> TdMsgpackCursor.plain(in, columns.get(f), null);
            case TD_MSGPACK_GZ -> TdMsgpackCursor.gzip(in, columns.get(f), null);
            case TD_JSON -> new TdJsonLinesCursor(in, columns.get(f), null);
            case TD_TSV -> TdDelimitedCursor.tsv(in, columns.get(f), null);
            case TD_CSV -> TdDelimitedCursor.csv(in, columns.get(f), null);
        };
        return Sink.drain(cursor, types.get(f));
    }

    long reference(Format f) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bodies.get(f));
        return switch (f) {
            case FB_JSON -> References.fireboltJson(in, false);
            case FB_JSON_COMPACT -> References.fireboltJson(in, true);
            case FB_TSV -> References.tsv(in, 2);
            case TD_MSGPACK -> References.msgpack(in, false);
            case TD_MSGPACK_GZ -> References.msgpack(in, true);
            case TD_JSON -> References.tdJson(in);
            case TD_TSV -> References.tsv(in, 0);
            case TD_CSV -> References.csv(in);
        };
    }

    @Benchmark public long fbJson() throws Exception { return ours(Format.FB_JSON); }
    @Benchmark public long fbJsonRef() throws Exception { return reference(Format.FB_JSON); }
    @Benchmark public long fbJsonCompact() throws Exception { return ours(Format.FB_JSON_COMPACT); }
    @Benchmark public long fbJsonCompactRef() throws Exception { return reference(Format.FB_JSON_COMPACT); }
    @Benchmark public long fbTsv() throws Exception { return ours(Format.FB_TSV); }
    @Benchmark public long fbTsvRef() throws Exception { return reference(Format.FB_TSV); }
    @Benchmark public long tdMsgpack() throws Exception { return ours(Format.TD_MSGPACK); }
    @Benchmark public long tdMsgpackRef() throws Exception { return reference(Format.TD_MSGPACK); }
    @Benchmark public long tdMsgpackGz() throws Exception { return ours(Format.TD_MSGPACK_GZ); }
    @Benchmark public long tdMsgpackGzRef() throws Exception { return reference(Format.TD_MSGPACK_GZ); }
    @Benchmark public long tdJson() throws Exception { return ours(Format.TD_JSON); }
    @Benchmark public long tdJsonRef() throws Exception { return reference(Format.TD_JSON); }
    @Benchmark public long tdTsv() throws Exception { return ours(Format.TD_TSV); }
    @Benchmark public long tdTsvRef() throws Exception { return reference(Format.TD_TSV); }
    @Benchmark public long tdCsv() throws Exception { return ours(Format.TD_CSV); }
    @Benchmark public long tdCsvRef() throws Exception { return reference(Format.TD_CSV); }

    /** Checks once that every decoder reads the same values as its reference (no timing). */
    public static void main(String[] args) throws Exception {
        DecoderBench b = new DecoderBench();
        b.setup();
        for (Format f : Format.values()) {
            System.out.printf("%-22s ok, %.1f bytes/row%n", f.label, Dataset.body(f).bytesPerRow());
        }
    }
}
