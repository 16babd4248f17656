package dev.rowpipe.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rowpipe.internal.testing.TestStreams;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class GzipMembersInputStreamTest {

    /** A few bytes per read and nothing available, as a socket between packets. */
    private static InputStream trickle(byte[] bytes) {
        return TestStreams.chunked(bytes, 7);
    }

    private static byte[] gzip(String text) {
        return TestStreams.gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[5];
        int n;
        while ((n = in.read(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void readsEveryMemberEvenWhenNothingIsAvailableBetweenThem() throws IOException {
        byte[] body = concat(gzip("first member;"), gzip(""), gzip("second member;"), gzip("third"));
        byte[] text = readAll(new GzipMembersInputStream(trickle(body), 16));
        assertArrayEquals("first member;second member;third".getBytes(StandardCharsets.UTF_8), text);
    }

    @Test
    void emptyBodyIsAnEmptyStream() throws IOException {
        assertArrayEquals(new byte[0], readAll(new GzipMembersInputStream(trickle(new byte[0]), 16)));
    }

    @Test
    void bodyCutInsideAMemberIsAnError() throws IOException {
        byte[] body = concat(gzip("complete;"), gzip("this member is cut off before its trailer"));
        byte[] cut = Arrays.copyOf(body, body.length - 5);
        assertThrows(EOFException.class, () -> readAll(new GzipMembersInputStream(trickle(cut), 16)));
    }

    @Test
    void wrongCrcIsAnError() throws IOException {
        byte[] body = gzip("checked");
        body[body.length - 8] ^= 1;
        assertThrows(ZipException.class, () -> readAll(new GzipMembersInputStream(trickle(body), 16)));
    }

    @Test
    void garbageAfterAMemberIsAnError() throws IOException {
        byte[] body = concat(gzip("ok"), "not gzip".getBytes(StandardCharsets.UTF_8));
        assertThrows(ZipException.class, () -> readAll(new GzipMembersInputStream(trickle(body), 16)));
    }
}
