package io.shardsql.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * The lock (write intent) an unfinished transaction holds on one key. A key has at most one lock.
 * The lock carries the value the transaction will write if it commits ({@code null} for a delete).
 *
 * @param startTs    start timestamp of the owning transaction (its identity on every shard)
 * @param owner      where the owning transaction's fate is decided, opaque to storage (the
 *                   transaction layer encodes it: its coordinator group, or "this shard's log")
 * @param value      the intended new value, {@code null} for a delete
 * @param ttlMillis  how long after {@code startTs}'s physical time the lock may be presumed abandoned
 */
public record Lock(long startTs, byte[] owner, byte[] value, long ttlMillis) {

    public Lock {
        Objects.requireNonNull(owner, "owner");
    }

    public boolean isDelete() { return value == null; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lock l && startTs == l.startTs && ttlMillis == l.ttlMillis
                && Arrays.equals(owner, l.owner) && Arrays.equals(value, l.value);
    }

    @Override
    public int hashCode() { return Long.hashCode(startTs) * 31 + Arrays.hashCode(owner); }

    @Override
    public String toString() { return "Lock[startTs=" + startTs + ", owner=" + Bytes.toHex(owner) + "]"; }
}
