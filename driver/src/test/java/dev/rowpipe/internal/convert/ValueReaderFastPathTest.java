package dev.rowpipe.internal.convert;

import dev.rowpipe.internal.firebolt.FireboltTypes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of {@link ValueReader} against the general ones they stand in for, at the edges where a fast
 * path hands over (18 and 19 digits, the long limits, signs, points, exponents): every value must be exactly what
 * {@code new BigDecimal(text)} / {@code Long.parseLong} would give, scale included.
 */
class ValueReaderFastPathTest {
    private static final ColumnType BIGINT = FireboltTypes.parse("Int64");
    /** No declared precision: these tests are about parsing, which keeps the text's own scale. */
    private static final ColumnType DEC = FireboltTypes.parse("Decimal");

    private static RowBuffer text(String s) {
        RowBuffer row = new RowBuffer(2);
        row.setText(0, "x");
        row.setText(1, s);
        return row;
    }

    private static void sameDecimal(String s) throws SQLException {
        BigDecimal expected = new BigDecimal(s);
        BigDecimal actual = ValueReader.getBigDecimal(text(s), 1, DEC);
        assertEquals(expected, actual, s);
        assertEquals(expected.scale(), actual.scale(), s);
        assertEquals(expected.precision(), actual.precision(), s);
        assertEquals(expected.toString(), actual.toString(), s);
    }

    @Test
    void decimalsEqualTheConstructorsIncludingScale() throws SQLException {
        for (String s : new String[] {"0", "-0", "+0", "-0.000", "0.000000000", "1.", ".5", "-.5", "+.5", "+1.25",
            "007.10", "123456789.123456789", "-123456789.123456789", "999999999999999999", "-999999999999999999",
            "9999999999999999999", "-9999999999999999999", "9223372036854775807", "-9223372036854775808",
            "9223372036854775808", "-9223372036854775809", "0.999999999999999999", "0.0000000000000000001",
            "123456789012345678901234567890.123456789", "1e3", "1E-3", "-1.5e+10", "12345678901234567.8",
            "1234567890123456789.0", "000000000000000000001"}) {
            sameDecimal(s);
        }
    }

    @Test
    void randomDecimalsEqualTheConstructors() throws SQLException {
        Random r = new Random(7);
        for (int k = 0; k < 20_000; k++) {
            int digits = 1 + r.nextInt(22);
            StringBuilder s = new StringBuilder();
            int pick = r.nextInt(4);
            s.append(pick == 0 ? "-" : pick == 1 ? "+" : "");
            int point = r.nextInt(digits + 2) - 1;
            for (int i = 0; i < digits; i++) {
                if (i == point) {
                    s.append('.');
                }
                s.append((char) ('0' + r.nextInt(10)));
            }
            if (point == digits) {
                s.append('.');
            }
            sameDecimal(s.toString());
        }
    }

    @Test
    void badDecimalsStillFailAsBefore() {
        for (String s : new String[] {"", "-", "+", ".", "-.", "1.2.3", "1-2", "--1", "1e", "abc"}) {
            SQLException e = assertThrows(SQLException.class, () -> ValueReader.getBigDecimal(text(s), 1, DEC), s);
            assertEquals("22018", e.getSQLState(), s);
        }
    }

    @Test
    void longsAtTheDigitCountBoundaries() throws SQLException {
        for (String s : new String[] {"0", "-0", "+0", "999999999999999999", "-999999999999999999",
            "1000000000000000000", "-1000000000000000000", "9223372036854775807", "-9223372036854775808",
            "0000000000000000000000042", "-0000000000000000000000042", "+9223372036854775807"}) {
            assertEquals(Long.parseLong(s), ValueReader.getLong(text(s), 1, BIGINT), s);
        }
        for (String s : new String[] {"-9223372036854775807", "9223372036854775806", "-9223372036854775799",
            "9223372036854775799", "-1000000000000000000", "1999999999999999999", "00000000000000000042"}) {
            assertEquals(Long.parseLong(s), ValueReader.getLong(text(s), 1, BIGINT), s);
        }
        for (String s : new String[] {"9223372036854775808", "-9223372036854775809", "99999999999999999999",
            "9223372036854775810", "-9223372036854775810", "9999999999999999999", "-9999999999999999999"}) {
            assertEquals("22003", assertThrows(SQLException.class,
                    () -> ValueReader.getLong(text(s), 1, BIGINT), s).getSQLState(), s);
        }
        assertEquals(12, ValueReader.getLong(text("12.99"), 1, BIGINT));
        assertEquals(-12, ValueReader.getLong(text("-12.99"), 1, BIGINT));
        assertEquals("22018", assertThrows(SQLException.class,
                () -> ValueReader.getLong(text("12345678901234567x"), 1, BIGINT)).getSQLState());
        assertEquals("22018", assertThrows(SQLException.class,
                () -> ValueReader.getLong(text("922337203685477580x"), 1, BIGINT)).getSQLState());
        assertEquals("22018", assertThrows(SQLException.class,
                () -> ValueReader.getLong(text("-"), 1, BIGINT)).getSQLState());
    }

