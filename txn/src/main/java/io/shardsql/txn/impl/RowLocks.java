package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.RowLockWait;
import io.shardsql.txn.TxnSettings;
import io.shardsql.txn.spi.Groups;
import io.shardsql.txn.spi.TxnClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The row locks ({@code SELECT ... FOR UPDATE / FOR SHARE}) one transaction holds, by shard: takes them
 * ({@link ShardCommand.LockRows}), keeps them alive and releases them when the transaction ends.
 *
 * <pre>
 *   lockRows ─► LockRows on each shard (parallel) ─► KEY_LOCKED? resolve a decided / abandoned holder,
 *                                                    else NOWAIT: 55P03 · WAIT: back off and retry
 *                                                    (up to txn.lock-wait-timeout, then 55P03)
 *   commit / rollback ─► Resolve(startTs, commitTs or 0, the locked keys) on each shard
 * </pre>
 *
 * Row locks live across statements, so they are owned by the transaction's coordinator group (never "this
 * shard's log") and a {@link LockKeeper} heartbeats there from the first lock until the transaction ends:
 * a driver that dies stops beating, and whoever meets its locks one TTL later aborts it in the coordinator
 * ({@code AbortIfStale}) and removes them ({@link LockResolver}). For the same reason a transaction holding
 * row locks commits through its coordinator even when it writes to one shard, and names the shards of its
 * row locks among its participants, so recovery releases them too. Waiting for a holder is bounded by
 * the timeout rather than wait-die: row locks are held for as long as their transaction runs, and a younger
 * locker that died at once could never lock a row an older transaction had locked (queueing with deadlock
 * detection is the performance issue's). Its methods are synchronized: a transaction is driven by one thread,
 * but a session closed from elsewhere may roll it back (and release) while a lock is being taken.
 */
final class RowLocks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RowLocks.class);

    private final TransactionImpl tx;
    private final Groups cluster;
    private final LockResolver resolver;
    private final TimestampClient tso;
    private final TxnSettings settings;
    private final TxnClock clock;
    private final Map<GroupName, NavigableSet<byte[]>> held = new TreeMap<>();
    private LockKeeper keeper;

    RowLocks(TransactionImpl tx, TransactionManagerImpl manager) {
        this.tx = tx;
        this.cluster = manager.cluster();
        this.resolver = manager.resolver();
        this.tso = manager.timestamps();
        this.settings = manager.settings();
        this.clock = manager.clock();
    }

    /** The shards where this transaction holds row locks. */
    synchronized Set<GroupName> shards() { return Set.copyOf(held.keySet()); }

    /** Locks {@code keys} in {@code mode}; returns the keys {@link RowLockWait#SKIP_LOCKED} left out. */
    synchronized List<byte[]> lock(List<byte[]> keys, Lock.Mode mode, RowLockWait wait) {
        if (keys.isEmpty()) return List.of();
        TxnOwner owner = TxnOwner.coordinator(tx.coordinator());
        if (keeper == null) {
            keeper = LockKeeper.start(tx.startTs(), cluster.coordinator(owner.coordinator()), tso, settings.lockTtl(),
                    clock);
        }
        Map<GroupName, List<byte[]>> byShard = new TreeMap<>();
        for (byte[] k : keys) byShard.computeIfAbsent(cluster.groupOf(k), g -> new ArrayList<>()).add(k);
        long ttl = tx.ageMillis() + settings.lockTtl().toMillis();
        Map<GroupName, CompletableFuture<ShardReply>> sent = new TreeMap<>();
        byShard.forEach((shard, ks) -> sent.put(shard, send(shard, owner, ttl, mode, wait, ks)));
        List<byte[]> skipped = new ArrayList<>();
        ShardSqlException failure = null;
        for (Map.Entry<GroupName, CompletableFuture<ShardReply>> e : sent.entrySet()) {
            try {
                GroupName shard = e.getKey();
                List<byte[]> left = finish(shard, owner, ttl, mode, wait, byShard.get(shard), e.getValue());
                skipped.addAll(left);
                record(shard, byShard.get(shard), left);
            } catch (ShardSqlException ex) {
                if (failure == null) failure = ex;
            }
        }
        if (failure != null) throw failure;
        return skipped;
    }

    private CompletableFuture<ShardReply> send(GroupName shard, TxnOwner owner, long ttl, Lock.Mode mode,
                                               RowLockWait wait, List<byte[]> keys) {
        return cluster.group(shard).submit(new ShardCommand.LockRows(tx.startTs(), owner.encode(), ttl, mode,
                wait == RowLockWait.SKIP_LOCKED, keys));
    }

    /** Waits for a shard's answer, resolving or waiting out holders in the way; returns the keys skipped. */
    private List<byte[]> finish(GroupName shard, TxnOwner owner, long ttl, Lock.Mode mode, RowLockWait wait,
                                List<byte[]> keys, CompletableFuture<ShardReply> first) {
        LockWait waiting = null;
        CompletableFuture<ShardReply> attempt = first;
        while (true) {
            ShardReply r = Futures.reply(attempt);
            if (r instanceof ShardReply.Locks skipped) return skipped.locks().stream().map(LockEntry::key).toList();
            if (!(r instanceof ShardReply.Failed f)) return List.of();
            if (f.code() != ErrorCode.KEY_LOCKED || f.lock() == null) throw f.toException();
            if (!resolver.tryResolve(shard, f.lockedKey(), f.lock())) {
                if (wait == RowLockWait.NOWAIT) throw notAvailable(f.lock(), "");
                if (waiting == null) waiting = new LockWait(settings.lockWaitTimeout(), clock);
                try {
                    waiting.pause(f.lock());
                } catch (ShardSqlException timedOut) {
                    throw notAvailable(f.lock(), " within txn.lock-wait-timeout ("
                            + settings.lockWaitTimeout().toMillis() + " ms)");
                }
            }
            attempt = send(shard, owner, ttl, mode, wait, keys);
        }
    }

    private static ShardSqlException notAvailable(Lock holder, String when) {
        return new ShardSqlException(ErrorCode.LOCK_NOT_AVAILABLE, "could not obtain lock on row: transaction "
                + holder.startTs() + " holds it" + (holder.isWrite() ? " (committing a write)" : "") + when);
    }

    private void record(GroupName shard, List<byte[]> keys, List<byte[]> skipped) {
        NavigableSet<byte[]> set = held.computeIfAbsent(shard, g -> new TreeSet<>(Arrays::compareUnsigned));
        set.addAll(keys);
        skipped.forEach(set::remove);
        if (set.isEmpty()) held.remove(shard);
    }

    /**
     * Releases every row lock, not waiting for the answers: with the transaction's commit timestamp once it
     * committed (a key it also wrote then becomes its version, as the decision says), with 0 after an abort.
     * Whatever is not released here is released by recovery (a commit) or found abandoned (an abort).
     */
    synchronized void release(long commitTs) {
        held.forEach((shard, keys) -> cluster.group(shard)
                .submit(new ShardCommand.Resolve(tx.startTs(), commitTs, List.copyOf(keys)))
                .whenComplete((r, e) -> {
                    if (e != null) LOG.debug("transaction {}: releasing row locks on {} left to others: {}",
                            tx.startTs(), shard, e.toString());
                }));
        held.clear();
    }

    /** Stops the heartbeats (at the end of the transaction). */
    @Override
    public synchronized void close() {
        if (keeper != null) keeper.close();
        keeper = null;
    }
}
