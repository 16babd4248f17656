package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.convert.ValueReader;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.testing.TestStreams;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** JSONLines_Compact: streamed rows, complete only at FINISH_SUCCESSFULLY, errors never returned as data. */
class FireboltJsonLinesDecoderTest {
    private static final String START = "{\"message_type\":\"START\",\"result_columns\":[{\"name\":\"id\",\"type\":"
            + "\"bigint null\"},{\"name\":\"s\",\"type\":\"text null\"},{\"name\":\"a\",\"type\":\"array(int null) null\"}],"
            + "\"query_id\":\"qid-1\",\"query_label\":\"lbl\",\"request_id\":\"rid\"}\n";
    private static final String DATA_1 = "{\"message_type\":\"DATA\",\"data\":[[\"1\",\"a\\tb\",[1,null]],"
            + "[null,null,null]]}\n";
    private static final String DATA_2 = "{\"message_type\":\"DATA\",\"data\":[[\"9223372036854775807\",\"\\u00e9\","
            + "[]]]}\n";
    private static final String FINISH = "{\"message_type\":\"FINISH_SUCCESSFULLY\",\"statistics\":{\"elapsed\":0.1,"
            + "\"rows_read\":3,\"bytes_read\":10,\"result_rows\":3}}\n";
    private static final String BODY = START + DATA_1 + DATA_2 + FINISH;

    private static DecodedResult open(String body) throws SQLException {
        return FireboltJsonLinesDecoder.open(TestStreams.utf8(body), FireboltTypes::parse, () -> { }, null);
    }

