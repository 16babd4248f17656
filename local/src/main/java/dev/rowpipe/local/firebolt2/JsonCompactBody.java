package dev.rowpipe.local.firebolt2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rowpipe.local.Exchanges;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * JSON_Compact (and JSON_CompactLimited) with 2.0 type names:
 * {@code {"meta":[{"name","type"}],"data":[[..],..],"rows":N,"statistics":{..}}}. An error after rows closes the
 * data array and ends the object with an {@code "errors": [..]} envelope instead of rows and statistics.
 */
final class JsonCompactBody implements ResultBody {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final CountingStream counted;
    private final JsonGenerator json;
    private final Values2 values;
    private Type2[] types;

    JsonCompactBody(OutputStream out, Values2 values) {
        this.values = values;
        this.counted = new CountingStream(out);
        try {
            this.json = FACTORY.createGenerator(counted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public void begin(String[] names, Type2[] types) throws IOException {
        this.types = types;
        json.writeStartObject();
        json.writeArrayFieldStart("meta");
        for (int i = 0; i < names.length; i++) {
            json.writeStartObject();
            json.writeStringField("name", names[i]);
            json.writeStringField("type", types[i].resultName());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("data");
    }

    @Override
    public void row(ResultSet rs) throws IOException, SQLException {
        json.writeStartArray();
        for (int i = 0; i < types.length; i++) {
            values.json(json, rs, i + 1, types[i]);
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
        json.writeNumberField("bytes_read", counted.count() + json.getOutputBuffered());
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
    }

    @Override
    public void fail(Firebolt2Error error, long rows, double elapsedSeconds) throws IOException {
        json.writeEndArray();
        json.writeFieldName("errors");
        json.writeStartArray();
        json.writeRawValue(Exchanges.JSON.writeValueAsString(error.toJson()));
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }
}
