package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.codec.JsonScanner;
import dev.rowpipe.internal.codec.JsonText;
import dev.rowpipe.internal.codec.StreamingCursor;
import dev.rowpipe.internal.codec.Utf8;
import dev.rowpipe.internal.convert.Conversion;

import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Streams Firebolt's JSON and JSON_Compact results:
 * {@code {"meta":[{"name":..,"type":..}],"data":[..rows..],"rows":N,"statistics":{..}}}, each row an object
 * (JSON, matched to columns by name) or an array (JSON_Compact), told apart row by row. Read with
 * {@link JsonScanner}: scalars go into the {@link RowBuffer} as text straight from the body's bytes (numbers as
 * written), so no String or Number is made per value; object keys are compared in place against the column
 * names' UTF-8 bytes.
 * Errors the server writes into a 200 body ({@code "errors"}/{@code "error"} keys, or {@code Code: ..
 * DB::Exception} text after or inside the JSON) are raised when the reader reaches them.
 */
public final class FireboltJsonDecoder {
    private FireboltJsonDecoder() {
    }

    /**
     * Reads the body's header (up to the start of {@code data}) and returns a cursor over the rows.
     * When this throws, {@code onClose} has been closed.
     */
    public static DecodedResult open(InputStream body, Function<String, ColumnType> typeParser,
                                     AutoCloseable onClose) throws SQLException {
        return open(body, typeParser, onClose, null);
    }

    /**
     * As {@link #open(InputStream, Function, AutoCloseable)}; {@code onStatistics} (when not null) receives the
     * body's {@code "statistics"} object (numbers as Long or Double) when the cursor reads it after the rows.
     */
    public static DecodedResult open(InputStream body, Function<String, ColumnType> typeParser,
                                     AutoCloseable onClose, Consumer<Map<?, ?>> onStatistics) throws SQLException {
        Reader reader = new Reader(body, onClose, onStatistics);
        return reader.openOrClose(() -> reader.open(typeParser));
    }

    private static final class Reader extends FireboltJsonCursor {
        private final Consumer<Map<?, ?>> onStatistics;
        private String[] names;
        /** The column names' UTF-8 bytes, compared in place with the next key; null for names that need escaping. */
        private byte[][] keys;
        private Map<String, Integer> index;
        /** seen[c] == rows + 1 when column c got a value in the row being read (no clearing per row). */
        private long[] seen;
        private boolean firstRow = true;
        /** The column of an object row whose value is being read, else -1 (names it in errors). */
        private int reading = -1;

        Reader(InputStream body, AutoCloseable onClose, Consumer<Map<?, ?>> onStatistics) {
            super(body, onClose);
            this.onStatistics = onStatistics;
        }

        DecodedResult open(Function<String, ColumnType> typeParser) throws SQLException, IOException {
            s.skipByteOrderMark();
            int c = s.read();
            if (c < 0) {
                // An empty body: a statement without a result set.
                return new DecodedResult(List.of(), StreamingCursor.empty(this));
            }
            if (c != '{') {
                if (JsonScanner.startsValue(c)) {
                    throw malformed("the body does not start with a JSON object");
                }
                throw JsonScanner.unexpected(c, "a JSON object");
            }
            List<ColumnInfo> columns = null;
            boolean first = true;
            while (true) {
                c = s.read();
                if (c == '}' && first) {
                    checkTrailer();
                    return new DecodedResult(List.of(), StreamingCursor.empty(this));
                }
                if (!first) {
                    if (c == '}') {
                        checkTrailer();
                        return new DecodedResult(columns == null ? List.of() : columns,
                                StreamingCursor.empty(this));
                    }
                    if (c != ',') {
                        throw JsonScanner.unexpected(c, "',' or '}' in the body object");
                    }
                    c = s.read();
                }
                first = false;
                if (c != '"') {
                    throw JsonScanner.unexpected(c, "a key in the body object");
                }
                String field = s.string();
                s.expect(':', "after a key");
                c = s.peek();
                if (c < 0) {
                    throw endedEarly(null);
                }
                switch (field) {
                    case "meta" -> columns = readMeta(typeParser);
                    case "data" -> {
                        if (columns == null) {
                            throw malformed("\"data\" comes before \"meta\"");
                        }
                        if (c != '[') {
                            throw malformed("\"data\" is not an array");
                        }
                        s.skip();
                        prepare(columns);
                        return new DecodedResult(columns, this);
                    }
                    case "error", "errors", "exception" -> throw ServerErrorText.exception(errorText());
                    default -> s.value(1, false);
                }
            }
        }

