package dev.rowpipe.local.firebolt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The server's own copy of the driver's CityHash128 (the local server shares no code with the driver, so a bug on
 * one side cannot hide the same bug on the other; both are checked against ClickHouse's published values).
 * <p>CityHash128 exactly as ClickHouse computes it: Google's CityHash at version 1.0.2, which ClickHouse froze (later
 * CityHash releases changed the algorithm and give other values). ClickHouse checksums every compressed block
 * with it; on the wire the 128-bit result is two little-endian 64-bit words, the low one first. All arithmetic
 * is on unsigned 64-bit words, which Java's wrapping {@code long} arithmetic matches for +, -, * and ^; right
 * shifts are logical.
 */
final class CityHash128 {
    private static final long K0 = 0xc3a5c85c97cb3127L;
    private static final long K1 = 0xb492b66fbe98f273L;
    private static final long K2 = 0x9ae16a3b2f90404fL;
    private static final long K3 = 0xc949d7c7509e6557L;
    private static final long K_MUL = 0x9ddfea08eb382d69L;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** A 128-bit hash as its two 64-bit halves. */
    record Hash(long low, long high) {
        /** Writes this hash as ClickHouse does: the low word, then the high word, both little-endian. */
        void write(byte[] b, int off) {
            LONG.set(b, off, low);
            LONG.set(b, off + 8, high);
        }

        @Override
        public String toString() {
            return String.format("%016x%016x", high, low);
        }
    }

    private CityHash128() {
    }

    /** The hash of {@code len} bytes of {@code s} from {@code off}. */
    static Hash hash(byte[] s, int off, int len) {
        if (len >= 16) {
            return withSeed(s, off + 16, len - 16, fetch64(s, off) ^ K3, fetch64(s, off + 8));
        }
        if (len >= 8) {
            return withSeed(s, off, 0, fetch64(s, off) ^ (len * K0), fetch64(s, off + len - 8) ^ K1);
        }
        return withSeed(s, off, len, K0, K1);
    }

    private static Hash withSeed(byte[] s, int off, int len, long seedLow, long seedHigh) {
        if (len < 128) {
            return murmur(s, off, len, seedLow, seedHigh);
        }
        // 56 bytes of state: v (v0, v1), w (w0, w1), x, y, z.
        long x = seedLow;
        long y = seedHigh;
        long z = len * K1;
        long v0 = Long.rotateRight(y ^ K1, 49) * K1 + fetch64(s, off);
        long v1 = Long.rotateRight(v0, 42) * K1 + fetch64(s, off + 8);
        long w0 = Long.rotateRight(y + z, 35) * K1 + x;
        long w1 = Long.rotateRight(x + fetch64(s, off + 88), 53) * K1;
        int p = off;
        do {
            // Two rounds of 64 bytes; each ends with x and z swapped.
            for (int round = 0; round < 2; round++) {
                x = Long.rotateRight(x + y + v0 + fetch64(s, p + 16), 37) * K1;
                y = Long.rotateRight(y + v1 + fetch64(s, p + 48), 42) * K1;
                x ^= w1;
                y ^= v0;
                z = Long.rotateRight(z ^ w0, 33);
                // v = weakHashLen32WithSeeds(s + p, v1 * K1, x + w0)
                long a = v1 * K1 + fetch64(s, p);
                long b = Long.rotateRight(x + w0 + a + fetch64(s, p + 24), 21);
                long c = a;
                a += fetch64(s, p + 8) + fetch64(s, p + 16);
                v0 = a + fetch64(s, p + 24);
                v1 = b + Long.rotateRight(a, 44) + c;
                // w = weakHashLen32WithSeeds(s + p + 32, z + w1, y)
                a = z + w1 + fetch64(s, p + 32);
                b = Long.rotateRight(y + a + fetch64(s, p + 56), 21);
                c = a;
                a += fetch64(s, p + 40) + fetch64(s, p + 48);
                w0 = a + fetch64(s, p + 56);
                w1 = b + Long.rotateRight(a, 44) + c;
                long t = z;
                z = x;
                x = t;
                p += 64;
            }
            len -= 128;
        } while (len >= 128);
        y += Long.rotateRight(w0, 37) * K0 + z;
        x += Long.rotateRight(v0 + z, 49) * K0;
        // Up to four 32-byte chunks from the end; they may reach back into bytes the loop already hashed.
        for (int tailDone = 0; tailDone < len; ) {
            tailDone += 32;
            int q = p + len - tailDone;
            y = Long.rotateRight(y - x, 42) * K0 + v1;
            w0 += fetch64(s, q + 16);
            x = Long.rotateRight(x, 49) * K0 + w0;
            w0 += v0;
            // v = weakHashLen32WithSeeds(s + q, v0, v1)
            long a = v0 + fetch64(s, q);
            long b = Long.rotateRight(v1 + a + fetch64(s, q + 24), 21);
            long c = a;
            a += fetch64(s, q + 8) + fetch64(s, q + 16);
            v0 = a + fetch64(s, q + 24);
            v1 = b + Long.rotateRight(a, 44) + c;
        }
        x = hashLen16(x, v0);
        y = hashLen16(y, w0);
        return new Hash(hashLen16(x + v1, w1) + y, hashLen16(x + w1, y + v1));
    }

