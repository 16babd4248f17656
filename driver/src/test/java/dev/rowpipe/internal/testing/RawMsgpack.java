package dev.rowpipe.internal.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Raw msgpack bytes, for the header forms a packer never picks (str32 of 3 bytes, lengths beyond the body ...). */
public final class RawMsgpack {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public RawMsgpack b(int... bytes) {
        for (int x : bytes) {
            out.write(x);
        }
        return this;
    }

    public RawMsgpack u16(int v) {
        return b(v >>> 8 & 0xFF, v & 0xFF);
    }

    public RawMsgpack u32(long v) {
        return b((int) (v >>> 24 & 0xFF), (int) (v >>> 16 & 0xFF), (int) (v >>> 8 & 0xFF), (int) (v & 0xFF));
    }

    public RawMsgpack text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Appends bytes already encoded (a packer's output). */
    public RawMsgpack bytes(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
