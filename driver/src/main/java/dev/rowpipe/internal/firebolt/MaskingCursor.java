package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A result's rows, with the server's text in its failures masked: an error that ends a 200 body after rows (a
 * JSONLines {@code FINISH_WITH_ERRORS}, the TSV error line, JSON {@code errors}) is the server's own words and may
 * echo the request's credentials.
 */
final class MaskingCursor implements RowCursor {
    private final RowCursor cursor;
    private final UnaryOperator<String> mask;

    MaskingCursor(RowCursor cursor, UnaryOperator<String> mask) {
        this.cursor = Objects.requireNonNull(cursor, "cursor is null");
        this.mask = Objects.requireNonNull(mask, "mask is null");
    }

    @Override
    public boolean next(RowBuffer row) throws SQLException {
        try {
            return cursor.next(row);
        } catch (SQLException e) {
            throw SqlState.masked(e, mask);
        }
    }

    @Override
    public void close() {
        cursor.close();
    }
}
