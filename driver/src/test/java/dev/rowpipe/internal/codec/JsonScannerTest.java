package dev.rowpipe.internal.codec;

import dev.rowpipe.internal.testing.TestStreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.rowpipe.internal.spi.RowBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner on its own: escapes and UTF-8 split across reads, limits, every kind of malformed input, and a
 * differential check against the Jackson parser it replaced (same values for what Jackson accepts, an error for
 * what it rejects).
 */
class JsonScannerTest {
    private static final JsonFactory JACKSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private static JsonScanner scanner(byte[] body, int mode) {
        InputStream in = switch (mode) {
            case 0 -> new ByteArrayInputStream(body);
            case 1 -> TestStreams.trickle(body);
            default -> TestStreams.randomChunks(body, 17, mode);
        };
        // A small buffer too, so that values cross buffer refills even from a ByteArrayInputStream.
        return new JsonScanner(in, mode == 0 ? 8 : 64, Utf8Policy.STRICT);
    }

    /** The whole body as one value, which must be followed by nothing but whitespace. */
    private static Object parse(byte[] body, int mode, boolean fractionsAsDouble) throws IOException {
        JsonScanner s = scanner(body, mode);
        Object value = s.value(0, fractionsAsDouble);
        int after = s.read();
        if (after >= 0) {
            throw JsonScanner.unexpected(after, "the end");
        }
        return value;
    }

    private static Object parse(String body) throws IOException {
        return parse(body.getBytes(StandardCharsets.UTF_8), 0, false);
    }

    /** What the old decoder produced through Jackson for the same value (JsonValues before the scanner). */
    private static Object jackson(byte[] body) throws IOException {
        try (JsonParser p = JACKSON.createParser(body)) {
            p.nextToken();
            Object value = jacksonValue(p);
            if (p.nextToken() != null) {
                throw new IOException("trailing token");
            }
            return value;
        }
    }