    /** Reads every row as text; the failure, if any, ends the list. */
    private static List<List<String>> rows(DecodedResult result, AtomicReference<SQLException> failure) {
        List<List<String>> rows = new ArrayList<>();
        RowBuffer row = new RowBuffer(Math.max(1, result.columns().size()));
        try {
            while (result.cursor().next(row)) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < result.columns().size(); i++) {
                    values.add(row.isNull(i) ? null
                            : ValueReader.getString(row, i, result.columns().get(i).type()));
                }
                rows.add(values);
            }
        } catch (SQLException e) {
            failure.set(e);
        }
        return rows;
    }

    @Test
    void malformedUtf8IsAnErrorNamingRowAndColumn() throws SQLException {
        // Firebolt's text is UTF-8 in every output format (FireboltResults.UTF8).
        byte[] head = (START + DATA_1).getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"message_type\":\"DATA\",\"data\":[[\"2\",\"x\u00ff\",[]]]}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = Arrays.copyOf(head, head.length + bad.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        DecodedResult result = FireboltJsonLinesDecoder.open(new ByteArrayInputStream(body), FireboltTypes::parse,
                () -> { }, null);
        AtomicReference<SQLException> failure = new AtomicReference<>();
        assertEquals(2, rows(result, failure).size());
        assertEquals("08S01", failure.get().getSQLState());
        assertTrue(failure.get().getMessage().startsWith("Invalid UTF-8 (0xFF) at byte "), failure.get().getMessage());
        assertTrue(failure.get().getMessage().endsWith("in the Firebolt JSONLines_Compact result, row 3, column 's'"),
                failure.get().getMessage());
    }

    @Test
    void rowsStreamInOrderWithTheirTypes() throws SQLException {
        AtomicReference<String> id = new AtomicReference<>();
        DecodedResult result = FireboltJsonLinesDecoder.open(TestStreams.utf8(BODY), FireboltTypes::parse, () -> { },
                id::set);
        assertEquals("qid-1", id.get());
        assertEquals(List.of("id", "s", "a"), result.columns().stream().map(c -> c.name()).toList());
        ColumnType array = result.columns().get(2).type();
        assertEquals(ColumnType.Kind.ARRAY, array.kind());
        RowBuffer row = new RowBuffer(3);
        assertTrue(result.cursor().next(row));
        assertEquals(1L, ValueReader.getLong(row, 0, result.columns().get(0).type()));
        assertEquals("a\tb", row.text(1));
        assertEquals(Arrays.asList(1, null), ValueReader.getList(row, 2, array));
        assertTrue(result.cursor().next(row));
        assertTrue(row.isNull(0) && row.isNull(1) && row.isNull(2));
        assertTrue(result.cursor().next(row));
        assertEquals(new BigDecimal("9223372036854775807"),
                ValueReader.getBigDecimal(row, 0, result.columns().get(0).type()));
        assertEquals("\u00e9", row.text(1));
        assertEquals(List.of(), ValueReader.getList(row, 2, array));
        assertFalse(result.cursor().next(row));
        assertFalse(result.cursor().next(row));
    }

    @Test
    void aBodyCutAtAnyLineOrInsideOneIsAnError() throws SQLException {
        String[] lines = {START, DATA_1, DATA_2, FINISH};
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            for (String cut : new String[] {prefix.toString(), prefix.toString().strip(),
                    prefix + line.substring(0, line.length() / 2), prefix + line.substring(0, line.length() - 2)}) {
                if (cut.isEmpty()) {
                    continue;
                }
                AtomicReference<SQLException> failure = new AtomicReference<>();
                List<List<String>> rows;
                try {
                    rows = rows(open(cut), failure);
                } catch (SQLException e) {
                    rows = List.of();
                    failure.set(e);
                }
                assertNotNull(failure.get(), "no error for a body cut after " + cut.length() + " chars");
                assertEquals("08S01", failure.get().getSQLState(), failure.get().getMessage());
                assertTrue(rows.size() <= 3, cut);
            }
            prefix.append(line);
        }
        AtomicReference<SQLException> none = new AtomicReference<>();
        assertEquals(3, rows(open(BODY), none).size());
        assertEquals(null, none.get());
        AtomicReference<SQLException> noNewline = new AtomicReference<>();
        assertEquals(3, rows(open(BODY.strip()), noNewline).size());
        assertEquals(null, noNewline.get());
    }

    @Test
    void anErrorAfterRowsIsRaisedNotReturned() throws SQLException {
        for (String type : new String[] {"FINISH_WITH_ERRORS", "FINISH_WITH_ERROR"}) {
            String body = START + DATA_1 + "{\"message_type\":\"" + type + "\",\"errors\":[{\"code\":\"400\","
                    + "\"name\":\"ExecutionError\",\"description\":\"Division by zero\",\"resolution\":\"Check the "
                    + "divisor\"}],\"statistics\":{}}\n";
            AtomicReference<SQLException> failure = new AtomicReference<>();
            List<List<String>> rows = rows(open(body), failure);
            assertEquals(2, rows.size(), type);
            SQLException e = failure.get();
            assertNotNull(e, type);
            assertEquals("HY000", e.getSQLState());
            assertEquals("Server error in result after 2 rows: Division by zero [ExecutionError]. Check the divisor",
                    e.getMessage());
        }
    }

    @Test
    void anErrorBeforeAnyRowFailsTheOpen() {
        SQLException e = assertThrows(SQLException.class, () -> open("{\"message_type\":\"FINISH_WITH_ERRORS\","
                + "\"errors\":[{\"description\":\"no such table\",\"name\":\"ObjectNotFound\"}]}\n"));
        assertEquals("42S02", e.getSQLState());
        SQLException afterStart = assertThrows(SQLException.class, () -> open("{\"message_type\":\"START\","
                + "\"result_columns\":[]}\n{\"message_type\":\"FINISH_WITH_ERRORS\",\"errors\":[{\"description\":\"x\"}]}"));
        assertTrue(afterStart.getMessage().contains("x"), afterStart.getMessage());
    }

    @Test
    void aStatementWithoutResultSucceedsOnlyAtItsFinish() throws SQLException {
        DecodedResult ok = open("{\"message_type\":\"START\",\"result_columns\":[]}\n" + FINISH);
        assertTrue(ok.columns().isEmpty());
        assertFalse(ok.cursor().next(new RowBuffer(1)));
        assertThrows(SQLException.class, () -> open("{\"message_type\":\"START\",\"result_columns\":[]}\n"));
        assertTrue(open("").columns().isEmpty());
    }

    @Test
    void textAfterTheFinishOrAPlainErrorLineIsAnError() throws SQLException {
        AtomicReference<SQLException> trailer = new AtomicReference<>();
        rows(open(BODY + "{\"message_type\":\"DATA\",\"data\":[[\"2\",\"x\",[]]]}\n"), trailer);
        assertNotNull(trailer.get());
        AtomicReference<SQLException> line = new AtomicReference<>();
        List<List<String>> rows = rows(open(START + DATA_1 + "Line 1, Column 8: Division by zero\n"), line);
        assertEquals(2, rows.size());
        assertTrue(line.get().getMessage().contains("Line 1, Column 8: Division by zero"), line.get().getMessage());
    }

    @Test
    void unknownMessagesAndKeysAreSkipped() throws SQLException {
        String body = START + "{\"message_type\":\"PROGRESS\",\"rows\":1,\"nested\":{\"a\":[1,2]}}\n"
                + "{\"data\":[[\"5\",\"x\",[2]]],\"message_type\":\"DATA\",\"extra\":true}\n"
                + "{\"message_type\":\"DATA\",\"data\":[]}\n" + FINISH;
        AtomicReference<SQLException> failure = new AtomicReference<>();
        assertEquals(1, rows(open(body), failure).size());
        assertEquals(null, failure.get());
    }

    @Test
    void aRowOfTheWrongWidthIsAnError() throws SQLException {
        AtomicReference<SQLException> failure = new AtomicReference<>();
        rows(open(START + "{\"message_type\":\"DATA\",\"data\":[[\"1\",\"x\"]]}\n" + FINISH), failure);
        assertTrue(failure.get().getMessage().contains("has 2 values, expected 3"), failure.get().getMessage());
    }

    @Test
    void closingMidStreamReleasesTheResponse() throws SQLException {
        AtomicBoolean closed = new AtomicBoolean();
        DecodedResult result = FireboltJsonLinesDecoder.open(TestStreams.utf8(BODY), FireboltTypes::parse,
                () -> closed.set(true), null);
        assertTrue(result.cursor().next(new RowBuffer(3)));
        result.cursor().close();
        assertTrue(closed.get());
    }
}
