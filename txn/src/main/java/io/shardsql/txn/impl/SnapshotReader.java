package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.ClusterClient;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardQuery;
import io.shardsql.storage.raft.ShardReply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        GroupName group = cluster.groupOf(key);
        ShardQuery.Get get = new ShardQuery.Get(key, readTs);
        ShardReply r = untilUnlocked(group, cluster.group(group).query(get), get);
        return Optional.ofNullable(((ShardReply.Value) r).entry());
    }

    /**
     * Reads every key at {@code readTs}, all requests in flight at once (in chunks, so a huge list does
     * not flood the shards); the answers come in the order of {@code keys}.
     */
    List<Optional<KvEntry>> getAll(List<byte[]> keys, long readTs) {
        final int inFlight = 256;
        List<Optional<KvEntry>> out = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += inFlight) {
            List<byte[]> chunk = keys.subList(from, Math.min(keys.size(), from + inFlight));
            List<CompletableFuture<ShardReply>> started = new ArrayList<>(chunk.size());
            for (byte[] key : chunk) started.add(cluster.group(cluster.groupOf(key)).query(new ShardQuery.Get(key, readTs)));
            for (int i = 0; i < chunk.size(); i++) {
                byte[] key = chunk.get(i);
                ShardReply r = untilUnlocked(cluster.groupOf(key), started.get(i), new ShardQuery.Get(key, readTs));
                out.add(Optional.ofNullable(((ShardReply.Value) r).entry()));
            }
        }
        return out;
    }

    /** Starts reading one page of a group's part of a range; {@link #page} finishes it. */
    CompletableFuture<ShardReply> startPage(GroupName group, ShardQuery.Scan scan) {
        return cluster.group(group).query(scan);
    }

    ShardReply.Entries page(GroupName group, ShardQuery.Scan scan, CompletableFuture<ShardReply> started) {
        return (ShardReply.Entries) untilUnlocked(group, started, scan);
    }

    /** The groups whose parts of {@code [start, end)} a scan reads. */
    List<GroupName> groupsFor(byte[] start, byte[] end) {
        return cluster.groupsFor(start, end);
    }

    private ShardReply untilUnlocked(GroupName group, CompletableFuture<ShardReply> first, ShardQuery query) {
        LockWait wait = null;
        CompletableFuture<ShardReply> attempt = first;
        while (true) {
            ShardReply r = Futures.reply(attempt);
            if (!(r instanceof ShardReply.Failed f)) return r;
            if (f.code() != ErrorCode.KEY_LOCKED || f.lock() == null) throw f.toException();
            if (!resolver.tryResolve(group, f.lockedKey(), f.lock())) {
                if (wait == null) wait = new LockWait(lockWaitTimeout);
                wait.pause(f.lock());
            }
            attempt = cluster.group(group).query(query);
        }
    }
}
