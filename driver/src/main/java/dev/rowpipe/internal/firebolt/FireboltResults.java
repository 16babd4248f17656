package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.codec.Utf8;
import dev.rowpipe.internal.codec.Utf8Policy;
import dev.rowpipe.internal.convert.Conversion;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import java.sql.SQLException;
import java.util.function.Function;

/** What Firebolt's result layouts (TSV, JSON and JSON_Compact) share. */
final class FireboltResults {
    /**
     * How every Firebolt format reads bytes that are not UTF-8: as an error naming the row and column. Firebolt's
     * text is UTF-8 (bytes are BYTEA, which arrives as {@code \x} hex text), so a malformed sequence is not data
     * but a damaged or foreign body (a proxy's page in another charset); replacing it would return a silently
     * wrong value. The JSON formats were already strict this way (as Jackson, which read them before).
     */
    static final Utf8Policy UTF8 = Utf8Policy.STRICT;

    private FireboltResults() {
    }

    /** A column as the header declares it; a type the parser cannot read fails the statement. */
    static ColumnInfo column(String name, String type, Function<String, ColumnType> typeParser)
            throws SQLException {
        ColumnType columnType;
        try {
            columnType = typeParser.apply(type);
        } catch (RuntimeException e) {
            throw SqlState.GENERAL_ERROR.exception("Cannot understand type '" + Conversion.shorten(type)
                    + "' of column " + name, e);
        }
        if (columnType == null) {
            throw SqlState.GENERAL_ERROR.exception("Cannot understand type '" + Conversion.shorten(type)
                    + "' of column " + name);
        }
        return new ColumnInfo(name, columnType);
    }

    /**
     * The error for malformed UTF-8 in a result: in row {@code row} (1-based), in the column named
     * {@code column} when known, else in {@code where} (a header line, a key).
     */
    static SQLException invalidUtf8(String format, long row, String column, String where, Utf8.Malformed e) {
        String place = column != null ? "row " + row + ", column '" + Conversion.shorten(column) + "'" : where;
        return SqlState.COMMUNICATION_ERROR.exception(e.getMessage() + " in the Firebolt " + format + " result, "
                + place, e);
    }
}
