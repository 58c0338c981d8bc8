package io.shardsql.storage.rocksdb;

import io.shardsql.storage.Lock;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Values of the {@code locks} column family (the key is the user key itself, unescaped: a key has at
 * most one lock, so plain unsigned order is all a range check needs).
 *
 * <pre>
 * +----------+---------------+-----------------+--------------------+-----------------+-----------+
 * | kind (1) | startTs (8,BE)| ttlMillis (8,BE)| owner length (4)   | owner (p)       | value (v) |
 * +----------+---------------+-----------------+--------------------+-----------------+-----------+
 *   0x01 PUT     the transaction will write {@code value} (may be empty)
 *   0x02 DELETE  the transaction will delete the key (v = 0)
 * </pre>
 */
final class LockCodec {
    private static final byte PUT = 0x01;
    private static final byte DELETE = 0x02;
    private static final int HEADER = 1 + Long.BYTES + Long.BYTES + Integer.BYTES;

    private LockCodec() {}

    static byte[] encode(Lock lock) {
        byte[] primary = lock.owner();
        byte[] value = lock.isDelete() ? new byte[0] : lock.value();
        return ByteBuffer.allocate(HEADER + primary.length + value.length)
                .put(lock.isDelete() ? DELETE : PUT)
                .putLong(lock.startTs())
                .putLong(lock.ttlMillis())
                .putInt(primary.length)
                .put(primary)
                .put(value)
                .array();
    }

    static Lock decode(byte[] stored) {
        try {
            ByteBuffer in = ByteBuffer.wrap(stored);
            byte kind = in.get();
            long startTs = in.getLong();
            long ttlMillis = in.getLong();
            int primaryLength = in.getInt();
            if (primaryLength < 0 || primaryLength > in.remaining()) throw malformed(stored);
            byte[] primary = new byte[primaryLength];
            in.get(primary);
            byte[] value = new byte[in.remaining()];
            in.get(value);
            if (kind == DELETE && value.length == 0) return new Lock(startTs, primary, null, ttlMillis);
            if (kind == PUT) return new Lock(startTs, primary, value, ttlMillis);
            throw malformed(stored);
        } catch (BufferUnderflowException e) {
            throw malformed(stored);
        }
    }

    private static RuntimeException malformed(byte[] stored) {
        return RocksErrors.corrupted("malformed lock record of " + stored.length + " bytes");
    }
}
