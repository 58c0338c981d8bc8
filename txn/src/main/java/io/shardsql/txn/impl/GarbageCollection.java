package io.shardsql.txn.impl;

import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.txn.spi.Groups;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.ActiveTransactions;
import io.shardsql.txn.Timestamps;
import io.shardsql.txn.TxnSettings;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Predicate;

/**
 * Garbage collection below a safe point that respects running transactions.
 *
 * <p>Each node publishes, in {@code control}, the start timestamp of its oldest running transaction
 * (key {@code \0sys/txn-active/<node>}). The safe point is the smallest of: now minus the retention;
 * every published oldest-running timestamp that is fresh (a node silent for four intervals is taken
 * as gone — its transactions then fail with {@code SNAPSHOT_TOO_OLD} rather than read collected
 * data); and, per shard, the oldest lock still there after abandoned locks are cleared. A transaction
 * younger than the retention is safe even before its node publishes. The groups this node leads then
 * collect below it through their logs, so every replica drops the same versions.
 */
final class GarbageCollection {
    static final byte[] ACTIVE_PREFIX = ActiveTransactions.PREFIX;
    private static final int ACTIVE_PAGE = 1000;

    private final Groups cluster;
    private final TransactionManagerImpl txns;
    private final Predicate<GroupName> leadsHere;
    private final TxnSettings settings;
    private final ActivityPublisher publisher;

    GarbageCollection(Groups cluster, TransactionManagerImpl txns, ActivityPublisher publisher,
            Predicate<GroupName> leadsHere) {
        this.cluster = cluster;
        this.txns = txns;
        this.publisher = publisher;
        this.leadsHere = leadsHere;
        this.settings = txns.settings();
    }

    /** Publishes this node's oldest running transaction, then collects in the groups led here. */
    long runOnce() {
        publisher.publish();
        long now = txns.now();
        long safePoint = Math.min(now - Timestamps.ofMillis(settings.gcRetention().toMillis()), oldestPublished(now));
        for (GroupName g : cluster.groupsFor(new byte[0], null)) { // control (system keys) and the shards
            if (leadsHere.test(g)) collect(g, Math.min(safePoint, oldestLockAfterSweep(g)));
        }
        for (int k = 0; k < cluster.coordinatorCount(); k++) {
            if (leadsHere.test(GroupName.coord(k))) collect(GroupName.coord(k), safePoint);
        }
        return safePoint;
    }

    /**
     * The smallest oldest-running timestamp published by a node heard from recently. The entries live
     * in {@code control}, where {@link ActivityPublisher} writes them (not in the data shards).
     */
    private long oldestPublished(long now) {
        byte[] end = ACTIVE_PREFIX.clone();
        end[end.length - 1]++;
        long freshAfter = Timestamps.physicalMillis(now) - 4 * settings.gcInterval().toMillis();
        long min = Long.MAX_VALUE;
        byte[] from = ACTIVE_PREFIX;
        while (from != null) {
            ShardReply.Entries page = (ShardReply.Entries) Futures.ok(Futures.reply(
                    cluster.control().query(new ShardQuery.Scan(from, end, now, ACTIVE_PAGE))));
            for (KvEntry e : page.entries()) {
                if (Timestamps.physicalMillis(e.commitTs()) < freshAfter) continue;
                min = Math.min(min, ByteBuffer.wrap(e.value()).getLong());
            }
            from = page.resumeKey();
        }
        return min;
    }

    /** Clears abandoned locks on the shard and returns the oldest start timestamp among those left. */
    private long oldestLockAfterSweep(GroupName shard) {
        long[] oldest = {Long.MAX_VALUE};
        LockPages.forEach(cluster.group(shard), e -> {
            for (Lock holder : e.lock().holders()) { // a shared row lock has several
                if (!txns.resolver().tryResolve(shard, e.key(), holder)) {
                    oldest[0] = Math.min(oldest[0], holder.startTs());
                }
            }
        });
        return oldest[0];
    }

    /**
     * Collects {@code group} to {@code safePoint}, one bounded step per entry (the group's writes go on
     * between the steps), until the group says the collection is complete.
     */
    private void collect(GroupName group, long safePoint) {
        if (safePoint <= 0 || safePoint == Long.MAX_VALUE) return;
        ShardReply r;
        do {
            r = Futures.ok(Futures.reply(cluster.group(group).submit(new ShardCommand.CollectGarbage(safePoint))));
        } while (r instanceof ShardReply.Counter more && more.value() > 0);
    }
}
