package io.shardsql.storage.rocksdb;

import io.shardsql.storage.AppliedIndex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Keys and values of the {@code meta} column family.
 *
 * <pre>
 * key                                 value
 * +------+--------------------+       +-------------+--------------+
 * | 0x01 |                    |  ->   | term (8,BE) | index (8,BE) |   the applied Raft index
 * +------+--------------------+       +-------------+--------------+
 * | 0x02 | name (UTF-8, n)    |  ->   | value (as given)           |   a named value (putMeta)
 * +------+--------------------+       +----------------------------+
 * | 0x03 | flag name (UTF-8)  |  ->   | empty                      |   a flag of the store itself
 * +------+--------------------+       +----------------------------+
 * </pre>
 *
 * The kind byte keeps named values from ever colliding with the applied index or the store's own
 * flags ({@link GarbageCollector}'s), which named-value scans never see.
 */
final class MetaLayout {
    private static final byte APPLIED_INDEX_KIND = 0x01;
    private static final byte NAMED_KIND = 0x02;
    private static final byte FLAG_KIND = 0x03;
    private static final int APPLIED_INDEX_BYTES = 2 * Long.BYTES;

    private MetaLayout() {}

    static byte[] appliedIndexKey() {
        return new byte[] {APPLIED_INDEX_KIND};
    }

    static byte[] namedKey(String name) {
        return key(NAMED_KIND, name);
    }

    static byte[] flagKey(String flag) {
        return key(FLAG_KIND, flag);
    }

    private static byte[] key(byte kind, String name) {
        Objects.requireNonNull(name, "name");
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + utf8.length).put(kind).put(utf8).array();
    }

    /** The name of a named key. */
    static String name(byte[] namedKey) {
        return new String(namedKey, 1, namedKey.length - 1, StandardCharsets.UTF_8);
    }

    static byte[] encodeAppliedIndex(long term, long index) {
        return ByteBuffer.allocate(APPLIED_INDEX_BYTES).putLong(term).putLong(index).array();
    }

    /** The stored applied index, or {@link AppliedIndex#NONE} if none was stored yet. */
    static AppliedIndex decodeAppliedIndex(byte[] stored) {
        if (stored == null) return AppliedIndex.NONE;
        if (stored.length != APPLIED_INDEX_BYTES) {
            throw RocksErrors.corrupted("malformed applied index record of " + stored.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        return new AppliedIndex(in.getLong(), in.getLong());
    }
}
