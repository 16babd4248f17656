package dev.rowpipe.local.firebolt2;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the body bytes written, for the {@code bytes_read} statistic (locally: the bytes of the answer). */
final class CountingStream extends FilterOutputStream {

    private long count;

    CountingStream(OutputStream out) {
        super(out);
    }

    long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }
}
