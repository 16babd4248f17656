package dev.rowpipe.decode;

import dev.rowpipe.spi.ColumnInfo;
import dev.rowpipe.spi.RowBuffer;
import dev.rowpipe.spi.RowCursor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * Streams a Treasure Data {@code tsv} or {@code csv} job result: one row per line, no header. Fields are copied
 * straight from the read buffer into the row's characters.
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
public final class TdDelimitedCursor implements RowCursor {
    private static final int SEP = 0;
    private static final int EOL = 1;
    private static final int EOF = 2;

    private final InputStream body;
    private final boolean tsv;
    private final int width;
    private final AutoCloseable onClose;
    private final char[] buf = new char[64 * 1024];
    private Reader reader;
    private int pos;
    private int lim;
    private long row;
    private boolean done;
    private volatile boolean closed;

    private TdDelimitedCursor(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose, boolean tsv) {
        this.body = body;
        this.width = columns.size();
        this.onClose = onClose;
        this.tsv = tsv;
    }

    public static TdDelimitedCursor tsv(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        return new TdDelimitedCursor(body, columns, onClose, true);
    }

    public static TdDelimitedCursor csv(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        return new TdDelimitedCursor(body, columns, onClose, false);
    }

    @Override
    public boolean next(RowBuffer out) throws SQLException {
        if (done) {
            return false;
        }
        if (closed) {
            throw new SQLException("The Treasure Data result is closed", "HY010");
        }
        long number = row + 1;
        try {
            if (reader == null) {
                reader = new InputStreamReader(body, StandardCharsets.UTF_8);
            }
            if (!ensure()) {
                done = true;
                return false;
            }
            out.clear();
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
                    throw new SQLException("Treasure Data " + format() + " result broke off inside row " + number
                            + " (the body ended before the row's line break)", "08S01");
                }
            }
            if (c != width) {
                throw malformed(number, "row has " + c + " fields but the result has " + width + " columns");
            }
            row = number;
            return true;
        } catch (IOException e) {
            throw new SQLException("Treasure Data " + format() + " result broke off at row " + number + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), "08S01", e);
        }
    }

    private String format() {
        return tsv ? "tsv" : "csv";
    }

    private SQLException malformed(long number, String what) {
        return new SQLException("Treasure Data " + format() + " result is malformed at row " + number + ": " + what,
                "08S01");
    }

    /** True when at least one char is buffered. */
    private boolean ensure() throws IOException {
        if (pos < lim) {
            return true;
        }
        int n;
        do {
            n = reader.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            pos = 0;
            lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    private int csvField(RowBuffer out, int c, long number) throws IOException, SQLException {
        out.beginText(c);
        if (!ensure()) {
            out.endText();
            return EOF;
        }
        if (buf[pos] == '"') {
            pos++;
            while (true) {
                if (!ensure()) {
                    out.endText();
                    return EOF;
                }
                int start = pos;
                while (pos < lim && buf[pos] != '"') {
                    pos++;
                }
                if (pos > start) {
                    out.appendChars(buf, start, pos - start);
                }
                if (pos < lim) {
                    pos++;
                    if (!ensure()) {
                        out.endText();
                        return EOF;
                    }
                    if (buf[pos] == '"') {
                        out.appendChar('"');
                        pos++;
                        continue;
                    }
                    out.endText();
                    int end = terminator();
                    if (end < 0) {
                        throw malformed(number, "unexpected '" + buf[pos] + "' after a closing quote in field "
                                + (c + 1));
                    }
                    return end;
                }
            }
        }
        int length = 0;
        while (true) {
            if (!ensure()) {
                out.endText();
                return EOF;
            }
            int start = pos;
            char ch;
            while (pos < lim && (ch = buf[pos]) != ',' && ch != '\n' && ch != '\r') {
                pos++;
            }
            if (pos > start) {
                out.appendChars(buf, start, pos - start);
                length += pos - start;
            }
            if (pos < lim) {
                out.endText();
                if (length == 0) {
                    out.setNull(c);
                }
                return terminator();
            }
        }
    }

    /** Consumes ',', LF or CRLF at pos; returns -1 (consuming nothing) for anything else. */
    private int terminator() throws IOException {
        char ch = buf[pos];
        if (ch == ',') {
            pos++;
            return SEP;
        }
        if (ch == '\n') {
            pos++;
            return EOL;
        }
        if (ch == '\r') {
            pos++;
            if (ensure() && buf[pos] == '\n') {
                pos++;
            }
            return EOL;
        }
        return -1;
    }

    private int tsvField(RowBuffer out, int c) throws IOException {
        out.beginText(c);
        int length = 0;
        boolean nullMarker = false;
        while (true) {
            if (!ensure()) {
                out.endText();
                return EOF;
            }
            int start = pos;
            char ch = 0;
            while (pos < lim && (ch = buf[pos]) != '\t' && ch != '\n' && ch != '\\' && ch != '\r') {
                pos++;
            }
            if (pos > start) {
                out.appendChars(buf, start, pos - start);
                length += pos - start;
            }
            if (pos == lim) {
                continue;
            }
            pos++;
            if (ch == '\t' || ch == '\n') {
                out.endText();
                if (nullMarker && length == 2) {
                    out.setNull(c);
                }
                return ch == '\t' ? SEP : EOL;
            }
            if (!ensure()) {
                out.endText();
                return EOF;
            }
            if (ch == '\r') {
                if (buf[pos] == '\n') {
                    pos++;
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
            char e = buf[pos++];
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
                    out.appendChar(e);
                }
            }
            length += 2;
        }
    }

    /** Releases the response (without draining it); the body stream itself is the response's to close. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            onClose.close();
        } catch (Exception ignored) {
            // Releasing an abandoned response; nothing useful to report.
        }
    }
}
