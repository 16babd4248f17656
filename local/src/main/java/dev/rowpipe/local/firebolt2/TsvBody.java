package dev.rowpipe.local.firebolt2;

import dev.rowpipe.local.firebolt.TsvEscapes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * TabSeparatedWithNamesAndTypes with 2.0 type names: names line, types line ({@code int null}), one line per row,
 * NULL as {@code \N}, backslash escapes. An error after rows ends the body with a plain-text line
 * {@code Line L, Column C: description}, the form the 2.0 engines append.
 */
final class TsvBody implements ResultBody {

    private final Writer out;
    private final Values2 values;
    private Type2[] types;

    TsvBody(OutputStream out, Values2 values) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.values = values;
    }

    @Override
    public String contentType() {
        return "text/tab-separated-values; charset=utf-8";
    }

    @Override
    public void begin(String[] names, Type2[] types) throws IOException {
        this.types = types;
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            TsvEscapes.write(out, names[i], false);
        }
        out.write('\n');
        for (int i = 0; i < types.length; i++) {
            out.write(i > 0 ? "\t" : "");
            out.write(types[i].resultName());
        }
        out.write('\n');
    }

    @Override
    public void row(ResultSet rs) throws IOException, SQLException {
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            String v = values.text(rs, i + 1, types[i]);
            if (v == null) {
                out.write("\\N");
            } else if (types[i].kind() == Type2.Kind.BYTEA) {
                // Hex digits after \x: nothing to escape, and the engines write the backslash as is.
                out.write(v);
            } else {
                TsvEscapes.write(out, v, false);
            }
        }
        out.write('\n');
    }

    @Override
    public void end(long rows, double elapsedSeconds) throws IOException {
        out.flush();
    }

    @Override
    public void fail(Firebolt2Error error, long rows, double elapsedSeconds) throws IOException {
        Firebolt2Error.Location l = error.location();
        out.write("Line " + (l == null ? 1 : l.failingLine()) + ", Column " + (l == null ? 1 : l.startOffset() + 1)
                + ": " + error.description().replace('\n', ' ') + "\n");
        out.flush();
    }
}
