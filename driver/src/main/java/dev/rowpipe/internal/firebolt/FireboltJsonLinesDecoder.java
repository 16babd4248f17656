package dev.rowpipe.internal.firebolt;

import dev.rowpipe.internal.codec.DecodedResult;
import dev.rowpipe.internal.codec.JsonScanner;
import dev.rowpipe.internal.codec.StreamingCursor;
import dev.rowpipe.internal.codec.Utf8;
import dev.rowpipe.internal.convert.Conversion;
import dev.rowpipe.internal.error.SqlState;
import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.RowBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Streams Firebolt 2.0's JSONLines_Compact results: one JSON object per line, {@code START} ({@code result_columns}
 * [{name, type}], {@code query_id}, ...), any number of {@code DATA} ({@code data}: rows as arrays, each row
 * returned as soon as its last byte arrives), then {@code FINISH_SUCCESSFULLY} or {@code FINISH_WITH_ERRORS}
 * ({@code errors}; also spelled {@code FINISH_WITH_ERROR}). The result is complete only at {@code
 * FINISH_SUCCESSFULLY}: a body that ends before it, wherever it is cut, is an error, and so is an error message
 * after rows: the rows before it were returned, the failure is raised where the next row would be. Message types
 * the driver does not know are skipped. An empty body is a statement without a result, as in the other formats.
 */
public final class FireboltJsonLinesDecoder {
    /** Depth of values skipped inside a message object (the line object is level 1). */
    private static final int MESSAGE_DEPTH = 1;

    private FireboltJsonLinesDecoder() {
    }

    /**
     * Reads the {@code START} message and returns a cursor over the rows; a statement without a result (no
     * columns) is read to its {@code FINISH} here. When this throws, {@code onClose} has been closed.
     *
     * @param queryId told the server's query id when {@code START} names it; may be null
     */
    public static DecodedResult open(InputStream body, Function<String, ColumnType> typeParser, AutoCloseable onClose,
                                     Consumer<String> queryId) throws SQLException {
        return open(body, typeParser, onClose, queryId, null);
    }

    /**
     * As {@link #open(InputStream, Function, AutoCloseable, Consumer)}; {@code onStatistics}, when not null, is given
     * {@code FINISH_SUCCESSFULLY}'s {@code statistics} (numbers as Long or Double) before the cursor reports the end.
     */
    public static DecodedResult open(InputStream body, Function<String, ColumnType> typeParser, AutoCloseable onClose,
                                     Consumer<String> queryId, Consumer<Map<?, ?>> onStatistics) throws SQLException {
        Reader reader = new Reader(body, onClose, queryId, onStatistics);
        return reader.openOrClose(() -> reader.open(typeParser));
    }

    /** What one line is. */
    private enum Type { START, DATA, FINISH_SUCCESSFULLY, FINISH_WITH_ERRORS, OTHER }

    /** One message read up to its end, or (DATA) up to the first row of its {@code data}. */
    private record Message(Type type, String typeName, List<Object> columns, Object errors, boolean inData) {
    }

    private static final class Reader extends FireboltJsonCursor {
        private final Consumer<String> queryId;
        private final Consumer<Map<?, ?>> onStatistics;
        private String[] names;
        /** Inside a DATA message's {@code data} array. */
        private boolean inData;
        private boolean firstInData;

        Reader(InputStream body, AutoCloseable onClose, Consumer<String> queryId, Consumer<Map<?, ?>> onStatistics) {
            super(body, onClose);
            this.queryId = queryId;
            this.onStatistics = onStatistics;
        }

        DecodedResult open(Function<String, ColumnType> typeParser) throws SQLException, IOException {
            s.skipByteOrderMark();
            Message start = next();
            if (start == null) {
                // An empty body, as the other formats answer a statement without a result (a body cut short is
                // not empty: the transport reports the missing end).
                return new DecodedResult(List.of(), StreamingCursor.empty(this));
            }
            if (start.type() == Type.FINISH_WITH_ERRORS) {
                throw failure(start);
            }
            if (start.type() != Type.START) {
                throw malformed("the first message is " + start.typeName() + ", not START");
            }
            List<ColumnInfo> columns = columns(start.columns(), typeParser);
            width = columns.size();
            names = columns.stream().map(ColumnInfo::name).toArray(String[]::new);
            if (columns.isEmpty()) {
                // A statement without a result: it succeeded only if the body says so.
                readRow(null);
                return new DecodedResult(List.of(), StreamingCursor.empty(this));
            }
            return new DecodedResult(columns, this);
        }

