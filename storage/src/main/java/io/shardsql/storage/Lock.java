package io.shardsql.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * The lock (write intent) an unfinished transaction holds on one key. A key has at most one lock.
 * The lock carries the value the transaction will write if it commits ({@code null} for a delete).
 *
 * @param startTs    start timestamp of the owning transaction (its identity on every shard)
 * @param primaryKey the transaction's primary key: where its fate is looked up
 * @param value      the intended new value, {@code null} for a delete
 * @param ttlMillis  how long after {@code startTs}'s physical time the lock may be presumed abandoned
 */
public record Lock(long startTs, byte[] primaryKey, byte[] value, long ttlMillis) {

    public Lock {
        Objects.requireNonNull(primaryKey, "primaryKey");
    }

    public boolean isDelete() { return value == null; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lock l && startTs == l.startTs && ttlMillis == l.ttlMillis
                && Arrays.equals(primaryKey, l.primaryKey) && Arrays.equals(value, l.value);
    }

    @Override
    public int hashCode() { return Long.hashCode(startTs) * 31 + Arrays.hashCode(primaryKey); }

    @Override
    public String toString() { return "Lock[startTs=" + startTs + ", primary=" + Bytes.toHex(primaryKey) + "]"; }
}
