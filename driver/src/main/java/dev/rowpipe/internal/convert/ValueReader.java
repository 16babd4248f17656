package dev.rowpipe.internal.convert;

import dev.rowpipe.internal.codec.JsonText;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts one non-null slot of a {@link RowBuffer} into what a JDBC getter asks for, following the column's
 * {@link ColumnType}. Callers check {@link RowBuffer#isNull} first (a NULL slot gives 0, false or null here).
 * Conversion failures are SQLExceptions with state 22018 (bad text for the type) or 22003 (out of range).
 * <p>
 * A number (a LONG or DOUBLE slot, a numeric object, numeric text) read as a date, time or timestamp is unix
 * seconds taken as UTC wall time only in a column whose type says so ({@link ColumnType#numbersAreEpochSeconds},
 * which {@code TdTypes} sets for Treasure Data's columns); elsewhere it is not a date (22018).
 */
public final class ValueReader {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ValueReader() {
    }

    public static String getString(RowBuffer row, int column, ColumnType type) throws SQLException {
        switch (row.kind(column)) {
            case RowBuffer.TEXT:
                return row.text(column);
            case RowBuffer.LONG:
                return Long.toString(row.longValue(column));
            case RowBuffer.DOUBLE:
                // A DECIMAL a service sent as a double (TD's msgpack) reads as its text at the declared scale.
                return declaresScale(type) ? decimalFromDouble(row.doubleValue(column), type).toPlainString()
                        : Double.toString(row.doubleValue(column));
            case RowBuffer.BOOLEAN:
                return row.booleanValue(column) ? "true" : "false";
            case RowBuffer.OBJECT: {
                Object value = row.objectValue(column);
                if (value instanceof String s) {
                    return s;
                }
                if (value instanceof List<?> || value instanceof Map<?, ?>) {
                    return JsonText.write(value);
                }
                return JsonText.scalarText(value);
            }
            default:
                return null;
        }
    }

    public static long getLong(RowBuffer row, int column, ColumnType type) throws SQLException {
        switch (row.kind(column)) {
            case RowBuffer.TEXT:
                return parseLong(row.chars(), row.textStart(column), row.textEnd(column), type);
            case RowBuffer.LONG:
            case RowBuffer.BOOLEAN:
                return row.longValue(column);
            case RowBuffer.DOUBLE:
                return doubleToLong(row.doubleValue(column), type);
            case RowBuffer.OBJECT:
                return objectToLong(row.objectValue(column), type);
            default:
                return 0;
        }
    }

    public static double getDouble(RowBuffer row, int column, ColumnType type) throws SQLException {
        switch (row.kind(column)) {
            case RowBuffer.TEXT: {
                double fast = fastDouble(row.chars(), row.textStart(column), row.textEnd(column));
                return fast == fast ? fast : parseDouble(trimmed(row, column), type);
            }
            case RowBuffer.LONG:
            case RowBuffer.BOOLEAN:
                return row.longValue(column);
            case RowBuffer.DOUBLE:
                return row.doubleValue(column);
            case RowBuffer.OBJECT: {
                Object value = row.objectValue(column);
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                if (value instanceof Boolean b) {
                    return b ? 1 : 0;
                }
                if (value instanceof String s) {
                    return parseDouble(s.trim(), type);
                }
                throw Conversion.badValue(type, "DOUBLE", Conversion.shorten(getString(row, column, type)));
            }
            default:
                return 0;
        }
    }

    public static boolean getBoolean(RowBuffer row, int column, ColumnType type) throws SQLException {
        switch (row.kind(column)) {
            case RowBuffer.TEXT: {
                int fast = fastBoolean(row.chars(), row.textStart(column), row.textEnd(column));
                return fast >= 0 ? fast == 1 : parseBoolean(trimmed(row, column), type);
            }
            case RowBuffer.LONG:
            case RowBuffer.BOOLEAN:
                return row.longValue(column) != 0;
            case RowBuffer.DOUBLE:
                return row.doubleValue(column) != 0;
            case RowBuffer.OBJECT: {
                Object value = row.objectValue(column);
                if (value instanceof Boolean b) {
                    return b;
                }
                if (value instanceof BigDecimal d) {
                    return d.signum() != 0;
                }
                if (value instanceof BigInteger i) {
                    return i.signum() != 0;
                }
                if (value instanceof Number n) {
                    return n.doubleValue() != 0;
                }
                if (value instanceof String s) {
                    return parseBoolean(s.trim(), type);
                }
                throw Conversion.badValue(type, "BOOLEAN", Conversion.shorten(getString(row, column, type)));
            }
            default:
                return false;
        }
    }

    /**
     * The value as a BigDecimal; for a DECIMAL column whose type declares a scale, at that scale whatever the result
     * format carried ({@code 12.50} for DECIMAL(12,2) whether the service wrote {@code 12.50}, {@code 12.5} or the
     * double 12.5).
     */
    public static BigDecimal getBigDecimal(RowBuffer row, int column, ColumnType type) throws SQLException {
        switch (row.kind(column)) {
            case RowBuffer.TEXT: {
                BigDecimal fast = fastBigDecimal(row.chars(), row.textStart(column), row.textEnd(column));
                return atDeclaredScale(fast != null ? Decimals.checked(fast, type, "DECIMAL")
                        : parseBigDecimal(trimmed(row, column), type), type);
            }
            case RowBuffer.LONG:
            case RowBuffer.BOOLEAN:
                return atDeclaredScale(BigDecimal.valueOf(row.longValue(column)), type);
            case RowBuffer.DOUBLE:
                return declaresScale(type) ? decimalFromDouble(row.doubleValue(column), type)
                        : doubleToBigDecimal(row.doubleValue(column), type);
            case RowBuffer.OBJECT: {
                Object value = row.objectValue(column);
                if (value instanceof BigDecimal d) {
                    return atDeclaredScale(Decimals.checked(d, type, "DECIMAL"), type);
                }
                if (value instanceof BigInteger i) {
                    return atDeclaredScale(new BigDecimal(i), type);
                }
                if (value instanceof Long || value instanceof Integer || value instanceof Short
                        || value instanceof Byte) {
                    return atDeclaredScale(BigDecimal.valueOf(((Number) value).longValue()), type);
                }
                if (value instanceof Number n) {
                    return declaresScale(type) ? decimalFromDouble(n.doubleValue(), type)
                            : doubleToBigDecimal(n.doubleValue(), type);
                }
                if (value instanceof Boolean b) {
                    return b ? BigDecimal.ONE : BigDecimal.ZERO;
                }
                if (value instanceof String s) {
                    return atDeclaredScale(parseBigDecimal(s.trim(), type), type);
                }
                throw Conversion.badValue(type, "DECIMAL", Conversion.shorten(getString(row, column, type)));
            }
            default:
                return null;
        }
    }

    /** Significant digits every double keeps exactly through a round trip from decimal text. */
    private static final int DOUBLE_DIGITS = 15;
    private static final java.math.MathContext DOUBLE_CONTEXT = new java.math.MathContext(DOUBLE_DIGITS);

    /** A DECIMAL column whose type states its precision and scale. */
    private static boolean declaresScale(ColumnType type) {
        return type.kind() == ColumnType.Kind.DECIMAL && type.precision() > 0;
    }

    /**
     * The value at the column's declared scale when that adds only zeros; a value with more fractional digits than
     * declared is returned as it came (the driver does not round what the service sent).
     */
    private static BigDecimal atDeclaredScale(BigDecimal value, ColumnType type) {
        if (!declaresScale(type) || value.scale() == type.scale()) {
            return value;
        }
        if (value.scale() < type.scale()) {
            return value.setScale(type.scale());
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= type.scale() ? stripped.setScale(type.scale()) : value;
    }

    /**
     * A DECIMAL the service sent as a double (TD's msgpack results), at the declared scale, without digits the
     * double does not hold: the double's shortest decimal form (any decimal of up to 15 significant digits comes back
     * exactly), padded with zeros to the scale. A double whose value needs more than 15 digits, or more fractional
     * digits than the scale, cannot stand for one exact DECIMAL value: that is an error naming a text format, never
     * a guess.
     */
    private static BigDecimal decimalFromDouble(double value, ColumnType type) throws SQLException {
        BigDecimal shortest = doubleToBigDecimal(value, type);
        if (shortest.precision() > DOUBLE_DIGITS) {
            // Double.toString (before Java 19) may give more digits than the shortest form: look for one of 15.
            BigDecimal fifteen = new BigDecimal(value).round(DOUBLE_CONTEXT);
            if (fifteen.doubleValue() == value) {
                shortest = fifteen;
            }
        }
        BigDecimal stripped = shortest.signum() == 0 ? BigDecimal.ZERO : shortest.stripTrailingZeros();
        if (stripped.precision() > DOUBLE_DIGITS || stripped.scale() > type.scale()) {
            throw SqlState.NUMERIC_VALUE_OUT_OF_RANGE.exception("Cannot read " + type.typeName() + " value " + value
                    + " exactly: the result carries this DECIMAL as a double, which holds at most " + DOUBLE_DIGITS
                    + " significant digits; read it in a text result format (Treasure Data: result_format=json, "
                    + "tsv or csv), or with getDouble");
        }
        return stripped.setScale(type.scale());
    }

    public static byte[] getBytes(RowBuffer row, int column, ColumnType type) throws SQLException {
        switch (row.kind(column)) {
            case RowBuffer.NULL:
                return null;
            case RowBuffer.TEXT: {
                char[] c = row.chars();
                int start = row.textStart(column);
                int end = row.textEnd(column);
                if (type.kind() == ColumnType.Kind.BINARY && end - start >= 2 && c[start] == '\\'
                        && c[start + 1] == 'x') {
                    return hexToBytes(c, start, end, type);
                }
                return row.text(column).getBytes(StandardCharsets.UTF_8);
            }
            case RowBuffer.OBJECT: {
                Object value = row.objectValue(column);
                if (value instanceof byte[] bytes) {
                    // A copy: the caller may change the array, the slot may be read again.
                    return bytes.clone();
                }
                if (value instanceof String s) {
                    if (type.kind() == ColumnType.Kind.BINARY && s.startsWith("\\x")) {
                        char[] c = s.toCharArray();
                        return hexToBytes(c, 0, c.length, type);
                    }
                    return s.getBytes(StandardCharsets.UTF_8);
                }
                return getString(row, column, type).getBytes(StandardCharsets.UTF_8);
            }
            default:
                return getString(row, column, type).getBytes(StandardCharsets.UTF_8);
        }
    }

    public static LocalDate getLocalDate(RowBuffer row, int column, ColumnType type) throws SQLException {
        if (row.kind(column) == RowBuffer.TEXT && row.textEnd(column) - row.textStart(column) == 10) {
            LocalDate fast = fastDate(row.chars(), row.textStart(column));
            if (fast != null) {
                return fast;
            }
        }
        DateTimeText.Parsed parsed = parsed(row, column, type, "DATE");
        if (parsed == null) {
            return null;
        }
        if (!parsed.hasTime()) {
            return parsed.dateTime().toLocalDate();
        }
        return localDateTime(parsed, type).toLocalDate();
    }

    public static LocalTime getLocalTime(RowBuffer row, int column, ColumnType type) throws SQLException {
        if (row.kind(column) == RowBuffer.TEXT) {
            LocalTime time = DateTimeText.parseTime(row.chars(), row.textStart(column), row.textEnd(column));
            if (time != null) {
                return time;
            }
        } else if (row.kind(column) == RowBuffer.OBJECT && row.objectValue(column) instanceof LocalTime t) {
            return t;
        }
        DateTimeText.Parsed parsed = parsed(row, column, type, "TIME");
        return parsed == null ? null : localDateTime(parsed, type).toLocalTime();
    }

    public static LocalDateTime getLocalDateTime(RowBuffer row, int column, ColumnType type) throws SQLException {
        // A plain "yyyy-MM-dd HH:mm:ss" in a column with no zone is a wall time as written.
        if (row.kind(column) == RowBuffer.TEXT && row.textEnd(column) - row.textStart(column) == 19
                && type.timeZone() == null && type.kind() != ColumnType.Kind.TIMESTAMP_TZ) {
            LocalDateTime fast = fastDateTime(row.chars(), row.textStart(column));
            if (fast != null) {
                return fast;
            }
        }
        DateTimeText.Parsed parsed = parsed(row, column, type, "TIMESTAMP");
        return parsed == null ? null : localDateTime(parsed, type);
    }

    public static OffsetDateTime getOffsetDateTime(RowBuffer row, int column, ColumnType type) throws SQLException {
        DateTimeText.Parsed parsed = parsed(row, column, type, "TIMESTAMP WITH TIME ZONE");
        if (parsed == null) {
            return null;
        }
        ZoneId zone = zoneOf(parsed, type);
        if (zone == null) {
            // A wall time with no zone anywhere is taken as UTC, the services' default session zone.
            zone = ZoneOffset.UTC;
        }
        if (zone instanceof ZoneOffset offset) {
            return OffsetDateTime.of(parsed.dateTime(), offset);
        }
        return parsed.dateTime().atZone(zone).toOffsetDateTime();
    }

    public static List<Object> getList(RowBuffer row, int column, ColumnType type) throws SQLException {
        switch (row.kind(column)) {
            case RowBuffer.NULL:
                return null;
            case RowBuffer.TEXT: {
                List<Object> fast = fastIntegerList(row.chars(), row.textStart(column), row.textEnd(column), type);
                return fast != null ? fast : ArrayLiteralParser.parseArray(row.chars(), row.textStart(column),
                        row.textEnd(column), type);
            }
            case RowBuffer.OBJECT: {
                Object value = row.objectValue(column);
                ColumnType element = type.kind() == ColumnType.Kind.ARRAY ? type.element() : null;
                if (value instanceof List<?> list) {
                    return Elements.list(list, element, new Scratch());
                }
                if (value instanceof Object[] array) {
                    return Elements.list(Arrays.asList(array), element, new Scratch());
                }
                if (value instanceof String s) {
                    char[] c = s.toCharArray();
                    return ArrayLiteralParser.parseArray(c, 0, c.length, type);
                }
                throw Conversion.badValue(type, "ARRAY", Conversion.shorten(getString(row, column, type)));
            }
            default:
                throw Conversion.badValue(type, "ARRAY", getString(row, column, type));
        }
    }

    public static Map<Object, Object> getMap(RowBuffer row, int column, ColumnType type) throws SQLException {
        switch (row.kind(column)) {
            case RowBuffer.NULL:
                return null;
            case RowBuffer.TEXT:
                return ArrayLiteralParser.parseMap(row.chars(), row.textStart(column), row.textEnd(column), type);
            case RowBuffer.OBJECT: {
                Object value = row.objectValue(column);
                if (value instanceof Map<?, ?> map) {
                    if (type.kind() == ColumnType.Kind.MAP) {
                        return Elements.map(map, type, new Scratch());
                    }
                    return new LinkedHashMap<>(map);
                }
                if (value instanceof String s) {
                    char[] c = s.toCharArray();
                    return ArrayLiteralParser.parseMap(c, 0, c.length, type);
                }
                throw Conversion.badValue(type, "MAP", Conversion.shorten(getString(row, column, type)));
            }
            default:
                throw Conversion.badValue(type, "MAP", getString(row, column, type));
        }
    }

    public static Object getObject(RowBuffer row, int column, ColumnType type) throws SQLException {
        if (row.kind(column) == RowBuffer.NULL) {
            return null;
        }
        switch (type.kind()) {
            case BOOLEAN:
                return getBoolean(row, column, type);
            case TINYINT:
            case SMALLINT:
            case INTEGER: {
                long value = getLong(row, column, type);
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw Conversion.outOfRange(type, "INTEGER", Long.toString(value));
                }
                return (int) value;
            }
            case BIGINT:
                return getLong(row, column, type);
            case HUGEINT:
            case DECIMAL:
                return getBigDecimal(row, column, type);
            case REAL:
                return (float) getDouble(row, column, type);
            case DOUBLE:
                return getDouble(row, column, type);
            case DATE:
                return getLocalDate(row, column, type);
            case TIMESTAMP:
                return getLocalDateTime(row, column, type);
            case TIMESTAMP_TZ:
                return getOffsetDateTime(row, column, type);
            case BINARY:
                return getBytes(row, column, type);
            case ARRAY:
                return getList(row, column, type);
            case MAP:
                return getMap(row, column, type);
            case STRUCT:
                if (row.kind(column) == RowBuffer.OBJECT) {
                    return row.objectValue(column);
                }
                return getString(row, column, type);
            case NULL:
                return null;
            default:
                return getString(row, column, type);
        }
    }

    // ---- fast paths for the common spellings (anything else takes the general path) -------------------------

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * A plain decimal ({@code -123.456}, at most 15 significant digits, no exponent) without a String: both the
     * digits and the power of ten are exact doubles, so one division is correctly rounded (Clinger's fast
     * path) and the result equals Double.parseDouble's. NaN means "not this simple form".
     */
    private static double fastDouble(char[] c, int start, int end) {
        int i = start;
        boolean negative = i < end && c[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < end; i++) {
            char ch = c[i];
            if (ch >= '0' && ch <= '9') {
                if (mantissa != 0 || ch != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (ch - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (ch == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        int scale = fraction < 0 ? 0 : fraction;
        if (digits > 15 || scale > 22 || i == start || (negative && i == start + 1)
                || (fraction >= 0 && end - start - (negative ? 1 : 0) == 1)) {
            return Double.NaN;
        }
        double value = (double) mantissa / POW10[scale];
        return negative ? -value : value;
    }

    /** A plain decimal straight from the chars (no trimming, no String); null when BigDecimal rejects it. */
    private static BigDecimal fastBigDecimal(char[] c, int start, int end) {
        if (start == end || c[start] <= ' ' || c[end - 1] <= ' ') {
            return null;
        }
        BigDecimal small = smallDecimal(c, start, end);
        if (small != null) {
            return small;
        }
        if (end - start > Decimals.MAX_TEXT) {
            return null;
        }
        for (int i = start; i < end; i++) {
            char ch = c[i];
            if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E')) {
                return null;
            }
        }
        try {
            return new BigDecimal(c, start, end - start);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * {@code [+-]digits[.digits]} with at most 18 digits in all (so the unscaled value fits a long without
     * overflow checks), as {@code BigDecimal.valueOf(unscaled, scale)}: the same unscaled value and scale that
     * {@code new BigDecimal(text)} gives, without its general parser. Null for anything else (exponents, more
     * digits, no digit at all), which the constructor handles.
     */
    public static BigDecimal smallDecimal(char[] c, int start, int end) {
        int i = start;
        char first = c[i];
        boolean negative = first == '-';
        if (negative || first == '+') {
            i++;
        }
        long unscaled = 0;
        int from = i;
        for (; i < end; i++) {
            int digit = c[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            unscaled = unscaled * 10 + digit;
        }
        int digits = i - from;
        int scale = 0;
        if (i < end) {
            if (c[i] != '.') {
                return null;
            }
            int fraction = ++i;
            for (; i < end; i++) {
                int digit = c[i] - '0';
                if (digit < 0 || digit > 9) {
                    return null;
                }
                unscaled = unscaled * 10 + digit;
            }
            scale = i - fraction;
            digits += scale;
        }
        if (digits == 0 || digits > 18) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /**
     * An array of integers written plainly ({@code [1,-2, 3]}, each at most 18 digits) read without a String per
     * element; the elements are what {@link #getObject} gives (Long for BIGINT, else Integer). Null for anything
     * else (NULL elements, quotes, nesting, other element types), which the literal parser handles.
     */
    private static List<Object> fastIntegerList(char[] c, int start, int end, ColumnType type) {
        if (type.kind() != ColumnType.Kind.ARRAY || type.element() == null) {
            return null;
        }
        ColumnType.Kind kind = type.element().kind();
        boolean wide = kind == ColumnType.Kind.BIGINT;
        if (!wide && kind != ColumnType.Kind.INTEGER && kind != ColumnType.Kind.SMALLINT
                && kind != ColumnType.Kind.TINYINT) {
            return null;
        }
        if (end - start < 2 || c[start] != '[' || c[end - 1] != ']') {
            return null;
        }
        int commas = 0;
        for (int k = start + 1; k < end - 1; k++) {
            if (c[k] == ',') {
                commas++;
            }
        }
        List<Object> out = new java.util.ArrayList<>(commas + 1);
        int i = start + 1;
        int last = end - 1;
        while (i < last && c[i] == ' ') {
            i++;
        }
        if (i == last) {
            return out;
        }
        while (true) {
            while (i < last && c[i] == ' ') {
                i++;
            }
            boolean negative = i < last && c[i] == '-';
            if (negative) {
                i++;
            }
            int from = i;
            long value = 0;
            while (i < last && c[i] >= '0' && c[i] <= '9') {
                value = value * 10 + (c[i] - '0');
                i++;
            }
            if (i == from || i - from > 18) {
                return null;
            }
            if (negative) {
                value = -value;
            }
            if (wide) {
                out.add(value);
            } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                out.add((int) value);
            } else {
                return null;
            }
            while (i < last && c[i] == ' ') {
                i++;
            }
            if (i == last) {
                return out;
            }
            if (c[i] != ',') {
                return null;
            }
            i++;
        }
    }

    /**
     * The spellings a boolean column's text takes ({@code t}/{@code f}, {@code 1}/{@code 0}, {@code true}/{@code
     * false} in any case), read in place: 1 for true, 0 for false, -1 for anything else (the general path).
     */
    private static int fastBoolean(char[] c, int start, int end) {
        switch (end - start) {
            case 1:
                switch (c[start]) {
                    case '1', 't', 'T':
                        return 1;
                    case '0', 'f', 'F':
                        return 0;
                    default:
                        return -1;
                }
            case 4:
                return (c[start] | 0x20) == 't' && (c[start + 1] | 0x20) == 'r' && (c[start + 2] | 0x20) == 'u'
                        && (c[start + 3] | 0x20) == 'e' ? 1 : -1;
            case 5:
                return (c[start] | 0x20) == 'f' && (c[start + 1] | 0x20) == 'a' && (c[start + 2] | 0x20) == 'l'
                        && (c[start + 3] | 0x20) == 's' && (c[start + 4] | 0x20) == 'e' ? 0 : -1;
            default:
                return -1;
        }
    }

    /** {@code yyyy-MM-dd} at {@code s}; null when it is not exactly that (or not a valid date). */
    private static LocalDate fastDate(char[] c, int s) {
        if (c[s + 4] != '-' || c[s + 7] != '-') {
            return null;
        }
        int year = digits(c, s, 4);
        int month = twoDigits(c, s + 5);
        int day = twoDigits(c, s + 8);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss} (or with T) at {@code s}; null when it is not exactly that. */
    private static LocalDateTime fastDateTime(char[] c, int s) {
        if ((c[s + 10] != ' ' && c[s + 10] != 'T') || c[s + 13] != ':' || c[s + 16] != ':') {
            return null;
        }
        LocalDate date = fastDate(c, s);
        int hour = twoDigits(c, s + 11);
        int minute = twoDigits(c, s + 14);
        int second = twoDigits(c, s + 17);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return LocalDateTime.of(date, LocalTime.of(hour, minute, second));
    }

    private static int digits(char[] c, int s, int n) {
        int value = 0;
        for (int i = s; i < s + n; i++) {
            int digit = c[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Two digits at {@code s} (0..99), or -1. */
    private static int twoDigits(char[] c, int s) {
        int hi = c[s] - '0';
        int lo = c[s + 1] - '0';
        if (hi < 0 || hi > 9 || lo < 0 || lo > 9) {
            return -1;
        }
        return hi * 10 + lo;
    }

    // ---- numbers -------------------------------------------------------------------------------------------

    /**
     * Parses an integer straight from the chars, without a String, for the common case of plain digits.
     * Anything else (a fraction, an exponent, spaces, an overflow) goes through {@link #slowLong}.
     */
    private static long parseLong(char[] c, int start, int end, ColumnType type) throws SQLException {
        int i = start;
        if (i == end) {
            throw Conversion.badValue(type, "BIGINT", "");
        }
        boolean negative = false;
        if (c[i] == '-') {
            negative = true;
            i++;
        } else if (c[i] == '+') {
            i++;
        }
        if (i == end) {
            return slowLong(new String(c, start, end - start), type);
        }
        int digits = end - i;
        if (digits > 19) {
            // Leading zeros, or out of range: the general path decides.
            return slowLong(new String(c, start, end - start), type);
        }
        // Up to 18 digits cannot overflow a long: no range checks per digit.
        int head = Math.min(digits, 18);
        long result = 0;
        for (int stop = i + head; i < stop; i++) {
            int digit = c[i] - '0';
            if (digit < 0 || digit > 9) {
                return slowLong(new String(c, start, end - start), type);
            }
            result = result * 10 + digit;
        }
        if (i < end) {
            // The 19th digit: in range up to 9223372036854775807 (or ...808 when negative, which wraps to
            // Long.MIN_VALUE here and stays that when negated below).
            int digit = c[i] - '0';
            if (digit < 0 || digit > 9 || result > Long.MAX_VALUE / 10
                    || (result == Long.MAX_VALUE / 10 && digit > (negative ? 8 : 7))) {
                return slowLong(new String(c, start, end - start), type);
            }
            result = result * 10 + digit;
        }
        return negative ? -result : result;
    }

    private static long slowLong(String raw, ColumnType type) throws SQLException {
        String text = raw.trim();
        Boolean bool = booleanWord(text);
        if (bool != null) {
            return bool ? 1 : 0;
        }
        BigDecimal value;
        try {
            value = Decimals.parse(text, type, "BIGINT");
        } catch (NumberFormatException e) {
            if (isInfinity(text)) {
                throw Conversion.outOfRange(type, "BIGINT", Conversion.shorten(text));
            }
            throw Conversion.badValue(type, "BIGINT", Conversion.shorten(text));
        }
        return bigDecimalToLong(value, type, text);
    }

    private static long bigDecimalToLong(BigDecimal value, ColumnType type, String shown) throws SQLException {
        // The magnitude is checked before any rescaling, whose cost grows with the exponent.
        long digits = Decimals.integerDigits(value);
        if (digits > 19 || !Decimals.inRange(value)) {
            throw Conversion.outOfRange(type, "BIGINT", Conversion.shorten(shown));
        }
        if (digits <= 0) {
            return 0; // |value| < 1
        }
        // Fractions are cut toward zero, as other JDBC drivers do for getLong on a decimal.
        BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
        if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
            throw Conversion.outOfRange(type, "BIGINT", Conversion.shorten(shown));
        }
        return whole.longValue();
    }

    private static long doubleToLong(double value, ColumnType type) throws SQLException {
        // 0x1p63 is the first double above Long.MAX_VALUE.
        if (Double.isNaN(value) || value >= 0x1p63 || value < -0x1p63) {
            throw Conversion.outOfRange(type, "BIGINT", Double.toString(value));
        }
        return (long) value;
    }

    private static long objectToLong(Object value, ColumnType type) throws SQLException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal d) {
            return bigDecimalToLong(d, type, d.toString());
        }
        if (value instanceof BigInteger i) {
            return bigDecimalToLong(new BigDecimal(i), type, i.toString());
        }
        if (value instanceof Number n) {
            return doubleToLong(n.doubleValue(), type);
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof String s) {
            return slowLong(s, type);
        }
        throw Conversion.badValue(type, "BIGINT", Conversion.shorten(JsonText.write(value)));
    }

    private static double parseDouble(String text, ColumnType type) throws SQLException {
        double special = specialDouble(text);
        if (!Double.isNaN(special) || isNan(text)) {
            return special;
        }
        Boolean bool = booleanWord(text);
        if (bool != null) {
            return bool ? 1 : 0;
        }
        if (!looksNumeric(text)) {
            throw Conversion.badValue(type, "DOUBLE", Conversion.shorten(text));
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw Conversion.badValue(type, "DOUBLE", Conversion.shorten(text));
        }
    }

    /** Infinity spelt as the services do; NaN for anything else (callers check {@link #isNan} too). */
    private static double specialDouble(String text) {
        if (isInfinity(text)) {
            return text.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.NaN;
    }

    private static boolean isInfinity(String text) {
        String t = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        return t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity");
    }

    private static boolean isNan(String text) {
        String t = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        return t.equalsIgnoreCase("nan");
    }

    /** Rejects Java-only spellings Double.parseDouble would take ("1d", "0x1p3"). */
    private static boolean looksNumeric(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == 'e' || ch == 'E' || ch == '-' || ch == '+')) {
                return false;
            }
        }
        return true;
    }

    private static boolean parseBoolean(String text, ColumnType type) throws SQLException {
        if (text.length() == 1) {
            switch (text.charAt(0)) {
                case '1', 't', 'T':
                    return true;
                case '0', 'f', 'F':
                    return false;
                default:
                    break;
            }
        }
        Boolean bool = booleanWord(text);
        if (bool != null) {
            return bool;
        }
        if (looksNumeric(text) && text.length() <= Decimals.MAX_TEXT) {
            try {
                return new BigDecimal(text).signum() != 0;
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw Conversion.badValue(type, "BOOLEAN", Conversion.shorten(text));
    }

    private static Boolean booleanWord(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static BigDecimal parseBigDecimal(String text, ColumnType type) throws SQLException {
        try {
            return Decimals.parse(text, type, "DECIMAL");
        } catch (NumberFormatException e) {
            Boolean bool = booleanWord(text);
            if (bool != null) {
                return bool ? BigDecimal.ONE : BigDecimal.ZERO;
            }
            if (isInfinity(text) || isNan(text)) {
                throw SqlState.NUMERIC_VALUE_OUT_OF_RANGE.exception("Cannot read " + type.typeName() + " value '" + text
                        + "' as DECIMAL: not a finite number");
            }
            throw Conversion.badValue(type, "DECIMAL", Conversion.shorten(text));
        }
    }

    private static BigDecimal doubleToBigDecimal(double value, ColumnType type) throws SQLException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw SqlState.NUMERIC_VALUE_OUT_OF_RANGE.exception("Cannot read " + type.typeName() + " value '" + value
                    + "' as DECIMAL: not a finite number");
        }
        return BigDecimal.valueOf(value);
    }

    private static String trimmed(RowBuffer row, int column) {
        char[] c = row.chars();
        int start = row.textStart(column);
        int end = row.textEnd(column);
        while (start < end && c[start] <= ' ') {
            start++;
        }
        while (end > start && c[end - 1] <= ' ') {
            end--;
        }
        return new String(c, start, end - start);
    }

    private static byte[] hexToBytes(char[] c, int start, int end, ColumnType type) throws SQLException {
        int digits = end - start - 2;
        if (digits % 2 != 0) {
            throw Conversion.badValue(type, "BINARY", Conversion.shorten(c, start, end));
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(c[start + 2 + 2 * i], 16);
            int lo = Character.digit(c[start + 3 + 2 * i], 16);
            if (hi < 0 || lo < 0) {
                throw Conversion.badValue(type, "BINARY", Conversion.shorten(c, start, end));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    // ---- dates and times -----------------------------------------------------------------------------------

    /** The slot as a date-time; null for a NULL slot. */
    private static DateTimeText.Parsed parsed(RowBuffer row, int column, ColumnType type, String target)
            throws SQLException {
        switch (row.kind(column)) {
            case RowBuffer.NULL:
                return null;
            case RowBuffer.TEXT:
                return parseDateTimeText(row.chars(), row.textStart(column), row.textEnd(column), type, target);
            case RowBuffer.LONG:
                if (!type.numbersAreEpochSeconds()) {
                    throw Conversion.badValue(type, target, Long.toString(row.longValue(column)));
                }
                return epochSeconds(BigDecimal.valueOf(row.longValue(column)), type, target);
            case RowBuffer.DOUBLE:
                if (!type.numbersAreEpochSeconds()) {
                    throw Conversion.badValue(type, target, Double.toString(row.doubleValue(column)));
                }
                return epochSeconds(doubleToBigDecimal(row.doubleValue(column), type), type, target);
            case RowBuffer.OBJECT:
                return parsedObject(row.objectValue(column), type, target);
            default:
                throw Conversion.badValue(type, target, getString(row, column, type));
        }
    }

    private static DateTimeText.Parsed parseDateTimeText(char[] c, int start, int end, ColumnType type,
                                                         String target) throws SQLException {
        DateTimeText.Parsed parsed = DateTimeText.parse(c, start, end);
        if (parsed != null) {
            return parsed;
        }
        String text = new String(c, start, end - start).trim();
        if (type.numbersAreEpochSeconds() && !text.isEmpty() && looksNumeric(text)) {
            try {
                return epochSeconds(Decimals.parse(text, type, target), type, target);
            } catch (NumberFormatException e) {
                // not a number after all: reported below
            }
        }
        throw Conversion.badValue(type, target, Conversion.shorten(text));
    }

    private static DateTimeText.Parsed parsedObject(Object value, ColumnType type, String target)
            throws SQLException {
        if (value instanceof String s) {
            char[] c = s.toCharArray();
            return parseDateTimeText(c, 0, c.length, type, target);
        }
        if (value instanceof LocalDate d) {
            return new DateTimeText.Parsed(d.atStartOfDay(), false, null);
        }
        if (value instanceof LocalDateTime t) {
            return new DateTimeText.Parsed(t, true, null);
        }
        if (value instanceof OffsetDateTime t) {
            return new DateTimeText.Parsed(t.toLocalDateTime(), true, t.getOffset());
        }
        if (value instanceof ZonedDateTime t) {
            return new DateTimeText.Parsed(t.toLocalDateTime(), true, t.getZone());
        }
        if (value instanceof Instant i) {
            return new DateTimeText.Parsed(LocalDateTime.ofInstant(i, ZoneOffset.UTC), true, ZoneOffset.UTC);
        }
        if (value instanceof Number && !type.numbersAreEpochSeconds()) {
            throw Conversion.badValue(type, target, Conversion.shorten(JsonText.scalarText(value)));
        }
        if (value instanceof BigDecimal d) {
            return epochSeconds(d, type, target);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
            return epochSeconds(new BigDecimal(value.toString()), type, target);
        }
        if (value instanceof Number n) {
            return epochSeconds(doubleToBigDecimal(n.doubleValue(), type), type, target);
        }
        throw Conversion.badValue(type, target, Conversion.shorten(JsonText.write(value)));
    }

    /** Unix seconds (with an optional fraction) as a UTC wall time with no zone attached. */
    private static DateTimeText.Parsed epochSeconds(BigDecimal seconds, ColumnType type, String target)
            throws SQLException {
        // Beyond 10^19 s no date exists; the check comes before rescaling, whose cost grows with the exponent.
        if (!Decimals.inRange(seconds) || Decimals.integerDigits(seconds) > 19) {
            throw Conversion.outOfRange(type, target, Conversion.shorten(seconds.toString()));
        }
        try {
            BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).movePointRight(9).longValue();
            LocalDateTime t = LocalDateTime.ofEpochSecond(whole.longValueExact(), (int) nanos, ZoneOffset.UTC);
            return new DateTimeText.Parsed(t, true, null);
        } catch (ArithmeticException | DateTimeException e) {
            throw Conversion.outOfRange(type, target, Conversion.shorten(Decimals.text(seconds)));
        }
    }

    private static LocalDateTime localDateTime(DateTimeText.Parsed parsed, ColumnType type) throws SQLException {
        ZoneId zone = zoneOf(parsed, type);
        if (zone == null) {
            return parsed.dateTime();
        }
        // An instant: shown as wall time in the JVM's zone, as java.sql.Timestamp would.
        return parsed.dateTime().atZone(zone).withZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
    }

    /** The zone the value is in: written in the text, else the column's zone, else none. */
    private static ZoneId zoneOf(DateTimeText.Parsed parsed, ColumnType type) throws SQLException {
        if (parsed.zone() != null) {
            return parsed.zone();
        }
        if (type.timeZone() != null && parsed.hasTime()) {
            try {
                return ZoneId.of(type.timeZone());
            } catch (DateTimeException e) {
                throw SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.exception(
                        "Unknown time zone '" + Conversion.shorten(type.timeZone())
                        + "' in column type " + type.typeName());
            }
        }
        if (type.kind() == ColumnType.Kind.TIMESTAMP_TZ && parsed.hasTime()) {
            return ZoneOffset.UTC;
        }
        return null;
    }
}
