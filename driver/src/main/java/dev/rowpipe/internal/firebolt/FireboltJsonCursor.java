package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.codec.JsonScanner;
import dev.rowpipe.internal.codec.StreamingCursor;
import dev.rowpipe.internal.codec.TailRecordingInputStream;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.RowBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * What the cursors of Firebolt's JSON layouts share ({@link FireboltJsonDecoder}'s JSON and JSON_Compact,
 * {@link FireboltJsonLinesDecoder}'s JSONLines_Compact): the body read by a {@link JsonScanner} through a
 * {@link TailRecordingInputStream} (to show the server's text where parsing stops), rows as arrays of values kept as
 * the text they are written as, the keys of an object after a value, and the text after the result.
 */
abstract class FireboltJsonCursor extends StreamingCursor {
    /** Read buffer of the scanner: big enough that most reads from the HTTP stream fill it in one call. */
    private static final int BUFFER = 32 * 1024;
    /** Bytes of the body kept to show the server's text when parsing stops at something that is not JSON. */
    private static final int TAIL = 16 * 1024;
    /** Anything after the result is read up to this size only (it should be nothing or whitespace). */
    private static final int MAX_TRAILER = 64 * 1024;
    /** How much of the body after the point where parsing stopped is read to show the server's text whole. */
    private static final int MAX_REST = 4096;
    /** Nesting depth of a row's values: the enclosing object, "data", the row. */
    static final int ROW_DEPTH = 3;

    final TailRecordingInputStream in;
    final JsonScanner s;
    /** The number of columns, once the header named them. */
    int width;
    /** Every column's numbers are kept as the text they are written as: the getter parses them exactly. */
    private JsonScanner.Numbers[] numbers;

    FireboltJsonCursor(InputStream body, AutoCloseable onClose) {
        super(0, onClose);
        this.in = new TailRecordingInputStream(body, TAIL);
        this.s = new JsonScanner(in, BUFFER, FireboltResults.UTF8);
    }

    /** Reads a row written as an array ({@code [} consumed) into {@code row}: exactly one value per column. */
    final void readCompactRow(RowBuffer row) throws SQLException, IOException {
        if (numbers == null || numbers.length != width) {
            numbers = new JsonScanner.Numbers[width];
            Arrays.fill(numbers, JsonScanner.Numbers.TEXT);
        }
        int count = s.arrayToRow(row, ROW_DEPTH, numbers);
        if (count > width) {
            throw SqlState.GENERAL_ERROR.exception("Row " + (rows + 1) + " has more than " + width + " values");
        }
        if (count != width) {
            throw SqlState.GENERAL_ERROR.exception(
                    "Row " + (rows + 1) + " has " + count + " values, expected " + width);
        }
    }

    /**
     * After a value inside an object: consumes the comma and the next key with its colon and returns the key, or
     * consumes the closing brace and returns null. {@code after} and {@code key} name what was expected in errors.
     */
    final String nextKey(String after, String key) throws SQLException, IOException {
        int c = s.read();
        if (c == '}') {
            return null;
        }
        if (c != ',') {
            if (c < 0) {
                throw endedEarly(null);
            }
            throw JsonScanner.unexpected(c, "',' or '}' " + after);
        }
        s.expect('"', key);
        String name = s.string();
        s.expect(':', "after a key");
        return name;
    }

    /** The text after the result (the scanner's buffer and what follows, up to {@value #MAX_TRAILER} bytes). */
    final String trailer() throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(s.takeBuffered());
        rest.write(in.readNBytes(MAX_TRAILER));
        return rest.toString(StandardCharsets.UTF_8);
    }

    /**
     * Where the scanner met something that is not JSON: the body's last bytes read and what follows them, so that
     * a server error split across the scanner's buffer is whole.
     */
    final String textAroundMalformed() {
        return in.recordedFrom(0) + ServerErrorText.readRest(in, MAX_REST);
    }

    /** The rest of the body after a line that is not JSON, from the byte {@code c} the scanner just read. */
    final String textFrom(int c) {
        return (char) c + new String(s.takeBuffered(), StandardCharsets.UTF_8) + ServerErrorText.readRest(in, MAX_REST);
    }
}
