package dev.rowpipe.internal.convert;

import dev.rowpipe.internal.spi.RowBuffer;

/**
 * A one-slot {@link RowBuffer} made on first use. Elements of the common kinds (integers, doubles, booleans,
 * text) are converted without it, so most arrays never pay for the buffer's arrays.
 */
public final class Scratch {
    private RowBuffer row;

    public RowBuffer row() {
        if (row == null) {
            row = new RowBuffer(1);
        }
        return row;
    }
}
