package dev.rowpipe.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.rowpipe.spi.ColumnInfo;
import dev.rowpipe.spi.ColumnType;
import dev.rowpipe.spi.RowBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a Treasure Data {@code json} job result: one JSON array per line, one line per row. Read with Jackson's
 * streaming parser: strings go into the row as characters (no String per value), integers as longs (wider ones as
 * BigDecimal), fractions as doubles (as BigDecimal for DECIMAL columns, so no digits are lost), nested arrays and
 * objects as {@code List} / {@code LinkedHashMap}. A body that ends inside a row or a row of the wrong width is an
 * 08S01 error naming the row.
 */
public final class TdJsonLinesCursor extends StreamingCursor {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            // Same values as Double.parseDouble / new BigDecimal, parsed faster (FastDoubleParser inside Jackson).
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .build();

    private final InputStream body;
    private final boolean[] decimal;
    private final int width;
    private JsonParser parser;

    public TdJsonLinesCursor(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        super(columns.size(), onClose);
        this.body = body;
        this.width = columns.size();
        this.decimal = new boolean[width];
        for (int i = 0; i < width; i++) {
            decimal[i] = columns.get(i).type().kind() == ColumnType.Kind.DECIMAL;
        }
    }

    @Override
    protected boolean readRow(RowBuffer out) throws SQLException, IOException {
        long number = rows + 1;
        if (parser == null) {
            parser = FACTORY.createParser(body);
        }
        JsonToken token = parser.nextToken();
        if (token == null) {
            return false;
        }
        if (token != JsonToken.START_ARRAY) {
            throw malformed(number, "expected a JSON array, found " + token);
        }
        int c = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("the body ended inside the row");
            }
            if (c >= width) {
                throw malformed(number, "row has more than " + width + " values");
            }
            readColumn(out, c, token);
            c++;
        }
        if (c != width) {
            throw malformed(number, "row has " + c + " values but the result has " + width + " columns");
        }
        return true;
    }

    @Override
    protected SQLException translate(Exception e) {
        return new SQLException("Treasure Data json result broke off or is corrupt at row " + (rows + 1) + ": "
                + e.getClass().getSimpleName() + " " + e.getMessage(), "08S01", e);
    }

    private static SQLException malformed(long number, String what) {
        return new SQLException("Treasure Data json result is malformed at row " + number + ": " + what, "08S01");
    }

    private void readColumn(RowBuffer out, int c, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_NULL -> out.setNull(c);
            case VALUE_STRING -> out.setText(c, parser.getTextCharacters(), parser.getTextOffset(),
                    parser.getTextLength());
            case VALUE_TRUE -> out.setBoolean(c, true);
            case VALUE_FALSE -> out.setBoolean(c, false);
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    out.setLong(c, parser.getLongValue());
                } else {
                    out.setObject(c, new BigDecimal(parser.getBigIntegerValue()));
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                if (decimal[c] && !parser.isNaN()) {
                    out.setObject(c, parser.getDecimalValue());
                } else {
                    out.setDouble(c, parser.getDoubleValue());
                }
            }
            default -> out.setObject(c, readValue(token));
        }
    }

    private Object readValue(JsonToken token) throws IOException {
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT: {
                JsonParser.NumberType type = parser.getNumberType();
                return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
                        ? (Object) parser.getLongValue() : new BigDecimal(parser.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new IOException("the body ended inside an array");
                    }
                    list.add(readValue(t));
                }
                return list;
            }
            case START_OBJECT: {
                Map<Object, Object> map = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
                    if (t != JsonToken.FIELD_NAME) {
                        throw new IOException("the body ended inside an object");
                    }
                    String key = parser.currentName();
                    JsonToken v = parser.nextToken();
                    if (v == null) {
                        throw new IOException("the body ended inside an object");
                    }
                    map.put(key, readValue(v));
                }
                return map;
            }
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

}
