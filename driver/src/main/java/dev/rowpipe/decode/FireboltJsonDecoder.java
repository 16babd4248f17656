package dev.rowpipe.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowpipe.spi.ColumnInfo;
import dev.rowpipe.spi.ColumnType;
import dev.rowpipe.spi.RowBuffer;
import dev.rowpipe.spi.RowCursor;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/** TEMP decode shim: the decode helper owns the real class. */
public final class FireboltJsonDecoder {
    private FireboltJsonDecoder() {
    }

    public static DecodedResult open(InputStream body, Function<String, ColumnType> typeParser, AutoCloseable onClose)
            throws SQLException {
        try {
            byte[] bytes = body.readAllBytes();
            FireboltTsvDecoder.close(onClose);
            if (bytes.length == 0) {
                return new DecodedResult(List.of(), null);
            }
            JsonNode root = new ObjectMapper().readTree(bytes);
            List<ColumnInfo> columns = new ArrayList<>();
            for (JsonNode m : root.path("meta")) {
                columns.add(new ColumnInfo(m.path("name").asText(), typeParser.apply(m.path("type").asText())));
            }
            Iterator<JsonNode> rows = root.path("data").iterator();
            RowCursor cursor = new RowCursor() {
                @Override
                public boolean next(RowBuffer row) {
                    if (!rows.hasNext()) {
                        return false;
                    }
                    row.clear();
                    JsonNode r = rows.next();
                    for (int i = 0; i < columns.size(); i++) {
                        JsonNode v = r.isArray() ? r.get(i) : r.get(columns.get(i).name());
                        if (v == null || v.isNull()) {
                            row.setNull(i);
                        } else {
                            row.setText(i, v.isValueNode() ? v.asText() : v.toString());
                        }
                    }
                    return true;
                }

                @Override
                public void close() {
                }
            };
            return new DecodedResult(columns, cursor);
        } catch (IOException e) {
            FireboltTsvDecoder.close(onClose);
            throw new SQLException(e.toString(), "08S01", e);
        }
    }
}
