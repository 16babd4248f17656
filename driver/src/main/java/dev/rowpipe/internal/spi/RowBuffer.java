package dev.rowpipe.internal.spi;

import java.util.Arrays;
import java.util.List;

/**
 * One decoded row, reused for every row of a result so that decoding allocates nothing per value where the
 * wire gives text or a primitive. Each column slot holds one of:
 * <ul>
 *   <li>{@link #NULL}</li>
 *   <li>{@link #TEXT}: characters in a shared char array (already unescaped), parsed only when a getter asks</li>
 *   <li>{@link #LONG}, {@link #DOUBLE}, {@link #BOOLEAN}: a primitive, for binary formats (msgpack)</li>
 *   <li>{@link #OBJECT}: a ready Java value (a List for arrays, a Map, a String, a BigDecimal ...)</li>
 * </ul>
 * Decoders fill it; {@code dev.rowpipe.internal.convert.ValueReader} converts a slot into what a getter asks for.
 */
public final class RowBuffer {
    public static final byte NULL = 0;
    public static final byte TEXT = 1;
    public static final byte LONG = 2;
    public static final byte DOUBLE = 3;
    public static final byte BOOLEAN = 4;
    public static final byte OBJECT = 5;

    private final int width;
    /** The most chars (or bytes, for what decoders measure in bytes) one value may take; see {@link #maxValue}. */
    private final int maxValue;
    /** Column names for the message of {@link ValueTooLargeException}; null: columns are named by number. */
    private final String[] names;
    private final byte[] kinds;
    private final long[] longs;
    private final double[] doubles;
    private final Object[] objects;
    private final int[] textStart;
    private final int[] textEnd;
    private char[] chars = new char[256];
    private int used;
    /** Column whose text is being appended with {@link #appendChar}, or -1. */
    private int open = -1;

    /** A buffer without a limit on a value's size (rows the driver builds itself, tests). */
    public RowBuffer(int width) {
        this(width, Integer.MAX_VALUE, null);
    }

    /**
     * A buffer for a result: a value larger than {@code maxValue} (the {@code max_value_bytes} property) fails the
     * row with a {@link ValueTooLargeException} naming the column, before it can exhaust the heap.
     *
     * @param names the result's column names (for that message), or null
     */
    public RowBuffer(int width, int maxValue, List<String> names) {
        if (maxValue < 1) {
            throw new IllegalArgumentException("maxValue must be positive: " + maxValue);
        }
        this.maxValue = maxValue;
        this.names = names == null ? null : names.toArray(new String[0]);
        this.width = width;
        this.kinds = new byte[width];
        this.longs = new long[width];
        this.doubles = new double[width];
        this.objects = new Object[width];
        this.textStart = new int[width];
        this.textEnd = new int[width];
    }

    public int width() {
        return width;
    }

    /**
     * The most one value may take: characters of text, and for what decoders measure before decoding (a msgpack
     * string's declared length, the bytes of a nested JSON or msgpack array) bytes. Decoders that build objects
     * check with {@link #checkValueSize}; text is checked here as it grows.
     */
    public int maxValue() {
        return maxValue;
    }

    /** Fails when a value of {@code size} (chars or bytes) would be larger than {@link #maxValue}. */
    public void checkValueSize(int column, long size) {
        if (size > maxValue) {
            throw valueTooLarge(column, size);
        }
    }

    /** The failure for column {@code column}'s value of (at least) {@code size}. */
    public ValueTooLargeException valueTooLarge(int column, long size) {
        String name = names != null && column < names.length ? "'" + names[column] + "' (column " + (column + 1) + ")"
                : (column + 1) + "";
        return new ValueTooLargeException("The value of column " + name + " is larger than max_value_bytes ("
                + maxValue + (size > maxValue ? "; it has at least " + size : "") + "): raise the connection "
                + "property max_value_bytes to read it");
    }

    /** Forgets the previous row. Object references are dropped so they can be collected. */
    public void clear() {
        Arrays.fill(kinds, NULL);
        Arrays.fill(objects, null);
        used = 0;
        open = -1;
    }

    public byte kind(int column) {
        return kinds[column];
    }

    public boolean isNull(int column) {
        return kinds[column] == NULL;
    }

    public void setNull(int column) {
        kinds[column] = NULL;
        objects[column] = null;
    }

    public void setLong(int column, long value) {
        kinds[column] = LONG;
        longs[column] = value;
    }

