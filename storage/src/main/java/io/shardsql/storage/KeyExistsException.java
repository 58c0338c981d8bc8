package io.shardsql.storage;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

/**
 * An insert ({@link Mutation#insert}) met a key that has a value at the writer's snapshot: a unique
 * violation (23505). It names the key, so that the layer that encoded it can say which row or index
 * value it was.
 */
public class KeyExistsException extends ShardSqlException {
    private final byte[] key;

    public KeyExistsException(byte[] key) {
        this(key, "key " + Bytes.toHex(key) + " already exists");
    }

    public KeyExistsException(byte[] key, String message) {
        super(ErrorCode.UNIQUE_VIOLATION, message);
        this.key = key.clone();
    }

    public byte[] key() { return key.clone(); }
}
