package io.shardsql.storage.raft.command;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote; malformed input is a {@code BAD_COMMAND} error, never an index error. */
public final class ByteReader {
    private final byte[] buf;
    private int pos;

    public ByteReader(byte[] buf) { this.buf = buf; }

    private void need(int n) {
        if (n < 0 || n > buf.length - pos) { // not pos + n: that overflows for n near Integer.MAX_VALUE
            throw new ShardSqlException(ErrorCode.BAD_COMMAND, "truncated message: need " + n + " bytes at " + pos
                    + " of " + buf.length);
        }
    }

    public int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public int i32() {
        need(4);
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public long i64() {
        return ((long) i32() << 32) | (i32() & 0xFFFF_FFFFL);
    }

    public byte[] bytes() {
        int n = i32();
        if (n == -1) return null;
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    public String string() {
        byte[] b = bytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** A count read from the message, checked against what is left so a bad count cannot allocate wildly. */
    public int count(int minBytesEach) {
        int n = i32();
        if (n < 0 || (long) n * minBytesEach > buf.length - pos) {
            throw new ShardSqlException(ErrorCode.BAD_COMMAND, "bad element count " + n + " at " + pos);
        }
        return n;
    }

    public void expectEnd() {
        if (pos != buf.length) throw new ShardSqlException(ErrorCode.BAD_COMMAND,
                (buf.length - pos) + " trailing bytes in message");
    }
}
