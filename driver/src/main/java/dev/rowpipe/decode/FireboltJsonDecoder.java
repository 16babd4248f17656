package dev.rowpipe.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.rowpipe.spi.ColumnInfo;
import dev.rowpipe.spi.ColumnType;
import dev.rowpipe.spi.RowBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Streams Firebolt's JSON and JSON_Compact results:
 * {@code {"meta":[{"name":..,"type":..}],"data":[..rows..],"rows":N,"statistics":{..}}}, each row an object
 * (JSON, matched to columns by name) or an array (JSON_Compact), told apart row by row. Scalars go into the
 * {@link RowBuffer} as the parser's own characters (numbers too), so no String or Number is made per value.
 * Errors the server writes into a 200 body ({@code "errors"}/{@code "error"} keys, or {@code Code: ..
 * DB::Exception} text after or inside the JSON) are raised when the reader reaches them.
 */
public final class FireboltJsonDecoder {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // Same values as Double.parseDouble / new BigDecimal, parsed faster (FastDoubleParser inside Jackson).
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .build();
    /** Bytes of the body kept to show the server's text when parsing stops at something that is not JSON. */
    private static final int TAIL = 16 * 1024;
    /** Anything after the closing brace is read up to this size only (it should be nothing or whitespace). */
    private static final int MAX_TRAILER = 64 * 1024;

    private FireboltJsonDecoder() {
    }

    /**
     * Reads the body's header (up to the start of {@code data}) and returns a cursor over the rows.
     * When this throws, {@code onClose} has been closed.
     */
    public static DecodedResult open(InputStream body, Function<String, ColumnType> typeParser,
                                     AutoCloseable onClose) throws SQLException {
        TailRecordingInputStream in = new TailRecordingInputStream(body, TAIL);
        Reader reader = new Reader(in, onClose);
        return reader.openOrClose(() -> reader.open(typeParser));
    }

    private static final class Reader extends StreamingCursor {
        private final TailRecordingInputStream in;
        private JsonParser p;
        private String[] names;
        /** The column names as pre-encoded keys: the parser compares the next key's bytes against these. */
        private SerializedString[] keys;
        private Map<String, Integer> index;
        /** seen[c] == rows + 1 when column c got a value in the row being read (no clearing per row). */
        private long[] seen;
        private int width;

        Reader(TailRecordingInputStream in, AutoCloseable onClose) {
            this(in, onClose, 0);
        }

        private Reader(TailRecordingInputStream in, AutoCloseable onClose, int width) {
            super(width, onClose);
            this.in = in;
        }

        DecodedResult open(Function<String, ColumnType> typeParser) throws SQLException, IOException {
            p = FACTORY.createParser(in);
            JsonToken t = p.nextToken();
            if (t == null) {
                // An empty body: a statement without a result set.
                return new DecodedResult(List.of(), StreamingCursor.empty(this));
            }
            if (t != JsonToken.START_OBJECT) {
                throw malformed("the body does not start with a JSON object");
            }
            List<ColumnInfo> columns = null;
            while (true) {
                t = p.nextToken();
                if (t == null) {
                    throw endedEarly(null);
                }
                if (t == JsonToken.END_OBJECT) {
                    checkTrailer();
                    return new DecodedResult(columns == null ? List.of() : columns, StreamingCursor.empty(this));
                }
                String field = p.currentName();
                t = p.nextToken();
                if (t == null) {
                    throw endedEarly(null);
                }
                switch (field) {
                    case "meta" -> columns = readMeta(typeParser);
                    case "data" -> {
                        if (columns == null) {
                            throw malformed("\"data\" comes before \"meta\"");
                        }
                        if (t != JsonToken.START_ARRAY) {
                            throw malformed("\"data\" is not an array");
                        }
                        prepare(columns);
                        return new DecodedResult(columns, this);
                    }
                    case "error", "errors", "exception" -> throw ServerErrorText.exception(errorText());
                    default -> p.skipChildren();
                }
            }
        }


