package io.shardsql.storage.rocksdb;

import io.shardsql.storage.Bytes;

import java.util.Arrays;

/**
 * Keys of the {@code versions} column family: one key per committed version of a user key.
 *
 * <pre>
 * +----------------------+-----------+-------------------+
 * | escaped user key (n) | 0x00 0x01 | ~commitTs (8, BE) |
 * +----------------------+-----------+-------------------+
 *  \__________ key prefix (one per user key) _/
 *
 * escaping:  user byte 0x00  ->  0x00 0xFF        every other byte  ->  itself
 * example:   user key "a\0" at commitTs 5  ->  61 00 FF 00 01 FF FF FF FF FF FF FF FA
 * </pre>
 *
 * <p>Order under RocksDB's bytewise comparator:
 * <ul>
 *   <li>Key prefixes sort exactly as their user keys do (unsigned), and no key prefix is a prefix of
 *       another: where one user key ends, its terminator {@code 0x00 0x01} meets either a byte
 *       {@code >= 0x01} of the longer key (so the shorter sorts first) or an escaped zero
 *       {@code 0x00 0xFF} (and {@code 0x01 < 0xFF}). So {@code a < a\0 < ab} stays true, and all
 *       versions of one user key are contiguous.</li>
 *   <li>Within one user key, {@code ~commitTs} (bitwise NOT, big-endian) puts the newest version
 *       first. Commit timestamps are positive, so {@code ~0} ({@link #pastVersions}) sorts after every
 *       version of the key.</li>
 * </ul>
 *
 * <p>Because the prefix has no fixed length, RocksDB's fixed or capped prefix extractors would cut it
 * in the wrong place; the {@code versions} family therefore uses total-order seeks without a prefix
 * bloom filter.
 */
final class VersionKeys {
    static final int TS_BYTES = Long.BYTES;
    private static final byte ESCAPE = 0x00;
    private static final byte ESCAPED_ZERO = (byte) 0xFF;
    private static final byte TERMINATOR = 0x01;

    private VersionKeys() {}

    /** The escaped user key and its terminator: every version key of {@code userKey} starts with it. */
    static byte[] keyPrefix(byte[] userKey) {
        byte[] out = new byte[prefixLength(userKey)];
        writePrefix(userKey, out);
        return out;
    }

    /** The key of the version of {@code userKey} committed at {@code commitTs}. */
    static byte[] encode(byte[] userKey, long commitTs) {
        int prefix = prefixLength(userKey);
        byte[] out = new byte[prefix + TS_BYTES];
        writePrefix(userKey, out);
        writeLong(out, prefix, ~commitTs);
        return out;
    }

    /** Where to seek for the newest version of {@code userKey} with {@code commitTs <= readTs}. */
    static byte[] seekKey(byte[] userKey, long readTs) {
        return encode(userKey, readTs);
    }

    /** A key after every version of {@code userKey} and before the versions of the next user key. */
    static byte[] pastVersions(byte[] userKey) {
        return encode(userKey, 0);
    }

    /** Whether {@code versionKey} is a version of the user key whose {@link #keyPrefix} is {@code prefix}. */
    static boolean hasPrefix(byte[] versionKey, byte[] prefix) {
        return versionKey.length == prefix.length + TS_BYTES
                && Arrays.equals(versionKey, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether two version keys belong to the same user key. */
    static boolean sameUserKey(byte[] versionKeyA, byte[] versionKeyB) {
        int prefix = versionKeyA.length - TS_BYTES;
        return prefix > 0 && versionKeyB.length == versionKeyA.length
                && Arrays.equals(versionKeyA, 0, prefix, versionKeyB, 0, prefix);
    }

    /** The commit timestamp of a version key. */
    static long commitTs(byte[] versionKey) {
        return commitTs(versionKey, versionKey.length);
    }

    /** The commit timestamp of the version key held in {@code buffer[0, length)}. */
    static long commitTs(byte[] buffer, int length) {
        if (length < 2 + TS_BYTES) throw malformed(Arrays.copyOf(buffer, Math.max(0, length)));
        return ~readLong(buffer, length - TS_BYTES);
    }

    /** The user key of a version key; a key that is not in this layout is reported as corruption. */
    static byte[] userKey(byte[] versionKey) {
        int end = versionKey.length - TS_BYTES - 2;
        if (end < 0 || versionKey[end] != ESCAPE || versionKey[end + 1] != TERMINATOR) throw malformed(versionKey);
        int zeros = 0;
        for (int i = 0; i < end; i++) {
            if (versionKey[i] == ESCAPE) {
                if (i + 1 >= end || versionKey[i + 1] != ESCAPED_ZERO) throw malformed(versionKey);
                zeros++;
                i++;
            }
        }
        byte[] out = new byte[end - zeros];
        for (int i = 0, o = 0; i < end; i++, o++) {
            out[o] = versionKey[i];
            if (versionKey[i] == ESCAPE) i++;
        }
        return out;
    }

    private static int prefixLength(byte[] userKey) {
        int zeros = 0;
        for (byte b : userKey) {
            if (b == ESCAPE) zeros++;
        }
        return userKey.length + zeros + 2;
    }

    private static void writePrefix(byte[] userKey, byte[] out) {
        int o = 0;
        for (byte b : userKey) {
            out[o++] = b;
            if (b == ESCAPE) out[o++] = ESCAPED_ZERO;
        }
        out[o++] = ESCAPE;
        out[o] = TERMINATOR;
    }

    private static void writeLong(byte[] out, int offset, long v) {
        for (int i = 0; i < Long.BYTES; i++) {
            out[offset + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static long readLong(byte[] in, int offset) {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | (in[offset + i] & 0xFF);
        }
        return v;
    }

    private static RuntimeException malformed(byte[] versionKey) {
        return RocksErrors.corrupted("malformed version key " + Bytes.toHex(versionKey));
    }
}
