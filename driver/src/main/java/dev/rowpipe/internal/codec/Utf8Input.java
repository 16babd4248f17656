package dev.rowpipe.internal.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * A UTF-8 body read through one reused byte buffer, for the text decoders that scan bytes themselves: they copy
 * runs of ASCII bytes straight into the row (no char buffer in between) and call {@link #codePoint} for the rare
 * multi-byte sequence. The buffer and positions are fields so the scan loops can read them without calls.
 */
public final class Utf8Input {
    public final byte[] buf;
    public int pos;
    public int limit;
    private final InputStream in;

    public Utf8Input(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    /** True when at least one byte is buffered (reads more if needed); false at the end of the body. */
    public boolean available() throws IOException {
        return pos < limit || fill();
    }

    /** Reads more bytes; false at the end of the body. Blocks until at least one byte arrives. */
    public boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** The next byte (0..255), or -1 at the end of the body. */
    public int nextByte() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /**
     * Decodes the rest of a UTF-8 sequence whose lead byte (0x80 or above, already consumed) is given. Returns
     * the code point; U+FFFD for a broken sequence (a byte that does not continue it is left unread, since it
     * starts something new); -1 when the body ends inside the sequence.
     */
    public int codePoint(int lead) throws IOException {
        int extra;
        int cp;
        if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            cp = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            cp = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            cp = lead & 0x07;
        } else {
            return 0xFFFD;
        }
        for (int i = 0; i < extra; i++) {
            int next = nextByte();
            if (next < 0) {
                return -1;
            }
            if ((next & 0xC0) != 0x80) {
                pos--;
                return 0xFFFD;
            }
            cp = cp << 6 | (next & 0x3F);
        }
        return cp;
    }
}
