package dev.rowpipe.decode;

import dev.rowpipe.spi.RowBuffer;

/**
 * A one-slot {@link RowBuffer} made on first use. Elements of the common kinds (integers, doubles, booleans,
 * text) are converted without it, so most arrays never pay for the buffer's arrays.
 */
final class Scratch {
    private RowBuffer row;

    RowBuffer row() {
        if (row == null) {
            row = new RowBuffer(1);
        }
        return row;
    }
}
