package io.shardsql.bench;

import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/**
 * Fresh keys placed on chosen shards: the key for shard {@code s} under a name is the name with the
 * first numeric suffix that the shard map places on {@code s} (a few tries, as placement is a hash).
 */
final class ShardKeys {
    private final ToIntFunction<byte[]> shardOf;
    private final int shardCount;

    ShardKeys(ToIntFunction<byte[]> shardOf, int shardCount) {
        this.shardOf = shardOf;
        this.shardCount = shardCount;
    }

    /**
     * The shards of a transaction touching {@code k} of them: {@code k} distinct shards starting at
     * {@code first}, so that rotating {@code first} spreads the load evenly.
     */
    int[] distinctShards(int k, long first) {
        if (k < 1 || k > shardCount) throw new IllegalArgumentException(
                k + " shards per transaction, but the cluster has " + shardCount);
        int[] shards = new int[k];
        for (int j = 0; j < k; j++) shards[j] = (int) Math.floorMod(first + j, (long) shardCount);
        return shards;
    }

    /** A key derived from {@code name} that lives on {@code shard}. */
    byte[] on(int shard, String name) {
        for (int n = 0; ; n++) {
            byte[] key = (name + "/" + n).getBytes(StandardCharsets.UTF_8);
            if (shardOf.applyAsInt(key) == shard) return key;
        }
    }
}
