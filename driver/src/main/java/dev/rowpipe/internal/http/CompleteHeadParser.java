package dev.rowpipe.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.hc.client5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.HttpMessageParser;
import org.apache.hc.core5.http.io.HttpMessageParserFactory;
import org.apache.hc.core5.http.io.HttpTransportMetrics;
import org.apache.hc.core5.http.io.SessionInputBuffer;
import org.apache.hc.core5.util.CharArrayBuffer;

/**
 * Reads response heads (status line and headers) only when they arrive whole. HttpCore takes the end of the stream
 * inside the headers for the blank line that ends them: a response cut there becomes a complete-looking head without
 * its {@code Content-Length} or {@code Transfer-Encoding}, whose body is then read "until the connection closes",
 * which it already has. A result cut inside its head was so an empty 200 (0 rows, or an update count of 0). Here a
 * head line ended by the end of the stream instead of a line feed, from the status line to the blank line, is a
 * {@link ConnectionClosedException}: the exchange broke, and {@link RetryPolicy} treats it as one. The end of the
 * stream before any byte of a response is left to HttpCore, which reports it as "no response".
 */
final class CompleteHeadParser implements HttpMessageParser<ClassicHttpResponse> {
    static final HttpMessageParserFactory<ClassicHttpResponse> FACTORY = new HttpMessageParserFactory<>() {
        @Override
        public HttpMessageParser<ClassicHttpResponse> create(Http1Config config) {
            return new CompleteHeadParser(DefaultHttpResponseParserFactory.INSTANCE.create(config));
        }
    };

    private final HttpMessageParser<ClassicHttpResponse> parser;

    CompleteHeadParser(HttpMessageParser<ClassicHttpResponse> parser) {
        this.parser = parser;
    }

    @Override
    public ClassicHttpResponse parse(SessionInputBuffer buffer, InputStream in) throws IOException, HttpException {
        return parser.parse(new HeadLines(buffer), in);
    }

    /**
     * The connection's buffer, failing a head line that the end of the stream ended instead of a line feed: HttpCore
     * returns such a line as if it were whole (a lone CR even as the blank line). Only the end of the stream before
     * any byte of a response is passed on as such.
     */
    private static final class HeadLines implements SessionInputBuffer {
        private final SessionInputBuffer buffer;
        private boolean begun;

        HeadLines(SessionInputBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int readLine(CharArrayBuffer line, InputStream in) throws IOException {
            EndNoting source = new EndNoting(in);
            int length = buffer.readLine(line, source);
            if (source.ended && (length >= 0 || begun)) {
                throw new ConnectionClosedException("The response head was cut off: the connection closed "
                        + (begun ? "before the blank line that ends the headers" : "inside the status line"));
            }
            if (length > 0) {
                begun = true;
            }
            return length;
        }

        @Override
        public int length() {
            return buffer.length();
        }

        @Override
        public int capacity() {
            return buffer.capacity();
        }

        @Override
        public int available() {
            return buffer.available();
        }

        @Override
        public int read(byte[] b, int off, int len, InputStream in) throws IOException {
            return buffer.read(b, off, len, in);
        }

        @Override
        public int read(byte[] b, InputStream in) throws IOException {
            return buffer.read(b, in);
        }

        @Override
        public int read(InputStream in) throws IOException {
            return buffer.read(in);
        }

        @Override
        public HttpTransportMetrics getMetrics() {
            return buffer.getMetrics();
        }
    }

    /** The socket's stream, noting whether a read met its end. */
    private static final class EndNoting extends FilterInputStream {
        boolean ended;

        EndNoting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            ended |= n < 0;
            return n;
        }
    }
}
