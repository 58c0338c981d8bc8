package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.ClusterClient;
import io.shardsql.storage.raft.ShardQuery;
import io.shardsql.storage.raft.ShardReply;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads committed data at a timestamp. A lock in the way is resolved if its transaction is decided or
 * abandoned; otherwise the read waits (bounded) — it cannot tell whether that transaction will commit
 * below the read timestamp.
 */
final class SnapshotReader {
    private final ClusterClient cluster;
    private final LockResolver resolver;
    private final Duration lockWaitTimeout;

    SnapshotReader(ClusterClient cluster, LockResolver resolver, Duration lockWaitTimeout) {
        this.cluster = cluster;
        this.resolver = resolver;
        this.lockWaitTimeout = lockWaitTimeout;
    }

    Optional<KvEntry> get(byte[] key, long readTs) {
        int shard = cluster.shardOf(key);
        ShardReply r = untilUnlocked(shard, cluster.shard(shard).query(new ShardQuery.Get(key, readTs)), new ShardQuery.Get(key, readTs));
        return Optional.ofNullable(((ShardReply.Value) r).entry());
    }

    /** Starts reading one page of a shard's range; {@link #page} finishes it. */
    CompletableFuture<ShardReply> startPage(int shard, ShardQuery.Scan scan) {
        return cluster.shard(shard).query(scan);
    }

    ShardReply.Entries page(int shard, ShardQuery.Scan scan, CompletableFuture<ShardReply> started) {
        return (ShardReply.Entries) untilUnlocked(shard, started, scan);
    }

    private ShardReply untilUnlocked(int shard, CompletableFuture<ShardReply> first, ShardQuery query) {
        LockWait wait = null;
        CompletableFuture<ShardReply> attempt = first;
        while (true) {
            ShardReply r = Futures.reply(attempt);
            if (!(r instanceof ShardReply.Failed f)) return r;
            if (f.code() != ErrorCode.KEY_LOCKED || f.lock() == null) throw f.toException();
            if (!resolver.tryResolve(shard, f.lockedKey(), f.lock())) {
                if (wait == null) wait = new LockWait(lockWaitTimeout);
                wait.pause(f.lock());
            }
            attempt = cluster.shard(shard).query(query);
        }
    }
}