    private static Object jacksonValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("end of input");
        }
        switch (t) {
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(jacksonValue(p));
                }
                return list;
            }
            case START_OBJECT: {
                Map<Object, Object> map = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, jacksonValue(p));
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new IOException("end of input inside an object");
                }
                return map;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return new BigDecimal(p.getBigIntegerValue());
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.isNaN() ? (Object) p.getDoubleValue() : p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t);
        }
    }

    @Test
    public void valuesKeepJacksonsJavaTypes() throws IOException {
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put("k", null);
        assertEquals(Arrays.asList("a", 1L, -9223372036854775808L, new BigDecimal("9223372036854775808"),
                new BigDecimal("1.50"), new BigDecimal("1E+5"), true, false, null, List.of(), inner,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0L),
                parse("[\"a\",1,-9223372036854775808,9223372036854775808,1.50,1e5,true,false,null,[],"
                        + "{\"k\":null},NaN,Infinity,-Infinity,+Infinity,-INF,+INF,-0]"));
        assertEquals(List.of(1.5, 100000.0, 2L),
                parse("[1.5,1e5,2]".getBytes(StandardCharsets.UTF_8), 0, true));
        assertInstanceOf(LinkedHashMap.class, parse("{}"));
        assertInstanceOf(ArrayList.class, parse("[]"));
    }

    @Test
    public void escapesAndUtf8AcrossEveryReadBoundary() throws IOException {
        String expected = "a\"b\\c/d\be\ff\ng\rh\ti\u0000j\u00e9k\u20acl\uD83D\uDE00m\uD83D\uDE00n\uDC00o\uD800";
        String json = "\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u0000j\u00e9k\u20acl\uD83D\uDE00m\\ud83d\\uDE00n"
                + "\\udc00o\\ud800\"";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        for (int mode = 0; mode < 20; mode++) {
            assertEquals(expected, parse(body, mode, false), "mode " + mode);
            JsonScanner s = scanner(body, mode);
            RowBuffer row = new RowBuffer(2);
            row.setText(0, "x");
            assertEquals('"', s.read());
            s.stringToRow(row, 1);
            assertEquals(expected, row.text(1), "mode " + mode);
            assertEquals("x", row.text(0));
        }
    }

    @Test
    public void shortStringsDecodedInOnePassMatchAtEveryBufferEnd() throws IOException {
        // Short strings fit the buffer, so they take the one-pass path; shifting them by a padding of spaces and
        // reading in chunks of every size puts each escape and multi-byte sequence across a buffer end once.
        String[] values = {"a\"b", "\\", "\u00e9", "\u20ac", "x\u00e9\u20acy", "\t\n\r\b\f/", "\uD83D\uDE00"};
        String[] json = {"\"a\\\"b\"", "\"\\\\\"", "\"\u00e9\"", "\"\u20ac\"", "\"x\u00e9\u20acy\"",
            "\"\\t\\n\\r\\b\\f\\/\"", "\"\uD83D\uDE00\""};
        for (int i = 0; i < values.length; i++) {
            for (int pad = 0; pad < 12; pad++) {
                byte[] body = (" ".repeat(pad) + json[i]).getBytes(StandardCharsets.UTF_8);
                for (int chunk = 1; chunk <= body.length; chunk++) {
                    JsonScanner s = new JsonScanner(TestStreams.chunked(body, chunk), 4096, Utf8Policy.STRICT);
                    RowBuffer row = new RowBuffer(1);
                    assertEquals('"', s.read());
                    s.stringToRow(row, 0);
                    assertEquals(values[i], row.text(0), json[i] + " pad " + pad + " chunk " + chunk);
                }
            }
        }
        byte[] surrogate = {'"', 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        JsonScanner s = new JsonScanner(new ByteArrayInputStream(surrogate), 4096, Utf8Policy.STRICT);
        assertEquals('"', s.read());
        assertThrows(Utf8.Malformed.class, () -> s.stringToRow(new RowBuffer(1), 0));
    }

    @Test
    public void hugeStringsAndNumbers() throws IOException {
        String big = "x\u00e9\\n".repeat(300_000);
        assertEquals("x\u00e9\n".repeat(300_000), parse("\"" + big + "\""));
        String digits = "9".repeat(1000);
        assertEquals(List.of(new BigDecimal(digits)), parse("[" + digits + "]"));
        IOException e = assertThrows(JsonScanner.Malformed.class, () -> parse("[" + digits + "9]"));
        assertTrue(e.getMessage().contains("Number value length"), e.getMessage());
        assertEquals(List.of(new BigDecimal("0." + "1".repeat(998))), parse("[0." + "1".repeat(998) + "]"));
    }

    @Test
    public void deepNestingIsAnErrorNotAStackOverflow() throws IOException {
        String ok = "[".repeat(1000) + "]".repeat(1000);
        assertInstanceOf(List.class, parse(ok));
        String deep = "[".repeat(1001) + "]".repeat(1001);
        IOException e = assertThrows(JsonScanner.Malformed.class, () -> parse(deep));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        String hostile = "{\"a\":".repeat(100_000);
        assertThrows(JsonScanner.Malformed.class, () -> parse(hostile));
    }

    @Test
    public void malformedInputIsRejectedNamingWhatWasFound() {
        String[] bad = {"[1,]", "[,1]", "[01]", "[-01]", "[1.]", "[.5]", "[1e]", "[1e+]", "[-]", "[+1]", "[-NaN]",
            "[INF]", "[Inf]", "[nan]", "[tru]", "[nul]", "[True]", "[\"a\tb\"]", "[\"\\x\"]", "[\"\\u12g4\"]",
            "{\"a\" 1}", "{\"a\":1,}", "{1:1}", "[1 2]", "[\"a\":1]", "{\"a\":1]", "[1}", "Code: 1. DB::Exception",
            "[1]x", "[NaNx]", "[1x]", "[true1]", "[--1]", "[1.2.3]", "[1e5e5]", "['a']"};
        for (String body : bad) {
            IOException e = assertThrows(JsonScanner.Malformed.class, () -> parse(body), body);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), body);
        }
        assertTrue(assertThrows(JsonScanner.Malformed.class, () -> parse("[1,x]")).getMessage()
                .contains("'x'"));
        byte[][] badUtf8 = {{'"', (byte) 0xFF, '"'}, {'"', (byte) 0xC3, '"'}, {'"', (byte) 0x80, '"'},
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, {'"', (byte) 0xE2, (byte) 0x82, 'x', '"'}};
        for (byte[] body : badUtf8) {
            assertThrows(Utf8.Malformed.class, () -> parse(body, 0, false), Arrays.toString(body));
            assertThrows(IOException.class, () -> jackson(body), "Jackson rejected it too");
        }
        // Beyond U+10FFFF: Jackson made two arbitrary surrogates of it; an error is clearer.
        byte[] beyond = {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'};
        assertThrows(Utf8.Malformed.class, () -> parse(beyond, 0, false));
    }

    @Test
    public void everyTruncationIsAnEndedError() throws IOException {
        String json = "{\"k\":[\"a\\u00e9\u20ac\\n\",-1.5e-3,true,false,null,NaN,-Infinity,+INF,{\"x\":[]},12]}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(jackson(body), parse(body, 0, false));
        for (int cut = 0; cut < body.length; cut++) {
            byte[] part = Arrays.copyOf(body, cut);
            for (int mode = 0; mode < 3; mode++) {
                int m = mode;
                assertThrows(JsonScanner.Ended.class, () -> parse(part, m, false), "cut at " + cut);
            }
        }
    }

    @Test
    public void keysAreMatchedInPlaceOnlyWhenWhollyBuffered() throws IOException {
        byte[] key = "name".getBytes(StandardCharsets.UTF_8);
        JsonScanner s = scanner("\"name\":1 \"nam\":2 \"names\":3".getBytes(StandardCharsets.UTF_8), 0);
        assertEquals('"', s.read());
        assertTrue(s.matchKey(key));
        assertEquals(':', s.read());
        assertEquals(1L, s.value(0, false));
        assertEquals('"', s.read());
        assertEquals(false, s.matchKey(key));
        assertEquals("nam", s.string());
        assertEquals(':', s.read());
        s.value(0, false);
        assertEquals('"', s.read());
        assertEquals(false, s.matchKey(key));
        assertEquals("names", s.string());
    }

    /** Random documents and random corruptions of them: where Jackson accepts, the values are equal. */
    @Test
    public void agreesWithJacksonOnRandomDocuments() throws IOException {
        Random random = new Random(42);
        String[] atoms = {"0", "-0", "12", "-7", "1.25", "-0.5e-7", "3E+2", "18446744073709551616", "NaN",
            "Infinity", "-Infinity", "+INF", "-INF", "true", "false", "null", "\"\"", "\"a\\\"b\"",
            "\"\\u00e9\\ud83d\\ude00\"", "\"\u00e9\u20ac\uD83D\uDE00\"", "\"\\t\\n\\\\\""};
        String noise = "[]{},:\"\\ 0-+.eE1NaIt\u00e9x\n\t";
        int accepted = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder doc = new StringBuilder();
            randomValue(random, atoms, doc, 0);
            String text = doc.toString();
            if (i % 2 == 1) {
                // Corrupt it: insert, delete or replace a character.
                StringBuilder m = new StringBuilder(text);
                int at = random.nextInt(m.length() + 1);
                int op = random.nextInt(3);
                char ch = noise.charAt(random.nextInt(noise.length()));
                if (op == 0 || m.length() == 0) {
                    m.insert(at, ch);
                } else if (op == 1 && at < m.length()) {
                    m.deleteCharAt(at);
                } else if (at < m.length()) {
                    m.setCharAt(at, ch);
                }
                text = m.toString();
            }
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            Object expected;
            try {
                expected = jackson(body);
            } catch (IOException e) {
                expected = e;
            }
            for (int mode = 0; mode < 3; mode++) {
                Object actual;
                try {
                    actual = parse(body, mode, false);
                } catch (JsonScanner.Malformed | JsonScanner.Ended e) {
                    actual = e;
                }
                if (expected instanceof IOException) {
                    if (!(actual instanceof IOException)) {
                        fail("Jackson rejects but the scanner accepts " + text + ": " + expected);
                    }
                } else {
                    if (actual instanceof IOException e) {
                        fail("Jackson accepts but the scanner rejects " + text + ": " + e.getMessage());
                    }
                    assertEquals(expected, actual, text);
                    accepted++;
                }
            }
        }
        assertTrue(accepted > 3000, "enough valid documents: " + accepted);
    }

    private static void randomValue(Random random, String[] atoms, StringBuilder out, int depth) {
        int pick = random.nextInt(depth > 3 ? 1 : 3);
        if (pick == 0) {
            out.append(atoms[random.nextInt(atoms.length)]);
        } else if (pick == 1) {
            out.append('[');
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                out.append(i > 0 ? "," : "").append(random.nextBoolean() ? " " : "");
                randomValue(random, atoms, out, depth + 1);
            }
            out.append(']');
        } else {
            out.append('{');
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                out.append(i > 0 ? "," : "").append("\"k").append(i).append("\" : ");
                randomValue(random, atoms, out, depth + 1);
            }
            out.append('}');
        }
    }
}
