package dev.rowpipe.internal.td;

import dev.rowpipe.internal.codec.GzipMembersInputStream;
import dev.rowpipe.internal.codec.InflatingPipe;
import dev.rowpipe.internal.codec.PipedResponse;
import dev.rowpipe.internal.codec.MsgpackReader;
import dev.rowpipe.internal.codec.StreamingCursor;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.RowBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;

/**
 * Streams a Treasure Data {@code msgpack} / {@code msgpack.gz} job result: a plain concatenation of msgpack arrays,
 * one per row, with no outer array and no row count. Values are decoded by {@link MsgpackReader} straight from its
 * byte window into the {@link RowBuffer} (strings into the row's chars, no String per value); nested arrays and
 * maps become {@code List} / {@code LinkedHashMap} of plain Java values. For msgpack.gz the inflater writes
 * straight into that window ({@link GzipMembersInputStream} inflates into the caller's array), so inflated bytes
 * are not copied on their way to the decoder. A body that ends inside a row, a gzip stream that ends early or
 * fails its CRC, or a row of the wrong width is an 08S01 error naming the row: the format has no end marker, so
 * these are the only signs of a cut download, and none of them may look like a clean end.
 */
public final class TdMsgpackCursor extends StreamingCursor {
    /** Compressed bytes read from the HTTP body per read. */
    private static final int GZIP_BUFFER = 64 * 1024;
    /** The decoder's window: one large read (or inflate) per 64 KB of rows. */
    private static final int WINDOW = 64 * 1024;

    private final InputStream body;
    /** For msgpack.gz: inflates on its own thread, ahead of this cursor's decoding; null for plain msgpack. */
    private final InflatingPipe pipe;
    private final int width;
    private MsgpackReader reader;

    private TdMsgpackCursor(InputStream body, List<ColumnInfo> columns, InflatingPipe pipe, AutoCloseable onClose) {
        // Plain msgpack is read on the cursor's thread, which StreamingCursor keeps apart from close.
        super(columns.size(), new PipedResponse(pipe, onClose));
        this.body = body;
        this.pipe = pipe;
        this.width = columns.size();
    }

    /** For {@code format=msgpack}. */
    public static TdMsgpackCursor plain(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        return new TdMsgpackCursor(body, columns, null, onClose);
    }

    /** For {@code format=msgpack.gz}. */
    public static TdMsgpackCursor gzip(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        InflatingPipe pipe = new InflatingPipe(new GzipMembersInputStream(body, GZIP_BUFFER), WINDOW);
        return new TdMsgpackCursor(body, columns, pipe, onClose);
    }

    @Override
    protected boolean readRow(RowBuffer out) throws SQLException, IOException {
        long number = rows + 1;
        MsgpackReader r = reader;
        if (r == null) {
            // Opened lazily: the first read (for gzip, starting the inflating thread) belongs to next().
            r = pipe != null ? new MsgpackReader(pipe, TdResultFormat.UTF8)
                    : new MsgpackReader(body, WINDOW, TdResultFormat.UTF8);
            reader = r;
        }
        if (!r.hasNext()) {
            return false;
        }
        int lead = r.peek();
        if ((lead & 0xF0) != 0x90 && lead != 0xDC && lead != 0xDD) {
            throw malformed(number, "row is a msgpack " + MsgpackReader.typeName(lead) + ", not an array");
        }
        int size = r.readArrayHeader();
        if (size != width) {
            throw malformed(number, "row has " + size + " values but the result has " + width + " columns");
        }
        for (int c = 0; c < width; c++) {
            r.readColumn(out, c);
        }
        return true;
    }

    /** I/O failures (a cut body: EOFException; bytes that are not msgpack) end here. */
    @Override
    protected SQLException translate(Exception e) {
        stopInflating();
        return SqlState.COMMUNICATION_ERROR.exception("Treasure Data msgpack" + (pipe != null ? ".gz" : "")
                + " result broke off or is corrupt at row " + (rows + 1) + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }

    /** After a failure nothing more is read: the inflating thread need not run ahead until the result is closed. */
    private void stopInflating() {
        if (pipe != null) {
            pipe.close();
        }
    }

    private SQLException malformed(long number, String what) {
        stopInflating();
        return SqlState.COMMUNICATION_ERROR.exception(
                "Treasure Data msgpack result is malformed at row " + number + ": " + what);
    }
}
