package dev.rowpipe.internal.convert;

import dev.rowpipe.internal.firebolt.FireboltTypes;
import dev.rowpipe.internal.td.TdTypes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import dev.rowpipe.internal.spi.RowBuffer;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueReaderTest {
    private static final ColumnType BIGINT = FireboltTypes.parse("Int64");
    private static final ColumnType INT = FireboltTypes.parse("Int32");
    private static final ColumnType DOUBLE = FireboltTypes.parse("Float64");
    private static final ColumnType BOOL = FireboltTypes.parse("Boolean");
    private static final ColumnType DEC = FireboltTypes.parse("Decimal(38,9)");
    private static final ColumnType VARCHAR = FireboltTypes.parse("String");
    private static final ColumnType TS = FireboltTypes.parse("DateTime");
    private static final ColumnType TSTZ = FireboltTypes.parse("Timestamptz");

    private static RowBuffer text(String s) {
        RowBuffer row = new RowBuffer(2);
        row.setText(0, "garbage-before");
        row.setText(1, s);
        return row;
    }

    private static SQLException fails(ThrowingRead read) {
        return assertThrows(SQLException.class, read::run);
    }

    interface ThrowingRead {
        void run() throws SQLException;
    }

    @Test
    void longsFromTextAreExactAtTheExtremes() throws SQLException {
        assertEquals(Long.MAX_VALUE, ValueReader.getLong(text("9223372036854775807"), 1, BIGINT));
        assertEquals(Long.MIN_VALUE, ValueReader.getLong(text("-9223372036854775808"), 1, BIGINT));
        assertEquals(42, ValueReader.getLong(text("+42"), 1, BIGINT));
        assertEquals(12, ValueReader.getLong(text("12.9"), 1, BIGINT));
        assertEquals(1000, ValueReader.getLong(text("1e3"), 1, BIGINT));
        assertEquals(1, ValueReader.getLong(text("true"), 1, BOOL));
    }

    @Test
    void longOutOfRangeIs22003AndBadTextIs22018() {
        SQLException over = fails(() -> ValueReader.getLong(text("18446744073709551615"), 1, BIGINT));
        assertEquals("22003", over.getSQLState());
        assertEquals("22003",
                fails(() -> ValueReader.getLong(text("-9223372036854775809"), 1, BIGINT)).getSQLState());
        SQLException bad = fails(() -> ValueReader.getLong(text("12abc"), 1, BIGINT));
        assertEquals("22018", bad.getSQLState());
        assertTrue(bad.getMessage().contains("Int64") && bad.getMessage().contains("12abc"), bad.getMessage());
        String huge = "x".repeat(10_000);
        SQLException cut = fails(() -> ValueReader.getLong(text(huge), 1, BIGINT));
        assertTrue(cut.getMessage().length() < 400, "value is truncated in the message");
        assertEquals("22018", fails(() -> ValueReader.getLong(text(""), 1, BIGINT)).getSQLState());
        assertEquals("22003", fails(() -> ValueReader.getObject(text("3000000000"), 1, INT)).getSQLState());
    }

    @Test
    void longsFromOtherSlots() throws SQLException {
        RowBuffer row = new RowBuffer(1);
        row.setDouble(0, 3.7);
        assertEquals(3, ValueReader.getLong(row, 0, BIGINT));
        row.setDouble(0, Double.NaN);
        assertEquals("22003", fails(() -> ValueReader.getLong(row, 0, BIGINT)).getSQLState());
        row.setObject(0, new BigDecimal("18446744073709551615"));
        assertEquals("22003", fails(() -> ValueReader.getLong(row, 0, BIGINT)).getSQLState());
        row.setBoolean(0, true);
        assertEquals(1, ValueReader.getLong(row, 0, BIGINT));
    }

    @Test
    void doublesIncludingInfinityAndNan() throws SQLException {
        assertEquals(Double.POSITIVE_INFINITY, ValueReader.getDouble(text("inf"), 1, DOUBLE));
        assertEquals(Double.POSITIVE_INFINITY, ValueReader.getDouble(text("+inf"), 1, DOUBLE));
        assertEquals(Double.NEGATIVE_INFINITY, ValueReader.getDouble(text("-inf"), 1, DOUBLE));
        assertEquals(Double.POSITIVE_INFINITY, ValueReader.getDouble(text("Infinity"), 1, DOUBLE));
        assertTrue(Double.isNaN(ValueReader.getDouble(text("nan"), 1, DOUBLE)));
        assertEquals(1.5e-7, ValueReader.getDouble(text("1.5e-7"), 1, DOUBLE));
        assertEquals("22018", fails(() -> ValueReader.getDouble(text("1d"), 1, DOUBLE)).getSQLState());
        assertEquals(Float.POSITIVE_INFINITY, ValueReader.getObject(text("inf"), 1, ColumnType.of(Kind.REAL, "Float32")));
    }

    @Test
    void booleans() throws SQLException {
        for (String t : new String[] {"1", "t", "T", "true", "TRUE", "2", "-0.5"}) {
            assertTrue(ValueReader.getBoolean(text(t), 1, BOOL), t);
        }
        for (String t : new String[] {"0", "f", "F", "false", "False", "0.0"}) {
            assertFalse(ValueReader.getBoolean(text(t), 1, BOOL), t);
        }
        assertEquals("22018", fails(() -> ValueReader.getBoolean(text("yes"), 1, BOOL)).getSQLState());
        assertEquals(Boolean.TRUE, ValueReader.getObject(text("t"), 1, BOOL));
    }

    @Test
    void bigDecimalsAreExact() throws SQLException {
        String digits = "123456789012345678901234567890.123456789";
        assertEquals(new BigDecimal(digits), ValueReader.getBigDecimal(text(digits), 1, DEC));
        assertEquals(new BigDecimal("18446744073709551615"),
                ValueReader.getObject(text("18446744073709551615"), 1, FireboltTypes.parse("UInt64")));
        assertEquals("22003", fails(() -> ValueReader.getBigDecimal(text("nan"), 1, DEC)).getSQLState());
        assertEquals("22018", fails(() -> ValueReader.getBigDecimal(text("1.2.3"), 1, DEC)).getSQLState());
        RowBuffer row = new RowBuffer(1);
        row.setLong(0, Long.MIN_VALUE);
        assertEquals(BigDecimal.valueOf(Long.MIN_VALUE).setScale(9), ValueReader.getBigDecimal(row, 0, DEC));
    }

    @Test
    void decimalsKeepTheirDeclaredScaleWhateverTheFormatCarried() throws SQLException {
        ColumnType price = ColumnType.decimal("decimal(12,2)", 12, 2);
        assertEquals("12.50", ValueReader.getBigDecimal(text("12.5"), 1, price).toString());
        assertEquals("12.50", ValueReader.getBigDecimal(text("12.50"), 1, price).toString());
        assertEquals("12.50", ValueReader.getBigDecimal(text("12.5000"), 1, price).toString());
        // More fractional digits than declared: returned as sent, never rounded.
        assertEquals("12.505", ValueReader.getBigDecimal(text("12.505"), 1, price).toString());
        RowBuffer row = new RowBuffer(1);
        row.setDouble(0, 12.5);
        assertEquals("12.50", ValueReader.getBigDecimal(row, 0, price).toString());
        assertEquals("12.50", ValueReader.getObject(row, 0, price).toString());
        assertEquals("12.50", ValueReader.getString(row, 0, price));
        row.setDouble(0, 0.1);
        assertEquals("0.10", ValueReader.getBigDecimal(row, 0, price).toString());
        row.setDouble(0, 0.0);
        assertEquals("0.00", ValueReader.getBigDecimal(row, 0, price).toString());
        row.setDouble(0, -9999999999.99);
        assertEquals("-9999999999.99", ValueReader.getBigDecimal(row, 0, price).toString());
        row.setDouble(0, 1e10);
        assertEquals("10000000000.00", ValueReader.getBigDecimal(row, 0, price).toString());
        // A double of 15 significant digits at DECIMAL(38, 9) is exact; one that needs more is not, and says so.
        ColumnType wide = ColumnType.decimal("decimal(38,9)", 38, 9);
        row.setDouble(0, 123456.789012345);
        assertEquals("123456.789012345", ValueReader.getBigDecimal(row, 0, wide).toPlainString());
        row.setDouble(0, 1.2345678901234567E19);
        SQLException e = fails(() -> ValueReader.getBigDecimal(row, 0, wide));
        assertEquals("22003", e.getSQLState());
        assertTrue(e.getMessage().contains("decimal(38,9)") && e.getMessage().contains("result_format=json"),
                e.getMessage());
        // A double with more fractional digits than the scale allows is not a value of the type.
        row.setDouble(0, 0.125);
        assertEquals("22003", fails(() -> ValueReader.getBigDecimal(row, 0, price)).getSQLState());
        // A double column read as BigDecimal keeps the double's digits.
        row.setDouble(0, 12.5);
        assertEquals("12.5", ValueReader.getBigDecimal(row, 0, FireboltTypes.parse("Float64")).toString());
    }

    @Test
    void datesAndTimestamps() throws SQLException {
        ColumnType date = FireboltTypes.parse("Date");
        assertEquals(LocalDate.of(2024, 1, 31), ValueReader.getObject(text("2024-01-31"), 1, date));
        assertEquals(LocalDateTime.of(2024, 1, 31, 12, 34, 56, 123456000),
                ValueReader.getObject(text("2024-01-31 12:34:56.123456"), 1, TS));
        assertEquals(LocalDateTime.of(2024, 1, 31, 12, 34, 56),
                ValueReader.getLocalDateTime(text("2024-01-31T12:34:56"), 1, TS));
        assertEquals(LocalDate.of(2024, 1, 31), ValueReader.getLocalDate(text("2024-01-31 23:59:59"), 1, TS));
        assertEquals(LocalTime.of(12, 34, 56), ValueReader.getLocalTime(text("2024-01-31 12:34:56"), 1, TS));
        assertEquals(LocalTime.of(7, 8, 9), ValueReader.getLocalTime(text("07:08:09"), 1, VARCHAR));
        assertEquals(LocalDateTime.of(2024, 1, 31, 0, 0), ValueReader.getLocalDateTime(text("2024-01-31"), 1, date));
        SQLException bad = fails(() -> ValueReader.getLocalDate(text("2024-13-01"), 1, date));
        assertEquals("22018", bad.getSQLState());
        assertEquals("22018", fails(() -> ValueReader.getLocalDateTime(text("yesterday"), 1, TS)).getSQLState());
    }

    @Test
    void timestampsWithZones() throws SQLException {
        assertEquals(OffsetDateTime.of(2024, 1, 31, 12, 34, 56, 123000000, ZoneOffset.UTC),
                ValueReader.getOffsetDateTime(text("2024-01-31 12:34:56.123+00"), 1, TSTZ));
        assertEquals(OffsetDateTime.of(2024, 1, 31, 12, 34, 56, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                ValueReader.getOffsetDateTime(text("2024-01-31 12:34:56+05:30"), 1, TSTZ));
        assertEquals(OffsetDateTime.of(2024, 1, 31, 12, 34, 56, 0, ZoneOffset.ofHours(-8)),
                ValueReader.getOffsetDateTime(text("2024-01-31T12:34:56-0800"), 1, TSTZ));
        assertEquals(OffsetDateTime.of(2024, 1, 31, 12, 34, 56, 0, ZoneOffset.UTC),
                ValueReader.getObject(text("2024-01-31T12:34:56Z"), 1, TSTZ));
        assertEquals(OffsetDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)),
                ValueReader.getOffsetDateTime(text("2024-07-01 12:00:00 Europe/Berlin"), 1, TSTZ));
        ColumnType berlin = FireboltTypes.parse("DateTime64(3,'Europe/Berlin')");
        assertEquals("Europe/Berlin", berlin.timeZone());
        assertEquals(OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 500000000, ZoneOffset.ofHours(1)),
                ValueReader.getOffsetDateTime(text("2024-01-01 10:00:00.500"), 1, berlin));
        OffsetDateTime instant = OffsetDateTime.of(2024, 1, 31, 12, 34, 56, 0, ZoneOffset.ofHours(3));
        assertEquals(instant.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime(),
                ValueReader.getLocalDateTime(text("2024-01-31 12:34:56+03"), 1, TSTZ));
    }

    @Test
    void numbersReadAsDatesAreUnixSecondsInTreasureDataColumns() throws SQLException {
        ColumnType bigint = TdTypes.parse("bigint");
        LocalDateTime expected = LocalDateTime.of(2023, 11, 14, 22, 13, 20);
        RowBuffer row = new RowBuffer(1);
        row.setLong(0, 1_700_000_000L);
        assertEquals(expected, ValueReader.getLocalDateTime(row, 0, bigint));
        assertEquals(expected.toLocalDate(), ValueReader.getLocalDate(row, 0, bigint));
        // tsv and csv deliver the same number as text.
        assertEquals(expected, ValueReader.getLocalDateTime(text("1700000000"), 1, bigint));
        row.setDouble(0, 1.5);
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 500000000),
                ValueReader.getLocalDateTime(row, 0, TdTypes.parse("double")));
        row.setObject(0, new BigDecimal("1700000000.25"));
        assertEquals(expected.plusNanos(250_000_000),
                ValueReader.getLocalDateTime(row, 0, TdTypes.parse("decimal(12,2)")));
        // Elements of a TD array follow the rule too.
        row.setObject(0, List.of(1_700_000_000L));
        assertEquals(List.of(expected), ValueReader.getList(row, 0, TdTypes.parse("array<timestamp>")));
    }

    @Test
    void numbersAreNotDatesInFireboltColumns() {
        RowBuffer row = new RowBuffer(1);
        row.setLong(0, 1_700_000_000L);
        SQLException e = fails(() -> ValueReader.getLocalDateTime(row, 0, BIGINT));
        assertEquals("22018", e.getSQLState());
        assertEquals("Cannot read Int64 value '1700000000' as TIMESTAMP", e.getMessage());
        assertEquals("22018", fails(() -> ValueReader.getLocalDate(row, 0, BIGINT)).getSQLState());
        assertEquals("22018", fails(() -> ValueReader.getLocalDateTime(text("1700000000"), 1, BIGINT))
                .getSQLState());
        row.setDouble(0, 1.5);
        assertEquals("22018", fails(() -> ValueReader.getLocalDateTime(row, 0, DOUBLE)).getSQLState());
        row.setObject(0, new BigDecimal("1700000000.25"));
        assertEquals("22018", fails(() -> ValueReader.getOffsetDateTime(row, 0, DEC)).getSQLState());
        row.setObject(0, List.of(1_700_000_000L));
        assertEquals("22018", fails(() -> ValueReader.getList(row, 0, FireboltTypes.parse("Array(DateTime)")))
                .getSQLState());
    }

    @Test
    void bytes() throws SQLException {
        ColumnType bytea = FireboltTypes.parse("ByteA");
        assertArrayEquals(new byte[] {0x0a, 0x1b, (byte) 0xff}, ValueReader.getBytes(text("\\x0a1bFF"), 1, bytea));
        assertArrayEquals("é\\x".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ValueReader.getBytes(text("é\\x"), 1, VARCHAR));
        assertEquals("22018", fails(() -> ValueReader.getBytes(text("\\x0g"), 1, bytea)).getSQLState());
        assertEquals("22018", fails(() -> ValueReader.getBytes(text("\\x012"), 1, bytea)).getSQLState());
        RowBuffer row = new RowBuffer(1);
        byte[] raw = {1, 2};
        row.setObject(0, raw);
        byte[] got = ValueReader.getBytes(row, 0, bytea);
        got[0] = 9;
        assertEquals(1, raw[0], "the slot's array is not handed out");
        assertEquals("\\x0102", ValueReader.getString(row, 0, bytea));
    }

    @Test
    void arraysFromLiteralText() throws SQLException {
        ColumnType ints = FireboltTypes.parse("Array(Int32)");
        assertEquals(List.of(1, 2, 3), ValueReader.getObject(text("[1,2,3]"), 1, ints));
        assertEquals(List.of(), ValueReader.getList(text("[]"), 1, ints));
        assertEquals(Arrays.asList(1, null, -3), ValueReader.getList(text("[1, NULL ,-3]"), 1, ints));
        ColumnType strings = FireboltTypes.parse("Array(Nullable(String))");
        assertEquals(Arrays.asList("a", "b'c", null, "NULL", "x,y]", "tab\there", ""),
                ValueReader.getList(text("['a','b\\'c',NULL,'NULL','x,y]','tab\\there','']"), 1, strings));
        assertEquals(List.of("x", "\"q\"", "é😀"), ValueReader.getList(text("[\"x\",\"\\\"q\\\"\",\"\\u00e9😀\"]"), 1, strings));
        // TSV unescaping already turned \' into a bare quote.
        assertEquals(List.of("it's", "z"), ValueReader.getList(text("['it's','z']"), 1, strings));
        ColumnType nested = FireboltTypes.parse("Array(Array(Int64))");
        assertEquals(List.of(List.of(1L, 2L), List.of()), ValueReader.getList(text("[[1,2],[]]"), 1, nested));
        ColumnType dates = FireboltTypes.parse("Array(Date)");
        assertEquals(List.of(LocalDate.of(2024, 1, 2)), ValueReader.getList(text("['2024-01-02']"), 1, dates));
        assertEquals(List.of(1L, new BigDecimal("2.5"), "s", true),
                ValueReader.getList(text("[1,2.5,'s',true]"), 1, ColumnType.of(Kind.ARRAY, "Array(?)")));
        assertEquals("22018", fails(() -> ValueReader.getList(text("[1,2"), 1, ints)).getSQLState());
        assertEquals("22018", fails(() -> ValueReader.getList(text("[1,x]"), 1, ints)).getSQLState());
        assertEquals("22018", fails(() -> ValueReader.getList(text("1,2"), 1, ints)).getSQLState());
        assertEquals("[1,2,3]", ValueReader.getString(text("[1,2,3]"), 1, ints), "text arrays as received");
    }

    @Test
    void arraysAndMapsFromObjects() throws SQLException {
        RowBuffer row = new RowBuffer(1);
        row.setObject(0, Arrays.asList(1L, null, new BigDecimal("3")));
        ColumnType ints = FireboltTypes.parse("Array(Int32)");
        assertEquals(Arrays.asList(1, null, 3), ValueReader.getObject(row, 0, ints));
        assertEquals("[1,null,3]", ValueReader.getString(row, 0, ints));
        row.setObject(0, List.of("a", "b\""));
        assertEquals("[\"a\",\"b\\\"\"]", ValueReader.getString(row, 0, FireboltTypes.parse("Array(String)")));
        row.setObject(0, List.of(List.of(1L), List.of()));
        assertEquals(List.of(List.of(1L), List.of()),
                ValueReader.getList(row, 0, FireboltTypes.parse("Array(Array(Int64))")));
        ColumnType map = ColumnType.map("Map(String,Int64)", VARCHAR, BIGINT);
        row.setObject(0, Map.of("k", new BigDecimal("7")));
        assertEquals(Map.of("k", 7L), ValueReader.getObject(row, 0, map));
        assertEquals("{\"k\":7}", ValueReader.getString(row, 0, map));
        assertEquals(Map.of("k", 1L, "z", 2L), ValueReader.getMap(text("{\"k\":1, \"z\":2}"), 1, map));
        assertEquals(Map.of("k", 1L), ValueReader.getMap(text("{'k':1}"), 1, map));
        assertEquals("22018", fails(() -> ValueReader.getMap(text("{\"k\":}"), 1, map)).getSQLState());
        row.setObject(0, List.of(1L, "a"));
        assertEquals(List.of(1L, "a"), ValueReader.getObject(row, 0, ColumnType.of(Kind.STRUCT, "Tuple(Int64,String)")));
    }

    @Test
    void getStringAndGetObjectOfEverySlotKind() throws SQLException {
        RowBuffer row = new RowBuffer(1);
        row.setLong(0, -5);
        assertEquals("-5", ValueReader.getString(row, 0, BIGINT));
        assertEquals(-5L, ValueReader.getObject(row, 0, BIGINT));
        row.setDouble(0, 0.1);
        assertEquals("0.1", ValueReader.getString(row, 0, DOUBLE));
        row.setBoolean(0, false);
        assertEquals("false", ValueReader.getString(row, 0, BOOL));
        assertEquals(Boolean.FALSE, ValueReader.getObject(row, 0, BOOL));
        row.setObject(0, new BigDecimal("1E+3"));
        assertEquals("1000", ValueReader.getString(row, 0, DEC));
        row.setNull(0);
        assertNull(ValueReader.getObject(row, 0, BIGINT));
        assertNull(ValueReader.getString(row, 0, BIGINT));
        assertEquals("abc", ValueReader.getObject(text("abc"), 1, FireboltTypes.parse("Mystery")));
        assertNull(ValueReader.getObject(text("x"), 1, ColumnType.of(Kind.NULL, "Nothing")));
    }
}
