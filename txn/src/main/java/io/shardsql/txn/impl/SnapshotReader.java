package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.KvEntry;
import io.shardsql.txn.spi.Groups;
import io.shardsql.txn.spi.TxnClock;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads committed data at a timestamp. A lock in the way is resolved if its transaction is decided or
 * abandoned; otherwise the read waits (bounded) — it cannot tell whether that transaction will commit
 * below the read timestamp.
 */
final class SnapshotReader {
    static final int KEYS_PER_REQUEST = 512;

    private final Groups cluster;
    private final TxnClock clock;
    private final LockResolver resolver;
    private final Duration lockWaitTimeout;

    SnapshotReader(Groups cluster, LockResolver resolver, Duration lockWaitTimeout, TxnClock clock) {
        this.cluster = cluster;
        this.clock = clock;
        this.resolver = resolver;
        this.lockWaitTimeout = lockWaitTimeout;
    }

    Optional<KvEntry> get(byte[] key, long readTs) {
        GroupName group = cluster.groupOf(key);
        ShardQuery.Get get = new ShardQuery.Get(key, readTs);
        ShardReply r = untilUnlocked(group, cluster.group(group).queryWaiting(get), get);
        return Optional.ofNullable(((ShardReply.Value) r).entry());
    }

    /**
     * Reads every key at {@code readTs}: one request per shard holding some of them (in chunks of
     * {@value #KEYS_PER_REQUEST}), all in flight at once; the answers come in the order of {@code keys}.
     * A key found locked is read again on its own, once its lock is resolved or released.
     */
    List<Optional<KvEntry>> getAll(List<byte[]> keys, long readTs) {
        KvEntry[] found = new KvEntry[keys.size()];
        for (Chunk chunk : sendByShard(keys, readTs)) {
            List<ShardReply> replies = ((ShardReply.Batched) checked(Futures.reply(chunk.reply()))).replies();
            for (int j = 0; j < chunk.positions().size(); j++) {
                int i = chunk.positions().get(j);
                ShardReply r = replies.get(j);
                if (r instanceof ShardReply.Failed) {
                    r = untilUnlocked(chunk.group(), CompletableFuture.completedFuture(r),
                            new ShardQuery.Get(keys.get(i), readTs));
                }
                found[i] = ((ShardReply.Value) r).entry();
            }
        }
        List<Optional<KvEntry>> out = new ArrayList<>(keys.size());
        for (KvEntry e : found) out.add(Optional.ofNullable(e));
        return out;
    }

    /** One {@code GetMany} in flight: the group it went to and the positions in the caller's list of its keys. */
    private record Chunk(GroupName group, List<Integer> positions, CompletableFuture<ShardReply> reply) {}

    private List<Chunk> sendByShard(List<byte[]> keys, long readTs) {
        Map<GroupName, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byGroup.computeIfAbsent(cluster.groupOf(keys.get(i)), g -> new ArrayList<>()).add(i);
        }
        List<Chunk> chunks = new ArrayList<>();
        byGroup.forEach((group, all) -> {
            for (int from = 0; from < all.size(); from += KEYS_PER_REQUEST) {
                List<Integer> positions = all.subList(from, Math.min(all.size(), from + KEYS_PER_REQUEST));
                List<byte[]> chunkKeys = new ArrayList<>(positions.size());
                for (int i : positions) chunkKeys.add(keys.get(i));
                chunks.add(new Chunk(group, positions,
                        cluster.group(group).query(new ShardQuery.GetMany(chunkKeys, readTs))));
            }
        });
        return chunks;
    }

    /** A request that failed as a whole (too old a snapshot, ...) fails the read. */
    private static ShardReply checked(ShardReply r) {
        if (r instanceof ShardReply.Failed f) throw f.toException();
        return r;
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
                if (wait == null) wait = new LockWait(lockWaitTimeout, clock);
                wait.pause(f.lock());
            }
            attempt = cluster.group(group).queryWaiting(query);
        }
    }
}
