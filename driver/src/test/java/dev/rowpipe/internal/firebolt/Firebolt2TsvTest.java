package dev.rowpipe.internal.firebolt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.convert.ValueReader;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.testing.TestStreams;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TabSeparatedWithNamesAndTypes as the 2.0 engines write it: 2.0 type names, PostgreSQL arrays, the error line. */
class Firebolt2TsvTest {

    private static DecodedResult open(String body) throws SQLException {
        return FireboltTsvDecoder.open(TestStreams.utf8(body), FireboltTypes::parse, () -> { }, true);
    }

    @Test
    void valuesAsThe20EnginesWriteThem() throws SQLException {
        DecodedResult r = open("i\tb\tt\ta\tn\tx\n"
                + "int null\tboolean null\ttimestamptz null\tarray(text null) null\tarray(array(int null) null) null"
                + "\tbytea null\n"
                + "1\tt\t2024-01-01 13:00:00+01\t{a,\"b c\",\"\",NULL,\"q\\\\\"x\",'s}\t{{1,2},{NULL}}\t\\\\x0aff\n");
        RowBuffer row = new RowBuffer(6);
        assertTrue(r.cursor().next(row));
        List<ColumnType> t = r.columns().stream().map(c -> c.type()).toList();
        assertEquals(1, ValueReader.getLong(row, 0, t.get(0)));
        assertTrue(ValueReader.getBoolean(row, 1, t.get(1)));
        assertEquals(OffsetDateTime.parse("2024-01-01T13:00:00+01:00"), ValueReader.getOffsetDateTime(row, 2, t.get(2)));
        assertEquals(Arrays.asList("a", "b c", "", null, "q\"x", "'s"), ValueReader.getList(row, 3, t.get(3)));
        assertEquals(List.of(List.of(1, 2), Arrays.asList((Object) null)), ValueReader.getList(row, 4, t.get(4)));
        assertEquals(List.of((byte) 0x0a, (byte) 0xff), toList(ValueReader.getBytes(row, 5, t.get(5))));
        assertFalse(r.cursor().next(row));
    }

    private static List<Byte> toList(byte[] bytes) {
        Byte[] boxed = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
        }
        return Arrays.asList(boxed);
    }

    @Test
    void theErrorLineAfterRowsIsRaisedEvenForOneColumn() throws SQLException {
        for (String header : new String[] {"s\ntext null\n", "a\tb\nint\ttext\n"}) {
            boolean one = header.startsWith("s");
            String rows = one ? "x\ny\n" : "1\tx\n2\ty\n";
            DecodedResult r = open(header + rows + "Line 1, Column 8: Division by zero\n");
            RowBuffer row = new RowBuffer(2);
            assertTrue(r.cursor().next(row));
            assertTrue(r.cursor().next(row));
            SQLException e = assertThrows(SQLException.class, () -> r.cursor().next(row));
            assertTrue(e.getMessage().contains("Line 1, Column 8: Division by zero"), e.getMessage());
            assertEquals("HY000", e.getSQLState());
        }
    }

    @Test
    void aValueThatOnlyLooksLikeTheErrorLineIsDataWhenRowsFollow() throws SQLException {
        DecodedResult r = open("s\ntext\nLine 1, Column 2: not an error\nlast\n");
        RowBuffer row = new RowBuffer(1);
        assertTrue(r.cursor().next(row));
        assertEquals("Line 1, Column 2: not an error", row.text(0));
        assertTrue(r.cursor().next(row));
        assertFalse(r.cursor().next(row));
    }

    @Test
    void v1BodiesAreReadAsBefore() throws SQLException {
        DecodedResult r = FireboltTsvDecoder.open(TestStreams.utf8("s\nString\nLine 1, Column 1: data\n"),
                FireboltTypes::parse, () -> { });
        RowBuffer row = new RowBuffer(1);
        assertTrue(r.cursor().next(row));
        assertEquals("Line 1, Column 1: data", row.text(0));
        assertFalse(r.cursor().next(row));
    }
}
