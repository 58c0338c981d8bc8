package io.shardsql.storage.raft.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer for the command and reply codecs. Not thread-safe. */
public final class ByteWriter {
    private byte[] buf;
    private int len;

    public ByteWriter(int initial) { buf = new byte[Math.max(16, initial)]; }

    private void ensure(int extra) {
        if (len + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }

    public ByteWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter i32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter i64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
    }

    /** {@code | length (4) | bytes |}, length -1 for null. */
    public ByteWriter bytes(byte[] b) {
        if (b == null) return i32(-1);
        i32(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    public ByteWriter string(String s) {
        return bytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() { return Arrays.copyOf(buf, len); }
}
