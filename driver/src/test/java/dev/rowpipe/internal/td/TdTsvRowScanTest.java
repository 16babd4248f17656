package dev.rowpipe.internal.td;

import dev.rowpipe.internal.testing.TestStreams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TD tsv's word-at-a-time scan against its byte-at-a-time loop: read in pieces of fewer than eight bytes, the
 * word scan never runs, so the whole body read at once must give exactly what the small pieces give, for any mix
 * of ASCII runs, escapes, CR, CRLF, multi-byte and broken UTF-8.
 */
class TdTsvRowScanTest {
    private static final byte[][] PIECES = {
        bytes("a"), bytes("N"), bytes(" "), bytes("abcdefghijklmnopq"), bytes("0123456789.-+"), bytes("\\t"),
        bytes("\\n"), bytes("\\\\"), bytes("\\N"), bytes("\\q"), bytes("\\r"), bytes("\r"), bytes("x\ry"),
        bytes("é"), bytes("€"), bytes("😀"), bytes("\\é"), {(byte) 0x80}, {(byte) 0xC3, 'a'}, {(byte) 0xFF},
    };

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void wholeBodyReadsLikeSmallPieces() throws SQLException {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            int width = 1 + random.nextInt(5);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < width; c++) {
                    if (c > 0) {
                        body.write('\t');
                    }
                    int pieces = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
                    for (int p = 0; p < pieces; p++) {
                        body.writeBytes(PIECES[random.nextInt(PIECES.length)]);
                    }
                }
                body.writeBytes(random.nextBoolean() ? bytes("\n") : bytes("\r\n"));
            }
            byte[] bytes = body.toByteArray();
            List<List<String>> expected = read(bytes, 7, width);
            for (int chunk : new int[] {1, 3, 8, 9, 13, 1 << 20}) {
                assertEquals(expected, read(bytes, chunk, width), "round " + round + " chunk " + chunk);
            }
        }
    }

    private static List<List<String>> read(byte[] bytes, int chunk, int width) throws SQLException {
        return TdDelimitedCursorTest.all(TdDelimitedCursor.tsv(TestStreams.chunked(bytes, chunk),
                TdMsgpackCursorTest.columns(width), () -> { }), width);
    }
}