    public void setDouble(int column, double value) {
        kinds[column] = DOUBLE;
        doubles[column] = value;
    }

    public void setBoolean(int column, boolean value) {
        kinds[column] = BOOLEAN;
        longs[column] = value ? 1 : 0;
    }

    public void setObject(int column, Object value) {
        if (value == null) {
            setNull(column);
        } else {
            kinds[column] = OBJECT;
            objects[column] = value;
        }
    }

    public void setText(int column, char[] source, int offset, int length) {
        checkValueSize(column, length);
        ensure(length);
        System.arraycopy(source, offset, chars, used, length);
        kinds[column] = TEXT;
        textStart[column] = used;
        used += length;
        textEnd[column] = used;
    }

    public void setText(int column, String value) {
        int length = value.length();
        checkValueSize(column, length);
        ensure(length);
        value.getChars(0, length, chars, used);
        kinds[column] = TEXT;
        textStart[column] = used;
        used += length;
        textEnd[column] = used;
    }

    /** Starts text for a column that the decoder appends char by char (used while unescaping). */
    public void beginText(int column) {
        kinds[column] = TEXT;
        textStart[column] = used;
        textEnd[column] = used;
        open = column;
    }

    public void appendChar(char c) {
        if (used == chars.length) {
            ensure(1);
        }
        chars[used++] = c;
        textEnd[open] = used;
    }

    public void endText() {
        int column = open;
        open = -1;
        if (column >= 0) {
            checkValueSize(column, textEnd[column] - textStart[column]);
        }
    }

    /** Appends ASCII bytes (each below 0x80) to the open text, widening them in the one copy. */
    public void appendAscii(byte[] source, int offset, int length) {
        ensure(length);
        char[] c = chars;
        int u = used;
        for (int i = 0; i < length; i++) {
            c[u + i] = (char) source[offset + i];
        }
        used = u + length;
        textEnd[open] = used;
    }

    /**
     * Starts text for a column that the decoder writes straight into the shared array (one copy from the wire):
     * returns the array with room for {@code maxChars} chars from {@link #textStart}{@code (column)} on. Finish
     * with {@link #commitText} before setting any other column.
     */
    public char[] reserve(int column, int maxChars) {
        ensure(maxChars);
        kinds[column] = TEXT;
        textStart[column] = used;
        textEnd[column] = used;
        return chars;
    }

    /** Ends text begun with {@link #reserve}: the column's text is the {@code length} chars written there. */
    public void commitText(int column, int length) {
        checkValueSize(column, length);
        used += length;
        textEnd[column] = used;
    }

    /**
     * Where the open text (begun with {@link #beginText}) currently ends in {@link #chars()}. With
     * {@link #textRoom} and {@link #advanceText} a decoder writes chars straight into the shared array from a
     * local index in its scan loop, without a call per char.
     */
    public int textPosition() {
        return used;
    }

    /** Makes room for {@code extra} more chars after {@link #textPosition} and returns the (possibly new) array. */
    public char[] textRoom(int extra) {
        ensure(extra);
        return chars;
    }

    /** The open text now ends at {@code position} (the chars up to it were written into {@link #chars()}). */
    public void advanceText(int position) {
        used = position;
        textEnd[open] = position;
    }

    /**
     * Grows the shared array when needed. Before it grows, the text being appended is checked against
     * {@link #maxValue} by what it holds already (room asked for may exceed what will be written), so one huge value
     * fails here instead of doubling the array until the heap runs out.
     */
    private void ensure(int extra) {
        if (used + extra > chars.length) {
            if (open >= 0) {
                checkValueSize(open, used - textStart[open]);
            }
            chars = Arrays.copyOf(chars, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max((long) chars.length * 2, (long) used + extra)));
        }
    }

    public long longValue(int column) {
        return longs[column];
    }

    public double doubleValue(int column) {
        return doubles[column];
    }

    public boolean booleanValue(int column) {
        return longs[column] != 0;
    }

    public Object objectValue(int column) {
        return objects[column];
    }

    /** The shared char array; a TEXT slot spans {@link #textStart} (inclusive) to {@link #textEnd}. */
    public char[] chars() {
        return chars;
    }

    public int textStart(int column) {
        return textStart[column];
    }

    public int textEnd(int column) {
        return textEnd[column];
    }

    public String text(int column) {
        return new String(chars, textStart[column], textEnd[column] - textStart[column]);
    }
}