        private List<ColumnInfo> readMeta(Function<String, ColumnType> typeParser) throws SQLException,
                IOException {
            if (s.peek() != '[') {
                throw malformed("\"meta\" is not an array");
            }
            s.skip();
            List<ColumnInfo> columns = new ArrayList<>();
            int c = s.peek();
            if (c == ']') {
                s.skip();
                return List.of();
            }
            while (true) {
                c = s.read();
                if (c != '{') {
                    if (c < 0) {
                        throw endedEarly(null);
                    }
                    if (JsonScanner.startsValue(c)) {
                        throw malformed("\"meta\" holds something other than column objects");
                    }
                    throw JsonScanner.unexpected(c, "a column object in \"meta\"");
                }
                columns.add(readColumn(typeParser, columns.size() + 1));
                c = s.read();
                if (c == ']') {
                    return List.copyOf(columns);
                }
                if (c != ',') {
                    throw JsonScanner.unexpected(c, "',' or ']' in \"meta\"");
                }
            }
        }

        /** One {"name":..,"type":..} object of "meta", its opening brace consumed. */
        private ColumnInfo readColumn(Function<String, ColumnType> typeParser, int number) throws SQLException,
                IOException {
            String name = null;
            String type = null;
            if (s.peek() == '}') {
                s.skip();
            } else {
                while (true) {
                    s.expect('"', "(a key) in a column object");
                    String field = s.string();
                    s.expect(':', "after a key");
                    int c = s.peek();
                    if ("name".equals(field) && c == '"') {
                        s.skip();
                        name = s.string();
                    } else if ("type".equals(field) && c == '"') {
                        s.skip();
                        type = s.string();
                    } else {
                        s.value(3, false);
                    }
                    c = s.read();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw JsonScanner.unexpected(c, "',' or '}' in a column object");
                    }
                }
            }
            if (name == null || type == null) {
                throw malformed("column " + number + " in \"meta\" lacks a name or type");
            }
            return FireboltResults.column(name, type, typeParser);
        }

        private void prepare(List<ColumnInfo> columns) {
            width = columns.size();
            names = new String[width];
            keys = new byte[width][];
            index = new HashMap<>();
            for (int i = 0; i < width; i++) {
                names[i] = columns.get(i).name();
                keys[i] = plainKey(names[i]);
                index.putIfAbsent(names[i], i);
            }
            seen = new long[width];
        }

        /** The name's UTF-8 bytes when JSON writes them unescaped (the in-place match is then exact), else null. */
        private static byte[] plainKey(String name) {
            for (int i = 0; i < name.length(); i++) {
                char ch = name.charAt(i);
                if (ch < 0x20 || ch == '"' || ch == '\\' || Character.isSurrogate(ch)) {
                    return null;
                }
            }
            return name.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected boolean readRow(RowBuffer row) throws SQLException, IOException {
            if (row.width() < width) {
                throw SqlState.GENERAL_ERROR.exception(
                        "Row buffer has " + row.width() + " columns, the result has " + width);
            }
            // The separator before a row is read only when the next row is asked for, so a row is returned as
            // soon as its last byte arrives.
            int c = s.read();
            if (firstRow) {
                firstRow = false;
            } else if (c == ',') {
                c = s.read();
            } else if (c != ']') {
                if (c < 0) {
                    throw endedEarly(null);
                }
                throw JsonScanner.unexpected(c, "',' or ']' after row " + rows);
            } else {
                finish();
                return false;
            }
            if (c == '[') {
                readCompactRow(row);
                return true;
            }
            if (c == '{') {
                readObjectRow(row);
                return true;
            }
            if (c == ']' && rows == 0) {
                finish();
                return false;
            }
            if (c < 0) {
                throw endedEarly(null);
            }
            if (JsonScanner.startsValue(c)) {
                throw malformed("row " + (rows + 1) + " is neither an object nor an array");
            }
            throw JsonScanner.unexpected(c, "a row");
        }

        private void readObjectRow(RowBuffer row) throws SQLException, IOException {
            long mark = rows + 1;
            int filled = 0;
            if (s.peek() == '}') {
                s.skip();
            } else {
                while (true) {
                    s.expect('"', "(a key) in a row");
                    // Servers write keys in column order: the expected key's bytes are compared in place (no
                    // String); the map is only for keys in another order or spelled with escapes.
                    int column;
                    byte[] expected = filled < width ? keys[filled] : null;
                    if (expected != null && s.matchKey(expected)) {
                        column = filled;
                    } else {
                        String name = s.string();
                        column = index.getOrDefault(name, -1);
                        if (column < 0) {
                            throw SqlState.GENERAL_ERROR.exception("Row " + mark + " has a value for unknown column '"
                                    + Conversion.shorten(name) + "'");
                        }
                    }
                    if (seen[column] == mark) {
                        throw SqlState.GENERAL_ERROR.exception("Row " + mark + " has two values for column '"
                                + Conversion.shorten(names[column]) + "'");
                    }
                    seen[column] = mark;
                    s.expect(':', "after a key");
                    reading = column;
                    s.valueToRow(row, column, ROW_DEPTH, JsonScanner.Numbers.TEXT);
                    reading = -1;
                    filled++;
                    int c = s.read();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw JsonScanner.unexpected(c, "',' or '}' in row " + mark);
                    }
                }
            }
            if (filled != width) {
                for (int i = 0; i < width; i++) {
                    if (seen[i] != mark) {
                        throw SqlState.GENERAL_ERROR.exception(
                                "Row " + mark + " has " + filled + " values, expected " + width
                                + " (no value for column '" + names[i] + "')");
                    }
                }
            }
        }

