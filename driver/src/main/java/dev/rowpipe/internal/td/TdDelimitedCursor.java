package dev.rowpipe.internal.td;

import dev.rowpipe.internal.codec.AsciiScan;
import dev.rowpipe.internal.codec.StreamingCursor;
import dev.rowpipe.internal.codec.Utf8;
import dev.rowpipe.internal.codec.Utf8Input;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.RowBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;

/**
 * Streams a Treasure Data {@code tsv} or {@code csv} job result: one row per line, no header. Fields are copied
 * straight from the read buffer into the row's characters: UTF-8 is scanned as bytes and runs of ASCII are
 * widened in the one copy (no Reader, no char buffer in between).
 * <ul>
 *   <li>csv: RFC 4180. A quoted field may hold commas, doubled quotes and line breaks; an empty unquoted field
 *       is NULL and {@code ""} is the empty string.</li>
 *   <li>tsv: TAB-separated; {@code \N} alone is NULL, an empty field is the empty string; backslash escapes
 *       {@code \t \n \r \\ \0} stand for those characters (an unknown escape is kept as written).</li>
 * </ul>
 * Lines end with LF or CRLF. Every row must end with a line break: these formats have no other end marker, so a
 * body that stops inside a row (even one whose field count happens to be right) is an 08S01 error naming the row,
 * as is a row with the wrong number of fields.
 */
public final class TdDelimitedCursor extends StreamingCursor {
    private static final int SEP = 0;
    private static final int EOL = 1;
    private static final int EOF = 2;

    private final InputStream body;
    private final boolean tsv;
    private final int width;
    private Utf8Input input;

    private TdDelimitedCursor(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose, boolean tsv) {
        super(columns.size(), onClose);
        this.body = body;
        this.width = columns.size();
        this.tsv = tsv;
    }

    public static TdDelimitedCursor tsv(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        return new TdDelimitedCursor(body, columns, onClose, true);
    }

    public static TdDelimitedCursor csv(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        return new TdDelimitedCursor(body, columns, onClose, false);
    }

    @Override
    protected boolean readRow(RowBuffer out) throws SQLException, IOException {
        long number = rows + 1;
        if (input == null) {
            input = new Utf8Input(body, 64 * 1024, TdResultFormat.UTF8);
        }
        if (!input.available()) {
            return false;
        }
        int c = 0;
        while (true) {
            if (c >= width) {
                throw malformed(number, "row has more than " + width + " fields");
            }
            int end = tsv ? tsvField(out, c) : csvField(out, c, number);
            c++;
            if (end == EOL) {
                break;
            }
            if (end == EOF) {
                throw SqlState.COMMUNICATION_ERROR.exception(
                        "Treasure Data " + format() + " result broke off inside row " + number
                        + " (the body ended before the row's line break)");
            }
        }
        if (c != width) {
            throw malformed(number, "row has " + c + " fields but the result has " + width + " columns");
        }
        return true;
    }