    @Test
    void randomLongsEqualParseLong() throws SQLException {
        Random r = new Random(11);
        for (int k = 0; k < 20_000; k++) {
            long v = switch (k % 3) {
                case 0 -> r.nextLong();
                case 1 -> r.nextLong() >> r.nextInt(64);
                default -> r.nextInt();
            };
            String s = Long.toString(v);
            assertEquals(v, ValueReader.getLong(text(s), 1, BIGINT), s);
        }
    }

    private static final ColumnType DOUBLE = FireboltTypes.parse("Float64");

    @Test
    void randomDoublesEqualParseDouble() throws SQLException {
        Random r = new Random(17);
        for (int k = 0; k < 40_000; k++) {
            StringBuilder t = new StringBuilder(r.nextInt(4) == 0 ? "-" : "");
            int whole = r.nextInt(12);
            int fraction = r.nextInt(4) == 0 ? -1 : r.nextInt(12);
            for (int i = 0; i < whole; i++) {
                t.append((char) ('0' + (i == 0 && r.nextInt(3) == 0 ? 0 : r.nextInt(10))));
            }
            if (fraction >= 0) {
                t.append('.');
                for (int i = 0; i < fraction; i++) {
                    t.append((char) ('0' + r.nextInt(10)));
                }
            }
            String s = t.toString();
            if (s.isEmpty() || s.equals("-") || s.equals(".") || s.equals("-.")) {
                continue;
            }
            double expected = Double.parseDouble(s);
            assertEquals(Double.doubleToRawLongBits(expected),
                    Double.doubleToRawLongBits(ValueReader.getDouble(text(s), 1, DOUBLE)), s);
        }
    }

    /**
     * A non-digit at any place of a number's digits takes the general path, which refuses it as before (that path
     * reads the other scripts' digits BigDecimal knows, so those are not among these).
     */
    @Test
    void aNonDigitAmongTheDigitsIsNeverReadAsANumber() {
        String digits = "123456789012345678";
        for (int at = 0; at < digits.length(); at++) {
            for (char junk : new char[] {'a', 'x', '/', ':', '-', '\u00bd'}) {
                if (at == 0 && junk == '-') {
                    continue;
                }
                String s = digits.substring(0, at) + junk + digits.substring(at + 1);
                assertEquals("22018", assertThrows(SQLException.class,
                        () -> ValueReader.getLong(text(s), 1, BIGINT), s).getSQLState(), s);
                String d = s.substring(0, 9) + "." + s.substring(9);
                assertThrows(SQLException.class, () -> ValueReader.getBigDecimal(text(d), 1, DEC), d);
                assertThrows(SQLException.class, () -> ValueReader.getDouble(text(d), 1, DOUBLE), d);
            }
        }
    }

    @Test
    void booleansReadInPlaceAgreeWithTheWordRules() throws SQLException {
        ColumnType bool = FireboltTypes.parse("Boolean");
        for (String t : new String[] {"1", "t", "T", "true", "TRUE", "True", "tRuE", " true", "true ", "2",
            "T\u0001", "trUe\u0001"}) {
            assertEquals(true, ValueReader.getBoolean(text(t), 1, bool), t);
        }
        for (String t : new String[] {"0", "f", "F", "false", "FALSE", "fAlSe", "0.0", "fal\u017fe"}) {
            assertEquals(false, ValueReader.getBoolean(text(t), 1, bool), t);
        }
        for (String t : new String[] {"tru", "truee", "yes", "x", "t\u0130ue", "\u0074rue\u00e9"}) {
            assertEquals("22018", assertThrows(SQLException.class,
                    () -> ValueReader.getBoolean(text(t), 1, bool), t).getSQLState(), t);
        }
    }

    @Test
    void datesAndTimestampsReadInPlaceAtTheEdges() throws SQLException {
        ColumnType date = FireboltTypes.parse("Date");
        ColumnType ts = FireboltTypes.parse("DateTime");
        for (String d : new String[] {"0000-01-01", "9999-12-31", "1969-12-31", "2024-02-29", "1900-03-01"}) {
            assertEquals(java.time.LocalDate.parse(d), ValueReader.getLocalDate(text(d), 1, date), d);
            String t = d + " 23:59:59";
            assertEquals(java.time.LocalDateTime.parse(d + "T23:59:59"), ValueReader.getLocalDateTime(text(t), 1, ts));
        }
        assertEquals(java.time.LocalDateTime.of(2024, 1, 2, 0, 0, 0),
                ValueReader.getLocalDateTime(text("2024-01-02T00:00:00"), 1, ts));
        for (String bad : new String[] {"2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024-1a-01"}) {
            assertThrows(SQLException.class, () -> ValueReader.getLocalDate(text(bad), 1, date), bad);
        }
        for (String bad : new String[] {"2024-01-01 24:00:00", "2024-01-01 23:60:00", "2024-01-01 23:00:60",
            "2024-01-01 2x:00:00"}) {
            assertThrows(SQLException.class, () -> ValueReader.getLocalDateTime(text(bad), 1, ts), bad);
        }
    }
}
