package dev.rowpipe.internal.td;

import dev.rowpipe.internal.codec.JsonScanner;
import dev.rowpipe.internal.codec.StreamingCursor;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;

/**
 * Streams a Treasure Data {@code json} job result: one JSON array per line, one line per row. Read with
 * {@link JsonScanner}: strings go into the row as characters straight from the body's bytes (no String per
 * value), integers as longs (wider ones as BigDecimal), fractions as doubles (as BigDecimal for DECIMAL columns,
 * so no digits are lost), nested arrays and objects as {@code List} / {@code LinkedHashMap}. A body that ends
 * inside a row or a row of the wrong width is an 08S01 error naming the row.
 */
public final class TdJsonLinesCursor extends StreamingCursor {
    private static final int BUFFER = 32 * 1024;
    /** Nesting depth of a row's values (the row array is the document). */
    private static final int ROW_DEPTH = 1;

    private final InputStream body;
    /** Per column: DECIMAL columns keep fractions exact, the others read them as doubles. */
    private final JsonScanner.Numbers[] numbers;
    private final int width;
    private JsonScanner scanner;

    public TdJsonLinesCursor(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        super(columns.size(), onClose);
        this.body = body;
        this.width = columns.size();
        this.numbers = new JsonScanner.Numbers[width];
        for (int i = 0; i < width; i++) {
            numbers[i] = columns.get(i).type().kind() == ColumnType.Kind.DECIMAL ? JsonScanner.Numbers.DECIMAL
                    : JsonScanner.Numbers.DOUBLE;
        }
    }

    @Override
    protected boolean readRow(RowBuffer out) throws SQLException, IOException {
        long number = rows + 1;
        JsonScanner s = scanner;
        if (s == null) {
            s = new JsonScanner(body, BUFFER, TdResultFormat.UTF8);
            s.skipByteOrderMark();
            scanner = s;
        }
        int c = s.read();
        if (c < 0) {
            return false;
        }
        if (c != '[') {
            if (JsonScanner.startsValue(c)) {
                throw malformed(number, "expected a JSON array, found " + JsonScanner.describe(c));
            }
            throw JsonScanner.unexpected(c, "a JSON array");
        }
        int count = s.arrayToRow(out, ROW_DEPTH, numbers);
        if (count > width) {
            throw malformed(number, "row has more than " + width + " values");
        }
        if (count != width) {
            throw malformed(number, "row has " + count + " values but the result has " + width + " columns");
        }
        return true;
    }

    @Override
    protected SQLException translate(Exception e) {
        return SqlState.COMMUNICATION_ERROR.exception(
                "Treasure Data json result broke off or is corrupt at row " + (rows + 1) + ": "
                + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }

    private static SQLException malformed(long number, String what) {
        return SqlState.COMMUNICATION_ERROR.exception(
                "Treasure Data json result is malformed at row " + number + ": " + what);
    }
}
