package dev.rowpipe.bench;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.rowpipe.internal.firebolt.FireboltTypes;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.td.TdTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The benchmark's 10-column mixed schema (plus an array column) and its rows, encoded in every wire format the
 * driver reads. A body is a header, a repeating pattern of {@link #PATTERN} distinct rows and a trailer, so a
 * responder can stream 10M rows from a few hundred KB of memory.
 */
public final class Dataset {
    /** Distinct rows; a body repeats them. */
    public static final int PATTERN = 1000;
    static final String[] NAMES = {"c_int", "c_bigint", "c_double", "c_decimal", "c_date", "c_ts", "c_bool",
        "c_short", "c_escaped", "c_nullable", "c_array"};
    static final String[] FIREBOLT_TYPES = {"integer", "bigint", "double precision", "numeric(38, 9)", "date",
        "timestamp", "boolean", "text", "text", "text null", "array(integer)"};
    static final String[] TD_TYPES = {"integer", "bigint", "double", "decimal(38,9)", "date", "timestamp",
        "boolean", "varchar", "varchar", "varchar", "array(integer)"};

    /** One generated row, as Java values. */
    record Row(int i, long l, double d, BigDecimal dec, LocalDate date, LocalDateTime ts, boolean b, String shortText,
               String escaped, String nullable, int[] array) {
    }

    public enum Format {
        FB_JSON("Firebolt JSON", "JSON", 2),
        FB_JSON_COMPACT("Firebolt JSON_Compact", "JSON_Compact", 2),
        FB_TSV("Firebolt TSV", "TabSeparatedWithNamesAndTypes", 0),
        TD_MSGPACK("TD msgpack", "msgpack", 0),
        TD_MSGPACK_GZ("TD msgpack.gz", "msgpack.gz", 0),
        TD_JSON("TD json", "json", 0),
        TD_TSV("TD tsv", "tsv", 0),
        TD_CSV("TD csv", "csv", 0);

        public final String label;
        public final String wireName;
        /** Bytes each pattern row starts with that the first row of a body leaves out (",\n" in JSON). */
        final int separator;

        Format(String label, String wireName, int separator) {
            this.label = label;
            this.wireName = wireName;
            this.separator = separator;
        }

        public boolean firebolt() {
            return name().startsWith("FB_");
        }
    }

    static final List<Row> ROWS = generate();

    private Dataset() {
    }

    private static List<Row> generate() {
        List<Row> rows = new ArrayList<>(PATTERN);
        Random r = new Random(42);
        for (int k = 0; k < PATTERN; k++) {
            int i = r.nextInt();
            long l = r.nextLong();
            double d = Math.round(r.nextDouble() * 1e10) / 1e4;
            BigDecimal dec = new BigDecimal(BigInteger.valueOf(Math.abs(r.nextLong()) % 1_000_000_000_000_000L), 9);
            LocalDate date = LocalDate.of(2000, 1, 1).plusDays(r.nextInt(10000));
            LocalDateTime ts = date.atStartOfDay().plusSeconds(r.nextInt(86400));
            boolean b = r.nextBoolean();
            String shortText = "name_" + k;
            String escaped = "line " + k + "\tcol \"quoted\", back\\slash\nnext é€ " + (k * 31);
            String nullable = r.nextInt(5) == 0 ? null : "value-" + (k * 7);
            int[] array = {k, r.nextInt(1000), -k};
            rows.add(new Row(i, l, d, dec, date, ts, b, shortText, escaped, nullable, array));
        }
        return rows;
    }

    public static List<ColumnInfo> columns(Format format) {
        List<ColumnInfo> out = new ArrayList<>();
        for (int c = 0; c < NAMES.length; c++) {
            ColumnType type = format.firebolt() ? FireboltTypes.parse(FIREBOLT_TYPES[c]) : TdTypes.parse(TD_TYPES[c]);
            out.add(new ColumnInfo(NAMES[c], type));
        }
        return out;
    }

    public static String tdSchemaJson() {
        StringBuilder s = new StringBuilder("[");
        for (int c = 0; c < NAMES.length; c++) {
            s.append(c == 0 ? "" : ",").append("[\"").append(NAMES[c]).append("\",\"").append(TD_TYPES[c])
                    .append("\"]");
        }
        return s.append(']').toString();
    }

    // ---- bodies ----------------------------------------------------------------------------------------------

    /** A body: header, pattern rows (each {@code rowStart[p]..rowStart[p+1]}), trailer depending on the count. */
    public static final class Body {
        public final Format format;
        final byte[] header;
        final byte[] pattern;
        final int[] rowStart;
        /** For msgpack.gz: the whole pattern as one gzip member, repeated for full blocks (multi-member gzip). */
        final byte[] gzBlock;

        Body(Format format, byte[] header, byte[] pattern, int[] rowStart) {
            this.format = format;
            this.header = header;
            this.pattern = pattern;
            this.rowStart = rowStart;
            this.gzBlock = format == Format.TD_MSGPACK_GZ ? gzip(pattern, 0, pattern.length) : null;
        }

        /** Uncompressed bytes per row, averaged over the pattern. */
        public double bytesPerRow() {
            return (double) pattern.length / PATTERN;
        }

        public void writeTo(OutputStream out, long rows) throws IOException {
            out.write(header);
            if (format == Format.TD_MSGPACK_GZ) {
                long full = rows / PATTERN;
                for (long k = 0; k < full; k++) {
                    out.write(gzBlock);
                }
                int rest = (int) (rows % PATTERN);
                if (rest > 0 || rows == 0) {
                    out.write(gzip(pattern, 0, rowStart[rest]));
                }
                return;
            }
            long written = 0;
            while (written < rows) {
                int p = (int) (written % PATTERN);
                int n = (int) Math.min(PATTERN - p, rows - written);
                int from = rowStart[p] + (written == 0 ? format.separator : 0);
                out.write(pattern, from, rowStart[p + n] - from);
                written += n;
            }
            out.write(trailer(rows));
        }

        /**
         * The same body compressed as a Firebolt engine sends it: {@code LZ4} as ClickHouse's compressed blocks
         * ({@code compress=1}), {@code GZIP} as gzip ({@code Content-Encoding: gzip}); {@code NONE} as
         * {@link #writeTo}. The rows are cut into segments of whole patterns of at most 1 MiB (the first one
         * with the header, the last one with the trailer), each compressed on its own: one LZ4 block or one gzip
         * member (a body of several members, which HTTP's gzip coding allows). The segments between the first
         * and the last are all the same bytes, so they are compressed once and the responder streams any
         * number of rows without compressing as it goes (what is measured is the client).
         */
        public void writeTo(OutputStream out, long rows, Encoding encoding) throws IOException {
            if (encoding == Encoding.NONE || format == Format.TD_MSGPACK_GZ) {
                writeTo(out, rows);
                return;
            }
            long unit = (long) PATTERN * Math.max(1, (1 << 20) / pattern.length);
            if (rows <= unit) {
                out.write(encoded(encoding, "all:" + rows, () -> segment(true, rows, true, rows)));
                return;
            }
            out.write(encoded(encoding, "first", () -> segment(true, unit, false, rows)));
            long middle = (rows - 1) / unit - 1;
            byte[] full = encoded(encoding, "middle", () -> segment(false, unit, false, rows));
            for (long k = 0; k < middle; k++) {
                out.write(full);
            }
            long rest = rows - unit * (middle + 1);
            out.write(encoded(encoding, "last:" + rows, () -> segment(false, rest, true, rows)));
        }

        private final java.util.Map<String, byte[]> encodedSegments = new java.util.concurrent.ConcurrentHashMap<>();

        private byte[] encoded(Encoding encoding, String key, java.util.function.Supplier<byte[]> plain) {
            return encodedSegments.computeIfAbsent(encoding + ":" + key, k -> encoding.encode(plain.get()));
        }

        /** {@code count} rows from a pattern start, with the header first and/or the trailer of a body of {@code total} rows last. */
        private byte[] segment(boolean first, long count, boolean last, long total) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (first) {
                out.writeBytes(header);
            }
            long written = 0;
            while (written < count) {
                int p = (int) (written % PATTERN);
                int n = (int) Math.min(PATTERN - p, count - written);
                int from = rowStart[p] + (first && written == 0 ? format.separator : 0);
                out.write(pattern, from, rowStart[p + n] - from);
                written += n;
            }
            if (last) {
                out.writeBytes(trailer(total));
            }
            return out.toByteArray();
        }

        public byte[] toBytes(long rows) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                writeTo(out, rows);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out.toByteArray();
        }

        private byte[] trailer(long rows) {
            String t = switch (format) {
                case FB_JSON, FB_JSON_COMPACT -> "\n],\"rows\":" + rows
                        + ",\"statistics\":{\"elapsed\":0.001,\"rows_read\":" + rows + ",\"bytes_read\":0}}\n";
                default -> "";
            };
            return t.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** How a Firebolt result body is compressed on the wire. */
    public enum Encoding {
        NONE, LZ4, GZIP;

        byte[] encode(byte[] plain) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream z = this == LZ4 ? new dev.rowpipe.local.firebolt.CompressedBlockOutputStream(out)
                    : this == GZIP ? new GZIPOutputStream(out, 64 * 1024) : out) {
                z.write(plain);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out.toByteArray();
        }
    }

    public static Body body(Format format) {
        ByteArrayOutputStream pattern = new ByteArrayOutputStream();
        int[] starts = new int[PATTERN + 1];
        try {
            for (int k = 0; k < PATTERN; k++) {
                starts[k] = pattern.size();
                pattern.write(encode(format, ROWS.get(k)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        starts[PATTERN] = pattern.size();
        return new Body(format, header(format).getBytes(StandardCharsets.UTF_8), pattern.toByteArray(), starts);
    }

    private static String header(Format format) {
        switch (format) {
            case FB_JSON, FB_JSON_COMPACT: {
                StringBuilder s = new StringBuilder("{\"meta\":[");
                for (int c = 0; c < NAMES.length; c++) {
                    s.append(c == 0 ? "" : ",").append("{\"name\":\"").append(NAMES[c]).append("\",\"type\":\"")
                            .append(FIREBOLT_TYPES[c]).append("\"}");
                }
                return s.append("],\n\"data\":[\n").toString();
            }
            case FB_TSV:
                return String.join("\t", NAMES) + "\n" + String.join("\t", FIREBOLT_TYPES) + "\n";
            default:
                return "";
        }
    }

    private static byte[] encode(Format format, Row r) throws IOException {
        if (format == Format.TD_MSGPACK || format == Format.TD_MSGPACK_GZ) {
            return msgpack(r);
        }
        String s = switch (format) {
            case FB_JSON -> ",\n{\"c_int\":" + r.i + ",\"c_bigint\":" + r.l + ",\"c_double\":" + r.d
                    + ",\"c_decimal\":\"" + r.dec.toPlainString() + "\",\"c_date\":\"" + r.date
                    + "\",\"c_ts\":\"" + ts(r.ts) + "\",\"c_bool\":" + r.b + ",\"c_short\":" + json(r.shortText)
                    + ",\"c_escaped\":" + json(r.escaped) + ",\"c_nullable\":" + json(r.nullable)
                    + ",\"c_array\":" + jsonArray(r.array) + "}";
            case FB_JSON_COMPACT -> ",\n" + jsonRow(r);
            case TD_JSON -> jsonRow(r) + "\n";
            case FB_TSV, TD_TSV -> r.i + "\t" + r.l + "\t" + r.d + "\t" + r.dec.toPlainString() + "\t" + r.date
                    + "\t" + ts(r.ts) + "\t" + r.b + "\t" + tsv(r.shortText) + "\t" + tsv(r.escaped) + "\t"
                    + tsv(r.nullable) + "\t" + jsonArray(r.array) + "\n";
            case TD_CSV -> r.i + "," + r.l + "," + r.d + "," + r.dec.toPlainString() + "," + r.date + ","
                    + ts(r.ts) + "," + r.b + "," + csv(r.shortText) + "," + csv(r.escaped) + ","
                    + (r.nullable == null ? "" : csv(r.nullable)) + "," + csv(jsonArray(r.array)) + "\n";
            default -> throw new IllegalArgumentException(format.name());
        };
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonRow(Row r) {
        return "[" + r.i + "," + r.l + "," + r.d + ",\"" + r.dec.toPlainString() + "\",\"" + r.date + "\",\""
                + ts(r.ts) + "\"," + r.b + "," + json(r.shortText) + "," + json(r.escaped) + "," + json(r.nullable)
                + "," + jsonArray(r.array) + "]";
    }

    private static byte[] msgpack(Row r) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(NAMES.length);
        p.packInt(r.i);
        p.packLong(r.l);
        p.packDouble(r.d);
        p.packString(r.dec.toPlainString());
        p.packString(r.date.toString());
        p.packString(ts(r.ts));
        p.packBoolean(r.b);
        p.packString(r.shortText);
        p.packString(r.escaped);
        if (r.nullable == null) {
            p.packNil();
        } else {
            p.packString(r.nullable);
        }
        p.packArrayHeader(r.array.length);
        for (int v : r.array) {
            p.packInt(v);
        }
        p.close();
        return p.toByteArray();
    }

    static String ts(LocalDateTime t) {
        return t.toLocalDate() + " " + t.toLocalTime().withNano(0).toString().concat(t.getSecond() == 0 ? ":00" : "");
    }

    private static String json(String s) {
        return s == null ? "null" : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    private static String jsonArray(int[] a) {
        StringBuilder s = new StringBuilder("[");
        for (int k = 0; k < a.length; k++) {
            s.append(k == 0 ? "" : ",").append(a[k]);
        }
        return s.append(']').toString();
    }

    private static String tsv(String s) {
        if (s == null) {
            return "\\N";
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static byte[] gzip(byte[] data, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(data, offset, length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
