package dev.rowpipe.local.firebolt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

class CompressedBlockOutputStreamTest {
    /** The opening of Finnegans Wake, whitespace collapsed; its prefix hashes are ClickHouse's C++ values. */
    private static final String TEXT = "riverrun, past Eve and Adam's, from swerve of shore to bend of bay, brings us "
            + "by a commodius vicus of recirculation back to Howth Castle and Environs. Sir Tristram, violer d'amores,"
            + " fr'over the short sea, had passen- core rearrived from North Armorica on this side the scraggy isthmus"
            + " of Europe Minor to wielderfight his penisolate war: nor had topsawyer's rocks by the stream Oconee "
            + "exaggerated themselse to Laurens County's gorgios while they went doublin their mumper all the time: "
            + "nor avoice from afire bellowsed mishe mishe to tauftauf thuartpeatrick: not yet, though venissoon "
            + "after, had a kidscad buttended a bland old isaac: not yet, though all's fair in vanessy, were sosie "
            + "sesthers wroth with twone nathandjoe. Rot a peck of pa's malt had Jhem or Shen brewed by arclight and "
            + "rory end to the regginbrow was to be seen ringsome on the aquaface.";

    /** One decoded block: its header fields and payload, checksum verified. */
    private record Block(int compressedSize, int size, byte[] data) {
    }

    private static List<Block> blocks(byte[] body) {
        List<Block> out = new ArrayList<>();
        int p = 0;
        while (p < body.length) {
            assertEquals(0x82, body[p + 16] & 0xFF);
            int compressed = intLe(body, p + 17);
            int size = intLe(body, p + 21);
            byte[] checksum = new byte[16];
            CityHash128.hash(body, p + 16, compressed).write(checksum, 0);
            assertArrayEquals(checksum, java.util.Arrays.copyOfRange(body, p, p + 16), "checksum of block " + out.size());
            byte[] data = new byte[size];
            int n = LZ4Factory.safeInstance().safeDecompressor().decompress(body, p + 25, compressed - 9, data, 0, size);
            assertEquals(size, n);
            out.add(new Block(compressed, size, data));
            p += 16 + compressed;
        }
        assertEquals(body.length, p);
        return out;
    }

    private static int intLe(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    @Test
    void theHashIsClickHousesCityHash128() {
        byte[] t = TEXT.getBytes(StandardCharsets.US_ASCII);
        assertEquals(852, t.length);
        String[][] known = {{"0", "3df09dfc64c09a2b", "3cb540c392e51e29"}, {"3", "0bdee93437bf541b", "116890985726cd2a"},
            {"15", "35f8a6d9a4f4167f", "30677deba40577cc"}, {"16", "2d5619d859eef3d6", "b05185d323a4cf97"},
            {"17", "3d347eb0293c3ffe", "0905ec934f42a4eb"}, {"127", "ced6428f203ceca6", "27182b66c3dcafe2"},
            {"144", "4e3a7bea0f56a1e0", "2662e7283b94b5e0"}, {"145", "90cef18146b21c3f", "3b2061fc84c63f3c"},
            {"300", "07c62f3e73ba06a4", "116be3b37d5c9f5c"}, {"852", "7f4604f1d0fbc41d", "f8740207f30ff442"}};
        for (String[] k : known) {
            int len = Integer.parseInt(k[0]);
            assertEquals(new CityHash128.Hash(Long.parseUnsignedLong(k[1], 16), Long.parseUnsignedLong(k[2], 16)),
                    CityHash128.hash(t, 0, len), "prefix of " + len);
        }
        // ch-go's golden block of "Hello!\n" x 25 stored with method 0x02: checksum, then the 184 hashed bytes.
        byte[] none = new byte[16 + 9 + 175];
        System.arraycopy(HexFormat.of().parseHex("fced07b8c559e98c1661170f6c5272df02b8000000af000000"), 0, none, 0, 25);
        System.arraycopy("Hello!\n".repeat(25).getBytes(StandardCharsets.US_ASCII), 0, none, 25, 175);
        byte[] checksum = new byte[16];
        CityHash128.hash(none, 16, 184).write(checksum, 0);
        assertArrayEquals(java.util.Arrays.copyOf(none, 16), checksum);
    }

    @Test
    void fullBlocksGoOutAsTheyFillAndTheLastOnClose() throws IOException {
        byte[] data = new byte[2 * CompressedBlockOutputStream.BLOCK_SIZE + 12345];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ("0123456789\t".charAt(i % 11) + (i / 50_000) % 3);
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        CompressedBlockOutputStream out = new CompressedBlockOutputStream(wire);
        for (int off = 0; off < data.length; off += 7000) {
            out.write(data, off, Math.min(7000, data.length - off));
        }
        assertEquals(2, blocks(wire.toByteArray()).size(), "two full blocks before close");
        out.close();
        List<Block> blocks = blocks(wire.toByteArray());
        assertEquals(3, blocks.size());
        assertEquals(CompressedBlockOutputStream.BLOCK_SIZE, blocks.get(0).size());
        assertEquals(CompressedBlockOutputStream.BLOCK_SIZE, blocks.get(1).size());
        assertEquals(12345, blocks.get(2).size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        blocks.forEach(b -> joined.writeBytes(b.data()));
        assertArrayEquals(data, joined.toByteArray());
        assertTrue(blocks.get(0).compressedSize() < CompressedBlockOutputStream.BLOCK_SIZE / 4, "compresses");
    }

    @Test
    void flushSendsThePartialBlockAndAnEmptyBodyHasNone() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        CompressedBlockOutputStream out = new CompressedBlockOutputStream(wire, 100);
        out.flush();
        assertEquals(0, wire.size());
        out.write('a');
        out.write("bc".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        out.flush();
        out.close();
        out.close();
        List<Block> blocks = blocks(wire.toByteArray());
        assertEquals(1, blocks.size());
        assertEquals("abc", new String(blocks.get(0).data(), StandardCharsets.US_ASCII));
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new CompressedBlockOutputStream(empty).close();
        assertEquals(0, empty.size());
    }
}
