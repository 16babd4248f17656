package dev.rowpipe.internal.codec;

import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.RowCursor;
import java.util.List;
import java.util.Objects;

/**
 * A response body opened for reading: its columns (read from the body's header) and a cursor over its rows.
 * A body without a result (DDL) has no columns and a cursor that returns no rows.
 */
public record DecodedResult(List<ColumnInfo> columns, RowCursor cursor) {
    public DecodedResult {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        Objects.requireNonNull(cursor, "cursor is null");
    }
}
