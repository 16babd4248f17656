package dev.rowpipe.decode;

import dev.rowpipe.spi.ColumnInfo;
import dev.rowpipe.spi.RowBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Streams a Treasure Data {@code msgpack} / {@code msgpack.gz} job result: a plain concatenation of msgpack arrays,
 * one per row, with no outer array and no row count. Values are read with typed unpacker calls straight into the
 * {@link RowBuffer} (strings are decoded from a reused byte buffer into the row's chars, no String per value);
 * nested arrays and maps become {@code List} / {@code LinkedHashMap} of plain Java values, never msgpack
 * {@code Value}s. A body that ends inside a row, a gzip stream that ends early or fails its CRC, or a row of the
 * wrong width is an 08S01 error naming the row: the format has no end marker, so these are the only signs of a
 * cut download, and none of them may look like a clean end.
 */
public final class TdMsgpackCursor extends StreamingCursor {
    private static final int GZIP_BUFFER = 64 * 1024;
    /** A 64 KB read buffer (msgpack-java's default is 8 KB): fewer reads from the stream per row. */
    private static final MessagePack.UnpackerConfig UNPACKER = new MessagePack.UnpackerConfig().withBufferSize(64 * 1024);

    private final InputStream body;
    private final boolean gzip;
    private final int width;
    private MessageUnpacker unpacker;
    private byte[] bytes = new byte[256];
    private char[] chars = new char[256];

    private TdMsgpackCursor(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose, boolean gzip) {
        super(columns.size(), onClose);
        this.body = body;
        this.gzip = gzip;
        this.width = columns.size();
    }

    /** For {@code format=msgpack}. */
    public static TdMsgpackCursor plain(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        return new TdMsgpackCursor(body, columns, onClose, false);
    }

    /** For {@code format=msgpack.gz}. */
    public static TdMsgpackCursor gzip(InputStream body, List<ColumnInfo> columns, AutoCloseable onClose) {
        return new TdMsgpackCursor(body, columns, onClose, true);
    }

    @Override
    protected boolean readRow(RowBuffer out) throws SQLException, IOException {
        long number = rows + 1;
        if (unpacker == null) {
            // Opened lazily: GZIPInputStream reads the header in its constructor, which may block.
            InputStream in = gzip ? new GzipMembersInputStream(body, GZIP_BUFFER) : body;
            unpacker = UNPACKER.newUnpacker(in);
        }
        if (!unpacker.hasNext()) {
            return false;
        }
        MessageFormat format = unpacker.getNextFormat();
        if (format != MessageFormat.FIXARRAY && format != MessageFormat.ARRAY16
                && format != MessageFormat.ARRAY32) {
            throw malformed(number, "row is a msgpack " + format.getValueType() + ", not an array");
        }
        int size = unpacker.unpackArrayHeader();
        if (size != width) {
            throw malformed(number, "row has " + size + " values but the result has " + width + " columns");
        }
        for (int c = 0; c < width; c++) {
            readColumn(out, c);
        }
        return true;
    }

    /** I/O failures and msgpack-java's {@link MessagePackException} (a RuntimeException) both end here. */
    @Override
    protected SQLException translate(Exception e) {
        return new SQLException("Treasure Data msgpack" + (gzip ? ".gz" : "") + " result broke off or is corrupt "
                + "at row " + (rows + 1) + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()), "08S01", e);
    }

    private static SQLException malformed(long number, String what) {
        return new SQLException("Treasure Data msgpack result is malformed at row " + number + ": " + what, "08S01");
    }

    private void readColumn(RowBuffer out, int c) throws IOException {
        // One dispatch on the format byte; the common formats are listed first so the switch stays a table jump.
        MessageFormat format = unpacker.getNextFormat();
        switch (format) {
            case POSFIXINT, NEGFIXINT, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32 ->
                    out.setLong(c, unpacker.unpackLong());
            case FIXSTR, STR8, STR16, STR32 -> {
                int n = readPayload(unpacker.unpackRawStringHeader());
                // A UTF-8 byte never makes more than one UTF-16 char, so n chars always suffice.
                char[] target = out.reserve(c, n);
                out.commitText(c, decodeUtf8(n, target, out.textStart(c)));
            }
            case NIL -> {
                unpacker.unpackNil();
                out.setNull(c);
            }
            case BOOLEAN -> out.setBoolean(c, unpacker.unpackBoolean());
            case FLOAT32, FLOAT64 -> out.setDouble(c, unpacker.unpackDouble());
            case UINT64 -> {
                BigInteger v = unpacker.unpackBigInteger();
                if (v.bitLength() < 64) {
                    out.setLong(c, v.longValue());
                } else {
                    out.setObject(c, new BigDecimal(v));
                }
            }
            default -> out.setObject(c, readValue(format));
        }
    }

    /** A value inside an array or map, or a binary/ext column: a plain Java object. */
    private Object readValue(MessageFormat format) throws IOException {
        switch (format.getValueType()) {
            case NIL:
                unpacker.unpackNil();
                return null;
            case BOOLEAN:
                return unpacker.unpackBoolean();
            case INTEGER:
                if (format == MessageFormat.UINT64) {
                    BigInteger v = unpacker.unpackBigInteger();
                    return v.bitLength() < 64 ? (Object) v.longValue() : new BigDecimal(v);
                }
                return unpacker.unpackLong();
            case FLOAT:
                return unpacker.unpackDouble();
            case STRING: {
                int n = readPayload(unpacker.unpackRawStringHeader());
                if (chars.length < n) {
                    chars = new char[Math.max(n, chars.length * 2)];
                }
                return new String(chars, 0, decodeUtf8(n, chars, 0));
            }
            case BINARY: {
                byte[] value = new byte[unpacker.unpackBinaryHeader()];
                unpacker.readPayload(value);
                return value;
            }
            case ARRAY: {
                int n = unpacker.unpackArrayHeader();
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(readValue(unpacker.getNextFormat()));
                }
                return list;
            }
            case MAP: {
                int n = unpacker.unpackMapHeader();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = readValue(unpacker.getNextFormat());
                    map.put(key, readValue(unpacker.getNextFormat()));
                }
                return map;
            }
            case EXTENSION: {
                byte[] value = new byte[unpacker.unpackExtensionTypeHeader().getLength()];
                unpacker.readPayload(value);
                return value;
            }
            default:
                throw new IOException("unexpected msgpack type " + format.getValueType());
        }
    }

    /** Reads n payload bytes into the reused byte buffer. */
    private int readPayload(int n) throws IOException {
        if (n > bytes.length) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        unpacker.readPayload(bytes, 0, n);
        return n;
    }

    /**
     * UTF-8 to UTF-16 from the reused byte buffer into {@code out} at {@code start} (room for n chars is the
     * caller's); malformed sequences become U+FFFD (as new String would do). Returns the number of chars.
     */
    private int decodeUtf8(int n, char[] out, int start) {
        byte[] b = bytes;
        int i = 0;
        // ASCII fast path: most text is ASCII, and this loop is simple enough for the JIT to unroll.
        while (i < n) {
            byte x = b[i];
            if (x < 0) {
                break;
            }
            out[start + i] = (char) x;
            i++;
        }
        int o = start + i;
        while (i < n) {
            int x = b[i];
            if (x >= 0) {
                out[o++] = (char) x;
                i++;
                continue;
            }
            x &= 0xFF;
            int need;
            int cp;
            int min;
            if (x >= 0xC2 && x <= 0xDF) {
                need = 1;
                cp = x & 0x1F;
                min = 0x80;
            } else if (x >= 0xE0 && x <= 0xEF) {
                need = 2;
                cp = x & 0x0F;
                min = 0x800;
            } else if (x >= 0xF0 && x <= 0xF4) {
                need = 3;
                cp = x & 0x07;
                min = 0x10000;
            } else {
                out[o++] = '\uFFFD';
                i++;
                continue;
            }
            int j = i + 1;
            boolean ok = j + need <= n;
            for (int k = 0; ok && k < need; k++) {
                int y = b[j + k] & 0xFF;
                if ((y & 0xC0) != 0x80) {
                    ok = false;
                } else {
                    cp = (cp << 6) | (y & 0x3F);
                }
            }
            if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                out[o++] = '\uFFFD';
                i++;
                continue;
            }
            i = j + need;
            if (cp >= 0x10000) {
                out[o++] = Character.highSurrogate(cp);
                out[o++] = Character.lowSurrogate(cp);
            } else {
                out[o++] = (char) cp;
            }
        }
        return o - start;
    }

}
