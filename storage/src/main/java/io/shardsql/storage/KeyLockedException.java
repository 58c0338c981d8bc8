package io.shardsql.storage;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

/** A read or write met the lock of another, unfinished transaction. The caller may resolve it and retry. */
public class KeyLockedException extends ShardSqlException {
    private final byte[] key;
    private final Lock lock;

    public KeyLockedException(byte[] key, Lock lock) {
        super(ErrorCode.KEY_LOCKED, "key " + Bytes.toHex(key) + " is locked by transaction " + lock.startTs());
        this.key = key.clone();
        this.lock = lock;
    }

    public byte[] key() { return key.clone(); }

    public Lock lock() { return lock; }
}
