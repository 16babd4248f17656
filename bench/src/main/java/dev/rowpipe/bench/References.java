package dev.rowpipe.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.Value;

/**
 * The straightforward readers a user would otherwise write (or get from the services' own clients): a Jackson
 * tree per row, readLine + split + String.replace unescaping, msgpack-java's unpackValue per row. They read the
 * same values as {@link Sink#drain} and return the same checksum.
 */
public final class References {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private References() {
    }

    /** Firebolt JSON / JSON_Compact: stream to "data", then readTree per row. */
    public static long fireboltJson(InputStream in, boolean compact) throws IOException {
        long sum = 0;
        try (JsonParser p = MAPPER.createParser(in)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "data".equals(p.currentName())) {
                    p.nextToken();
                    break;
                }
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonNode n = MAPPER.readTree(p);
                sum += compact ? jsonArrayRow(n) : jsonObjectRow(n);
            }
        }
        return sum;
    }

    /** TD json: readLine, then readTree per line. */
    public static long tdJson(InputStream in) throws IOException {
        long sum = 0;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            sum += jsonArrayRow(MAPPER.readTree(line));
        }
        return sum;
    }

    private static long jsonArrayRow(JsonNode n) {
        return fold(n.get(0), n.get(1), n.get(2), n.get(3), n.get(4), n.get(5), n.get(6), n.get(7), n.get(8),
                n.get(9), n.get(10));
    }

    private static long jsonObjectRow(JsonNode n) {
        return fold(n.get("c_int"), n.get("c_bigint"), n.get("c_double"), n.get("c_decimal"), n.get("c_date"),
                n.get("c_ts"), n.get("c_bool"), n.get("c_short"), n.get("c_escaped"), n.get("c_nullable"),
                n.get("c_array"));
    }

    private static long fold(JsonNode i, JsonNode l, JsonNode d, JsonNode dec, JsonNode date, JsonNode ts,
                             JsonNode b, JsonNode s1, JsonNode s2, JsonNode nullable, JsonNode array) {
        List<Integer> list = new ArrayList<>();
        for (JsonNode e : array) {
            list.add(e.asInt());
        }
        return Sink.fold(i.asInt(), l.asLong(), d.asDouble(), new BigDecimal(dec.asText()),
                LocalDate.parse(date.asText()), LocalDateTime.parse(ts.asText(), TS), b.asBoolean(), s1.asText(),
                s2.asText(), nullable.isNull() ? null : nullable.asText(), list);
    }

    /** Firebolt TSV (skip the two header lines) or TD tsv: readLine + split("\t") + replace-chain unescaping. */
    public static long tsv(InputStream in, int headerLines) throws IOException {
        long sum = 0;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (int k = 0; k < headerLines; k++) {
            r.readLine();
        }
        String line;
        while ((line = r.readLine()) != null) {
            String[] f = line.split("\t", -1);
            for (int k = 0; k < f.length; k++) {
                f[k] = "\\N".equals(f[k]) ? null : unescape(f[k]);
            }
            sum += fold(f);
        }
        return sum;
    }

    /** General-purpose unescaping, as drivers that read TSV by lines do it. */
    private static String unescape(String s) {
        return s.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "\r").replace("\\0", "\0")
                .replace("\\'", "'").replace("\\\\", "\\");
    }

    private static long fold(String[] f) {
        List<Integer> list = new ArrayList<>();
        String a = f[10].substring(1, f[10].length() - 1);
        for (String e : a.split(",")) {
            list.add(Integer.parseInt(e.trim()));
        }
        return Sink.fold(Integer.parseInt(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                new BigDecimal(f[3]), LocalDate.parse(f[4]), LocalDateTime.parse(f[5], TS),
                Boolean.parseBoolean(f[6]), f[7], f[8], f[9], list);
    }

    /** TD csv: a plain quote-aware splitter building a String per field (what a hand-written reader does). */
    public static long csv(InputStream in) throws IOException {
        long sum = 0;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String line;
        while ((line = r.readLine()) != null) {
            fields.clear();
            field.setLength(0);
            boolean quoted = false;
            boolean wasQuoted = false;
            int k = 0;
            while (true) {
                if (k == line.length()) {
                    if (quoted) {
                        field.append('\n');
                        line = r.readLine();
                        k = 0;
                        continue;
                    }
                    fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                    break;
                }
                char ch = line.charAt(k++);
                if (quoted) {
                    if (ch == '"') {
                        if (k < line.length() && line.charAt(k) == '"') {
                            field.append('"');
                            k++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                    wasQuoted = true;
                } else if (ch == ',') {
                    fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else {
                    field.append(ch);
                }
            }
            sum += fold(fields.toArray(new String[0]));
        }
        return sum;
    }

    /** TD msgpack: unpackValue per row (what td-client-java's result readers do). */
    public static long msgpack(InputStream in, boolean gzip) throws IOException {
        long sum = 0;
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(gzip ? new GZIPInputStream(in, 64 * 1024) : in)) {
            while (u.hasNext()) {
                ArrayValue row = u.unpackValue().asArrayValue();
                List<Integer> list = new ArrayList<>();
                for (Value e : row.get(10).asArrayValue()) {
                    list.add(e.asIntegerValue().toInt());
                }
                Value nullable = row.get(9);
                sum += Sink.fold(row.get(0).asIntegerValue().toInt(), row.get(1).asIntegerValue().toLong(),
                        row.get(2).asFloatValue().toDouble(), new BigDecimal(row.get(3).asStringValue().asString()),
                        LocalDate.parse(row.get(4).asStringValue().asString()),
                        LocalDateTime.parse(row.get(5).asStringValue().asString(), TS),
                        row.get(6).asBooleanValue().getBoolean(), row.get(7).asStringValue().asString(),
                        row.get(8).asStringValue().asString(),
                        nullable.isNilValue() ? null : nullable.asStringValue().asString(), list);
            }
        }
        return sum;
    }

    static InputStream in(byte[] body) {
        return new ByteArrayInputStream(body);
    }
}