    /** CityHash v1.0.2's CityMurmur: inputs shorter than 128 bytes. */
    private static Hash murmur(byte[] s, int off, int len, long seedLow, long seedHigh) {
        long a = seedLow;
        long b = seedHigh;
        long c;
        long d;
        int l = len - 16;
        if (l <= 0) {
            a = shiftMix(a * K1) * K1;
            c = b * K1 + hashLen0to16(s, off, len);
            d = shiftMix(a + (len >= 8 ? fetch64(s, off) : c));
        } else {
            c = hashLen16(fetch64(s, off + len - 8) + K1, a);
            d = hashLen16(b + len, c + fetch64(s, off + len - 16));
            a += d;
            int p = off;
            do {
                a ^= shiftMix(fetch64(s, p) * K1) * K1;
                a *= K1;
                b ^= a;
                c ^= shiftMix(fetch64(s, p + 8) * K1) * K1;
                c *= K1;
                d ^= c;
                p += 16;
                l -= 16;
            } while (l > 0);
        }
        a = hashLen16(a, c);
        b = hashLen16(d, b);
        return new Hash(a ^ b, hashLen16(b, a));
    }

    /** v1.0.2's HashLen0to16 (later versions changed the 9..16-byte case). */
    private static long hashLen0to16(byte[] s, int off, int len) {
        if (len > 8) {
            long a = fetch64(s, off);
            long b = fetch64(s, off + len - 8);
            return hashLen16(a, Long.rotateRight(b + len, len)) ^ b;
        }
        if (len >= 4) {
            long a = fetch32(s, off);
            return hashLen16(len + (a << 3), fetch32(s, off + len - 4));
        }
        if (len > 0) {
            int a = s[off] & 0xFF;
            int b = s[off + (len >> 1)] & 0xFF;
            int c = s[off + len - 1] & 0xFF;
            long y = a + (b << 8);
            long z = len + (c << 2);
            return shiftMix(y * K2 ^ z * K3) * K2;
        }
        return K2;
    }

    /** Hash128to64 of (u, v): u is the low word. */
    private static long hashLen16(long u, long v) {
        long a = (u ^ v) * K_MUL;
        a ^= a >>> 47;
        long b = (v ^ a) * K_MUL;
        b ^= b >>> 47;
        return b * K_MUL;
    }

    private static long shiftMix(long v) {
        return v ^ (v >>> 47);
    }

    private static long fetch64(byte[] s, int off) {
        return (long) LONG.get(s, off);
    }

    private static long fetch32(byte[] s, int off) {
        return (int) INT.get(s, off) & 0xFFFFFFFFL;
    }
}