        private List<ColumnInfo> columns(List<Object> described, Function<String, ColumnType> typeParser)
                throws SQLException {
            if (described == null) {
                return List.of();
            }
            List<ColumnInfo> columns = new ArrayList<>(described.size());
            for (Object o : described) {
                if (!(o instanceof Map<?, ?> column) || !(column.get("name") instanceof String name)
                        || !(column.get("type") instanceof String type)) {
                    throw malformed("column " + (columns.size() + 1) + " of START lacks a name or type");
                }
                columns.add(FireboltResults.column(name, type, typeParser));
            }
            return List.copyOf(columns);
        }

        /** {@code row} is null while {@link #open} reads a result without columns to its end. */
        @Override
        protected boolean readRow(RowBuffer row) throws SQLException, IOException {
            while (true) {
                if (inData) {
                    int c = s.read();
                    if (firstInData) {
                        firstInData = false;
                    } else if (c == ',') {
                        c = s.read();
                    } else if (c != ']') {
                        if (c < 0) {
                            throw endedEarly(null);
                        }
                        throw JsonScanner.unexpected(c, "',' or ']' after row " + rows);
                    }
                    if (c == ']') {
                        inData = false;
                        endObject(true);
                        continue;
                    }
                    if (c != '[') {
                        if (c < 0) {
                            throw endedEarly(null);
                        }
                        throw JsonScanner.unexpected(c, "a row (an array)");
                    }
                    if (row == null) {
                        throw malformed("a result without columns has rows");
                    }
                    readCompactRow(row);
                    return true;
                }
                Message m = next();
                if (m == null) {
                    throw SqlState.COMMUNICATION_ERROR.exception("Result ended early after " + rows
                            + " rows: the body ends before FINISH_SUCCESSFULLY");
                }
                switch (m.type()) {
                    case DATA -> {
                        if (m.inData()) {
                            inData = true;
                            firstInData = true;
                        }
                    }
                    case FINISH_SUCCESSFULLY -> {
                        checkTrailer();
                        return false;
                    }
                    case FINISH_WITH_ERRORS -> throw failure(m);
                    case START -> throw malformed("a second START message");
                    case OTHER -> {
                        // A message type this driver does not know (progress, statistics): nothing to return.
                    }
                }
            }
        }

        /**
         * Reads the next message: the whole object, or up to the first row when it is a DATA message whose
         * {@code data} holds rows. Null at the end of the body (between lines).
         */
        private Message next() throws SQLException, IOException {
            int c = s.read();
            if (c < 0) {
                return null;
            }
            if (c != '{') {
                throw notJson(c);
            }
            String typeName = null;
            List<Object> columns = null;
            Object errors = null;
            Object statistics = null;
            if (s.peek() == '}') {
                s.skip();
                return message(null, null, null);
            }
            while (true) {
                s.expect('"', "a key in a message");
                String key = s.string();
                s.expect(':', "after a key");
                int v = s.peek();
                if (v < 0) {
                    throw endedEarly(null);
                }
                switch (key) {
                    case "message_type" -> {
                        if (v != '"') {
                            throw malformed("message_type is not a string");
                        }
                        s.skip();
                        typeName = s.string();
                    }
                    case "data" -> {
                        if (v != '[') {
                            throw malformed("\"data\" is not an array");
                        }
                        if (typeName != null && !typeName.equals("DATA")) {
                            throw malformed(typeName + " carries \"data\"");
                        }
                        s.skip();
                        // Only DATA messages carry rows; the rest of the object is read once they are.
                        return new Message(Type.DATA, "DATA", null, null, true);
                    }
                    case "result_columns" -> columns = list(s.value(MESSAGE_DEPTH, false), "result_columns");
                    case "errors" -> errors = s.value(MESSAGE_DEPTH, false);
                    case "statistics" -> statistics = s.value(MESSAGE_DEPTH, true);
                    case "query_id" -> {
                        Object id = s.value(MESSAGE_DEPTH, false);
                        if (id instanceof String text && queryId != null) {
                            queryId.accept(text);
                        }
                    }
                    default -> s.value(MESSAGE_DEPTH, false);
                }
                c = s.read();
                if (c == '}') {
                    Message m = message(typeName, columns, errors);
                    if (m.type() == Type.FINISH_SUCCESSFULLY && onStatistics != null
                            && statistics instanceof Map<?, ?> map) {
                        onStatistics.accept(map);
                    }
                    return m;
                }
                if (c != ',') {
                    if (c < 0) {
                        throw endedEarly(null);
                    }
                    throw JsonScanner.unexpected(c, "',' or '}' in a message");
                }
            }
        }

