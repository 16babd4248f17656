package dev.rowpipe.internal.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Inflates a gzip body of one or more members (RFC 1952 allows concatenation; result files written in parts
 * are). {@link java.util.zip.GZIPInputStream} decides whether another member follows from
 * {@code available()}, which over a network is often 0 between packets: it then reports a clean end in the
 * middle of the body, a silently truncated result. Here the end is only where the body itself ends, read with
 * a blocking read; every member's CRC-32 and length are checked, and a body that stops inside a member is an
 * {@link EOFException}. Inflates straight into the caller's array (no intermediate copy).
 */
public final class GzipMembersInputStream extends InputStream implements InflatingPipe.Source {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final byte[] buf;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private int pos;
    private int limit;
    private long memberBytes;
    /** True between a member's header and its trailer. */
    private boolean inMember;
    private boolean eof;

    public GzipMembersInputStream(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            if (!inMember) {
                if (!startMember()) {
                    eof = true;
                    return -1;
                }
            }
            int n;
            try {
                n = inflater.inflate(out, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("Corrupt gzip data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(out, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                // Bytes the inflater was given but did not use belong to the trailer and what follows.
                pos = limit - inflater.getRemaining();
                finishMember();
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException("Gzip body ended inside a member");
                }
                inflater.setInput(buf, pos, limit - pos);
            } else if (inflater.needsDictionary()) {
                throw new ZipException("Corrupt gzip data: a preset dictionary is not allowed");
            }
        }
        return -1;
    }

    /** Reads the next member's header; false at the clean end of the body (no byte after the last member). */
    private boolean startMember() throws IOException {
        if (pos >= limit && !fill()) {
            return false;
        }
        if (nextByte() != 0x1f || nextByte() != 0x8b) {
            throw new ZipException("Not in gzip format (bad member header)");
        }
        if (nextByte() != 8) {
            throw new ZipException("Unsupported gzip compression method");
        }
        int flags = nextByte();
        skip(6);
        if ((flags & FEXTRA) != 0) {
            int length = nextByte() | nextByte() << 8;
            skip(length);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        inflater.setInput(buf, pos, limit - pos);
        inMember = true;
        return true;
    }

    private void finishMember() throws IOException {
        long expectedCrc = readIntLe();
        long expectedSize = readIntLe();
        if (expectedCrc != crc.getValue()) {
            throw new ZipException("Corrupt gzip trailer: CRC-32 mismatch");
        }
        if (expectedSize != (memberBytes & 0xFFFFFFFFL)) {
            throw new ZipException("Corrupt gzip trailer: length mismatch");
        }
        inMember = false;
    }

    private long readIntLe() throws IOException {
        return (nextByte() | nextByte() << 8 | nextByte() << 16 | (long) nextByte() << 24) & 0xFFFFFFFFL;
    }

    private void skipZeroTerminated() throws IOException {
        while (nextByte() != 0) {
            // skip
        }
    }

    private void skip(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            nextByte();
        }
    }

    private int nextByte() throws IOException {
        if (pos >= limit && !fill()) {
            throw new EOFException("Gzip body ended inside a member header or trailer");
        }
        return buf[pos++] & 0xFF;
    }

    /** Refills the buffer with a blocking read; false at the end of the body. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public String encoding() {
        return "gzip";
    }

    @Override
    public void close() {
        // The body is not closed here (closing an HttpClient body drains it); the cursor aborts the response.
        inflater.end();
    }
}
