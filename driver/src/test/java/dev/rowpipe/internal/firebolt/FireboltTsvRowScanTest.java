package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.codec.Utf8;
import dev.rowpipe.internal.testing.TestStreams;

import dev.rowpipe.internal.spi.RowBuffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The row scanner (eight bytes at a time, escapes and short UTF-8 decoded in place) against the char-by-char
 * field reader the header lines still use: the same bytes as a names line and as a row must give the same text,
 * whatever the read sizes (which move the buffer's end through escapes and UTF-8 sequences).
 */
class FireboltTsvRowScanTest {
    private static final byte[][] PIECES = {
        bytes("a"), bytes("N"), bytes("7"), bytes(" "), bytes("abcdefghijklmnopq"), bytes("0123456789.-+"),
        bytes("\\t"), bytes("\\n"), bytes("\\\\"), bytes("\\N"), bytes("\\q"), bytes("\\0"), bytes("\\r"),
        bytes("\\b"), bytes("\\f"), bytes("\\'"), bytes("\\é"), bytes("é"), bytes("€"), bytes("😀"), bytes("ß€x"),
        {(byte) 0x80}, {(byte) 0xC3, 'a'}, {(byte) 0xE2, (byte) 0x82, 'x'}, {(byte) 0xFF}, {(byte) 0xF0, 'z'},
        {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82},
    };

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rowFieldsMatchTheHeaderReaderForRandomBytes() throws SQLException {
        Random random = new Random(5);
        for (int round = 0; round < 300; round++) {
            int width = 1 + random.nextInt(6);
            List<byte[]> lines = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                for (int c = 0; c < width; c++) {
                    if (c > 0) {
                        line.write('\t');
                    }
                    int pieces = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
                    for (int p = 0; p < pieces; p++) {
                        line.writeBytes(PIECES[random.nextInt(PIECES.length)]);
                    }
                }
                line.write('\n');
                lines.add(line.toByteArray());
            }
            for (byte[] line : lines) {
                check(line, width, round);
            }
        }
    }

    /**
     * The line as names (header reader), then as a row (row scanner), read whole and in small pieces. A line
     * with malformed UTF-8 fails in both readers, at the same bytes.
     */
    private static void check(byte[] line, int width, int round) throws SQLException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(line);
        body.writeBytes(bytes("String\t".repeat(width - 1) + "String\n"));
        body.writeBytes(line);
        byte[] bytes = body.toByteArray();
        for (int chunk : new int[] {1 << 20, 1, 2, 3, 5, 8, 9, 13}) {
            DecodedResult result;
            try {
                result = FireboltTsvDecoder.open(TestStreams.chunked(bytes, chunk), FireboltTypes::parse, () -> { });
            } catch (SQLException e) {
                sameMalformedBytesInTheRow(line, width, chunk, e);
                continue;
            }
            assertEquals(width, result.columns().size(), "round " + round);
            RowBuffer row = new RowBuffer(width);
            assertTrue(result.cursor().next(row));
            for (int c = 0; c < width; c++) {
                String name = result.columns().get(c).name();
                String where = "round " + round + " chunk " + chunk + " column " + c;
                if (row.isNull(c)) {
                    assertEquals("N", name, where);
                } else {
                    assertEquals(name, row.text(c), where);
                }
            }
            assertFalse(result.cursor().next(row));
        }
    }

    /** The names line failed with {@code header}: read as a row, the line must fail on the same bytes. */
    private static void sameMalformedBytesInTheRow(byte[] line, int width, int chunk, SQLException header)
            throws SQLException {
        Utf8.Malformed inHeader = assertInstanceOf(Utf8.Malformed.class, header.getCause(), header.getMessage());
        assertEquals("08S01", header.getSQLState());
        assertTrue(header.getMessage().endsWith("in the Firebolt TSV result, the column names line"),
                header.getMessage());
        StringBuilder names = new StringBuilder();
        for (int c = 0; c < width; c++) {
            names.append(c == 0 ? "c" : "\tc").append(c);
        }
        byte[] head = bytes(names + "\n" + "String\t".repeat(width - 1) + "String\n");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(head);
        body.writeBytes(line);
        DecodedResult result = FireboltTsvDecoder.open(TestStreams.chunked(body.toByteArray(), chunk),
                FireboltTypes::parse, () -> { });
        SQLException e = assertThrows(SQLException.class, () -> result.cursor().next(new RowBuffer(width)));
        Utf8.Malformed inRow = assertInstanceOf(Utf8.Malformed.class, e.getCause(), e.getMessage());
        assertEquals(inHeader.getInputLength(), inRow.getInputLength());
        assertEquals(offset(inHeader) + head.length, offset(inRow), e.getMessage());
        assertTrue(e.getMessage().contains("in the Firebolt TSV result, row 1, column 'c"), e.getMessage());
    }

    private static long offset(Utf8.Malformed e) {
        Matcher m = Pattern.compile("at byte (\\d+) of the body").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        return Long.parseLong(m.group(1));
    }

    @Test
    void nullOnlyForExactlyBackslashN() throws SQLException {
        String body = "a\tb\tc\td\te\nString\tString\tString\tString\tString\n"
                + "\\N\t\\N\\N\tx\\N\t\\\\N\tN\n";
        DecodedResult result = FireboltTsvDecoder.open(TestStreams.utf8(body), FireboltTypes::parse, () -> { });
        RowBuffer row = new RowBuffer(5);
        assertTrue(result.cursor().next(row));
        assertTrue(row.isNull(0));
        assertEquals("NN", row.text(1));
        assertEquals("xN", row.text(2));
        assertEquals("\\N", row.text(3));
        assertEquals("N", row.text(4));
    }

    @Test
    void longAsciiRunsAcrossWordAndBufferBoundaries() throws SQLException {
        for (int length : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 65_535, 65_536, 65_537, 200_000}) {
            String value = "abcdefghij".repeat(length / 10 + 1).substring(0, length);
            String body = "s\tt\nString\tString\n" + value + "\t" + value + "é\n";
            DecodedResult result = FireboltTsvDecoder.open(TestStreams.utf8(body), FireboltTypes::parse, () -> { });
            RowBuffer row = new RowBuffer(2);
            assertTrue(result.cursor().next(row));
            assertEquals(value, row.text(0), "length " + length);
            assertEquals(value + "é", row.text(1), "length " + length);
            assertFalse(result.cursor().next(row));
        }
    }
}
