package dev.rowpipe.decode;

import dev.rowpipe.spi.ColumnInfo;
import dev.rowpipe.spi.RowCursor;
import java.util.List;

/** TEMP decode shim: the decode helper owns the real class. */
public record DecodedResult(List<ColumnInfo> columns, RowCursor cursor) {
}
