package dev.rowpipe.internal.codec;

import dev.rowpipe.internal.spi.RowBuffer;
import java.nio.charset.MalformedInputException;

/**
 * The driver's one UTF-8 decoder. {@link #sequence} (and {@link #bmp}, its common case, which the scan loops call
 * in place) is the only code that knows how UTF-8 lays out a code point in bytes; the readers call it on the rare
 * byte of 0x80 or above after copying ASCII runs themselves, either through {@link Utf8Input} (a streamed body)
 * or {@link #decode} (a payload wholly in an array).
 * <p>
 * What counts as malformed, and how many bytes one malformed sequence spans, is exactly what the JDK's UTF-8
 * decoder does, so {@link Utf8Policy#REPLACE} gives the same text as {@code new String(bytes, UTF_8)}: a byte
 * that cannot start a sequence (a continuation byte, 0xC0, 0xC1, 0xF5..0xFF) is one malformed byte; a lead byte
 * followed by a byte that cannot come next (including overlong and beyond-U+10FFFF second bytes) is malformed
 * up to and excluding that byte; an encoded surrogate (ED A0..BF xx) is one malformed sequence of three bytes;
 * a sequence cut by the end of the input is one malformed sequence.
 */
public final class Utf8 {
    /** {@link #sequence}: the bytes up to the limit begin a valid sequence that the limit cuts. */
    public static final int CUT = 0;

    private Utf8() {
    }

    /**
     * Decodes the sequence whose lead byte (0x80 or above) is {@code b[p]}, looking no further than {@code limit}.
     * Returns, for a valid sequence, {@code codePoint << 3 | length} (positive; see {@link #codePoint} and
     * {@link #length}); for a malformed one, minus the number of bytes it spans (-1 to -3; they stand for one
     * U+FFFD); {@link #CUT} when the limit comes before the sequence is decided.
     */
    public static int sequence(byte[] b, int p, int limit) {
        int cp = bmp(b[p], b, p, limit);
        return cp != 0 ? cp << 3 | bmpLength(cp) : anySequence(b, p, limit);
    }

