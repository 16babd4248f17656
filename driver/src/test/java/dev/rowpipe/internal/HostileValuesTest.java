package dev.rowpipe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.convert.ArrayLiteralParser;
import dev.rowpipe.internal.convert.ValueReader;
import dev.rowpipe.internal.firebolt.FireboltJsonDecoder;
import dev.rowpipe.internal.firebolt.FireboltTsvDecoder;
import dev.rowpipe.internal.firebolt.FireboltTypes;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.td.TdMsgpackCursor;
import dev.rowpipe.internal.td.TdTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile bytes give SQLExceptions, in bounded time and memory: numbers with huge exponents, nesting without end in
 * array text and in type names, values larger than {@code max_value_bytes}.
 */
class HostileValuesTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final ColumnType BIGINT = ColumnType.of(Kind.BIGINT, "Int64");
    private static final ColumnType DECIMAL = ColumnType.decimal("Decimal(38,2)", 38, 2);
    /** TD's: a number read as one is unix seconds (Firebolt's refuses numbers outright). */
    private static final ColumnType TIMESTAMP = TdTypes.parse("timestamp");
    private static final ColumnType TEXT = ColumnType.of(Kind.VARCHAR, "String");

    private static RowBuffer text(String value) {
        RowBuffer row = new RowBuffer(1);
        row.setText(0, value);
        return row;
    }

    private static RowBuffer object(Object value) {
        RowBuffer row = new RowBuffer(1);
        row.setObject(0, value);
        return row;
    }

    private static SQLException fails(String state, Read read) {
        SQLException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(SQLException.class, read::run));
        assertEquals(state, e.getSQLState(), e.toString());
        return e;
    }

    interface Read {
        void run() throws SQLException;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483647", "1e99999999", "-1e99999999", "1e-99999999", "1e-2147483647",
            "123456789012345678901234567890"})
    void aHugeExponentIsOutOfRangeForEveryNumberGetterAtOnce(String number) throws SQLException {
        fails("22003", () -> ValueReader.getLong(text(number), 0, BIGINT));
        fails("22003", () -> ValueReader.getLong(object(new java.math.BigDecimal(number)), 0, BIGINT));
        fails("22003", () -> ValueReader.getLocalDateTime(text(number), 0, TIMESTAMP));
        if (!number.startsWith("12345")) {
            fails("22003", () -> ValueReader.getBigDecimal(text(number), 0, DECIMAL));
            fails("22003", () -> ValueReader.getBigDecimal(object(new java.math.BigDecimal(number)), 0, DECIMAL));
            // Its text stays short: never a plain string of 10^8 digits.
            String shown = assertTimeoutPreemptively(BOUND,
                    () -> ValueReader.getString(object(new java.math.BigDecimal(number)), 0, DECIMAL));
            assertTrue(shown.length() < 40, shown);
        }
        double d = assertTimeoutPreemptively(BOUND, () -> ValueReader.getDouble(text(number), 0, TEXT));
        assertTrue(Double.isInfinite(d) || Math.abs(d) < 1 || d > 1e29, "double " + d);
    }

    @Test
    void aNumberTooLongToParseIsRefusedUnparsed() {
        String digits = "1".repeat(5_000_000);
        fails("22003", () -> ValueReader.getLong(text(digits), 0, BIGINT));
        fails("22003", () -> ValueReader.getBigDecimal(text(digits), 0, DECIMAL));
        fails("22003", () -> ValueReader.getLocalDateTime(text(digits), 0, TIMESTAMP));
    }

    @Test
    void arrayTextNestedWithoutEndIsRefused() {
        String nested = "[".repeat(200_000) + "]".repeat(200_000);
        ColumnType array = FireboltTypes.parse("Array(Int64)");
        SQLException e = fails("22018", () -> ArrayLiteralParser.parseArray(nested.toCharArray(), 0, nested.length(),
                array));
        assertTrue(e.getMessage().contains("nests deeper than " + ColumnType.MAX_NESTING), e.getMessage());
        fails("22018", () -> ValueReader.getList(text(nested), 0, array));
        String fine = "[".repeat(ColumnType.MAX_NESTING) + "]".repeat(ColumnType.MAX_NESTING);
        assertTimeoutPreemptively(BOUND, () -> ArrayLiteralParser.parseArray(fine.toCharArray(), 0, fine.length(),
                null));
    }

    @Test
    void typeNamesNestedWithoutEndAreReadAsText() {
        String firebolt = "Array(".repeat(5_000) + "Int32" + ")".repeat(5_000);
        ColumnType deep = assertTimeoutPreemptively(BOUND, () -> FireboltTypes.parse(firebolt));
        assertEquals(Kind.ARRAY, deep.kind());
        String huge = "Array(".repeat(200_000) + "Int32" + ")".repeat(200_000);
        assertEquals(Kind.OTHER, assertTimeoutPreemptively(BOUND, () -> FireboltTypes.parse(huge)).kind());
        String nullable = "Int32" + " NULL".repeat(200_000);
        assertTimeoutPreemptively(BOUND, () -> FireboltTypes.parse(nullable));
        String td = "array<".repeat(200_000) + "int" + ">".repeat(200_000);
        assertEquals(Kind.OTHER, assertTimeoutPreemptively(BOUND, () -> TdTypes.parse(td)).kind());
        assertEquals(Kind.OTHER, assertTimeoutPreemptively(BOUND, () -> TdTypes.parseTableType(td)).kind());
        // Real nesting is still read.
        ColumnType two = TdTypes.parse("array<array<bigint>>");
        assertEquals(Kind.BIGINT, two.element().element().kind());
    }

    @Test
    void aFireboltResultWithANestedTypeBeyondTheLimitStillOpens() throws SQLException {
        String type = "Array(".repeat(5_000) + "Int32" + ")".repeat(5_000);
        DecodedResult result = FireboltTsvDecoder.open(utf8("a\n" + type + "\n[[1]]\n"), FireboltTypes::parse, null);
        RowBuffer row = new RowBuffer(1);
        assertTrue(result.cursor().next(row));
    }

    private static InputStream utf8(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static RowBuffer limited(int max, String... names) {
        return new RowBuffer(names.length, max, List.of(names));
    }

    @Test
    void aTsvValueLargerThanTheLimitNamesItsColumn() throws SQLException {
        String big = "x".repeat(5_000);
        DecodedResult result = FireboltTsvDecoder.open(utf8("id\tpayload\nInt32\tString\n1\tsmall\n2\t" + big + "\n"),
                FireboltTypes::parse, null);
        RowBuffer row = limited(4_096, "id", "payload");
        assertTrue(result.cursor().next(row));
        SQLException e = assertThrows(SQLException.class, () -> result.cursor().next(row));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("'payload' (column 2)") && e.getMessage().contains("max_value_bytes")
                && e.getMessage().contains("row 2"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"string", "array"})
    void aJsonValueLargerThanTheLimitFailsWithoutBeingBuilt(String kind) throws SQLException {
        String value = kind.equals("string") ? "\"" + "x".repeat(50_000) + "\""
                : "[" + "1,".repeat(50_000) + "1]";
        String body = "{\"meta\":[{\"name\":\"v\",\"type\":\"" + (kind.equals("string") ? "String" : "Array(Int64)")
                + "\"}],\"data\":[[" + value + "]],\"rows\":1}";
        DecodedResult result = FireboltJsonDecoder.open(utf8(body), FireboltTypes::parse, null);
        SQLException e = assertThrows(SQLException.class, () -> result.cursor().next(limited(4_096, "v")));
        assertTrue(e.getMessage().contains("'v' (column 1)"), e.getMessage());
    }

    @Test
    void aMsgpackStringDeclaredHugeFailsBeforeItsBytesAreRead() throws SQLException {
        // One row: a str32 header promising 1 GiB, and nothing after it.
        byte[] body = {(byte) 0x91, (byte) 0xDB, 0x40, 0x00, 0x00, 0x00};
        RowCursor cursor = TdMsgpackCursor.plain(new ByteArrayInputStream(body),
                List.of(new ColumnInfo("s", TEXT)), null);
        SQLException e = assertThrows(SQLException.class, () -> cursor.next(limited(16 << 20, "s")));
        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("'s'"), e.getMessage());
    }

    @Test
    void aMsgpackArrayLargerThanTheLimitFails() throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x91);
        // array32 of 100,000 fixints: one byte each.
        out.write(0xDD);
        out.write(0x00);
        out.write(0x01);
        out.write(0x86);
        out.write(0xA0);
        for (int i = 0; i < 100_000; i++) {
            out.write(1);
        }
        RowCursor cursor = TdMsgpackCursor.plain(new ByteArrayInputStream(out.toByteArray()),
                List.of(new ColumnInfo("a", ColumnType.array("array<int>", ColumnType.of(Kind.INTEGER, "int")))),
                null);
        SQLException e = assertThrows(SQLException.class, () -> cursor.next(limited(4_096, "a")));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("max_value_bytes"), e.getMessage());
    }
}
