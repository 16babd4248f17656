package dev.rowpipe.internal.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A UTF-8 body read through one reused byte buffer, for the text decoders that scan bytes themselves: they copy
 * runs of ASCII bytes straight into the row (no char buffer in between) and call {@link #codePoint} for the rare
 * multi-byte sequence, which {@link Utf8} decodes under the policy the reader chose. The buffer and positions are
 * fields so the scan loops can read them without calls.
 */
public final class Utf8Input {
    /** {@link #codePoint}: the body ended inside the sequence. */
    public static final int ENDED = -1;

    public final byte[] buf;
    public int pos;
    public int limit;
    private final InputStream in;
    private final Utf8Policy policy;
    /** Bytes of the body before {@code buf[0]}, to say where a malformed sequence is. */
    private long before;

    public Utf8Input(InputStream in, int size, Utf8Policy policy) {
        this.in = in;
        this.buf = new byte[size];
        this.policy = Objects.requireNonNull(policy, "policy is null");
    }

    /** True when at least one byte is buffered (reads more if needed); false at the end of the body. */
    public boolean available() throws IOException {
        return pos < limit || fill();
    }

    /**
     * Reads more bytes into the whole buffer (the caller has consumed what it held); false at the end of the body.
     * Blocks until at least one byte arrives.
     */
    public boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        before += limit;
        pos = 0;
        if (n < 0) {
            limit = 0;
            return false;
        }
        limit = n;
        return true;
    }

    /** How many bytes of the body were consumed (everything before {@link #pos}). */
    public long position() {
        return before + pos;
    }

    /** The next byte (0..255), or -1 at the end of the body. */
    public int nextByte() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /**
     * Decodes and consumes the sequence that starts at {@code pos} (a byte of 0x80 or above). Returns its code
     * point (U+FFFD for a malformed sequence under {@link Utf8Policy#REPLACE}), or {@link #ENDED} when the body
     * ends inside it.
     * @throws Utf8.Malformed for a malformed sequence under {@link Utf8Policy#STRICT}
     */
    public int codePoint() throws IOException {
        int s = Utf8.sequence(buf, pos, limit);
        if (s > 0) {
            pos += Utf8.length(s);
            return Utf8.codePoint(s);
        }
        return cutOrMalformed(s);
    }

    /** {@link #codePoint} for a sequence the buffer's end cuts, or a malformed one. */
    private int cutOrMalformed(int sequence) throws IOException {
        int s = sequence;
        if (s == Utf8.CUT) {
            s = readRestOfSequence();
            if (s == Utf8.CUT) {
                return ENDED;
            }
            if (s > 0) {
                pos += Utf8.length(s);
                return Utf8.codePoint(s);
            }
        }
        if (policy == Utf8Policy.STRICT) {
            throw Utf8.malformed(buf, pos, -s, "at byte " + (before + pos) + " of the body");
        }
        pos -= s;
        return 0xFFFD;
    }

    /**
     * The buffer ends inside a sequence: moves its first bytes (at most three) to the buffer's start and reads
     * until the sequence is decided. Returns the {@link Utf8#sequence} result, {@link Utf8#CUT} at the end of the
     * body.
     */
    private int readRestOfSequence() throws IOException {
        int left = limit - pos;
        System.arraycopy(buf, pos, buf, 0, left);
        before += pos;
        pos = 0;
        limit = left;
        while (true) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                return Utf8.CUT;
            }
            limit += n;
            int s = Utf8.sequence(buf, 0, limit);
            if (s != Utf8.CUT) {
                return s;
            }
        }
    }
}
