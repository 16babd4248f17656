package dev.rowpipe.local.firebolt;

import dev.rowpipe.local.sql.ColumnKind;
import dev.rowpipe.local.sql.Values;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * TabSeparatedWithNamesAndTypes: names line, types line, one line per row; NULL as {@code \N}; backslash
 * escapes in values; booleans 1/0; arrays as {@code [1,2]} / {@code ['a',NULL]}.
 */
final class TsvResultWriter implements ResultWriter {

    private final Writer out;
    private ColumnKind[] kinds;

    TsvResultWriter(OutputStream out) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    @Override
    public String contentType() {
        return "text/tab-separated-values; charset=utf-8";
    }

    @Override
    public void begin(String[] names, String[] types, ColumnKind[] kinds) throws IOException {
        this.kinds = kinds;
        line(names);
        line(types);
    }

    private void line(String[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            TsvEscapes.write(out, values[i], false);
        }
        out.write('\n');
    }

    @Override
    public void row(ResultSet rs) throws IOException, SQLException {
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            int c = i + 1;
            switch (kinds[i]) {
                case INTEGER: {
                    long v = rs.getLong(c);
                    if (rs.wasNull()) {
                        out.write("\\N");
                    } else {
                        out.write(Long.toString(v));
                    }
                    break;
                }
                case FLOAT: {
                    double v = rs.getDouble(c);
                    if (rs.wasNull()) {
                        out.write("\\N");
                    } else {
                        out.write(formatDouble(v));
                    }
                    break;
                }
                case BOOLEAN: {
                    boolean v = rs.getBoolean(c);
                    out.write(rs.wasNull() ? "\\N" : v ? "1" : "0");
                    break;
                }
                case BIG_INTEGER:
                case DECIMAL: {
                    BigDecimal v = rs.getBigDecimal(c);
                    out.write(v == null ? "\\N" : v.toPlainString());
                    break;
                }
                case LIST: {
                    Object[] values = Values.array(rs, c);
                    if (values == null) {
                        out.write("\\N");
                    } else {
                        array(values);
                    }
                    break;
                }
                default: {
                    String v = Values.text(rs, c, kinds[i]);
                    if (v == null) {
                        out.write("\\N");
                    } else {
                        TsvEscapes.write(out, v, false);
                    }
                }
            }
        }
        out.write('\n');
    }

    private static String formatDouble(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    private void array(Object[] values) throws IOException {
        out.write('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            Object v = values[i];
            if (v == null) {
                out.write("NULL");
            } else if (v instanceof Object[]) {
                array((Object[]) v);
            } else if (v instanceof Boolean) {
                out.write((Boolean) v ? "1" : "0");
            } else if (v instanceof Double || v instanceof Float) {
                out.write(formatDouble(((Number) v).doubleValue()));
            } else if (v instanceof BigDecimal) {
                out.write(((BigDecimal) v).toPlainString());
            } else if (v instanceof Number) {
                out.write(v.toString());
            } else {
                out.write('\'');
                TsvEscapes.write(out, v.toString(), true);
                out.write('\'');
            }
        }
        out.write(']');
    }

    @Override
    public void end(long rows, double elapsedSeconds) throws IOException {
        out.flush();
    }

    @Override
    public void fail(String message) throws IOException {
        out.write(ResultWriter.errorLine(message));
        out.write('\n');
        out.flush();
    }
}
