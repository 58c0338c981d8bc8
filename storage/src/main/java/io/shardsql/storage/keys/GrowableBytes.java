package io.shardsql.storage.keys;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import java.util.Arrays;

/** A byte array that grows as bytes are appended: the output buffer a {@link KeyWriter} owns and reuses. */
final class GrowableBytes {
    private byte[] buf;
    private int length;

    GrowableBytes(int initialCapacity) {
        buf = new byte[Math.max(initialCapacity, 8)];
    }

    int length() { return length; }

    /** Forgets everything after the first {@code newLength} bytes; the capacity is kept. */
    void truncate(int newLength) {
        if (newLength < 0 || newLength > length) throw new IllegalArgumentException("length " + newLength);
        length = newLength;
    }

    void put(int b) {
        if (length == buf.length) grow(1);
        buf[length++] = (byte) b;
    }

    /** Four bytes, big-endian. */
    void putInt(int v) {
        ensure(4);
        buf[length] = (byte) (v >>> 24);
        buf[length + 1] = (byte) (v >>> 16);
        buf[length + 2] = (byte) (v >>> 8);
        buf[length + 3] = (byte) v;
        length += 4;
    }

    /** Eight bytes, big-endian. */
    void putLong(long v) {
        ensure(8);
        for (int shift = 56, i = length; shift >= 0; shift -= 8, i++) {
            buf[i] = (byte) (v >>> shift);
        }
        length += 8;
    }

    /** The low {@code n} bytes of {@code v} (1..8), big-endian. */
    void putLowBytes(long v, int n) {
        ensure(n);
        for (int shift = 8 * (n - 1); shift >= 0; shift -= 8) {
            buf[length++] = (byte) (v >>> shift);
        }
    }

    /** Makes room for {@code extra} more bytes, so that many {@link #put} calls will not grow the array. */
    void ensure(long extra) {
        if (buf.length - length < extra) grow(extra);
    }

    /** Replaces every byte from {@code start} to the end by its bitwise NOT (how DESC payloads are made). */
    void invertFrom(int start) {
        for (int i = start; i < length; i++) {
            buf[i] = (byte) ~buf[i];
        }
    }

    byte[] toByteArray() { return Arrays.copyOf(buf, length); }

    private void grow(long extra) {
        long needed = length + extra;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new ShardSqlException(ErrorCode.KEY_ENCODING, "key would be larger than 2 GiB");
        }
        long doubled = Math.min(2L * buf.length, Integer.MAX_VALUE - 8);
        buf = Arrays.copyOf(buf, (int) Math.max(needed, doubled));
    }
}
