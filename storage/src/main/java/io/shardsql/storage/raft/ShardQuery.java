package io.shardsql.storage.raft;

/** A read of one shard, answered by its leader after confirming leadership (linearizable). */
public sealed interface ShardQuery permits ShardQuery.Get, ShardQuery.Scan, ShardQuery.Status {

    record Get(byte[] key, long readTs) implements ShardQuery {}

    /** Up to {@code limit} entries with {@code start <= key < end} ({@code end} null: unbounded). */
    record Scan(byte[] start, byte[] end, long readTs, int limit) implements ShardQuery {
        public Scan {
            if (limit <= 0) throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** Applied index and approximate size of the replica that answers. */
    record Status() implements ShardQuery {}
}
