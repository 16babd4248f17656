package dev.rowpipe.firebolt;

import dev.rowpipe.spi.RowBuffer;
import dev.rowpipe.spi.RowCursor;
import java.util.List;

/** Rows already in memory (answers the driver makes up itself, such as engine control statements). */
final class ListRowCursor implements RowCursor {
    private final List<List<String>> rows;
    private int next;

    ListRowCursor(List<List<String>> rows) {
        this.rows = List.copyOf(rows);
    }

    @Override
    public boolean next(RowBuffer row) {
        if (next >= rows.size()) {
            return false;
        }
        row.clear();
        List<String> values = rows.get(next++);
        for (int i = 0; i < values.size() && i < row.width(); i++) {
            String v = values.get(i);
            if (v == null) {
                row.setNull(i);
            } else {
                row.setText(i, v);
            }
        }
        return true;
    }

    @Override
    public void close() {
        next = rows.size();
    }
}
