package dev.rowpipe.local.firebolt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rowpipe.local.sql.ColumnKind;
import dev.rowpipe.local.sql.Values;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code {"meta":[..],"data":[..],"rows":N,"statistics":{..}}}, rows as objects or (compact) arrays. */
final class JsonResultWriter implements ResultWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final OutputStream out;
    private final JsonGenerator json;
    private final boolean compact;
    private String[] names;
    private ColumnKind[] kinds;
    private long bytesApprox;

    JsonResultWriter(OutputStream out, boolean compact) {
        this.out = out;
        this.compact = compact;
        try {
            this.json = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public void begin(String[] names, String[] types, ColumnKind[] kinds) throws IOException {
        this.names = names;
        this.kinds = kinds;
        json.writeStartObject();
        json.writeArrayFieldStart("meta");
        for (int i = 0; i < names.length; i++) {
            json.writeStartObject();
            json.writeStringField("name", names[i]);
            json.writeStringField("type", types[i]);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("data");
    }

    @Override
    public void row(ResultSet rs) throws IOException, SQLException {
        if (compact) {
            json.writeStartArray();
        } else {
            json.writeStartObject();
        }
        for (int i = 0; i < kinds.length; i++) {
            if (!compact) {
                json.writeFieldName(names[i]);
            }
            writeValue(rs, i + 1, kinds[i]);
        }
        if (compact) {
            json.writeEndArray();
        } else {
            json.writeEndObject();
        }
    }

    private void writeValue(ResultSet rs, int column, ColumnKind kind) throws IOException, SQLException {
        switch (kind) {
            case INTEGER: {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    json.writeNull();
                } else {
                    json.writeNumber(v);
                    bytesApprox += 8;
                }
                return;
            }
            case FLOAT: {
                double v = rs.getDouble(column);
                if (rs.wasNull()) {
                    json.writeNull();
                } else {
                    writeDouble(v);
                }
                return;
            }
            case BOOLEAN: {
                boolean v = rs.getBoolean(column);
                if (rs.wasNull()) {
                    json.writeNull();
                } else {
                    json.writeBoolean(v);
                }
                return;
            }
            case BIG_INTEGER:
            case DECIMAL: {
                BigDecimal v = rs.getBigDecimal(column);
                if (v == null) {
                    json.writeNull();
                } else if (kind == ColumnKind.BIG_INTEGER) {
                    json.writeNumber(v.toBigInteger());
                } else {
                    json.writeNumber(v);
                }
                return;
            }
            case LIST: {
                Object[] values = Values.array(rs, column);
                if (values == null) {
                    json.writeNull();
                } else {
                    writeArray(values);
                }
                return;
            }
            default: {
                String v = Values.text(rs, column, kind);
                if (v == null) {
                    json.writeNull();
                } else {
                    json.writeString(v);
                    bytesApprox += v.length();
                }
            }
        }
    }

    private void writeDouble(double v) throws IOException {
        if (Double.isNaN(v)) {
            json.writeString("nan");
        } else if (Double.isInfinite(v)) {
            json.writeString(v > 0 ? "inf" : "-inf");
        } else {
            json.writeNumber(v);
        }
    }

    private void writeArray(Object[] values) throws IOException {
        json.writeStartArray();
        for (Object v : values) {
            if (v == null) {
                json.writeNull();
            } else if (v instanceof Object[]) {
                writeArray((Object[]) v);
            } else if (v instanceof Double || v instanceof Float) {
                writeDouble(((Number) v).doubleValue());
            } else if (v instanceof BigDecimal) {
                json.writeNumber((BigDecimal) v);
            } else if (v instanceof BigInteger) {
                json.writeNumber((BigInteger) v);
            } else if (v instanceof Number) {
                json.writeNumber(((Number) v).longValue());
            } else if (v instanceof Boolean) {
                json.writeBoolean((Boolean) v);
            } else {
                json.writeString(v.toString());
            }
        }
        json.writeEndArray();
    }

    @Override
    public void end(long rows, double elapsedSeconds) throws IOException {
        json.writeEndArray();
        json.writeNumberField("rows", rows);
        json.writeObjectFieldStart("statistics");
        json.writeNumberField("elapsed", elapsedSeconds);
        json.writeNumberField("rows_read", rows);
        json.writeNumberField("bytes_read", bytesApprox);
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
    }

    @Override
    public void fail(String message) throws IOException {
        json.flush();
        out.write(('\n' + ResultWriter.errorLine(message) + '\n').getBytes(StandardCharsets.UTF_8));
    }
}
