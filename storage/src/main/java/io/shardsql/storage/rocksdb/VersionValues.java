package io.shardsql.storage.rocksdb;

/**
 * Values of the {@code versions} column family: what a committed version holds.
 *
 * <pre>
 * +----------+-----------------------+
 * | type (1) | value (n)             |
 * +----------+-----------------------+
 *   0x01 PUT      the new value (may be empty)
 *   0x02 DELETE   nothing (n = 0)
 * </pre>
 */
final class VersionValues {
    static final byte PUT = 0x01;
    static final byte DELETE = 0x02;
    private static final byte[] DELETE_VALUE = {DELETE};

    private VersionValues() {}

    /** The stored form of a version; {@code value == null} is a delete. */
    static byte[] encode(byte[] value) {
        if (value == null) return DELETE_VALUE.clone();
        byte[] out = new byte[value.length + 1];
        out[0] = PUT;
        System.arraycopy(value, 0, out, 1, value.length);
        return out;
    }

    static boolean isDelete(byte[] stored) {
        return type(stored) == DELETE;
    }

    /** Whether a stored version whose first byte is {@code type} is a put (a malformed type is corruption). */
    static boolean isPut(byte type) {
        if (type == PUT || type == DELETE) return type == PUT;
        throw RocksErrors.corrupted("malformed version value: type " + type);
    }

    /** The value a stored version holds, or {@code null} if it is a delete. */
    static byte[] decode(byte[] stored) {
        if (type(stored) == DELETE) return null;
        byte[] out = new byte[stored.length - 1];
        System.arraycopy(stored, 1, out, 0, out.length);
        return out;
    }

    private static byte type(byte[] stored) {
        if (stored.length == 0) throw RocksErrors.corrupted("empty version value");
        byte type = stored[0];
        if (type == PUT || (type == DELETE && stored.length == 1)) return type;
        throw RocksErrors.corrupted("malformed version value: type " + type + ", " + stored.length + " bytes");
    }
}
