package dev.rowpipe.internal.convert;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnType;
import java.sql.SQLException;

/** Builds the SQLExceptions of failed conversions, with the offending value shortened for the message. */
public final class Conversion {
    /** Long values are cut in messages: a 10 MB string must not become a 10 MB exception message. */
    public static final int MAX_SHOWN = 100;

    private Conversion() {
    }

    public static String shorten(CharSequence text) {
        if (text.length() <= MAX_SHOWN) {
            return text.toString();
        }
        return text.subSequence(0, MAX_SHOWN) + "...(" + text.length() + " chars)";
    }

    public static String shorten(char[] chars, int start, int end) {
        int length = end - start;
        if (length <= MAX_SHOWN) {
            return new String(chars, start, length);
        }
        return new String(chars, start, MAX_SHOWN) + "...(" + length + " chars)";
    }

    /** SQLState 22018: the value is not valid text for the requested type. */
    public static SQLException badValue(ColumnType type, String target, String shownValue) {
        return SqlState.INVALID_CHARACTER_VALUE_FOR_CAST.exception(
                "Cannot read " + type.typeName() + " value '" + shownValue + "' as " + target);
    }

    /** SQLState 22003: the value is valid but does not fit the requested type. */
    public static SQLException outOfRange(ColumnType type, String target, String shownValue) {
        return SqlState.NUMERIC_VALUE_OUT_OF_RANGE.exception(
                "Value '" + shownValue + "' of " + type.typeName() + " is out of range for "
                + target);
    }
}
