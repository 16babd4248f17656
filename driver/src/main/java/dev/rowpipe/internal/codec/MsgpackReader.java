package dev.rowpipe.internal.codec;

import dev.rowpipe.internal.spi.RowBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A byte-level msgpack reader over one reused window ({@code buf}, {@code pos}, {@code limit}), for bodies that
 * are a sequence of msgpack values. It dispatches on each value's lead byte and decodes in place from the window: numbers with one
 * big-endian load, strings straight from the window's bytes into the row's chars. The window is refilled with
 * one large read (for msgpack.gz the inflater writes straight into it); a value that straddles a refill is
 * moved to the window's start first, and only a payload larger than the whole window takes the slow path
 * (gathered as it arrives, so a header that promises gigabytes costs only the bytes actually received).
 * <p>Values map to plain Java: integers to long (a uint64 above {@code Long.MAX_VALUE} to a BigDecimal), floats
 * to double, strings to text (decoded by {@link Utf8} under the caller's policy), bin and ext to their payload
 * bytes, arrays to {@code ArrayList} and maps to {@code LinkedHashMap}. A body that ends inside a value is an
 * {@link EOFException}; bytes that are not msgpack are a {@link MsgpackFormatException}.
 */
public final class MsgpackReader {
    /** Nesting deeper than this is refused: hostile input must not end in a StackOverflowError. */
    public static final int MAX_DEPTH = 512;
    /** A larger payload scratch is dropped after use so one huge value does not pin its memory. */
    private static final int KEEP_SCRATCH = 1 << 20;
    private static final byte[] EMPTY = new byte[0];
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Thrown for bytes that are not msgpack (0xC1, a length beyond 2^31 - 1, nesting too deep). */
    public static final class MsgpackFormatException extends IOException {
        private static final long serialVersionUID = 1L;

        MsgpackFormatException(String message) {
            super(message);
        }
    }

    /** The body, when the reader fills its own window; null when chunks come from {@link #pipe}. */
    private final InputStream in;
    /** The source of inflated chunks (parsed in place), or null. */
    private final InflatingPipe pipe;
    /** The longest value part that is made contiguous in the window; longer payloads are gathered. */
    private final int window;
    /** The window: the reader's own array, or the pipe's current chunk, or {@link #stitch}. */
    private byte[] buf;
    private int pos;
    private int limit;
    /** True while {@code buf} is a chunk of the pipe (given back once parsed). */
    private boolean bufIsChunk;
    /** With a pipe: where a value that straddles two chunks is joined (only the bytes it needs are copied). */
    private byte[] stitch;
    /** With a pipe: the chunk whose first bytes went into the stitch, to be parsed from {@code nextPos} on. */
    private byte[] next;
    private int nextPos;
    private int nextLimit;
    /** Payloads gathered across refills (larger than the window). */
    private byte[] scratch = new byte[0];
    /** Chars of strings inside arrays and maps, before they become a String. */
    private char[] chars = new char[256];
    /** How string payloads that are not UTF-8 are read. */
    private final Utf8Policy policy;
    /** Bytes the object value being read may still take ({@link #readObject}); unlimited otherwise. */
    private long budget = Long.MAX_VALUE;

    /** Reads {@code in} into a window of its own of {@code windowSize} bytes. */
    public MsgpackReader(InputStream in, int windowSize, Utf8Policy policy) {
        this.in = in;
        this.pipe = null;
        this.window = windowSize;
        this.buf = new byte[windowSize];
        this.policy = Objects.requireNonNull(policy, "policy is null");
    }

    /** Parses the pipe's chunks in place. */
    public MsgpackReader(InflatingPipe pipe, Utf8Policy policy) {
        this.in = null;
        this.pipe = pipe;
        this.window = pipe.chunkSize();
        this.buf = EMPTY;
        this.policy = Objects.requireNonNull(policy, "policy is null");
    }

    /** True when another value follows; false at the clean end of the body (reads more if needed). */
    public boolean hasNext() throws IOException {
        if (pos < limit) {
            return true;
        }
        if (pipe != null) {
            return advance();
        }
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    /** The next value's lead byte (0..255), not consumed. */
    public int peek() throws IOException {
        if (pos >= limit) {
            require(1);
        }
        return buf[pos] & 0xFF;
    }

    /** Reads an array header; the caller has checked with {@link #peek} that an array comes next. */
    public int readArrayHeader() throws IOException {
        if (pos >= limit) {
            require(1);
        }
        int b = buf[pos++] & 0xFF;
        if ((b & 0xF0) == 0x90) {
            return b & 0x0F;
        }
        if (b == 0xDC) {
            return readLength16();
        }
        if (b == 0xDD) {
            return readLength32();
        }
        throw new MsgpackFormatException("expected a msgpack array, got a " + typeName(b));
    }

    /** The msgpack type a lead byte starts, named as msgpack-java's ValueType names it. */
    public static String typeName(int lead) {
        if (lead <= 0x7F || lead >= 0xE0) {
            return "INTEGER";
        }
        if (lead <= 0x8F) {
            return "MAP";
        }
        if (lead <= 0x9F) {
            return "ARRAY";
        }
        if (lead <= 0xBF) {
            return "STRING";
        }
        return switch (lead) {
            case 0xC0 -> "NIL";
            case 0xC2, 0xC3 -> "BOOLEAN";
            case 0xC4, 0xC5, 0xC6 -> "BINARY";
            case 0xC7, 0xC8, 0xC9, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8 -> "EXTENSION";
            case 0xCA, 0xCB -> "FLOAT";
            case 0xCC, 0xCD, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3 -> "INTEGER";
            case 0xD9, 0xDA, 0xDB -> "STRING";
            case 0xDC, 0xDD -> "ARRAY";
            case 0xDE, 0xDF -> "MAP";
            default -> "NEVER_USED byte 0x" + Integer.toHexString(lead);
        };
    }

    /**
     * Reads one value into column {@code c}: integers, floats and booleans as primitives, strings as the row's
     * text, nil as NULL, everything else (a uint64 beyond long, bin, ext, array, map) as an object.
     */
    public void readColumn(RowBuffer out, int c) throws IOException {
        if (pos >= limit) {
            require(1);
        }
        byte[] b = buf;
        int lead = b[pos++];
        if (lead >= -32) {
            // Positive fixint (0x00..0x7F) and negative fixint (0xE0..0xFF) are the byte itself.
            out.setLong(c, lead);
            return;
        }
        lead &= 0xFF;
        if ((lead & 0xE0) == 0xA0) {
            readText(out, c, lead & 0x1F);
            return;
        }
        switch (lead) {
            case 0xC0 -> out.setNull(c);
            case 0xC2 -> out.setBoolean(c, false);
            case 0xC3 -> out.setBoolean(c, true);
            case 0xCA -> out.setDouble(c, Float.intBitsToFloat(readInt32()));
            case 0xCB -> out.setDouble(c, Double.longBitsToDouble(readInt64()));
            case 0xCC -> out.setLong(c, readInt8() & 0xFF);
            case 0xCD -> out.setLong(c, readInt16() & 0xFFFF);
            case 0xCE -> out.setLong(c, readInt32() & 0xFFFFFFFFL);
            case 0xCF -> {
                long v = readInt64();
                if (v >= 0) {
                    out.setLong(c, v);
                } else {
                    out.setObject(c, unsigned64(v));
                }
            }
            case 0xD0 -> out.setLong(c, readInt8());
            case 0xD1 -> out.setLong(c, readInt16());
            case 0xD2 -> out.setLong(c, readInt32());
            case 0xD3 -> out.setLong(c, readInt64());
            case 0xD9 -> readText(out, c, readInt8() & 0xFF);
            case 0xDA -> readText(out, c, readLength16());
            case 0xDB -> readText(out, c, readLength32());
            default -> out.setObject(c, readObject(out, c, lead));
        }
    }

    /**
     * A column value that becomes an object (bin, ext, an array or map): read within a budget of
     * {@link RowBuffer#maxValue} bytes, counted from the declared lengths before anything is allocated, so a header
     * promising a huge payload or millions of nested elements fails at once.
     */
    private Object readObject(RowBuffer out, int c, int lead) throws IOException {
        long limit = out.maxValue() == Integer.MAX_VALUE ? Long.MAX_VALUE : out.maxValue();
        budget = limit;
        try {
            return readBody(lead, 0);
        } catch (OverBudget e) {
            throw out.valueTooLarge(c, limit - budget);
        } finally {
            budget = Long.MAX_VALUE;
        }
    }

    /** Takes {@code n} bytes of the current value's budget. */
    private void spend(long n) throws OverBudget {
        budget -= n;
        if (budget < 0) {
            throw OverBudget.INSTANCE;
        }
    }

    /** The budget of {@link #readObject} is spent (no stack trace: it only unwinds to readObject). */
    private static final class OverBudget extends IOException {
        private static final long serialVersionUID = 1L;
        static final OverBudget INSTANCE = new OverBudget();

        private OverBudget() {
            super("over budget", null);
            setStackTrace(new StackTraceElement[0]);
        }
    }

    /** Reads one value as a plain Java object (null for nil). */
    public Object readValue() throws IOException {
        return readValue(0);
    }

    private Object readValue(int depth) throws IOException {
        if (pos >= limit) {
            require(1);
        }
        int lead = buf[pos++];
        if (lead >= -32) {
            return (long) lead;
        }
        return readBody(lead & 0xFF, depth);
    }

    /** The value whose lead byte (0..255, consumed) is given, as a Java object. */
    private Object readBody(int lead, int depth) throws IOException {
        if (lead <= 0x7F || lead >= 0xE0) {
            return (long) (byte) lead;
        }
        if (lead <= 0x8F) {
            return readMap(lead & 0x0F, depth);
        }
        if (lead <= 0x9F) {
            return readArray(lead & 0x0F, depth);
        }
        if (lead <= 0xBF) {
            return readString(lead & 0x1F);
        }
        return switch (lead) {
            case 0xC0 -> null;
            case 0xC2 -> Boolean.FALSE;
            case 0xC3 -> Boolean.TRUE;
            case 0xC4 -> readBytes(readInt8() & 0xFF);
            case 0xC5 -> readBytes(readLength16());
            case 0xC6 -> readBytes(readLength32());
            case 0xC7 -> readExt(readInt8() & 0xFF);
            case 0xC8 -> readExt(readLength16());
            case 0xC9 -> readExt(readLength32());
            case 0xCA -> (double) Float.intBitsToFloat(readInt32());
            case 0xCB -> Double.longBitsToDouble(readInt64());
            case 0xCC -> (long) (readInt8() & 0xFF);
            case 0xCD -> (long) (readInt16() & 0xFFFF);
            case 0xCE -> readInt32() & 0xFFFFFFFFL;
            case 0xCF -> {
                long v = readInt64();
                yield v >= 0 ? (Object) v : unsigned64(v);
            }
            case 0xD0 -> (long) readInt8();
            case 0xD1 -> (long) readInt16();
            case 0xD2 -> (long) readInt32();
            case 0xD3 -> readInt64();
            case 0xD4 -> readExt(1);
            case 0xD5 -> readExt(2);
            case 0xD6 -> readExt(4);
            case 0xD7 -> readExt(8);
            case 0xD8 -> readExt(16);
            case 0xD9 -> readString(readInt8() & 0xFF);
            case 0xDA -> readString(readLength16());
            case 0xDB -> readString(readLength32());
            case 0xDC -> readArray(readLength16(), depth);
            case 0xDD -> readArray(readLength32(), depth);
            case 0xDE -> readMap(readLength16(), depth);
            case 0xDF -> readMap(readLength32(), depth);
            default -> throw new MsgpackFormatException("invalid msgpack byte 0x" + Integer.toHexString(lead));
        };
    }

    private static BigDecimal unsigned64(long v) {
        return new BigDecimal(BigInteger.valueOf(v).add(TWO_64));
    }

    private List<Object> readArray(int n, int depth) throws IOException {
        checkDepth(depth);
        // Every element takes at least one byte.
        spend(n);
        // The capacity is bounded: a header may promise more elements than the body holds.
        List<Object> list = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            list.add(readValue(depth + 1));
        }
        return list;
    }

    private Map<Object, Object> readMap(int n, int depth) throws IOException {
        checkDepth(depth);
        spend(2L * n);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object key = readValue(depth + 1);
            map.put(key, readValue(depth + 1));
        }
        return map;
    }

    private static void checkDepth(int depth) throws MsgpackFormatException {
        if (depth >= MAX_DEPTH) {
            throw new MsgpackFormatException("msgpack arrays and maps nested deeper than " + MAX_DEPTH);
        }
    }

    /** The payload of an ext value (its type byte is read and dropped: only the bytes are kept). */
    private byte[] readExt(int n) throws IOException {
        readInt8();
        return readBytes(n);
    }

    /** n payload bytes as a new array of exactly that length. */
    private byte[] readBytes(int n) throws IOException {
        spend(n);
        if (limit - pos >= n) {
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }
        gather(n);
        byte[] out = Arrays.copyOf(scratch, n);
        releaseScratch();
        return out;
    }

    /** A string column: decoded from the payload bytes straight into the row's chars. */
    private void readText(RowBuffer out, int c, int n) throws IOException {
        // The declared length, before any byte of it is gathered or any room reserved.
        out.checkValueSize(c, n);
        if (limit - pos < n) {
            if (n > window) {
                gather(n);
                // A UTF-8 byte never makes more than one UTF-16 char, so n chars always suffice.
                char[] target = out.reserve(c, n);
                out.commitText(c, Utf8.decode(scratch, 0, n, target, out.textStart(c), policy));
                releaseScratch();
                return;
            }
            require(n);
        }
        char[] target = out.reserve(c, n);
        int p = pos;
        pos = p + n;
        out.commitText(c, Utf8.decode(buf, p, n, target, out.textStart(c), policy));
    }

    /** A string inside an array or map (or a key). */
    private String readString(int n) throws IOException {
        spend(n);
        byte[] src;
        int off;
        if (limit - pos >= n) {
            src = buf;
            off = pos;
            pos += n;
        } else if (n <= window) {
            require(n);
            src = buf;
            off = pos;
            pos += n;
        } else {
            gather(n);
            src = scratch;
            off = 0;
        }
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        String s = new String(chars, 0, Utf8.decode(src, off, n, chars, 0, policy));
        if (src == scratch) {
            releaseScratch();
        }
        if (chars.length > KEEP_SCRATCH) {
            chars = new char[256];
        }
        return s;
    }

    /**
     * Collects n payload bytes into {@code scratch} (from index 0) as they arrive. The array grows with what was
     * received, never to n up front: a hostile length costs only the bytes the body really has.
     */
    private void gather(int n) throws IOException {
        byte[] dst = scratch;
        int have = 0;
        while (have < n) {
            if (pos >= limit) {
                refill();
            }
            int k = Math.min(n - have, limit - pos);
            if (have + k > dst.length) {
                long grown = Math.max((long) dst.length * 2, have + k);
                dst = Arrays.copyOf(dst, (int) Math.min(grown, n));
            }
            System.arraycopy(buf, pos, dst, have, k);
            have += k;
            pos += k;
        }
        scratch = dst;
    }

    private void releaseScratch() {
        if (scratch.length > KEEP_SCRATCH) {
            scratch = new byte[0];
        }
    }

    private int readInt8() throws IOException {
        if (pos >= limit) {
            require(1);
        }
        return buf[pos++];
    }

    private int readInt16() throws IOException {
        if (limit - pos < 2) {
            require(2);
        }
        int v = (short) SHORT.get(buf, pos);
        pos += 2;
        return v;
    }

    private int readInt32() throws IOException {
        if (limit - pos < 4) {
            require(4);
        }
        int v = (int) INT.get(buf, pos);
        pos += 4;
        return v;
    }

    private long readInt64() throws IOException {
        if (limit - pos < 8) {
            require(8);
        }
        long v = (long) LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    private int readLength16() throws IOException {
        return readInt16() & 0xFFFF;
    }

    /** A 32-bit length; above 2^31 - 1 it cannot be a Java array or string (msgpack-java refuses it too). */
    private int readLength32() throws IOException {
        int n = readInt32();
        if (n < 0) {
            throw new MsgpackFormatException("msgpack length " + (n & 0xFFFFFFFFL) + " is beyond 2^31 - 1");
        }
        return n;
    }

    /**
     * Makes n bytes (at most the window's size) available from {@code pos}: moves what is left to the window's
     * start and fills the rest with as few reads as the stream allows.
     */
    private void require(int n) throws IOException {
        if (pipe != null) {
            requireChunked(n);
            return;
        }
        int left = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, left);
            pos = 0;
            limit = left;
        }
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                throw endedInside();
            }
            limit += r;
        }
    }

    /** Replaces the (fully consumed) window with the next bytes. */
    private void refill() throws IOException {
        if (pipe != null) {
            if (!advance()) {
                throw endedInside();
            }
            return;
        }
        pos = 0;
        limit = 0;
        require(1);
    }

    private static EOFException endedInside() {
        return new EOFException("msgpack body ended inside a value");
    }

    /**
     * With a pipe: makes n bytes contiguous. When the window is used up the next chunk simply becomes the window;
     * when a value straddles two chunks, its first part and as many bytes of the next chunk as it needs are
     * joined in the stitch, and the rest of that chunk becomes the window once the stitch is parsed.
     */
    private void requireChunked(int n) throws IOException {
        if (pos >= limit) {
            if (!advance()) {
                throw endedInside();
            }
            if (limit - pos >= n) {
                return;
            }
        }
        int left = limit - pos;
        if (stitch == null) {
            stitch = new byte[window];
        }
        System.arraycopy(buf, pos, stitch, 0, left);
        if (bufIsChunk) {
            pipe.recycle(buf);
        }
        buf = stitch;
        bufIsChunk = false;
        pos = 0;
        limit = left;
        while (limit < n) {
            if (next == null) {
                byte[] chunk = pipe.take();
                if (chunk == null) {
                    throw endedInside();
                }
                next = chunk;
                nextPos = 0;
                nextLimit = pipe.lastLength();
            }
            int k = Math.min(n - limit, nextLimit - nextPos);
            System.arraycopy(next, nextPos, stitch, limit, k);
            limit += k;
            nextPos += k;
            if (nextPos == nextLimit) {
                pipe.recycle(next);
                next = null;
            }
        }
    }

    /** With a pipe: the window is used up; the next bytes become the window. False at the clean end. */
    private boolean advance() throws IOException {
        if (bufIsChunk) {
            pipe.recycle(buf);
            bufIsChunk = false;
        }
        if (next != null) {
            buf = next;
            pos = nextPos;
            limit = nextLimit;
            next = null;
            bufIsChunk = true;
            return true;
        }
        byte[] chunk = pipe.take();
        if (chunk == null) {
            buf = EMPTY;
            pos = 0;
            limit = 0;
            return false;
        }
        buf = chunk;
        pos = 0;
        limit = pipe.lastLength();
        bufIsChunk = true;
        return true;
    }
}
