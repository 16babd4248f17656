package dev.rowpipe.local.td;

import org.msgpack.core.MessagePack;
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

/** Streams a stored job result ({@code result.msgpack.gz}) in the format a client asks for. */
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

    static void write(Path spool, String format, OutputStream out) throws IOException {
        if (format.equals("msgpack.gz")) {
            Files.copy(spool, out);
            return;
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(spool), 1 << 16), 1 << 16)) {
            if (format.equals("msgpack")) {
                in.transferTo(out);
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
