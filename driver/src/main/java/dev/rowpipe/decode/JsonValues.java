package dev.rowpipe.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value (array, object or scalar) into plain Java values: List, LinkedHashMap, String, Boolean,
 * null, and numbers exactly (Long when an integer fits, else BigDecimal; fractional numbers as BigDecimal so a
 * Decimal column stays exact; NaN and Infinity as Double).
 */
final class JsonValues {
    private JsonValues() {
    }

    /** Reads the value at the parser's current token, leaving the parser on its last token. */
    static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new JsonEOFException(p, null, "end of input inside a value");
        }
        switch (t) {
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p));
                }
                return list;
            }
            case START_OBJECT: {
                Map<Object, Object> map = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, read(p));
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new JsonEOFException(p, k, "end of input inside an object");
                }
                return map;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return new java.math.BigDecimal(p.getBigIntegerValue());
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                if (p.isNaN()) {
                    return p.getDoubleValue();
                }
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(p, "Unexpected token " + t);
        }
    }
}