    @Override
    protected SQLException translate(Exception e) {
        return SqlState.COMMUNICATION_ERROR.exception(
                "Treasure Data " + format() + " result broke off at row " + (rows + 1) + ": "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }

    private String format() {
        return tsv ? "tsv" : "csv";
    }

    private SQLException malformed(long number, String what) {
        return SqlState.COMMUNICATION_ERROR.exception(
                "Treasure Data " + format() + " result is malformed at row " + number + ": " + what);
    }

    private int csvField(RowBuffer out, int c, long number) throws IOException, SQLException {
        Utf8Input in = input;
        out.beginText(c);
        if (!in.available()) {
            out.endText();
            return EOF;
        }
        if (in.buf[in.pos] == '"') {
            in.pos++;
            while (true) {
                if (!in.available()) {
                    out.endText();
                    return EOF;
                }
                byte[] b = in.buf;
                int start = in.pos;
                int p = start;
                int lim = in.limit;
                byte x = 0;
                while (p < lim && (x = b[p]) != '"' && x >= 0) {
                    p++;
                }
                if (p > start) {
                    out.appendAscii(b, start, p - start);
                }
                in.pos = p;
                if (p == lim) {
                    continue;
                }
                if (x < 0) {
                    if (multiByte(out) < 0) {
                        return EOF;
                    }
                    continue;
                }
                in.pos = p + 1;
                if (!in.available()) {
                    out.endText();
                    return EOF;
                }
                if (in.buf[in.pos] == '"') {
                    out.appendChar('"');
                    in.pos++;
                    continue;
                }
                out.endText();
                int end = terminator();
                if (end < 0) {
                    int bad = in.buf[in.pos] & 0xFF;
                    throw malformed(number, "unexpected " + (bad < 0x80 ? "'" + (char) bad + "'"
                            : String.format("byte 0x%02X", bad)) + " after a closing quote in field " + (c + 1));
                }
                return end;
            }
        }
        int length = 0;
        while (true) {
            if (!in.available()) {
                out.endText();
                return EOF;
            }
            byte[] b = in.buf;
            int start = in.pos;
            int p = start;
            int lim = in.limit;
            byte x = 0;
            while (p < lim && (x = b[p]) != ',' && x != '\n' && x != '\r' && x >= 0) {
                p++;
            }
            if (p > start) {
                out.appendAscii(b, start, p - start);
                length += p - start;
            }
            in.pos = p;
            if (p == lim) {
                continue;
            }
            if (x < 0) {
                int chars = multiByte(out);
                if (chars < 0) {
                    return EOF;
                }
                length += chars;
                continue;
            }
            out.endText();
            if (length == 0) {
                out.setNull(c);
            }
            return terminator();
        }
    }

    /**
     * Decodes the multi-byte sequence at pos into the open text. Returns the chars it made, or -1 (the text
     * ended) when the body ends inside it.
     */
    private int multiByte(RowBuffer out) throws IOException {
        int cp = input.codePoint();
        if (cp < 0) {
            out.endText();
            return -1;
        }
        return Utf8.append(out, cp);
    }

    /** Consumes ',', LF or CRLF at pos; returns -1 (consuming nothing) for anything else. */
    private int terminator() throws IOException {
        Utf8Input in = input;
        byte ch = in.buf[in.pos];
        if (ch == ',') {
            in.pos++;
            return SEP;
        }
        if (ch == '\n') {
            in.pos++;
            return EOL;
        }
        if (ch == '\r') {
            in.pos++;
            if (in.available() && in.buf[in.pos] == '\n') {
                in.pos++;
            }
            return EOL;
        }
        return -1;
    }

    private int tsvField(RowBuffer out, int c) throws IOException {
        Utf8Input in = input;
        out.beginText(c);
        int length = 0;
        boolean nullMarker = false;
        while (true) {
            if (!in.available()) {
                out.endText();
                return EOF;
            }
            byte[] b = in.buf;
            int start = in.pos;
            int p = start;
            int lim = in.limit;
            byte ch = 0;
            // Plain ASCII is found eight bytes at a time and widened into the row in the same pass (every byte
            // left makes at most one char, so there is room for whole words).
            int d = out.textPosition() - start;
            char[] dst = out.textRoom(lim - start);
            while (p + 8 <= lim) {
                long w = AsciiScan.word(b, p);
                long special = AsciiScan.specialOrCr(w);
                AsciiScan.widen(w, dst, d + p);
                if (special != 0) {
                    p += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                p += 8;
            }
            while (p < lim && (ch = b[p]) != '\t' && ch != '\n' && ch != '\\' && ch != '\r' && ch >= 0) {
                dst[d + p] = (char) ch;
                p++;
            }
            if (p > start) {
                out.advanceText(d + p);
                length += p - start;
            }
            in.pos = p;
            if (p == lim) {
                continue;
            }
            if (ch < 0) {
                // A common sequence wholly in the buffer is decoded in place; the rest through Utf8Input.
                int cp = Utf8.bmp(ch, b, p, lim);
                if (cp != 0) {
                    dst[d + p] = (char) cp;
                    out.advanceText(d + p + 1);
                    length++;
                    in.pos = p + Utf8.bmpLength(cp);
                    continue;
                }
                int chars = multiByte(out);
                if (chars < 0) {
                    return EOF;
                }
                length += chars;
                continue;
            }
            in.pos = p + 1;
            if (ch == '\t' || ch == '\n') {
                out.endText();
                if (nullMarker && length == 2) {
                    out.setNull(c);
                }
                return ch == '\t' ? SEP : EOL;
            }
            if (!in.available()) {
                out.endText();
                return EOF;
            }
            if (ch == '\r') {
                if (in.buf[in.pos] == '\n') {
                    in.pos++;
                    out.endText();
                    if (nullMarker && length == 2) {
                        out.setNull(c);
                    }
                    return EOL;
                }
                out.appendChar('\r');
                length++;
                continue;
            }
            int e = in.buf[in.pos];
            if (e < 0) {
                // An unknown escape is kept as written, a multi-byte character after the backslash too.
                out.appendChar('\\');
                if (multiByte(out) < 0) {
                    return EOF;
                }
                length += 2;
                continue;
            }
            in.pos++;
            switch (e) {
                case 't' -> out.appendChar('\t');
                case 'n' -> out.appendChar('\n');
                case 'r' -> out.appendChar('\r');
                case '\\' -> out.appendChar('\\');
                case '0' -> out.appendChar('\0');
                case 'N' -> {
                    // Only a field that is exactly \N is NULL; elsewhere the two characters are kept as written.
                    nullMarker = length == 0;
                    out.appendChar('\\');
                    out.appendChar('N');
                }
                default -> {
                    out.appendChar('\\');
                    out.appendChar((char) e);
                }
            }
            length += 2;
        }
    }

}
