package dev.rowpipe.decode;

import dev.rowpipe.spi.ColumnInfo;
import dev.rowpipe.spi.ColumnType;
import dev.rowpipe.spi.RowBuffer;
import dev.rowpipe.spi.RowCursor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** TEMP decode shim: the decode helper owns the real class. */
public final class FireboltTsvDecoder {
    private FireboltTsvDecoder() {
    }

    public static DecodedResult open(InputStream body, Function<String, ColumnType> typeParser, AutoCloseable onClose)
            throws SQLException {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String names = in.readLine();
            if (names == null || names.isEmpty()) {
                close(onClose);
                return new DecodedResult(List.of(), null);
            }
            String types = in.readLine();
            String[] n = names.split("\t", -1);
            String[] t = types == null ? new String[0] : types.split("\t", -1);
            List<ColumnInfo> columns = new ArrayList<>();
            for (int i = 0; i < n.length; i++) {
                columns.add(new ColumnInfo(n[i], typeParser.apply(i < t.length ? t[i] : "String")));
            }
            RowCursor cursor = new RowCursor() {
                @Override
                public boolean next(RowBuffer row) throws SQLException {
                    try {
                        String line = in.readLine();
                        if (line == null) {
                            return false;
                        }
                        row.clear();
                        String[] f = line.split("\t", -1);
                        for (int i = 0; i < columns.size() && i < f.length; i++) {
                            if (f[i].equals("\\N")) {
                                row.setNull(i);
                            } else {
                                row.setText(i, f[i].replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\"));
                            }
                        }
                        return true;
                    } catch (IOException e) {
                        throw new SQLException(e.toString(), "08S01", e);
                    }
                }

                @Override
                public void close() {
                    FireboltTsvDecoder.close(onClose);
                }
            };
            return new DecodedResult(columns, cursor);
        } catch (IOException e) {
            close(onClose);
            throw new SQLException(e.toString(), "08S01", e);
        }
    }

    static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // shim
        }
    }
}
