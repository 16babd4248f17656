package dev.rowpipe.local.td;

import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueType;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
                            w.write(row.toJson());
                            break;
                        case "csv":
                            for (int i = 0; i < values.size(); i++) {
                                if (i > 0) {
                                    w.write(',');
                                }
                                w.write(csv(text(values.get(i))));
                            }
                            break;
                        default:
                            for (int i = 0; i < values.size(); i++) {
                                if (i > 0) {
                                    w.write('\t');
                                }
                                w.write(tsv(text(values.get(i))));
                            }
                    }
                    w.write('\n');
                }
            }
            w.flush();
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
            return v.toJson();
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

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String tsv(String s) {
        if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\\') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
