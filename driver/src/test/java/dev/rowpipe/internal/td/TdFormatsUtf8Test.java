package dev.rowpipe.internal.td;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rowpipe.internal.spi.ColumnInfo;
import dev.rowpipe.internal.spi.RowBuffer;
import dev.rowpipe.internal.spi.RowCursor;
import dev.rowpipe.internal.testing.TestStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Every TD result format reads the same string bytes as the same text: valid UTF-8 as written, malformed
 * sequences as the JDK's decoder replaces them, whether the body arrives whole or a byte at a time.
 */
class TdFormatsUtf8Test {
    private static final List<ColumnInfo> TWO = List.of(new ColumnInfo("s", TdTypes.parse("varchar")),
            new ColumnInfo("n", TdTypes.parse("bigint")));

    /** Values that the five decoders once read in three different ways. */
    private static final byte[][] VALUES = {
        "plain \u00e9\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8),
        {'a', (byte) 0xC3, 'b'},
        {'a', (byte) 0xE2, (byte) 0x82, 'b'},
        {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b'},
        {(byte) 0xC0, (byte) 0x80, (byte) 0xE0, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, (byte) 0xF5, 'x'},
        {(byte) 0x80, (byte) 0xBF, (byte) 0xFE, (byte) 0xFF},
        {'x', (byte) 0xF0, (byte) 0x9F, (byte) 0x98},
        {'x', (byte) 0xF0, (byte) 0x9F, 'y', (byte) 0xE2},
    };

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] body(TdResultFormat format, byte[] value) throws IOException {
        return switch (format) {
            case MSGPACK, MSGPACK_GZ -> {
                MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
                p.packArrayHeader(2).packRawStringHeader(value.length).writePayload(value);
                p.packLong(7);
                p.close();
                yield format == TdResultFormat.MSGPACK ? p.toByteArray() : TestStreams.gzip(p.toByteArray());
            }
            case JSON -> cat(ascii("[\""), value, ascii("\",7]\n"));
            case TSV -> cat(value, ascii("\t7\n"));
            case CSV -> cat(ascii("\""), value, ascii("\",7\r\n"));
        };
    }

    private static String read(TdResultFormat format, InputStream body) throws SQLException {
        RowCursor cursor = format.open(body, TWO, () -> { });
        RowBuffer row = new RowBuffer(2);
        assertTrue(cursor.next(row));
        String text = row.text(0);
        assertFalse(cursor.next(row));
        cursor.close();
        return text;
    }

    @Test
    void everyFormatReadsTheSameBytesAsTheSameText() throws Exception {
        for (byte[] value : VALUES) {
            String expected = new String(value, StandardCharsets.UTF_8);
            for (TdResultFormat format : TdResultFormat.values()) {
                byte[] body = body(format, value);
                String where = format + " " + Arrays.toString(value);
                assertEquals(expected, read(format, new ByteArrayInputStream(body)), where);
                assertEquals(expected, read(format, TestStreams.trickle(body)), where + " a byte at a time");
            }
            // Unquoted csv reads the same.
            assertEquals(expected, read(TdResultFormat.CSV, new ByteArrayInputStream(cat(value, ascii(",7\n")))));
        }
    }
}
