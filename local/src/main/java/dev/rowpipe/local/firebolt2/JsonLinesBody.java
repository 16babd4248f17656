package dev.rowpipe.local.firebolt2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rowpipe.local.Exchanges;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * JSONLines_Compact, streamed: one JSON object per line. {@code START} (result_columns, query_id, query_label,
 * request_id), a {@code DATA} line per batch of rows, then {@code FINISH_SUCCESSFULLY} with statistics or
 * {@code FINISH_WITH_ERRORS} with errors and statistics; an error may follow rows.
 */
final class JsonLinesBody implements ResultBody {

    /** Rows per DATA line. */
    static final int BATCH_ROWS = 1000;

    private static final JsonFactory FACTORY = new JsonFactory();

    private final OutputStream out;
    private final CountingStream counted;
    private final JsonGenerator json;
    private final QueryInfo query;
    private final Values2 values;
    private Type2[] types;
    private int batched;

    JsonLinesBody(OutputStream out, QueryInfo query, Values2 values) {
        this.out = out;
        this.values = values;
        this.counted = new CountingStream(out);
        this.query = query;
        try {
            this.json = FACTORY.createGenerator(counted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // Lines are separated by the newline each one ends with; Jackson would add a space between root values.
        json.setRootValueSeparator(null);
    }

    @Override
    public String contentType() {
        return "application/x-ndjson";
    }

    @Override
    public void begin(String[] names, Type2[] types) throws IOException {
        this.types = types;
        start(json, names, types);
    }

    private void start(JsonGenerator g, String[] names, Type2[] types) throws IOException {
        g.writeStartObject();
        g.writeStringField("message_type", "START");
        g.writeArrayFieldStart("result_columns");
        for (int i = 0; i < names.length; i++) {
            g.writeStartObject();
            g.writeStringField("name", names[i]);
            g.writeStringField("type", types[i].resultName());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("query_id", query.queryId());
        g.writeStringField("query_label", query.label());
        g.writeStringField("request_id", query.requestId());
        g.writeEndObject();
        g.writeRaw('\n');
    }

    @Override
    public void row(ResultSet rs) throws IOException, SQLException {
        if (batched == 0) {
            json.writeStartObject();
            json.writeStringField("message_type", "DATA");
            json.writeArrayFieldStart("data");
        }
        json.writeStartArray();
        for (int i = 0; i < types.length; i++) {
            values.json(json, rs, i + 1, types[i]);
        }
        json.writeEndArray();
        if (++batched == BATCH_ROWS) {
            endBatch();
        }
    }

    private void endBatch() throws IOException {
        if (batched > 0) {
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
            // Each DATA line reaches the client as it is complete, not when a buffer fills.
            out.flush();
            batched = 0;
        }
    }

    @Override
    public void end(long rows, double elapsedSeconds) throws IOException {
        endBatch();
        finish(json, "FINISH_SUCCESSFULLY", null, rows, elapsedSeconds, counted.count());
        json.flush();
    }

    @Override
    public void fail(Firebolt2Error error, long rows, double elapsedSeconds) throws IOException {
        endBatch();
        finish(json, "FINISH_WITH_ERRORS", error, rows, elapsedSeconds, counted.count());
        json.flush();
    }

    private static void finish(JsonGenerator g, String type, Firebolt2Error error, long rows, double elapsed,
                               long bytes) throws IOException {
        g.writeStartObject();
        g.writeStringField("message_type", type);
        if (error != null) {
            g.writeFieldName("errors");
            g.writeStartArray();
            g.writeRawValue(Exchanges.JSON.writeValueAsString(error.toJson()));
            g.writeEndArray();
        }
        g.writeObjectFieldStart("statistics");
        g.writeNumberField("elapsed", elapsed);
        g.writeNumberField("rows_read", rows);
        g.writeNumberField("bytes_read", bytes);
        g.writeNumberField("result_rows", rows);
        g.writeNumberField("scanned_bytes_cache", 0);
        g.writeNumberField("scanned_bytes_storage", 0);
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
    }

    @Override
    public byte[] noResult(double elapsedSeconds) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
            g.setRootValueSeparator(null);
            start(g, new String[0], new Type2[0]);
            finish(g, "FINISH_SUCCESSFULLY", null, 0, elapsedSeconds, 0);
        }
        return buffer.toByteArray();
    }
}
