package io.shardsql.storage.keys;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Bounds-checked reading through a key for a {@link KeyReader}. Every read that would run past the end
 * throws {@code ShardSqlException(KEY_ENCODING)} instead of an index exception, and {@link #malformed}
 * builds messages that say which component, type and byte position the problem is at.
 *
 * <p>Reads take a {@code mask} (0x00 or 0xFF) that is XORed into every byte, which undoes the
 * inversion of DESC payloads.
 */
final class ByteCursor {
    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_HEX_BYTES = 48;

    private final byte[] key;
    private final int start;
    private final int limit;
    private int pos;

    /**
     * What is being read, for messages only: a fixed description, or else a component number
     * (1-based), type ({@code null}: NULL-or-value check) and order.
     */
    private String fixedContext = "start of key";
    private int componentNumber;
    private KeyType componentType;
    private KeyOrder componentOrder;

    ByteCursor(byte[] key, int offset, int length) {
        Objects.requireNonNull(key, "key");
        Objects.checkFromIndexSize(offset, length, key.length);
        this.key = key;
        this.start = offset;
        this.limit = offset + length;
        this.pos = offset;
    }

    /**
     * Records what the following reads belong to, for error messages: component {@code number}
     * (1-based) of {@code type} in {@code order}; {@code type == null} means a NULL-or-value check.
     */
    void beginComponent(int number, KeyType type, KeyOrder order) {
        this.fixedContext = null;
        this.componentNumber = number;
        this.componentType = type;
        this.componentOrder = order;
    }

    /** Records what the following reads are, for error messages, e.g. "the 4-byte id". */
    void describeAs(String context) {
        this.fixedContext = context;
    }

    byte[] array() { return key; }

    /** Index in {@link #array()} of the next byte. */
    int position() { return pos; }

    int remaining() { return limit - pos; }

    void skip(int n) {
        require(n);
        pos += n;
    }

    /** The next byte (unmasked) without consuming it. */
    int peek() {
        require(1);
        return key[pos] & 0xFF;
    }

    int next(int mask) {
        require(1);
        return (key[pos++] ^ mask) & 0xFF;
    }

    /** Four bytes, big-endian, each XORed with {@code mask}. */
    int nextInt(int mask) {
        require(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | ((key[pos++] ^ mask) & 0xFF);
        }
        return v;
    }

    /** Eight bytes, big-endian, each XORed with {@code mask}. */
    long nextLong(int mask) {
        return nextBytes(8, mask);
    }

    /** {@code n} bytes (1..8), big-endian, each XORed with {@code mask}, as an unsigned number. */
    long nextBytes(int n, int mask) {
        require(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | ((key[pos++] ^ mask) & 0xFF);
        }
        return v;
    }

    /** An exception saying what is wrong at the current position; the caller throws it. */
    ShardSqlException malformed(String problem) {
        return malformedAt(pos, problem);
    }

    ShardSqlException malformedAt(int position, String problem) {
        String where;
        if (fixedContext != null) where = fixedContext;
        else if (componentType == null) where = "component #" + componentNumber + " (NULL or value, " + componentOrder
                + ")";
        else where = "component #" + componentNumber + " (" + componentType + " " + componentOrder + ")";
        return new ShardSqlException(ErrorCode.KEY_ENCODING, "Malformed key: " + problem + "; at byte "
                + (position - start) + " of " + (limit - start) + ", reading " + where + "; key=" + hex());
    }

    private void require(int n) {
        if (limit - pos < n) {
            throw malformed("key ends too early (" + n + " more byte(s) needed, " + (limit - pos) + " left)");
        }
    }

    private String hex() {
        int length = limit - start;
        if (length <= MAX_HEX_BYTES) return HEX.formatHex(key, start, limit);
        return HEX.formatHex(key, start, start + MAX_HEX_BYTES) + "..";
    }
}
