package dev.rowpipe.internal.spi;

import java.util.Iterator;
import java.util.List;

/**
 * A cursor over rows already in memory: metadata results and the small answers of client-side statements
 * (engine control). Values are plain Java objects put into OBJECT slots (null for NULL).
 */
public final class ListRowCursor implements RowCursor {
    private final Iterator<? extends List<?>> rows;

    public ListRowCursor(List<? extends List<?>> rows) {
        this.rows = rows.iterator();
    }

    @Override
    public boolean next(RowBuffer row) {
        if (!rows.hasNext()) {
            return false;
        }
        List<?> values = rows.next();
        row.clear();
        for (int i = 0; i < values.size(); i++) {
            row.setObject(i, values.get(i));
        }
        return true;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
