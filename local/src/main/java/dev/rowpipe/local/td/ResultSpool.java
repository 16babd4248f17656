package dev.rowpipe.local.td;

import dev.rowpipe.local.sql.ColumnKind;
import dev.rowpipe.local.sql.Values;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a job's rows, as they come, into {@code result.msgpack.gz}: one msgpack array per row. A decimal column's
 * values are stored as their exact text at the column's scale ({@code 12.50} for {@code decimal(12,2)}), which the
 * text formats print as they are and the msgpack formats turn into doubles (see {@link ResultFormats}).
 */
final class ResultSpool {

    private ResultSpool() {
    }

    /** Writes every row of {@code rs} to {@code file}; returns the row count. */
    static long write(ResultSet rs, Path file) throws IOException, SQLException {
        ColumnKind[] kinds = ColumnKind.of(rs.getMetaData());
        long rows = 0;
        try (OutputStream out = new FastGzipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
             MessagePacker packer = MessagePack.newDefaultPacker(out)) {
            while (rs.next()) {
                packer.packArrayHeader(kinds.length);
                for (int i = 0; i < kinds.length; i++) {
                    pack(packer, rs, i + 1, kinds[i]);
                }
                rows++;
            }
        }
        return rows;
    }

    /**
     * Gzip at the fastest level: a job's result is written once and read over loopback, so compressing harder
     * only makes every job slower (level 6, the JDK default, took most of a large job's time).
     */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    static void writeEmpty(Path file) throws IOException {
        new GZIPOutputStream(Files.newOutputStream(file)).close();
    }

    private static void pack(MessagePacker p, ResultSet rs, int c, ColumnKind kind) throws IOException, SQLException {
        switch (kind) {
            case INTEGER: {
                long v = rs.getLong(c);
                if (rs.wasNull()) {
                    p.packNil();
                } else {
                    p.packLong(v);
                }
                return;
            }
            case DECIMAL: {
                BigDecimal v = rs.getBigDecimal(c);
                if (v == null) {
                    p.packNil();
                } else {
                    p.packString(v.toPlainString());
                }
                return;
            }
            case FLOAT: {
                double v = rs.getDouble(c);
                if (rs.wasNull()) {
                    p.packNil();
                } else {
                    p.packDouble(v);
                }
                return;
            }
            case BOOLEAN: {
                boolean v = rs.getBoolean(c);
                if (rs.wasNull()) {
                    p.packNil();
                } else {
                    p.packBoolean(v);
                }
                return;
            }
            case BIG_INTEGER: {
                BigDecimal v = rs.getBigDecimal(c);
                if (v == null) {
                    p.packNil();
                } else {
                    p.packBigInteger(v.toBigInteger());
                }
                return;
            }
            case LIST: {
                Object[] values = Values.array(rs, c);
                if (values == null) {
                    p.packNil();
                } else {
                    packObject(p, values);
                }
                return;
            }
            case OTHER: {
                Object o = rs.getObject(c);
                if (o instanceof Map) {
                    packObject(p, o);
                } else if (o == null) {
                    p.packNil();
                } else {
                    p.packString(rs.getString(c));
                }
                return;
            }
            default: {
                String v = Values.text(rs, c, kind);
                if (v == null) {
                    p.packNil();
                } else {
                    p.packString(v);
                }
            }
        }
    }

    private static void packObject(MessagePacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof Object[]) {
            Object[] a = (Object[]) v;
            p.packArrayHeader(a.length);
            for (Object e : a) {
                packObject(p, e);
            }
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                packObject(p, e.getKey());
                packObject(p, e.getValue());
            }
        } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            p.packDouble(((Number) v).doubleValue());
        } else if (v instanceof BigInteger) {
            p.packBigInteger((BigInteger) v);
        } else if (v instanceof Number) {
            p.packLong(((Number) v).longValue());
        } else if (v instanceof Boolean) {
            p.packBoolean((Boolean) v);
        } else {
            p.packString(v.toString());
        }
    }
}
