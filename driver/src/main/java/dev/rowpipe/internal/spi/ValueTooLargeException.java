package dev.rowpipe.internal.spi;

/**
 * A value of a result is larger than the connection's {@code max_value_bytes}: thrown by {@link RowBuffer} (and the
 * decoders that check with it) while the row is decoded, and made an SQLException naming the column by the cursor.
 * Unchecked, because {@link RowBuffer}'s appends are called from the decoders' innermost loops.
 */
public final class ValueTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ValueTooLargeException(String message) {
        super(message, null, false, false);
    }
}
