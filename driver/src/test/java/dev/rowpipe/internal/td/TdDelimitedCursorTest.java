package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.testing.TestStreams;
import dev.rowpipe.internal.spi.RowCursor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TdDelimitedCursorTest {
    static RowCursor csv(String body, int width) {
        return TdDelimitedCursor.csv(stream(body), TdMsgpackCursorTest.columns(width), () -> { });
    }

    static RowCursor tsv(String body, int width) {
        return TdDelimitedCursor.tsv(stream(body), TdMsgpackCursorTest.columns(width), () -> { });
    }

    static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Row values as text, NULL as null. */
    static List<List<String>> all(RowCursor c, int width) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        RowBuffer row = new RowBuffer(width);
        while (c.next(row)) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                values.add(row.isNull(i) ? null : row.text(i));
            }
            out.add(values);
        }
        return out;
    }

    static List<String> list(String... values) {
        return new ArrayList<>(java.util.Arrays.asList(values));
    }

    @Test
    void csvHostileValues() throws Exception {
        String body = ",\"\",\"it's \"\"q\"\",\ta\nb\r\nc\"\n"
                + "\uD83D\uDE00,-9223372036854775808,\"[1,{\"\"k\"\":null}]\"\r\n"
                + "x,,\"\"\n";
        assertEquals(List.of(list(null, "", "it's \"q\",\ta\nb\r\nc"),
                list("\uD83D\uDE00", "-9223372036854775808", "[1,{\"k\":null}]"),
                list("x", null, "")), all(csv(body, 3), 3));
    }

    @Test
    void tsvHostileValues() throws Exception {
        String body = "\\N\t\tit's \"q\" \\t \\n \\r \\\\ \\0 end\n"
                + "\uD83D\uDE00\t-9223372036854775808\t\\N2 a\\Nb \\x\r\n"
                + "a,b\t\\\\N\t[1,{\"k\":null}]\n";
        assertEquals(List.of(list(null, "", "it's \"q\" \t \n \r \\ \u0000 end"),
                list("\uD83D\uDE00", "-9223372036854775808", "\\N2 a\\Nb \\x"),
                list("a,b", "\\N", "[1,{\"k\":null}]")), all(tsv(body, 3), 3));
    }

    @Test
    void multiByteCharactersSplitAcrossReadsAndBrokenUtf8() throws Exception {
        String text = "a\u00e9\u65e5\uD83D\uDE00z";
        byte[] tsvBody = (text + "\t\\\u00e9\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(list(text, "\\\u00e9")), all(TdDelimitedCursor.tsv(TestStreams.trickle(tsvBody),
                TdMsgpackCursorTest.columns(2), () -> { }), 2));
        byte[] csvBody = (text + ",\"" + text + "\"\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(list(text, text)), all(TdDelimitedCursor.csv(TestStreams.trickle(csvBody),
                TdMsgpackCursorTest.columns(2), () -> { }), 2));
        // A lone continuation byte and a lead byte followed by ASCII each become U+FFFD, as a decoder would make.
        byte[] broken = {'x', (byte) 0x80, '\t', (byte) 0xC3, 'y', '\n'};
        assertEquals(List.of(list("x\uFFFD", "\uFFFDy")), all(TdDelimitedCursor.tsv(TestStreams.trickle(broken),
                TdMsgpackCursorTest.columns(2), () -> { }), 2));
    }

    @Test
    void longFieldsAcrossBufferBoundaries() throws Exception {
        String big = "\u00e9\"x,".repeat(40_000);
        StringBuilder csvBody = new StringBuilder();
        StringBuilder tsvBody = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            csvBody.append(i).append(",\"").append(big.replace("\"", "\"\"")).append("\"\n");
            tsvBody.append(i).append('\t').append(big).append("\\t\\n\n");
        }
        List<List<String>> rows = all(csv(csvBody.toString(), 2), 2);
        assertEquals(5, rows.size());
        assertEquals(big, rows.get(4).get(1));
        rows = all(tsv(tsvBody.toString(), 2), 2);
        assertEquals(big + "\t\n", rows.get(3).get(1));
    }

    @Test
    void emptyBody() throws Exception {
        assertEquals(List.of(), all(csv("", 2), 2));
        assertEquals(List.of(), all(tsv("", 2), 2));
    }

    @Test
    void truncationAndWrongWidthAreErrorsNamingTheRow() {
        String[] csvBodies = {"a,b\nc,d", "a,b\nc,\"d", "a,b\nc,\"d\"", "a,b\nc\n", "a,b\nc,d,e\n",
            "a,b\nc,\"d\"x\n", "a,b\nc,"};
        for (String body : csvBodies) {
            SQLException e = assertThrows(SQLException.class, () -> all(csv(body, 2), 2), body);
            assertEquals("08S01", e.getSQLState());
            assertTrue(e.getMessage().contains("row 2"), body + ": " + e.getMessage());
        }
        String[] tsvBodies = {"a\tb\nc\td", "a\tb\nc\td\\", "a\tb\nc\n", "a\tb\nc\td\te\n", "a\tb\nc\t"};
        for (String body : tsvBodies) {
            SQLException e = assertThrows(SQLException.class, () -> all(tsv(body, 2), 2), body);
            assertEquals("08S01", e.getSQLState());
            assertTrue(e.getMessage().contains("row 2"), body + ": " + e.getMessage());
        }
    }
}
