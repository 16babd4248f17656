package dev.rowpipe.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rowpipe.internal.testing.TestStreams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one UTF-8 decoder against the JDK's: under REPLACE the same text as {@code new String(bytes, UTF_8)}
 * (and the JDK's streaming decoder) for every input, whole or streamed in any piece size; under STRICT an error
 * exactly where, and over exactly as many bytes as, the JDK's REPORT decoder reports one.
 */
class Utf8Test {
    /** Bytes that matter to UTF-8: ASCII, every continuation range, every lead range and its edges. */
    private static final int[] ALPHABET = {'a', 'z', 0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
        0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFE, 0xFF};

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] random(Random random) {
        byte[] b = new byte[random.nextInt(13)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return b;
    }

    private static String decode(byte[] b, Utf8Policy policy) throws IOException {
        char[] out = new char[b.length + 1];
        // An offset inside a larger array, so that the decoder's bounds are its arguments.
        byte[] padded = new byte[b.length + 4];
        Arrays.fill(padded, (byte) 0x80);
        System.arraycopy(b, 0, padded, 2, b.length);
        int n = Utf8.decode(padded, 2, b.length, out, 1, policy);
        return new String(out, 1, n);
    }

    /** The body read through Utf8Input the way the text decoders read it; null when it ends inside a sequence. */
    private static String stream(InputStream body, Utf8Policy policy) throws IOException {
        Utf8Input in = new Utf8Input(body, 16, policy);
        StringBuilder out = new StringBuilder();
        while (in.available()) {
            byte x = in.buf[in.pos];
            if (x >= 0) {
                out.append((char) x);
                in.pos++;
                continue;
            }
            int cp = in.codePoint();
            if (cp == Utf8Input.ENDED) {
                return null;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static String jdkStreaming(byte[] b) throws IOException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return d.decode(ByteBuffer.wrap(b)).toString();
    }

    /** Where the JDK's REPORT decoder finds the first malformed input: {offset, length}, or null. */
    private static int[] jdkFirstError(byte[] b) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length * 2 + 2);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            return new int[] {in.position(), r.length()};
        }
        r = d.flush(out);
        return r.isError() ? new int[] {in.position(), r.length()} : null;
    }

    @Test
    void replaceGivesTheJdksTextForEveryShortSequence() throws IOException {
        // Every lead with every second byte, and the three- and four-byte forms with every third byte.
        for (int a : ALPHABET) {
            for (int b = 0; b < 256; b++) {
                for (int c : ALPHABET) {
                    byte[] input = bytes(a, b, c);
                    assertEquals(new String(input, StandardCharsets.UTF_8), decode(input, Utf8Policy.REPLACE),
                            Arrays.toString(input));
                    byte[] four = bytes(0xF0 + (a & 3), b, c, 0x80 + (a & 0x3F));
                    assertEquals(new String(four, StandardCharsets.UTF_8), decode(four, Utf8Policy.REPLACE),
                            Arrays.toString(four));
                }
            }
        }
    }

    @Test
    void theScanLoopsShortcutDecodesOnlyWhatTheJdkDecodesTheSame() {
        // Utf8.bmp is what the scan loops decode in place; where it answers, the JDK reads the same char from the
        // same bytes (everything else goes to Utf8.sequence, checked above).
        int answered = 0;
        for (int a = 0x80; a < 0x100; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : ALPHABET) {
                    byte[] input = bytes(a, b, c);
                    int cp = Utf8.bmp(input[0], input, 0, input.length);
                    if (cp == 0) {
                        continue;
                    }
                    answered++;
                    String jdk = new String(input, 0, Utf8.bmpLength(cp), StandardCharsets.UTF_8);
                    assertEquals(String.valueOf((char) cp), jdk, Arrays.toString(input));
                    assertEquals(cp << 3 | Utf8.bmpLength(cp), Utf8.sequence(input, 0, input.length));
                }
            }
        }
        assertTrue(answered > 10_000, "answered " + answered);
    }

    @Test
    void replaceAgreesWithTheJdkOnRandomBytesWholeAndStreamed() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            byte[] b = random(random);
            String expected = new String(b, StandardCharsets.UTF_8);
            assertEquals(expected, jdkStreaming(b), "the JDK's two decoders agree on " + Arrays.toString(b));
            assertEquals(expected, decode(b, Utf8Policy.REPLACE), Arrays.toString(b));
            // Streamed, a sequence cut by the body's end is an end, not text: a final ASCII byte keeps every
            // sequence inside the body.
            byte[] body = Arrays.copyOf(b, b.length + 1);
            body[b.length] = 'z';
            String whole = new String(body, StandardCharsets.UTF_8);
            int piece = 1 + i % 5;
            assertEquals(whole, stream(TestStreams.chunked(body, piece), Utf8Policy.REPLACE),
                    Arrays.toString(b) + " in pieces of " + piece);
            assertEquals(whole, stream(new ByteArrayInputStream(body), Utf8Policy.REPLACE), Arrays.toString(b));
        }
    }

    @Test
    void strictFailsWhereTheJdkReportsAndOverTheSameBytes() throws IOException {
        Random random = new Random(11);
        int errors = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] b = random(random);
            int[] jdk = jdkFirstError(b);
            if (jdk == null) {
                assertEquals(new String(b, StandardCharsets.UTF_8), decode(b, Utf8Policy.STRICT));
                continue;
            }
            errors++;
            Utf8.Malformed e = assertThrows(Utf8.Malformed.class, () -> decode(b, Utf8Policy.STRICT),
                    Arrays.toString(b));
            assertEquals(jdk[1], e.getInputLength(), Arrays.toString(b));
            assertTrue(e.getMessage().contains("at byte " + jdk[0] + " of a " + b.length + "-byte string"),
                    e.getMessage());
            byte[] body = Arrays.copyOf(b, b.length + 1);
            body[b.length] = 'z';
            int[] jdkBody = jdkFirstError(body);
            int piece = 1 + i % 5;
            Utf8.Malformed s = assertThrows(Utf8.Malformed.class,
                    () -> stream(TestStreams.chunked(body, piece), Utf8Policy.STRICT));
            assertEquals(jdkBody[1], s.getInputLength(), Arrays.toString(body));
            assertTrue(s.getMessage().endsWith("at byte " + jdkBody[0] + " of the body"), s.getMessage());
        }
        assertTrue(errors > 10_000, "enough malformed inputs: " + errors);
    }

    @Test
    void strictNamesTheBytes() {
        Utf8.Malformed e = assertThrows(Utf8.Malformed.class,
                () -> stream(TestStreams.trickle(bytes('a', 'b', 0xED, 0xA0, 0x80, 'z')), Utf8Policy.STRICT));
        assertEquals("Invalid UTF-8 (0xED 0xA0 0x80) at byte 2 of the body", e.getMessage());
        assertEquals(3, e.getInputLength());
    }

    @Test
    void validTextOfEveryLengthDecodesTheSameUnderBothPolicies() throws IOException {
        String text = "a\u00e9\u20ac\uD83D\uDE00\u07FF\u0800\uFFFF\uDBFF\uDFFF\u0080z";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (Utf8Policy policy : Utf8Policy.values()) {
            assertEquals(text, decode(b, policy));
            for (int piece = 1; piece <= 5; piece++) {
                assertEquals(text, stream(TestStreams.chunked(b, piece), policy));
            }
        }
    }

    @Test
    void aBodyThatEndsInsideASequenceHasEnded() throws IOException {
        for (byte[] cut : new byte[][] {bytes(0xC3), bytes(0xE2, 0x82), bytes(0xF0, 0x9F, 0x98)}) {
            for (Utf8Policy policy : Utf8Policy.values()) {
                byte[] body = Arrays.copyOf(bytes('a'), 1 + cut.length);
                System.arraycopy(cut, 0, body, 1, cut.length);
                if (stream(TestStreams.trickle(body), policy) != null) {
                    fail(Arrays.toString(body) + " read as if whole under " + policy);
                }
                // In an array the payload is whole: the cut sequence is one malformed sequence.
                if (policy == Utf8Policy.REPLACE) {
                    assertEquals("a\uFFFD", decode(body, policy));
                }
            }
        }
    }
}
