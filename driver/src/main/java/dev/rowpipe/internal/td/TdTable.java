package dev.rowpipe.internal.td;

import dev.rowpipe.internal.spi.ColumnInfo;
import java.util.List;

/**
 * A table as {@code /v3/table/list} reports it, with its columns typed for metadata.
 *
 * @param type    TD's table type ({@code log}, {@code item}, ...), null when not reported
 * @param count   row count, -1 when not reported
 * @param columns the declared schema, in order (without the implicit {@code time} column of log tables)
 */
record TdTable(String database, String name, String type, long count, List<ColumnInfo> columns) {
    TdTable {
        columns = List.copyOf(columns);
    }
}
