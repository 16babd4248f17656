package dev.rowpipe.internal.codec;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.rowpipe.internal.spi.RowBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pull tokenizer for UTF-8 JSON bodies, written for the row decoders: strings go straight from the body's
 * bytes into a {@link RowBuffer} (runs of ASCII widened in one pass, escapes and multi-byte sequences decoded on
 * the way), numbers are checked against JSON's grammar and kept as their exact text, and nested arrays and objects
 * become plain Java values. It accepts what the Jackson parser it replaces accepted (including
 * {@code NaN}/{@code Infinity}/{@code +INF}/{@code -INF}, and lone surrogate escapes kept as they are) and rejects
 * the rest: a body that ends inside a value throws {@link Ended}, anything else that is not JSON (control
 * characters in strings, bad escapes or numbers, a server's error text) throws {@link Malformed}. Bytes inside a
 * string that are not UTF-8 follow the caller's {@link Utf8Policy} ({@link Utf8.Malformed} or U+FFFD).
 * The caller drives the structure (commas, brackets) with {@link #peek} / {@link #read}; the scanner never reads
 * past what the caller asked for, so a row is returned before the next one arrives.
 */
public final class JsonScanner {
    /** Same limits as Jackson's defaults, so a hostile body cannot exhaust the stack or the heap. */
    public static final int MAX_DEPTH = 1000;
    public static final int MAX_NUMBER_LENGTH = 1000;
    public static final int MAX_STRING_LENGTH = 20_000_000;

    /** How {@link #valueToRow} stores a number. */
    public enum Numbers {
        /** As the text it is written as (the getter parses it, exactly); fractions in nested values as BigDecimal. */
        TEXT,
        /** Integers as long (wider ones as BigDecimal), fractions as double, in nested values too. */
        DOUBLE,
        /** Integers as long (wider ones as BigDecimal), fractions as BigDecimal (no digit lost), nested too. */
        DECIMAL
    }

    /** {@link #number} results. */
    public static final int INTEGER = 0;
    public static final int FRACTION = 1;
    /** NaN or an infinity ({@link #special} holds the value). */
    public static final int NON_NUMERIC = 2;

    private final Utf8Input in;
    private final byte[] buf;
    /** Scratch for numbers, keys and strings that need unescaping or span reads. */
    private char[] text = new char[128];
    private int textLength;
    /** The column {@link #arrayToRow} is filling, else -1. */
    private int filling = -1;
    /** The last integer read by {@link #number} when it fits a long ({@link #fitsLong}). */
    public long longValue;
    public boolean fitsLong;
    double special;

    /** The body ended inside a value or before the structure was closed. */
    public static final class Ended extends IOException {
        Ended(String message) {
            super(message);
        }
    }

    /** The body holds something that is not JSON where JSON was expected. */
    public static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** {@code policy} is what strings do with bytes that are not UTF-8 (outside strings they are never JSON). */
    public JsonScanner(InputStream body, int bufferSize, Utf8Policy policy) {
        this.in = new Utf8Input(body, bufferSize, policy);
        this.buf = in.buf;
    }

    /** Skips a UTF-8 byte order mark at the start of the body (Jackson did too). */
    public void skipByteOrderMark() throws IOException {
        if (rawPeek() == 0xEF) {
            in.pos++;
            if (rawNext() != 0xBB || rawNext() != 0xBF) {
                throw new Malformed("Invalid UTF-8 at the start of the body");
            }
        }
    }

    /** Skips whitespace and returns the next byte without consuming it; -1 at the end of the body. */
    public int peek() throws IOException {
        Utf8Input u = in;
        byte[] b = buf;
        while (true) {
            int p = u.pos;
            int lim = u.limit;
            while (p < lim) {
                int c = b[p];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    u.pos = p;
                    return c & 0xFF;
                }
                p++;
            }
            u.pos = p;
            if (!u.fill()) {
                return -1;
            }
        }
    }

    /** Skips whitespace and consumes the next byte; -1 at the end of the body. */
    public int read() throws IOException {
        int c = peek();
        if (c >= 0) {
            in.pos++;
        }
        return c;
    }

    /** Consumes the byte {@link #peek} just returned. */
    public void skip() {
        in.pos++;
    }

    /** Consumes the next non-blank byte, which must be {@code expected}. */
    public void expect(char expected, String where) throws IOException {
        Utf8Input u = in;
        if (u.pos < u.limit && buf[u.pos] == expected) {
            u.pos++;
            return;
        }
        int c = read();
        if (c != expected) {
            throw unexpected(c, "'" + expected + "' " + where);
        }
    }

    /** The bytes left in the buffer (the body after what was consumed), consumed. */
    public byte[] takeBuffered() {
        byte[] rest = Arrays.copyOfRange(buf, in.pos, in.limit);
        in.pos = in.limit;
        return rest;
    }

    /** The error for byte {@code c} found where {@code expected} should be ({@link Ended} for the end). */
    public static IOException unexpected(int c, String expected) {
        if (c < 0) {
            return new Ended("the body ended where " + expected + " was expected");
        }
        return new Malformed("Unexpected " + describe(c) + " where " + expected + " was expected");
    }

    public static String describe(int c) {
        if (c >= 0x20 && c < 0x7F) {
            return "character '" + (char) c + "' (code " + c + ")";
        }
        return "byte 0x" + Integer.toHexString(c);
    }

    /** True when {@code c} can start a JSON value (used to tell JSON of the wrong shape from non-JSON text). */
    public static boolean startsValue(int c) {
        return c == '"' || c == '[' || c == '{' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f'
                || c == 'n' || c == 'N' || c == 'I' || c == '+';
    }

    // ---- values into the row ----

    /**
     * Reads the value at the next non-blank byte into {@code column}: a string as the row's text (straight from
     * the body's bytes), null, true and false as such, a number as {@code numbers} says, an array or object as
     * plain Java values ({@link #value}) nested {@code depth} deep.
     */
    public void valueToRow(RowBuffer row, int column, int depth, Numbers numbers) throws IOException {
        toRow(row, column, depth, numbers, null);
    }

    /**
     * Reads the values of an array whose {@code [} was consumed into columns 0, 1, ... of the row, column
     * {@code c} as {@code numbers[c]} says ({@link #valueToRow}), up to and including its {@code ]}. Returns the
     * number of values; at a value beyond {@code numbers.length} it stops before that value and returns
     * {@code numbers.length + 1}.
     */
    public int arrayToRow(RowBuffer row, int depth, Numbers[] numbers) throws IOException {
        if (peek() == ']') {
            skip();
            return 0;
        }
        return toRow(row, 0, depth, null, numbers);
    }

    /** The column whose value {@link #arrayToRow} is reading, -1 between values (for error messages). */
    public int arrayColumn() {
        return filling;
    }

    /**
     * The one value-to-slot switch: one value into {@code column} as {@code numbers} says ({@code perColumn} null),
     * or every value of an array from column 0 on, each as {@code perColumn} says. The array loop and the switch
     * are one method so a row's values are read without a call per value.
     */
    private int toRow(RowBuffer row, int column, int depth, Numbers numbers, Numbers[] perColumn) throws IOException {
        while (true) {
            Numbers form = numbers;
            if (perColumn != null) {
                if (column == perColumn.length) {
                    int c = peek();
                    if (!startsValue(c)) {
                        throw unexpected(c, "a value");
                    }
                    return column + 1;
                }
                form = perColumn[column];
                filling = column;
            }
            int c = peek();
            switch (c) {
                case '"' -> {
                    skip();
                    stringToRow(row, column);
                }
                case 'n' -> {
                    word("null");
                    row.setNull(column);
                }
                case 't' -> {
                    word("true");
                    row.setBoolean(column, true);
                }
                case 'f' -> {
                    word("false");
                    row.setBoolean(column, false);
                }
                case '[', '{' -> nestedValueToRow(row, column, depth, form == Numbers.DOUBLE);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9') || c == 'N' || c == 'I' || c == '+') {
                        if (form == Numbers.TEXT) {
                            numberToRow(row, column);
                        } else {
                            numberValueToRow(row, column, form == Numbers.DECIMAL);
                        }
                    } else {
                        throw unexpected(c, "a value");
                    }
                }
            }
            if (perColumn == null) {
                return 1;
            }
            filling = -1;
            column++;
            c = read();
            if (c == ']') {
                return column;
            }
            if (c != ',') {
                throw unexpected(c, "',' or ']' in the row");
            }
        }
    }

    private void numberValueToRow(RowBuffer row, int column, boolean exactFractions) throws IOException {
        int kind = number();
        if (kind == INTEGER) {
            if (fitsLong) {
                row.setLong(column, longValue);
            } else {
                row.setObject(column, decimalValue());
            }
        } else if (kind == FRACTION && exactFractions) {
            row.setObject(column, decimalValue());
        } else {
            row.setDouble(column, doubleValue(kind));
        }
    }

    // ---- strings ----

    /**
     * Reads a string whose opening quote was consumed into the row's text for {@code column}. The common case
     * (the whole string in the buffer, with no \\u escape) is one pass that scans and decodes into the row: ASCII
     * widened, two-char escapes and the common UTF-8 sequences ({@link Utf8#bmp}) decoded inline (each yields one
     * char from at least two bytes, so the room reserved for the bytes suffices). Anything else starts over in
     * {@link #readStringText}, appending to the row.
     */
    public void stringToRow(RowBuffer row, int column) throws IOException {
        byte[] b = buf;
        int start = in.pos;
        int stop = Math.min(in.limit, start + FAST_STRING);
        char[] dst = row.reserve(column, stop - start);
        int base = row.textStart(column);
        int o = base;
        int p = start;
        while (p < stop) {
            byte c = b[p];
            // Negative bytes are non-ASCII; below 0x20 are control characters (an error, found by the slow path).
            if (c >= 0x20 && c != '"' && c != '\\') {
                dst[o++] = (char) c;
                p++;
            } else if (c == '"') {
                row.commitText(column, o - base);
                in.pos = p + 1;
                return;
            } else if (c == '\\' && p + 1 < stop && SIMPLE_ESCAPES[b[p + 1] & 0x7F] != 0 && b[p + 1] > 0) {
                dst[o++] = SIMPLE_ESCAPES[b[p + 1]];
                p += 2;
            } else if (c < 0) {
                int cp = Utf8.bmp(c, b, p, stop);
                if (cp == 0) {
                    break;
                }
                dst[o++] = (char) cp;
                p += Utf8.bmpLength(cp);
            } else {
                break;
            }
        }
        row.beginText(column);
        sink = row;
        try {
            readStringText();
        } finally {
            sink = null;
        }
        row.endText();
    }

    /** The char each two-char escape stands for, by the byte after the backslash; 0 for the others. */
    private static final char[] SIMPLE_ESCAPES = new char[128];

    static {
        SIMPLE_ESCAPES['"'] = '"';
        SIMPLE_ESCAPES['\\'] = '\\';
        SIMPLE_ESCAPES['/'] = '/';
        SIMPLE_ESCAPES['b'] = '\b';
        SIMPLE_ESCAPES['f'] = '\f';
        SIMPLE_ESCAPES['n'] = '\n';
        SIMPLE_ESCAPES['r'] = '\r';
        SIMPLE_ESCAPES['t'] = '\t';
    }

    /** Reads a string whose opening quote was consumed, as a String (keys, nested values, the header). */
    public String string() throws IOException {
        readStringText();
        return new String(text, 0, textLength);
    }

    /**
     * If the string starting at the current position (opening quote consumed) is exactly {@code key}'s bytes,
     * consumes it with its closing quote and returns true; otherwise consumes nothing. Compares in place, so
     * only keys that fit in the buffer match; the caller falls back to {@link #string}.
     */
    public boolean matchKey(byte[] key) {
        int p = in.pos;
        int n = key.length;
        if (p + n >= in.limit) {
            return false;
        }
        byte[] b = buf;
        for (int i = 0; i < n; i++) {
            if (b[p + i] != key[i]) {
                return false;
            }
        }
        if (b[p + n] != '"') {
            return false;
        }
        in.pos = p + n + 1;
        return true;
    }

    /** Longest string the one-pass path of {@link #stringToRow} takes on (it reserves this much room). */
    private static final int FAST_STRING = 4096;
    /** Where {@link #readStringText} appends: the row (its open text) or, when null, {@link #text}. */
    private RowBuffer sink;
    /** Chars appended by the current {@link #readStringText}. */
    private int appended;

    /**
     * The general string reader: decodes up to and including the closing quote, appending to {@link #sink} or
     * to {@link #text}.
     */
    private void readStringText() throws IOException {
        textLength = 0;
        appended = 0;
        Utf8Input u = in;
        byte[] b = buf;
        while (true) {
            int p = u.pos;
            int lim = u.limit;
            int start = p;
            while (p < lim) {
                byte c = b[p];
                if (c < 0x20 || c == '"' || c == '\\') {
                    break;
                }
                p++;
            }
            appendAscii(b, start, p - start);
            u.pos = p;
            if (p == lim) {
                if (appended > MAX_STRING_LENGTH) {
                    throw new Malformed("String value length exceeds the maximum allowed (" + MAX_STRING_LENGTH
                            + ")");
                }
                checkValueEnd();
                if (!u.fill()) {
                    throw new Ended("the body ended inside a string");
                }
                continue;
            }
            int c = b[p] & 0xFF;
            u.pos = p + 1;
            if (c == '"') {
                if (appended > MAX_STRING_LENGTH) {
                    throw new Malformed("String value length exceeds the maximum allowed (" + MAX_STRING_LENGTH
                            + ")");
                }
                return;
            }
            if (c == '\\') {
                appendChar(escape());
            } else if (c < 0x20) {
                throw new Malformed("Illegal unquoted character (code " + c
                        + ") in a string: it has to be escaped");
            } else {
                u.pos = p;
                int cp = u.codePoint();
                if (cp == Utf8Input.ENDED) {
                    throw new Ended("the body ended inside a UTF-8 sequence");
                }
                appendCodePoint(cp);
            }
        }
    }

    /** The character of an escape sequence whose backslash was consumed. */
    private char escape() throws IOException {
        int c = rawNext();
        switch (c) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u': {
                // Each \\uXXXX is one UTF-16 unit: a surrogate pair arrives as two escapes and stays a pair; a
                // lone surrogate is kept as it is, as Jackson did.
                int value = 0;
                for (int i = 0; i < 4; i++) {
                    int h = rawNext();
                    int digit = Character.digit(h < 0 ? -1 : h, 16);
                    if (h < 0) {
                        throw new Ended("the body ended inside a string escape");
                    }
                    if (digit < 0 || h > 0x7F) {
                        throw new Malformed("Unexpected " + describe(h) + " in a \\u escape: expected a hex digit");
                    }
                    value = value << 4 | digit;
                }
                return (char) value;
            }
            case -1:
                throw new Ended("the body ended inside a string escape");
            default:
                throw new Malformed("Unrecognized character escape " + describe(c));
        }
    }

    private void appendAscii(byte[] b, int from, int n) {
        if (n == 0) {
            return;
        }
        appended += n;
        if (sink != null) {
            sink.appendAscii(b, from, n);
            return;
        }
        ensureText(n);
        char[] t = text;
        int o = textLength;
        for (int i = 0; i < n; i++) {
            t[o + i] = (char) b[from + i];
        }
        textLength = o + n;
    }

    private void appendChar(char c) {
        appended++;
        if (sink != null) {
            sink.appendChar(c);
            return;
        }
        ensureText(1);
        text[textLength++] = c;
    }

    private void appendCodePoint(int cp) {
        if (sink != null) {
            appended += Utf8.append(sink, cp);
            return;
        }
        ensureText(2);
        int o = textLength;
        textLength = Utf8.put(cp, text, o);
        appended += textLength - o;
    }

    private void ensureText(int extra) {
        if (textLength + extra > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + extra));
        }
    }

    // ---- numbers and literals ----

    /**
     * Reads a number starting at the current (peeked, unconsumed) byte into the scratch text and returns
     * {@link #INTEGER}, {@link #FRACTION} or {@link #NON_NUMERIC}. For an integer, {@link #fitsLong} tells
     * whether {@link #longValue} holds it.
     */
    public int number() throws IOException {
        int end = plainNumberEnd();
        if (end > 0) {
            int start = in.pos;
            int n = end - start;
            textLength = 0;
            appendAscii(buf, start, n);
            in.pos = end;
            if (plainFraction) {
                return FRACTION;
            }
            int digits = buf[start] == '-' ? n - 1 : n;
            if (digits <= 18) {
                // At most 18 digits always fit a long: no overflow checks needed.
                boolean negative = buf[start] == '-';
                long v = 0;
                for (int i = negative ? start + 1 : start; i < end; i++) {
                    v = v * 10 + (buf[i] - '0');
                }
                longValue = negative ? -v : v;
                fitsLong = true;
                return INTEGER;
            }
            in.pos = start;
        }
        textLength = 0;
        int c = rawPeek();
        boolean negative = false;
        if (c == '-' || c == '+') {
            in.pos++;
            appendChar((char) c);
            int d = rawPeek();
            if (d == 'I') {
                return nonNumeric(c);
            }
            if (c == '+') {
                throw unexpectedInNumber(d, "a plus sign may only start +Infinity or +INF");
            }
            negative = true;
            c = d;
        } else if (c == 'N' || c == 'I') {
            return nonNumeric(-1);
        }
        if (c < '0' || c > '9') {
            throw unexpectedInNumber(c, "expected digit (0-9) to follow minus sign");
        }
        // Integer part, accumulated negatively so that Long.MIN_VALUE fits.
        long acc = 0;
        boolean fits = true;
        int digits = 0;
        while (c >= '0' && c <= '9') {
            if (digits == 1 && acc == 0) {
                throw new Malformed("Invalid numeric value: leading zeroes are not allowed");
            }
            in.pos++;
            appendChar((char) c);
            int d = c - '0';
            if (fits) {
                if (acc < Long.MIN_VALUE / 10 || (acc == Long.MIN_VALUE / 10 && d > 8)) {
                    fits = false;
                } else {
                    acc = acc * 10 - d;
                }
            }
            digits++;
            checkNumberLength();
            c = rawPeek();
        }
        boolean fraction = false;
        if (c == '.') {
            fraction = true;
            in.pos++;
            appendChar('.');
            c = digitsAfter("Decimal point not followed by a digit");
        }
        if (c == 'e' || c == 'E') {
            fraction = true;
            in.pos++;
            appendChar((char) c);
            c = rawPeek();
            if (c == '+' || c == '-') {
                in.pos++;
                appendChar((char) c);
            }
            digitsAfter("Exponent indicator not followed by a digit");
        }
        if (fraction) {
            return FRACTION;
        }
        if (!negative) {
            if (acc == Long.MIN_VALUE) {
                fits = false;
            }
            acc = -acc;
        }
        fitsLong = fits;
        longValue = acc;
        return INTEGER;
    }

    /**
     * Reads a number starting at the current (peeked) byte into the row as the text it is written as. The common
     * case (a plain number wholly in the buffer) is one pass that checks the grammar and widens into the row.
     */
    public void numberToRow(RowBuffer row, int column) throws IOException {
        byte[] b = buf;
        int start = in.pos;
        int stop = Math.min(in.limit, start + FAST_NUMBER);
        char[] dst = row.reserve(column, stop - start);
        int shift = row.textStart(column) - start;
        int p = start;
        if (b[p] == '-') {
            dst[shift + p] = '-';
            p++;
        }
        int digits = p;
        byte c = 0;
        while (p < stop && (c = b[p]) >= '0' && c <= '9') {
            dst[shift + p] = (char) c;
            p++;
        }
        boolean plain = p > digits && (p - digits == 1 || b[digits] != '0');
        if (plain && p < stop && c == '.') {
            dst[shift + p] = '.';
            int first = ++p;
            while (p < stop && (c = b[p]) >= '0' && c <= '9') {
                dst[shift + p] = (char) c;
                p++;
            }
            plain = p > first;
        }
        if (plain && p < stop && (c == 'e' || c == 'E')) {
            dst[shift + p] = (char) c;
            p++;
            if (p < stop && ((c = b[p]) == '+' || c == '-')) {
                dst[shift + p] = (char) c;
                p++;
            }
            int first = p;
            while (p < stop && (c = b[p]) >= '0' && c <= '9') {
                dst[shift + p] = (char) c;
                p++;
            }
            plain = p > first;
        }
        if (plain && p < stop) {
            row.commitText(column, p - start);
            in.pos = p;
            return;
        }
        // Cut by the end of the buffer, long, special or wrong: the general path decides.
        number();
        textToRow(row, column);
    }

    /** Longest number the one-pass path of {@link #numberToRow} takes on. */
    private static final int FAST_NUMBER = 64;

    /** Set by {@link #plainNumberEnd}: the number has a fraction or an exponent. */
    private boolean plainFraction;

    /**
     * The fast path for numbers: the end (exclusive) of a valid number (not NaN or an infinity) that lies wholly
     * in the buffer, followed by a byte that cannot continue it; -1 when the general path must decide (a number
     * cut by the end of the buffer, an error, a special value, an overlong number).
     */
    private int plainNumberEnd() {
        byte[] b = buf;
        int p = in.pos;
        int lim = in.limit;
        if (p < lim && b[p] == '-') {
            p++;
        }
        int digits = p;
        while (p < lim && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        if (p == digits || (p - digits > 1 && b[digits] == '0')) {
            return -1;
        }
        boolean fraction = false;
        if (p < lim && b[p] == '.') {
            fraction = true;
            int first = ++p;
            while (p < lim && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == first) {
                return -1;
            }
        }
        if (p < lim && (b[p] == 'e' || b[p] == 'E')) {
            fraction = true;
            p++;
            if (p < lim && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int first = p;
            while (p < lim && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == first) {
                return -1;
            }
        }
        if (p >= lim || p - in.pos > MAX_NUMBER_LENGTH) {
            return -1;
        }
        plainFraction = fraction;
        return p;
    }

    /** Reads one or more digits; returns the byte after them (unconsumed). */
    private int digitsAfter(String missing) throws IOException {
        int c = rawPeek();
        if (c < '0' || c > '9') {
            throw unexpectedInNumber(c, missing);
        }
        while (c >= '0' && c <= '9') {
            in.pos++;
            appendChar((char) c);
            checkNumberLength();
            c = rawPeek();
        }
        return c;
    }

    private void checkNumberLength() throws Malformed {
        if (textLength > MAX_NUMBER_LENGTH) {
            throw new Malformed("Number value length exceeds the maximum allowed (" + MAX_NUMBER_LENGTH + ")");
        }
    }

    private static IOException unexpectedInNumber(int c, String what) {
        if (c < 0) {
            return new Ended("the body ended inside a number");
        }
        return new Malformed("Unexpected " + describe(c) + " in numeric value: " + what);
    }

    /** NaN, Infinity, +Infinity, -Infinity, +INF, -INF (a sign, or -1, already consumed into the text). */
    private int nonNumeric(int sign) throws IOException {
        if (sign < 0 && rawPeek() == 'N') {
            literal("NaN");
            special = Double.NaN;
            return NON_NUMERIC;
        }
        literal("I");
        int c = rawPeek();
        if (c == 'N' && sign >= 0) {
            literal("NF");
        } else {
            literal("nfinity");
        }
        special = sign == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return NON_NUMERIC;
    }

    /** Consumes {@code word} byte by byte, appending it to the scratch text, or throws. */
    private void literal(String word) throws IOException {
        for (int i = 0; i < word.length(); i++) {
            int c = rawPeek();
            char expected = word.charAt(i);
            if (c != expected) {
                throw c < 0 ? new Ended("the body ended inside a token")
                        : new Malformed("Unrecognized token: expected '" + word + "', found " + describe(c));
            }
            in.pos++;
            appendChar(expected);
        }
    }

    /** Parses the scratch number as a double, exactly as Jackson did (FastDoubleParser: same as parseDouble). */
    public double doubleValue(int kind) {
        if (kind == NON_NUMERIC) {
            return special;
        }
        if (kind == INTEGER && fitsLong) {
            return longValue;
        }
        return NumberInput.parseDouble(text, 0, textLength, true);
    }

    /** The scratch number as a BigDecimal (integers keep scale 0, as Jackson's BigInteger path gave). */
    public BigDecimal decimalValue() {
        return NumberInput.parseBigDecimal(text, 0, textLength, true);
    }

    /** Copies the scratch text (the last number) into the row. */
    public void textToRow(RowBuffer row, int column) {
        row.setText(column, text, 0, textLength);
    }

    /** Consumes {@code true}, {@code false} or {@code null} starting at the current (peeked) byte. */
    public void word(String word) throws IOException {
        Utf8Input u = in;
        int n = word.length();
        if (u.pos + n <= u.limit) {
            byte[] b = buf;
            int p = u.pos;
            boolean same = true;
            for (int i = 0; i < n; i++) {
                same &= b[p + i] == word.charAt(i);
            }
            if (same) {
                u.pos = p + n;
                return;
            }
        }
        for (int i = 0; i < n; i++) {
            int c = rawPeek();
            if (c != word.charAt(i)) {
                throw c < 0 ? new Ended("the body ended inside a token")
                        : new Malformed("Unrecognized token: expected '" + word + "', found " + describe(c));
            }
            u.pos++;
        }
    }

    // ---- nested values ----

    /**
     * Reads a nested value (an array or object) into {@code row}'s column as plain Java values ({@link #value}), within
     * {@link RowBuffer#maxValue} bytes of the body: a larger one fails the row with the error naming the column as
     * soon as its bytes pass the limit, before the heap fills with its elements.
     */
    private void nestedValueToRow(RowBuffer row, int column, int depth, boolean fractionsAsDouble) throws IOException {
        long start = in.position();
        valueEnd = start + row.maxValue();
        try {
            row.setObject(column, value(depth, fractionsAsDouble));
        } catch (TooLarge e) {
            throw row.valueTooLarge(column, in.position() - start);
        } finally {
            valueEnd = Long.MAX_VALUE;
        }
    }

    /** Where the nested value being read must end ({@link #nestedValueToRow}); unlimited otherwise. */
    private long valueEnd = Long.MAX_VALUE;

    /** The nested value passed {@link #valueEnd}: it only unwinds to nestedValueToRow. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("value too large", null);
            setStackTrace(new StackTraceElement[0]);
        }
    }

    private void checkValueEnd() throws TooLarge {
        if (in.position() > valueEnd) {
            throw new TooLarge();
        }
    }

    /**
     * Reads the value starting at the next non-blank byte into plain Java values: List, LinkedHashMap, String,
     * Boolean, null, Long for integers that fit, BigDecimal for wider integers; fractions as BigDecimal (exact) or
     * Double ({@code fractionsAsDouble}); NaN and infinities as Double.
     * {@code depth} is the nesting depth of the value's container.
     */
    public Object value(int depth, boolean fractionsAsDouble) throws IOException {
        int c = peek();
        switch (c) {
            case '"':
                skip();
                return string();
            case '[': {
                checkDepth(depth);
                skip();
                List<Object> list = new ArrayList<>();
                if (peek() == ']') {
                    skip();
                    return list;
                }
                while (true) {
                    list.add(value(depth + 1, fractionsAsDouble));
                    checkValueEnd();
                    int next = read();
                    if (next == ']') {
                        return list;
                    }
                    if (next != ',') {
                        throw unexpected(next, "',' or ']' in an array");
                    }
                }
            }
            case '{': {
                checkDepth(depth);
                skip();
                Map<Object, Object> map = new LinkedHashMap<>();
                if (peek() == '}') {
                    skip();
                    return map;
                }
                while (true) {
                    expect('"', "(a key) in an object");
                    String key = string();
                    expect(':', "after a key");
                    map.put(key, value(depth + 1, fractionsAsDouble));
                    checkValueEnd();
                    int next = read();
                    if (next == '}') {
                        return map;
                    }
                    if (next != ',') {
                        throw unexpected(next, "',' or '}' in an object");
                    }
                }
            }
            case 't':
                word("true");
                return Boolean.TRUE;
            case 'f':
                word("false");
                return Boolean.FALSE;
            case 'n':
                word("null");
                return null;
            default:
                if (c == '-' || c == '+' || c == 'N' || c == 'I' || (c >= '0' && c <= '9')) {
                    return numberValue(fractionsAsDouble);
                }
                throw unexpected(c, "a value");
        }
    }

    private Object numberValue(boolean fractionsAsDouble) throws IOException {
        int kind = number();
        if (kind == NON_NUMERIC) {
            return special;
        }
        if (kind == INTEGER) {
            return fitsLong ? (Object) longValue : decimalValue();
        }
        return fractionsAsDouble ? (Object) doubleValue(kind) : decimalValue();
    }

    private static void checkDepth(int depth) throws Malformed {
        if (depth >= MAX_DEPTH) {
            throw new Malformed("Document nesting depth exceeds the maximum allowed (" + MAX_DEPTH + ")");
        }
    }

    // ---- raw bytes (no whitespace skipping) ----

    private int rawPeek() throws IOException {
        Utf8Input u = in;
        if (u.pos >= u.limit && !u.fill()) {
            return -1;
        }
        return buf[u.pos] & 0xFF;
    }

    private int rawNext() throws IOException {
        return in.nextByte();
    }
}