        /** After the rows: checks the rest of the object ("rows", errors) and that nothing follows it. */
        private void finish() throws SQLException, IOException {
            String field;
            while ((field = nextKey("after the rows", "a key after the rows")) != null) {
                if (s.peek() < 0) {
                    throw endedEarly(null);
                }
                switch (field) {
                    case "rows" -> {
                        Object announced = s.value(1, false);
                        if (announced instanceof Long n && n != rows
                                || announced instanceof BigDecimal d && d.scale() == 0) {
                            throw SqlState.COMMUNICATION_ERROR.exception(
                                    "Result has " + rows + " rows but the server announced "
                                    + JsonText.scalarText(announced));
                        }
                    }
                    case "error", "errors", "exception" -> throw ServerErrorText.exception(errorText());
                    case "statistics" -> {
                        Object statistics = s.value(1, true);
                        if (onStatistics != null && statistics instanceof Map<?, ?> m) {
                            onStatistics.accept(m);
                        }
                    }
                    default -> s.value(1, false);
                }
            }
            checkTrailer();
        }

        /** Anything but whitespace after the closing brace is an error the server appended. */
        private void checkTrailer() throws SQLException, IOException {
            String text = trailer();
            if (!text.isBlank()) {
                String server = ServerErrorText.extract(text);
                if (server != null) {
                    throw ServerErrorText.exception(server);
                }
                throw SqlState.GENERAL_ERROR.exception(
                        "Unexpected text after the result: " + Conversion.shorten(text.strip()));
            }
        }

        /** The server's message from an error value: a string, or the description/message of its objects. */
        private String errorText() throws IOException {
            Object value = s.value(1, false);
            StringBuilder out = new StringBuilder();
            collectMessages(value, out);
            return out.length() > 0 ? out.toString() : Conversion.shorten(JsonText.write(value));
        }

        private static void collectMessages(Object value, StringBuilder out) {
            if (value instanceof String s) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append(s);
            } else if (value instanceof List<?> list) {
                for (Object element : list) {
                    collectMessages(element, out);
                }
            } else if (value instanceof Map<?, ?> map) {
                for (String key : new String[] {"description", "message", "error", "text"}) {
                    if (map.get(key) instanceof String s) {
                        collectMessages(s, out);
                        return;
                    }
                }
                collectMessages(JsonText.write(map), out);
            }
        }

        private SQLException malformed(String what) {
            return SqlState.COMMUNICATION_ERROR.exception(
                    "Malformed Firebolt JSON result after " + rows + " rows: " + what);
        }

        @Override
        protected SQLException translate(Exception e) {
            if (e instanceof Utf8.Malformed m) {
                int column = reading >= 0 ? reading : s.arrayColumn();
                return FireboltResults.invalidUtf8("JSON", rows + 1, column >= 0 ? names[column] : null,
                        names == null ? "before the rows" : "row " + (rows + 1), m);
            }
            if (e instanceof JsonScanner.Malformed) {
                // The scanner met something that is not JSON: usually the server's error text.
                String seen = textAroundMalformed();
                String server = ServerErrorText.extract(seen);
                if (server != null) {
                    return ServerErrorText.exception(server);
                }
                return SqlState.COMMUNICATION_ERROR.exception("Malformed Firebolt JSON result after " + rows + " rows: "
                        + Conversion.shorten(e.getMessage()), e);
            }
            return endedEarly(e);
        }
    }
}