        private Message message(String typeName, List<Object> columns, Object errors) throws SQLException {
            if (typeName == null) {
                throw malformed("a message without message_type");
            }
            Type type = switch (typeName) {
                case "START" -> Type.START;
                case "DATA" -> Type.DATA;
                case "FINISH_SUCCESSFULLY" -> Type.FINISH_SUCCESSFULLY;
                // The second spelling is in one of Firebolt's SDKs.
                case "FINISH_WITH_ERRORS", "FINISH_WITH_ERROR" -> Type.FINISH_WITH_ERRORS;
                default -> Type.OTHER;
            };
            return new Message(type, typeName, columns, errors, false);
        }

        /** The rest of the DATA message after its {@code data} array: other keys, then the closing brace. */
        private void endObject(boolean afterData) throws SQLException, IOException {
            String key;
            while ((key = nextKey("after \"data\"", "a key in a message")) != null) {
                if (key.equals("message_type")) {
                    Object type = s.value(MESSAGE_DEPTH, false);
                    if (afterData && !"DATA".equals(type)) {
                        throw malformed("a " + type + " message carries \"data\"");
                    }
                } else if (key.equals("errors")) {
                    throw Firebolt2Errors.inResult(s.value(MESSAGE_DEPTH, false), rows);
                } else {
                    s.value(MESSAGE_DEPTH, false);
                }
            }
        }

        private SQLException failure(Message m) {
            return Firebolt2Errors.inResult(m.errors(), rows);
        }

        /** After FINISH_SUCCESSFULLY nothing but blanks may follow. */
        private void checkTrailer() throws SQLException, IOException {
            String text = trailer();
            if (!text.isBlank()) {
                throw serverText(text, "Unexpected text after FINISH_SUCCESSFULLY: ");
            }
        }

        /** A line that is not JSON: the server's error text, as the 2.0 engines append it to a 200 body. */
        private SQLException notJson(int c) {
            if (!JsonScanner.startsValue(c)) {
                return serverText(textFrom(c), "Malformed JSONLines_Compact result after " + rows + " rows: ");
            }
            return malformed("a line that is not a JSON object");
        }

        private static SQLException serverText(String text, String otherwise) {
            String server = Firebolt2Errors.errorLine(text);
            if (server == null) {
                server = ServerErrorText.extract(text);
            }
            return server != null ? ServerErrorText.exception(server)
                    : SqlState.GENERAL_ERROR.exception(otherwise + Conversion.shorten(text.strip()));
        }

        private static List<Object> list(Object value, String what) throws SQLException {
            if (value == null) {
                return null;
            }
            if (!(value instanceof List<?> list)) {
                throw SqlState.COMMUNICATION_ERROR.exception("Malformed JSONLines_Compact result: " + what
                        + " is not an array");
            }
            return new ArrayList<>(list);
        }

        private SQLException malformed(String what) {
            return SqlState.COMMUNICATION_ERROR.exception(
                    "Malformed JSONLines_Compact result after " + rows + " rows: " + what);
        }

        @Override
        protected SQLException translate(Exception e) {
            if (e instanceof Utf8.Malformed m) {
                int column = s.arrayColumn();
                return FireboltResults.invalidUtf8("JSONLines_Compact", rows + 1,
                        column >= 0 && names != null ? names[column] : null, "row " + (rows + 1), m);
            }
            if (e instanceof JsonScanner.Malformed) {
                String seen = textAroundMalformed();
                String server = Firebolt2Errors.errorLine(lastLine(seen));
                if (server != null) {
                    return ServerErrorText.exception(server);
                }
                return SqlState.COMMUNICATION_ERROR.exception("Malformed JSONLines_Compact result after " + rows
                        + " rows: " + Conversion.shorten(e.getMessage()), e);
            }
            return endedEarly(e);
        }

        private static String lastLine(String text) {
            String t = text.strip();
            int nl = t.lastIndexOf('\n');
            return nl < 0 ? t : t.substring(nl + 1);
        }
    }
}
