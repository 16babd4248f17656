package dev.rowpipe.local.td;

import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;
import org.msgpack.value.ValueType;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Streams a stored job result ({@code result.msgpack.gz}) in the format a client asks for. Decimals are written the
 * way TD writes them: as doubles in msgpack and msgpack.gz (a msgpack float, as for double columns), and as their
 * text at the column's scale in json (a string, as Presto's own protocol carries decimals), tsv and csv
 * ({@code 12.50}).
 */
final class ResultFormats {

    static final List<String> FORMATS = List.of("tsv", "csv", "json", "msgpack", "msgpack.gz");

    private ResultFormats() {
    }

    static String contentType(String format) {
        switch (format) {
            case "json":
                return "application/json";
            case "csv":
                return "text/csv; charset=utf-8";
            case "tsv":
                return "text/tab-separated-values; charset=utf-8";
            default:
                return "application/octet-stream";
        }
    }

    /**
     * @param decimals which columns hold decimals (stored as text in the spool)
     */
    static void write(Path spool, boolean[] decimals, String format, OutputStream out) throws IOException {
        boolean anyDecimal = false;
        for (boolean d : decimals) {
            anyDecimal |= d;
        }
        if (format.equals("msgpack.gz") && !anyDecimal) {
            Files.copy(spool, out);
            return;
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(spool), 1 << 16), 1 << 16)) {
            if (format.equals("msgpack") && !anyDecimal) {
                in.transferTo(out);
                return;
            }
            if (format.startsWith("msgpack")) {
                msgpackWithDoubles(in, decimals, format.equals("msgpack.gz"), out);
                return;
            }
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(in)) {
                while (unpacker.hasNext()) {
                    Value row = unpacker.unpackValue();
                    List<Value> values = row.asArrayValue().list();
                    switch (format) {
                        case "json":
                            json(row, w);
                            break;
                        case "csv":
                            for (int i = 0; i < values.size(); i++) {
                                if (i > 0) {
                                    w.write(',');
                                }
                                w.write(csv(values.get(i)));
                            }
                            break;
                        default:
                            for (int i = 0; i < values.size(); i++) {
                                if (i > 0) {
                                    w.write('\t');
                                }
                                w.write(tsv(values.get(i)));
                            }
                    }
                    w.write('\n');
                }
            }
            w.flush();
        }
    }

    /** Copies the rows, packing the text of each decimal column as a double. */
    private static void msgpackWithDoubles(InputStream in, boolean[] decimals, boolean gzip, OutputStream out)
            throws IOException {
        OutputStream target = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(in);
             MessagePacker packer = MessagePack.newDefaultPacker(target)) {
            while (unpacker.hasNext()) {
                int n = unpacker.unpackArrayHeader();
                packer.packArrayHeader(n);
                for (int i = 0; i < n; i++) {
                    Value v = unpacker.unpackValue();
                    if (i < decimals.length && decimals[i] && v.isStringValue()) {
                        packer.packDouble(Double.parseDouble(v.asStringValue().asString()));
                    } else {
                        packer.packValue(v);
                    }
                }
            }
        }
    }

    /**
     * Like {@link Value#toJson()}, except that NaN and infinities are written as the bare tokens {@code NaN},
     * {@code Infinity} and {@code -Infinity} (what lenient JSON readers accept) instead of msgpack's
     * {@code null}, which would turn a value into a NULL.
     */
    private static void json(Value v, Writer w) throws IOException {
        switch (v.getValueType()) {
            case FLOAT -> {
                double d = v.asFloatValue().toDouble();
                w.write(Double.isNaN(d) || Double.isInfinite(d) ? text(v) : v.toJson());
            }
            case ARRAY -> {
                w.write('[');
                List<Value> items = v.asArrayValue().list();
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    json(items.get(i), w);
                }
                w.write(']');
            }
            case MAP -> {
                w.write('{');
                boolean first = true;
                for (Map.Entry<Value, Value> e : v.asMapValue().entrySet()) {
                    if (!first) {
                        w.write(',');
                    }
                    first = false;
                    Value key = e.getKey();
                    // JSON keys are strings; msgpack's own toJson quotes non-string keys the same way.
                    w.write(key.isStringValue() ? key.toJson() : ValueFactory.newString(key.toJson()).toJson());
                    w.write(':');
                    json(e.getValue(), w);
                }
                w.write('}');
            }
            default -> w.write(v.toJson());
        }
    }

    private static String text(Value v) {
        ValueType t = v.getValueType();
        if (t == ValueType.NIL) {
            return "";
        }
        if (t == ValueType.STRING) {
            return v.asStringValue().asString();
        }
        if (t == ValueType.ARRAY || t == ValueType.MAP) {
            StringWriter out = new StringWriter();
            try {
                json(v, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }
        if (t == ValueType.FLOAT) {
            double d = v.asFloatValue().toDouble();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            return Double.toString(d);
        }
        return v.toString().toLowerCase(Locale.ROOT);
    }

    /** RFC 4180; NULL is an empty unquoted field, so the empty string must be quoted to stay distinct. */
    private static String csv(Value v) {
        if (v.isNilValue()) {
            return "";
        }
        String s = text(v);
        if (s.isEmpty()) {
            return "\"\"";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** NULL is {@code \N} (Hive's text convention) so that it stays distinct from the empty string. */
    private static String tsv(Value v) {
        if (v.isNilValue()) {
            return "\\N";
        }
        String s = text(v);
        if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\\') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