        private List<ColumnInfo> readMeta(Function<String, ColumnType> typeParser) throws SQLException,
                IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw malformed("\"meta\" is not an array");
            }
            List<ColumnInfo> columns = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                String name = null;
                String type = null;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    t = p.nextToken();
                    if ("name".equals(field) && t == JsonToken.VALUE_STRING) {
                        name = p.getText();
                    } else if ("type".equals(field) && t == JsonToken.VALUE_STRING) {
                        type = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                if (t != JsonToken.END_OBJECT) {
                    throw endedEarly(null);
                }
                if (name == null || type == null) {
                    throw malformed("column " + (columns.size() + 1) + " in \"meta\" lacks a name or type");
                }
                ColumnType columnType;
                try {
                    columnType = typeParser.apply(type);
                } catch (RuntimeException e) {
                    throw new SQLException("Cannot understand type '" + Conversion.shorten(type) + "' of column "
                            + name, "HY000", e);
                }
                if (columnType == null) {
                    throw new SQLException("Cannot understand type '" + Conversion.shorten(type)
                            + "' of column " + name, "HY000");
                }
                columns.add(new ColumnInfo(name, columnType));
            }
            if (t == null) {
                throw endedEarly(null);
            }
            if (t != JsonToken.END_ARRAY) {
                throw malformed("\"meta\" holds something other than column objects");
            }
            return List.copyOf(columns);
        }

        private void prepare(List<ColumnInfo> columns) {
            width = columns.size();
            names = new String[width];
            keys = new SerializedString[width];
            index = new HashMap<>();
            for (int i = 0; i < width; i++) {
                names[i] = columns.get(i).name();
                keys[i] = new SerializedString(names[i]);
                index.putIfAbsent(names[i], i);
            }
            seen = new long[width];
        }

        @Override
        protected boolean readRow(RowBuffer row) throws SQLException, IOException {
            if (row.width() < width) {
                throw new SQLException("Row buffer has " + row.width() + " columns, the result has " + width,
                        "HY000");
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                readCompactRow(row);
                return true;
            }
            if (t == JsonToken.START_OBJECT) {
                readObjectRow(row);
                return true;
            }
            if (t == JsonToken.END_ARRAY) {
                finish();
                return false;
            }
            if (t == null) {
                throw endedEarly(null);
            }
            throw malformed("row " + (rows + 1) + " is neither an object nor an array");
        }

        private void readCompactRow(RowBuffer row) throws SQLException, IOException {
            int column = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw endedEarly(null);
                }
                if (column >= width) {
                    throw new SQLException("Row " + (rows + 1) + " has more than " + width + " values", "HY000");
                }
                value(row, column++, t);
            }
            if (column != width) {
                throw new SQLException("Row " + (rows + 1) + " has " + column + " values, expected " + width,
                        "HY000");
            }
        }

        private void readObjectRow(RowBuffer row) throws SQLException, IOException {
            long mark = rows + 1;
            int filled = 0;
            JsonToken t;
            while (true) {
                // Servers write keys in column order: the parser checks the expected key's bytes in place (no
                // symbol table lookup, no String); the map is only for keys in another order.
                int column;
                if (filled < width && p.nextFieldName(keys[filled])) {
                    t = JsonToken.FIELD_NAME;
                    column = filled;
                } else {
                    t = filled < width ? p.currentToken() : p.nextToken();
                    if (t != JsonToken.FIELD_NAME) {
                        break;
                    }
                    column = index.getOrDefault(p.currentName(), -1);
                }
                if (column < 0) {
                    String name = p.currentName();
                    throw new SQLException("Row " + mark + " has a value for unknown column '"
                            + Conversion.shorten(name) + "'", "HY000");
                }
                if (seen[column] == mark) {
                    throw new SQLException("Row " + mark + " has two values for column '"
                            + Conversion.shorten(names[column]) + "'", "HY000");
                }
                seen[column] = mark;
                t = p.nextToken();
                if (t == null) {
                    throw endedEarly(null);
                }
                value(row, column, t);
                filled++;
            }
            if (t == null) {
                throw endedEarly(null);
            }
            if (t != JsonToken.END_OBJECT) {
                throw malformed("row " + mark + " is not a JSON object");
            }
            if (filled != width) {
                for (int i = 0; i < width; i++) {
                    if (seen[i] != mark) {
                        throw new SQLException("Row " + mark + " has " + filled + " values, expected " + width
                                + " (no value for column '" + names[i] + "')", "HY000");
                    }
                }
            }
        }

        private void value(RowBuffer row, int column, JsonToken t) throws SQLException, IOException {
            switch (t) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                        row.setText(column, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                case VALUE_NULL -> row.setNull(column);
                case VALUE_TRUE -> row.setBoolean(column, true);
                case VALUE_FALSE -> row.setBoolean(column, false);
                case START_ARRAY, START_OBJECT -> row.setObject(column, JsonValues.read(p));
                default -> throw malformed("unexpected " + t + " in row " + (rows + 1));
            }
        }

        /** After the rows: checks the rest of the object ("rows", errors) and that nothing follows it. */
        private void finish() throws SQLException, IOException {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                t = p.nextToken();
                if (t == null) {
                    throw endedEarly(null);
                }
                switch (field) {
                    case "rows" -> {
                        if (t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() != rows) {
                            throw new SQLException("Result has " + rows + " rows but the server announced "
                                    + p.getLongValue(), "08S01");
                        }
                    }
                    case "error", "errors", "exception" -> throw ServerErrorText.exception(errorText());
                    default -> p.skipChildren();
                }
            }
            if (t == null) {
                throw endedEarly(null);
            }
            if (t != JsonToken.END_OBJECT) {
                throw malformed("unexpected " + t + " after the rows");
            }
            checkTrailer();
        }

        /** Anything but whitespace after the closing brace is an error the server appended. */
        private void checkTrailer() throws SQLException, IOException {
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            p.releaseBuffered(rest);
            rest.write(in.readNBytes(MAX_TRAILER));
            String text = rest.toString(StandardCharsets.UTF_8);
            if (!text.isBlank()) {
                String server = ServerErrorText.extract(text);
                if (server != null) {
                    throw ServerErrorText.exception(server);
                }
                throw new SQLException("Unexpected text after the result: " + Conversion.shorten(text.strip()),
                        "HY000");
            }
            p.close();
        }

        /** The server's message from an error value: a string, or the description/message of its objects. */
        private String errorText() throws IOException {
            Object value = JsonValues.read(p);
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
            return new SQLException("Malformed Firebolt JSON result after " + rows + " rows: " + what, "08S01");
        }

        @Override
        protected SQLException translate(Exception e) {
            if (e instanceof JsonEOFException) {
                return endedEarly(e);
            }
            if (e instanceof StreamReadException) {
                // The parser met something that is not JSON: usually the server's error text.
                String seen = in.recordedFrom(0) + ServerErrorText.readRest(in, 4096);
                String server = ServerErrorText.extract(seen);
                if (server != null) {
                    return ServerErrorText.exception(server);
                }
                return new SQLException("Malformed Firebolt JSON result after " + rows + " rows: "
                        + Conversion.shorten(((StreamReadException) e).getOriginalMessage()), "08S01", e);
            }
            return endedEarly(e);
        }
    }
}
