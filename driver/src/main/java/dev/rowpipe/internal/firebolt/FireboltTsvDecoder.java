package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.codec.AsciiScan;
import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.codec.StreamingCursor;
import dev.rowpipe.internal.codec.Utf8;
import dev.rowpipe.internal.codec.Utf8Input;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Streams Firebolt's TabSeparatedWithNamesAndTypes results: a names line, a types line, then one row per
 * line; TAB between fields, {@code \N} for NULL, backslash escapes unescaped straight into the
 * {@link RowBuffer}. UTF-8 is decoded by hand from a 64 KiB byte buffer (ASCII runs are copied in bulk), so no
 * String is made per field.
 * <p>
 * Every row must end with a newline: a last line without one is a cut-off body. A line that is the server's
 * error ({@code Code: 241. DB::Exception: ...}) where a row should be raises that error when the reader gets
 * there; rows before it were returned normally. Firebolt 2.0's engines end a failed body with a plain line instead
 * ({@code Line 1, Column 5: description}); {@link #open(InputStream, Function, AutoCloseable, boolean)} with
 * {@code errorLines} looks for that too.
 */
public final class FireboltTsvDecoder {
    private static final int BUFFER = 64 * 1024;
    /** The longest header line (names, or types) or rest of a row beyond the result's width that is read. */
    static final int MAX_LINE = 16 << 20;

    private FireboltTsvDecoder() {
    }

    /** Reads the two header lines and returns a cursor over the rows. When this throws, onClose was closed. */
    public static DecodedResult open(InputStream body, Function<String, ColumnType> typeParser,
                                     AutoCloseable onClose) throws SQLException {
        return open(body, typeParser, onClose, false);
    }

    /**
     * As {@link #open(InputStream, Function, AutoCloseable)}; with {@code errorLines} a last line
     * {@code Line L, Column C: ...} is the 2.0 engines' error, not a row.
     */
    public static DecodedResult open(InputStream body, Function<String, ColumnType> typeParser,
                                     AutoCloseable onClose, boolean errorLines) throws SQLException {
        Reader reader = new Reader(body, onClose, errorLines);
        return reader.openOrClose(() -> reader.open(typeParser));
    }

    private static final class Reader extends StreamingCursor {
        private static final int TAB = 0;
        private static final int NEWLINE = 1;
        private static final int EOF = 2;

        private final Utf8Input in;
        /** Whether the 2.0 error line ends a failed body. */
        private final boolean errorLines;
        /** Widened ASCII runs for the header lines (rows get theirs straight from {@link RowBuffer#appendAscii}). */
        private final char[] ascii = new char[BUFFER];
        private int width;
        private String[] columnNames;
        /** Set by readField: the field was exactly {@code \N}. */
        private boolean nullField;
        /** Chars written by the current readField. */
        private int fieldLength;

        Reader(InputStream in, AutoCloseable onClose, boolean errorLines) {
            super(0, onClose);
            this.in = new Utf8Input(in, BUFFER, FireboltResults.UTF8);
            this.errorLines = errorLines;
        }

        DecodedResult open(Function<String, ColumnType> typeParser) throws SQLException, IOException {
            if (!in.fill()) {
                // Empty body: a statement without a result set.
                return new DecodedResult(List.of(), StreamingCursor.empty(this));
            }
            List<String> names = new ArrayList<>();
            String namesLine = headerLine(names, "the column names line");
            if (namesLine == null || ServerErrorText.looksLikeError(namesLine)) {
                throw headerFailure(namesLine);
            }
            List<String> types = new ArrayList<>();
            String typesLine = headerLine(types, "the column types line");
            if (typesLine == null || ServerErrorText.looksLikeError(typesLine)) {
                throw headerFailure(typesLine);
            }
            if (names.size() != types.size()) {
                throw SqlState.COMMUNICATION_ERROR.exception(
                        "Malformed TabSeparatedWithNamesAndTypes result: " + names.size()
                        + " column names but " + types.size() + " types");
            }
            List<ColumnInfo> columns = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                columns.add(FireboltResults.column(names.get(i), types.get(i), typeParser));
            }
            width = columns.size();
            columnNames = names.toArray(String[]::new);
            return new DecodedResult(columns, this);
        }

        private SQLException headerFailure(String line) {
            if (line != null) {
                String server = ServerErrorText.extract(line);
                if (server != null) {
                    return ServerErrorText.exception(server);
                }
            }
            return SqlState.COMMUNICATION_ERROR.exception("Result ended early: the header lines are incomplete");
        }

        /** Reads one header line into fields; returns the raw line (for error checks) or null when cut off. */
        private String headerLine(List<String> fields, String what) throws SQLException, IOException {
            StringBuilder field = new StringBuilder();
            StringBuilder line = new StringBuilder();
            while (true) {
                field.setLength(0);
                int end;
                try {
                    end = readField(null, field);
                } catch (Utf8.Malformed e) {
                    throw FireboltResults.invalidUtf8("TSV", 0, null, what, e);
                }
                fields.add(field.toString());
                line.append(field);
                if (end == NEWLINE) {
                    return line.toString();
                }
                if (end == EOF) {
                    return line.length() == 0 ? null : ServerErrorText.looksLikeError(line) ? line.toString() : null;
                }
                line.append('\t');
            }
        }


        @Override
        protected boolean readRow(RowBuffer row) throws SQLException, IOException {
            if (row.width() < width) {
                throw SqlState.GENERAL_ERROR.exception(
                        "Row buffer has " + row.width() + " columns, the result has " + width);
            }
            if (!in.available()) {
                return false;
            }
            int column = 0;
            StringBuilder overflow = null;
            int end;
            long number = rows + 1;
            try {
                while (true) {
                    if (column < width) {
                        end = readRowField(row, column);
                        if (nullField) {
                            row.setNull(column);
                        }
                    } else {
                        if (overflow == null) {
                            overflow = new StringBuilder();
                        }
                        overflow.append('\t');
                        end = readField(null, overflow);
                    }
                    column++;
                    if (end != TAB) {
                        break;
                    }
                }
            } catch (Utf8.Malformed e) {
                throw FireboltResults.invalidUtf8("TSV", number, column < width ? columnNames[column] : null,
                        "row " + number + ", field " + (column + 1) + " (beyond the " + width + " columns)", e);
            }
            if (end == EOF) {
                String line = lineText(row, column, overflow);
                String server = serverError(line);
                if (server != null) {
                    throw ServerErrorText.exception(server);
                }
                throw SqlState.COMMUNICATION_ERROR.exception("Result ended early after " + rows + " rows: row " + number
                        + " has no line end");
            }
            if (column != width) {
                String server = serverError(lineText(row, column, overflow));
                if (server != null) {
                    throw ServerErrorText.exception(server);
                }
                throw SqlState.COMMUNICATION_ERROR.exception(
                        "Row " + number + " has " + column + " fields, expected " + width);
            }
            checkAppendedError(row);
            return true;
        }

        /**
         * A server error appended mid-row lands in the last field when the field count still matches. Such a
         * row is only taken as the error when the body ends right after it (a server stops after its error),
         * so data that merely mentions an exception is returned as data.
         */
        private void checkAppendedError(RowBuffer row) throws SQLException, IOException {
            if (errorLines && startsLikeErrorLine(row) && !in.available()) {
                String server = Firebolt2Errors.errorLine(lineText(row, width, null));
                if (server != null) {
                    throw ServerErrorText.exception(server);
                }
            }
            int last = width - 1;
            if (row.kind(last) != RowBuffer.TEXT || !containsException(row, last)) {
                return;
            }
            if (!in.available()) {
                String server = ServerErrorText.extract(lineText(row, width, null));
                if (server != null && server.startsWith("Code:")) {
                    throw ServerErrorText.exception(server);
                }
            }
        }

        /** The server's error in a line that is not a row, or null. */
        private String serverError(String line) {
            String line2 = errorLines ? Firebolt2Errors.errorLine(line) : null;
            return line2 != null ? line2 : ServerErrorText.extract(line);
        }

        /** A cheap first look, so that only a row that may be the error line waits to see whether the body ends. */
        private static boolean startsLikeErrorLine(RowBuffer row) {
            if (row.kind(0) != RowBuffer.TEXT || row.textEnd(0) - row.textStart(0) < 12) {
                return false;
            }
            char[] c = row.chars();
            int i = row.textStart(0);
            return c[i] == 'L' && c[i + 1] == 'i' && c[i + 2] == 'n' && c[i + 3] == 'e' && c[i + 4] == ' ';
        }

        private static boolean containsException(RowBuffer row, int column) {
            char[] c = row.chars();
            int end = row.textEnd(column) - 12;
            for (int i = row.textStart(column); i < end; i++) {
                if (c[i] == 'D' && c[i + 1] == 'B' && c[i + 2] == ':' && c[i + 3] == ':' && c[i + 4] == 'E') {
                    return true;
                }
            }
            return false;
        }

        /** The line as read so far (fields joined by tabs), for error messages only. */
        private String lineText(RowBuffer row, int columns, StringBuilder overflow) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < Math.min(columns, width); i++) {
                if (i > 0) {
                    line.append('\t');
                }
                line.append(row.isNull(i) ? "\\N" : row.text(i));
            }
            if (overflow != null) {
                line.append(overflow);
            }
            return line.toString();
        }

        /**
         * Reads one field of a row into the row's text for {@code column}, unescaping: the same result as
         * {@link #readField} (which the header lines use), faster. Plain ASCII is found eight bytes at a time
         * ({@link AsciiScan}) and widened into the row's chars in the same pass; escapes and the common 2- and
         * 3-byte UTF-8 sequences ({@link Utf8#bmp}) that lie wholly in the buffer are decoded in place; anything else
         * (a sequence or escape cut by the buffer's end, 4-byte or malformed UTF-8) goes through {@link #escape} /
         * {@link #multiByte}.
         * @return TAB, NEWLINE or EOF: what ended the field
         */
        private int readRowField(RowBuffer row, int column) throws SQLException, IOException {
            nullField = false;
            boolean nullEscape = false;
            Utf8Input u = in;
            row.beginText(column);
            int fieldStart = row.textPosition();
            int d = fieldStart;
            while (true) {
                if (u.pos >= u.limit && !u.fill()) {
                    row.advanceText(d);
                    row.endText();
                    return EOF;
                }
                byte[] b = u.buf;
                int pos = u.pos;
                int stop = u.limit;
                row.advanceText(d);
                // Every byte left in the buffer makes at most one char.
                char[] dst = row.textRoom(stop - pos);
                while (pos + 8 <= stop) {
                    long w = AsciiScan.word(b, pos);
                    long special = AsciiScan.special(w);
                    // All eight are widened even when fewer are plain: there is room (8 bytes left, so 8 chars),
                    // and chars past the text's end are overwritten later.
                    AsciiScan.widen(w, dst, d);
                    if (special != 0) {
                        int k = Long.numberOfTrailingZeros(special) >>> 3;
                        pos += k;
                        d += k;
                        break;
                    }
                    pos += 8;
                    d += 8;
                }
                while (pos < stop) {
                    byte x = b[pos];
                    if (x < 0 || x == '\t' || x == '\n' || x == '\\') {
                        break;
                    }
                    dst[d++] = (char) x;
                    pos++;
                }
                if (pos == stop) {
                    u.pos = pos;
                    continue;
                }
                int x = b[pos];
                if (x == '\t' || x == '\n') {
                    u.pos = pos + 1;
                    row.advanceText(d);
                    row.endText();
                    nullField = nullEscape && d - fieldStart == 1;
                    return x == '\t' ? TAB : NEWLINE;
                }
                if (x == '\\' && pos + 1 < stop && b[pos + 1] >= 0) {
                    int e = b[pos + 1];
                    char c;
                    switch (e) {
                        case 't' -> c = '\t';
                        case 'n' -> c = '\n';
                        case 'r' -> c = '\r';
                        case '0' -> c = '\0';
                        case 'b' -> c = '\b';
                        case 'f' -> c = '\f';
                        case 'N' -> {
                            nullEscape = d == fieldStart;
                            c = 'N';
                        }
                        default -> c = (char) e;
                    }
                    dst[d++] = c;
                    u.pos = pos + 2;
                    continue;
                }
                if (x < 0) {
                    int cp = Utf8.bmp((byte) x, b, pos, stop);
                    if (cp != 0) {
                        dst[d++] = (char) cp;
                        u.pos = pos + Utf8.bmpLength(cp);
                        continue;
                    }
                }
                // The rare cases (cut by the buffer's end, malformed), one char at a time through the row.
                row.advanceText(d);
                boolean more;
                if (x == '\\') {
                    u.pos = pos + 1;
                    if (!u.available()) {
                        row.endText();
                        return EOF;
                    }
                    if (u.buf[u.pos] == 'N') {
                        nullEscape = d == fieldStart;
                    }
                    more = escape(row);
                } else {
                    u.pos = pos;
                    more = multiByte(row, null);
                }
                if (!more) {
                    row.endText();
                    return EOF;
                }
                d = row.textPosition();
            }
        }

        /**
         * Appends what the escape whose backslash was consumed stands for (its next byte is buffered at
         * {@code pos}); false when the body ends inside it.
         */
        private boolean escape(RowBuffer row) throws SQLException, IOException {
            int e = in.buf[in.pos];
            if (e < 0) {
                return multiByte(row, null);
            }
            in.pos++;
            switch (e) {
                case 't' -> row.appendChar('\t');
                case 'n' -> row.appendChar('\n');
                case 'r' -> row.appendChar('\r');
                case '0' -> row.appendChar('\0');
                case 'b' -> row.appendChar('\b');
                case 'f' -> row.appendChar('\f');
                default -> row.appendChar((char) e);
            }
            return true;
        }

        /**
         * Reads one field into the row's open text (or into {@code sb} when it is not null), unescaping.
         * @return TAB, NEWLINE or EOF: what ended the field
         */
        private int readField(RowBuffer row, StringBuilder sb) throws SQLException, IOException {
            nullField = false;
            fieldLength = 0;
            boolean nullEscape = false;
            Utf8Input u = in;
            while (true) {
                if (!u.available()) {
                    return EOF;
                }
                // Fast path: a run of plain ASCII bytes is widened and copied at once.
                int pos = u.pos;
                int run = pos;
                int stop = u.limit;
                byte[] b = u.buf;
                while (run < stop) {
                    byte x = b[run];
                    if (x < 0 || x == '\t' || x == '\n' || x == '\\') {
                        break;
                    }
                    run++;
                }
                if (run > pos) {
                    int n = run - pos;
                    fieldLength += n;
                    if (sb != null) {
                        for (int i = 0; i < n; i++) {
                            ascii[i] = (char) b[pos + i];
                        }
                        sb.append(ascii, 0, n);
                        checkLength(sb);
                    } else {
                        row.appendAscii(b, pos, n);
                    }
                    u.pos = run;
                    if (run == stop) {
                        continue;
                    }
                }
                int x = b[u.pos];
                if (x < 0) {
                    if (!multiByte(row, sb)) {
                        return EOF;
                    }
                    continue;
                }
                u.pos++;
                if (x == '\t') {
                    nullField = nullEscape && fieldLength == 1;
                    return TAB;
                }
                if (x == '\n') {
                    nullField = nullEscape && fieldLength == 1;
                    return NEWLINE;
                }
                if (x == '\\') {
                    if (!u.available()) {
                        return EOF;
                    }
                    int e = u.buf[u.pos];
                    if (e < 0) {
                        if (!multiByte(row, sb)) {
                            return EOF;
                        }
                        continue;
                    }
                    u.pos++;
                    switch (e) {
                        case 't' -> emit(row, sb, '\t');
                        case 'n' -> emit(row, sb, '\n');
                        case 'r' -> emit(row, sb, '\r');
                        case '0' -> emit(row, sb, '\0');
                        case 'b' -> emit(row, sb, '\b');
                        case 'f' -> emit(row, sb, '\f');
                        case 'N' -> {
                            nullEscape = fieldLength == 0;
                            emit(row, sb, 'N');
                        }
                        default -> emit(row, sb, (char) e);
                    }
                }
            }
        }

        /** Decodes the UTF-8 sequence that starts at {@code pos}; false when the body ends inside it. */
        private boolean multiByte(RowBuffer row, StringBuilder sb) throws SQLException, IOException {
            int cp = in.codePoint();
            if (cp < 0) {
                return false;
            }
            if (sb != null) {
                sb.appendCodePoint(cp);
                fieldLength += Character.charCount(cp);
            } else {
                fieldLength += Utf8.append(row, cp);
            }
            return true;
        }

        /**
         * Header lines and the fields past a row's width (kept for the error message) are read as text outside the
         * row: a line without an end must not grow without bound either.
         */
        private static void checkLength(StringBuilder sb) throws SQLException {
            if (sb.length() > MAX_LINE) {
                throw SqlState.COMMUNICATION_ERROR.exception("Malformed TabSeparatedWithNamesAndTypes result: a header "
                        + "line or the rest of a row is longer than " + MAX_LINE + " characters");
            }
        }

        private void emit(RowBuffer row, StringBuilder sb, char c) throws SQLException {
            fieldLength++;
            if (sb != null) {
                sb.append(c);
                checkLength(sb);
            } else {
                row.appendChar(c);
            }
        }

        @Override
        protected SQLException translate(Exception e) {
            return endedEarly(e);
        }
    }
}
