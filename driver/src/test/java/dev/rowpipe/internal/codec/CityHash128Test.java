package dev.rowpipe.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known values of ClickHouse's CityHash128 (v1.0.2) from three independent sources: ClickHouse's own C++ code
 * over every prefix of an 852-byte text (every length class and every tail length of the 128-byte loop), the
 * Rust bindings of that C++ code, and compressed blocks written by ch-go, the Go client ClickHouse maintains.
 */
class CityHash128Test {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] wire(CityHash128.Hash h) {
        byte[] out = new byte[16];
        h.write(out, 0);
        return out;
    }

    private static CityHash128.Hash hash(byte[] b) {
        return CityHash128.hash(b, 0, b.length);
    }

    @Test
    void everyPrefixOfTheTextHashesAsClickHouseDoes() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("cityhash128-v1.0.2-prefixes.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            byte[] text = null;
            int checked = 0;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("text ")) {
                    text = line.substring(5).getBytes(StandardCharsets.UTF_8);
                    continue;
                }
                String[] f = line.split(" ");
                int len = Integer.parseInt(f[0]);
                CityHash128.Hash expected = new CityHash128.Hash(Long.parseUnsignedLong(f[1], 16),
                        Long.parseUnsignedLong(f[2], 16));
                assertEquals(expected, CityHash128.hash(text, 0, len), "prefix of " + len + " bytes");
                checked++;
            }
            assertEquals(853, checked);
        }
    }

    @Test
    void rustBindingVectorsAsWireBytes() {
        assertEquals("2b9ac064fc9df03d291ee592c340b53c", HEX.formatHex(wire(hash(new byte[0]))));
        assertEquals("fe48775795f10f907e0db2556317a913", HEX.formatHex(wire(hash(ascii("abc")))));
        assertEquals("3620e91b542304be2dc7328d93d23b89", HEX.formatHex(wire(hash(ascii("01234567890abc")))));
        assertEquals("24d7d5dc8eb685b2b1d97815a22ab03d", HEX.formatHex(wire(hash(ascii(
                "01234567890123456789012345678901234567890123456789012345678901234")))));
    }

    /** ch-go's golden LZ4 block of {@code "Hello!\n" x 25}: its checksum covers the 9-byte header and payload. */
    @Test
    void chGoLz4BlockChecksum() {
        byte[] block = HEX.parseHex("c5bcbc07c11ec471fd74af8d5b0f00c5" + "8226000000af000000"
                + "7f48656c6c6f210a070082009300009a00b06c6f210a48656c6c6f210a");
        assertEquals(16 + 38, block.length);
        assertTrue(CityHash128.hash(block, 16, 38).matches(block, 0));
    }

    /** ch-go's golden block of the same text with method 0x02 (none): 184 hashed bytes take the 128-byte loop. */
    @Test
    void chGoUncompressedBlockChecksum() {
        byte[] payload = ascii("Hello!\n".repeat(25));
        byte[] block = new byte[16 + 9 + payload.length];
        System.arraycopy(HEX.parseHex("fced07b8c559e98c1661170f6c5272df" + "02b8000000af000000"), 0, block, 0, 25);
        System.arraycopy(payload, 0, block, 25, payload.length);
        assertTrue(CityHash128.hash(block, 16, 9 + payload.length).matches(block, 0));
    }

    @Test
    void anOffsetIntoALargerArrayHashesTheSameBytes() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 131 + 7);
        }
        for (int len : new int[] {0, 5, 12, 16, 40, 127, 128, 143, 144, 300, 900}) {
            byte[] padded = new byte[len + 20];
            Arrays.fill(padded, (byte) 0x5A);
            System.arraycopy(data, 0, padded, 13, len);
            assertEquals(CityHash128.hash(data, 0, len), CityHash128.hash(padded, 13, len), "length " + len);
        }
    }

    @Test
    void writeAndMatchUseClickHousesByteOrder() {
        CityHash128.Hash h = new CityHash128.Hash(0x0807060504030201L, 0x100f0e0d0c0b0a09L);
        byte[] b = wire(h);
        assertArrayEquals(HEX.parseHex("0102030405060708090a0b0c0d0e0f10"), b);
        assertTrue(h.matches(b, 0));
        b[15] ^= 1;
        assertTrue(!h.matches(b, 0));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
