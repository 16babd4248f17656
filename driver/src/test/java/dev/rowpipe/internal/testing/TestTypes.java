package dev.rowpipe.internal.testing;

import dev.rowpipe.internal.spi.ColumnType;
import dev.rowpipe.internal.spi.ColumnType.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A small stand-in for the Firebolt type parser, plus streams that misbehave on purpose. */
public final class TestTypes {
    private TestTypes() {
    }

    public static ColumnType parse(String name) {
        String n = name;
        boolean nullable = false;
        if (n.startsWith("Nullable(")) {
            n = n.substring(9, n.length() - 1);
            nullable = true;
        }
        ColumnType t;
        if (n.startsWith("Array(")) {
            t = ColumnType.array(n, parse(n.substring(6, n.length() - 1)));
        } else if (n.startsWith("Decimal(")) {
            t = ColumnType.decimal(n, 38, 9);
        } else if (n.startsWith("DateTime64(3,'")) {
            t = ColumnType.of(Kind.TIMESTAMP_TZ, n).withTimeZone(n.substring(14, n.length() - 2));
        } else {
            t = ColumnType.of(switch (n) {
                case "Int32" -> Kind.INTEGER;
                case "Int64" -> Kind.BIGINT;
                case "UInt64" -> Kind.HUGEINT;
                case "Float64" -> Kind.DOUBLE;
                case "String" -> Kind.VARCHAR;
                case "Boolean" -> Kind.BOOLEAN;
                case "Date" -> Kind.DATE;
                case "DateTime" -> Kind.TIMESTAMP;
                case "Timestamptz" -> Kind.TIMESTAMP_TZ;
                case "ByteA" -> Kind.BINARY;
                default -> Kind.OTHER;
            }, n);
        }
        return t.withNullable(nullable);
    }

    public static InputStream utf8(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the first part, then blocks until released, then the rest. Reads at most 7 bytes at a time. */
    public static final class Gate extends InputStream {
        private final byte[] first;
        private final byte[] rest;
        public final CountDownLatch release = new CountDownLatch(1);
        private int at;

        public Gate(String first, String rest) {
            this.first = first.getBytes(StandardCharsets.UTF_8);
            this.rest = rest.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (at == first.length) {
                try {
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new IOException("test gate never released: the decoder read ahead");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            byte[] src = at < first.length ? first : rest;
            int from = at < first.length ? at : at - first.length;
            if (from >= src.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 7), src.length - from);
            if (src == first) {
                n = Math.min(n, first.length - at);
            }
            System.arraycopy(src, from, b, off, n);
            at += n;
            return n;
        }
    }

    /** Delivers the bytes in chunks of a fixed size, to split multi-byte chars across reads. */
    public static final class Chunked extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int at;

        public Chunked(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return at < data.length ? data[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - at);
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }

    /** Ends with an IOException (a connection reset) after its data. */
    public static final class Broken extends InputStream {
        private final byte[] data;
        private int at;

        public Broken(String data) {
            this.data = data.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            if (at >= data.length) {
                throw new IOException("Connection reset");
            }
            return data[at++] & 0xFF;
        }
    }
}