    /**
     * The common case of {@link #sequence}, small and without calls so the scan loops can decode in place:
     * {@code lead} is {@code b[p]} (as the loop read it); returns the char of a valid two- or three-byte sequence
     * wholly before {@code limit}, whose length is {@link #bmpLength}, else 0 ({@link #sequence} decides the rest:
     * four-byte and cut sequences, malformed ones, and the three-byte forms whose second byte needs a range check,
     * which the computed value rules out here: below U+0800 is overlong, U+D800..U+DFFF a surrogate).
     */
    public static int bmp(byte lead, byte[] b, int p, int limit) {
        if ((lead & 0xE0) == 0xC0) {
            // C0 and C1 only ever start overlong forms.
            if ((lead & 0x1E) != 0 && p + 1 < limit && (b[p + 1] & 0xC0) == 0x80) {
                return (lead & 0x1F) << 6 | (b[p + 1] & 0x3F);
            }
        } else if ((lead & 0xF0) == 0xE0 && p + 2 < limit && (b[p + 1] & 0xC0) == 0x80
                && (b[p + 2] & 0xC0) == 0x80) {
            int cp = (lead & 0x0F) << 12 | (b[p + 1] & 0x3F) << 6 | (b[p + 2] & 0x3F);
            if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
                return cp;
            }
        }
        return 0;
    }

    /** The byte length of a char {@link #bmp} decoded: two bytes below U+0800, else three. */
    public static int bmpLength(int codePoint) {
        return codePoint < 0x800 ? 2 : 3;
    }

    /** {@link #sequence} for every lead byte and every outcome. */
    private static int anySequence(byte[] b, int p, int limit) {
        int lead = b[p] & 0xFF;
        if (lead < 0xC2 || lead > 0xF4) {
            return -1;
        }
        if (p + 1 >= limit) {
            return CUT;
        }
        int b2 = b[p + 1];
        if (lead < 0xE0) {
            if ((b2 & 0xC0) != 0x80) {
                return -1;
            }
            return ((lead & 0x1F) << 6 | (b2 & 0x3F)) << 3 | 2;
        }
        // Which second bytes may follow: any continuation byte, but none that makes an overlong form (after E0,
        // F0) or a code point beyond U+10FFFF (after F4).
        boolean three = lead < 0xF0;
        if ((b2 & 0xC0) != 0x80 || (three ? lead == 0xE0 && (b2 & 0xE0) == 0x80
                : lead == 0xF0 && (b2 & 0xF0) == 0x80 || lead == 0xF4 && (b2 & 0xF0) != 0x80)) {
            return -1;
        }
        if (p + 2 >= limit) {
            return CUT;
        }
        int b3 = b[p + 2];
        if ((b3 & 0xC0) != 0x80) {
            return -2;
        }
        if (three) {
            int cp = (lead & 0x0F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F);
            // An encoded surrogate is one malformed sequence of all three bytes, as the JDK has it.
            return cp >= 0xD800 && cp <= 0xDFFF ? -3 : cp << 3 | 3;
        }
        if (p + 3 >= limit) {
            return CUT;
        }
        int b4 = b[p + 3];
        if ((b4 & 0xC0) != 0x80) {
            return -3;
        }
        return ((lead & 0x07) << 18 | (b2 & 0x3F) << 12 | (b3 & 0x3F) << 6 | (b4 & 0x3F)) << 3 | 4;
    }

    /** The code point of a valid {@link #sequence} result. */
    public static int codePoint(int sequence) {
        return sequence >>> 3;
    }

    /** The byte length of a valid {@link #sequence} result. */
    public static int length(int sequence) {
        return sequence & 7;
    }

    /** Writes the code point as one or two chars at {@code o}; returns the index after them. */
    public static int put(int codePoint, char[] out, int o) {
        if (codePoint < 0x10000) {
            out[o] = (char) codePoint;
            return o + 1;
        }
        out[o] = Character.highSurrogate(codePoint);
        out[o + 1] = Character.lowSurrogate(codePoint);
        return o + 2;
    }

    /** Appends the code point to the row's open text; returns the number of chars (1 or 2). */
    public static int append(RowBuffer row, int codePoint) {
        int at = row.textPosition();
        row.advanceText(put(codePoint, row.textRoom(2), at));
        return row.textPosition() - at;
    }

    /**
     * Decodes {@code n} bytes of {@code b} from {@code off} (a whole payload: a sequence cut by its end is
     * malformed) into {@code out} from {@code start}; room for {@code n} chars is the caller's (no byte makes
     * more than one char). Returns the number of chars written.
     */
    public static int decode(byte[] b, int off, int n, char[] out, int start, Utf8Policy policy)
            throws Malformed {
        int i = 0;
        // ASCII first: most text is ASCII, and this loop is simple enough for the JIT to unroll.
        while (i < n) {
            byte x = b[off + i];
            if (x < 0) {
                break;
            }
            out[start + i] = (char) x;
            i++;
        }
        int o = start + i;
        int end = off + n;
        int p = off + i;
        while (p < end) {
            byte x = b[p];
            if (x >= 0) {
                out[o++] = (char) x;
                p++;
                continue;
            }
            int s = sequence(b, p, end);
            if (s > 0) {
                o = put(codePoint(s), out, o);
                p += length(s);
                continue;
            }
            int bad = s == CUT ? end - p : -s;
            if (policy == Utf8Policy.STRICT) {
                throw malformed(b, p, bad, "at byte " + (p - off) + " of a " + n + "-byte string");
            }
            out[o++] = '\uFFFD';
            p += bad;
        }
        return o - start;
    }

    /** The error for the {@code length} malformed bytes at {@code b[p]}; {@code where} says where they are. */
    public static Malformed malformed(byte[] b, int p, int length, String where) {
        StringBuilder m = new StringBuilder("Invalid UTF-8 (");
        for (int i = 0; i < length; i++) {
            m.append(String.format(i == 0 ? "0x%02X" : " 0x%02X", b[p + i] & 0xFF));
        }
        return new Malformed(length, m.append(") ").append(where).toString());
    }

    /** Malformed UTF-8 under {@link Utf8Policy#STRICT}; the message names the bytes and where they are. */
    public static final class Malformed extends MalformedInputException {
        private static final long serialVersionUID = 1L;
        private final String message;

        Malformed(int length, String message) {
            super(length);
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
