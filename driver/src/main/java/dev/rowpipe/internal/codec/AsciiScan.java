package dev.rowpipe.internal.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time for the TSV scan loops: finds the first byte that ends a plain ASCII run (a byte of
 * 0x80 or above, TAB, LF or backslash) with a few word operations instead of four compares per byte, and widens
 * a plain word into eight chars. Words are read little-endian on every platform, so the lowest flagged byte is
 * the first in the buffer.
 */
public final class AsciiScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private AsciiScan() {
    }

    /** The eight bytes at {@code pos} (the caller checked that {@code pos + 8 <= b.length}). */
    public static long word(byte[] b, int pos) {
        return (long) LONGS.get(b, pos);
    }

    /**
     * Nonzero when the word holds a byte that is not plain ASCII text for TSV; then the lowest set bit is the
     * high bit of the first such byte. The zero-byte test {@code (x - 0x01..) & ~x & 0x80..} is exact for the
     * first zero byte of {@code x} (a borrow only runs upward from a zero byte), so the lowest flag is exact.
     */
    public static long special(long w) {
        long tab = w ^ 0x0909090909090909L;
        long lf = w ^ 0x0A0A0A0A0A0A0A0AL;
        long bs = w ^ 0x5C5C5C5C5C5C5C5CL;
        return (w | (tab - ONES) & ~tab | (lf - ONES) & ~lf | (bs - ONES) & ~bs) & HIGHS;
    }

    /** As {@link #special}, also flagging CR (for TSV whose lines may end with CRLF). */
    public static long specialOrCr(long w) {
        long cr = w ^ 0x0D0D0D0D0D0D0D0DL;
        return special(w) | (cr - ONES) & ~cr & HIGHS;
    }

    /** Writes the eight ASCII bytes of {@code w} as chars at {@code d}. */
    public static void widen(long w, char[] dst, int d) {
        dst[d] = (char) (w & 0xFF);
        dst[d + 1] = (char) (w >>> 8 & 0xFF);
        dst[d + 2] = (char) (w >>> 16 & 0xFF);
        dst[d + 3] = (char) (w >>> 24 & 0xFF);
        dst[d + 4] = (char) (w >>> 32 & 0xFF);
        dst[d + 5] = (char) (w >>> 40 & 0xFF);
        dst[d + 6] = (char) (w >>> 48 & 0xFF);
        dst[d + 7] = (char) (w >>> 56);
    }
}
