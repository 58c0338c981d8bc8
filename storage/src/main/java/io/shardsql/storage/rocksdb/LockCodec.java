package io.shardsql.storage.rocksdb;

import io.shardsql.storage.Lock;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Values of the {@code locks} column family (the key is the user key itself, unescaped: a key has at
 * most one lock value, so plain unsigned order is all a range check needs).
 *
 * <pre>
 * +----------+---------------+-----------------+--------------------+-----------------+-----------+
 * | kind (1) | startTs (8,BE)| ttlMillis (8,BE)| owner length (4)   | owner (p)       | rest      |
 * +----------+---------------+-----------------+--------------------+-----------------+-----------+
 *   0x01 PUT        write intent: rest = the value the transaction will write (may be empty)
 *   0x02 DELETE     write intent: the transaction will delete the key (rest empty)
 *   0x03 EXCLUSIVE  row lock of FOR UPDATE (rest empty)
 *   0x04 SHARED     row lock of FOR SHARE: rest = the other holders, each
 *                   | startTs (8,BE) | ttlMillis (8,BE) | owner length (4) | owner (p) |
 * </pre>
 *
 * Kinds 0x01 and 0x02 are the only ones stores written before row locks hold, and read as before.
 */
final class LockCodec {
    private static final byte PUT = 0x01;
    private static final byte DELETE = 0x02;
    private static final byte EXCLUSIVE = 0x03;
    private static final byte SHARED = 0x04;
    private static final int HEADER = 1 + Long.BYTES + Long.BYTES + Integer.BYTES;
    private static final int HOLDER = Long.BYTES + Long.BYTES + Integer.BYTES;

    private LockCodec() {}

    static byte[] encode(Lock lock) {
        byte[] primary = lock.owner();
        int rest = lock.isWrite() ? (lock.isDelete() ? 0 : lock.value().length) : 0;
        for (Lock s : lock.sharers()) rest += HOLDER + s.owner().length;
        ByteBuffer out = ByteBuffer.allocate(HEADER + primary.length + rest)
                .put(kind(lock))
                .putLong(lock.startTs())
                .putLong(lock.ttlMillis())
                .putInt(primary.length)
                .put(primary);
        if (lock.isWrite() && !lock.isDelete()) out.put(lock.value());
        for (Lock s : lock.sharers()) out.putLong(s.startTs()).putLong(s.ttlMillis()).putInt(s.owner().length)
                .put(s.owner());
        return out.array();
    }

    private static byte kind(Lock lock) {
        return switch (lock.mode()) {
            case WRITE -> lock.isDelete() ? DELETE : PUT;
            case EXCLUSIVE -> EXCLUSIVE;
            case SHARED -> SHARED;
        };
    }

    static Lock decode(byte[] stored) {
        try {
            ByteBuffer in = ByteBuffer.wrap(stored);
            byte kind = in.get();
            long startTs = in.getLong();
            long ttlMillis = in.getLong();
            byte[] primary = owner(in, stored);
            if (kind == SHARED) return shared(in, stored, startTs, ttlMillis, primary);
            byte[] value = new byte[in.remaining()];
            in.get(value);
            if (kind == DELETE && value.length == 0) return new Lock(startTs, primary, null, ttlMillis);
            if (kind == PUT) return new Lock(startTs, primary, value, ttlMillis);
            if (kind == EXCLUSIVE && value.length == 0) {
                return Lock.rowLock(startTs, primary, ttlMillis, Lock.Mode.EXCLUSIVE);
            }
            throw malformed(stored);
        } catch (BufferUnderflowException e) {
            throw malformed(stored);
        }
    }

    private static Lock shared(ByteBuffer in, byte[] stored, long startTs, long ttlMillis, byte[] primary) {
        List<Lock> holders = new ArrayList<>();
        holders.add(Lock.rowLock(startTs, primary, ttlMillis, Lock.Mode.SHARED));
        while (in.hasRemaining()) {
            long ts = in.getLong();
            long ttl = in.getLong();
            holders.add(Lock.rowLock(ts, owner(in, stored), ttl, Lock.Mode.SHARED));
        }
        return Lock.of(holders).orElseThrow();
    }

    private static byte[] owner(ByteBuffer in, byte[] stored) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) throw malformed(stored);
        byte[] owner = new byte[length];
        in.get(owner);
        return owner;
    }

    private static RuntimeException malformed(byte[] stored) {
        return RocksErrors.corrupted("malformed lock record of " + stored.length + " bytes");
    }
}
