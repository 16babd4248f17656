package dev.rowpipe.internal.convert;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnType;
import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * Exact numbers converted in bounded time. A BigDecimal holds any exponent cheaply, but rescaling it (to a long, to
 * whole seconds, to plain text) costs time and memory in proportion to the exponent, and parsing one costs time
 * quadratic in its digits: {@code 1e99999999} read as a BIGINT took tens of seconds of CPU, {@code 1e2147483647}
 * threw ArithmeticException. No SQL type holds such a number, so one is refused (22003) before any of that work.
 */
public final class Decimals {
    /**
     * The longest number text that is parsed: a DECIMAL has at most 76 digits, a double in plain notation about 330
     * characters, so nothing real comes near it.
     */
    public static final int MAX_TEXT = 1000;
    /**
     * The largest decimal exponent, either way, of a number the driver converts or hands out as a BigDecimal: a
     * double reaches 10^308 and 10^-324, a DECIMAL 10^76.
     */
    public static final int MAX_EXPONENT = 1000;

    private Decimals() {
    }

    /** Whether a BigDecimal is within {@link #MAX_EXPONENT}: cheap (no digit is looked at). */
    public static boolean inRange(BigDecimal value) {
        int scale = value.scale();
        return scale <= MAX_EXPONENT && scale >= -MAX_EXPONENT;
    }

    /** {@code value} itself when {@link #inRange}, else the 22003 error for it. */
    static BigDecimal checked(BigDecimal value, ColumnType type, String target) throws SQLException {
        if (!inRange(value)) {
            throw tooLarge(type, target, value.toString());
        }
        return value;
    }

    /** The 22003 error for a number beyond {@link #MAX_EXPONENT} or longer than {@link #MAX_TEXT}. */
    static SQLException tooLarge(ColumnType type, String target, String shown) {
        return SqlState.NUMERIC_VALUE_OUT_OF_RANGE.exception("Value '" + Conversion.shorten(shown) + "' of "
                + type.typeName() + " is out of range for " + target + ": the driver reads numbers of at most "
                + MAX_TEXT + " characters with an exponent within +-" + MAX_EXPONENT);
    }

    /** Parses number text, refusing it unparsed when longer than {@link #MAX_TEXT} and parsed when out of range. */
    static BigDecimal parse(String text, ColumnType type, String target) throws SQLException {
        if (text.length() > MAX_TEXT) {
            throw tooLarge(type, target, text);
        }
        return checked(new BigDecimal(text), type, target);
    }

    /**
     * The number of digits before the decimal point ({@code precision - scale}, as a long: it overflows an int for
     * exponents near the int range), so a magnitude can be compared with a type's range without rescaling.
     */
    static long integerDigits(BigDecimal value) {
        return (long) value.precision() - value.scale();
    }

    /** Plain text ({@code toPlainString}) when that is short, else the exponent form: never 10^6 zeros. */
    public static String text(BigDecimal value) {
        return inRange(value) ? value.toPlainString() : value.toString();
    }
}
