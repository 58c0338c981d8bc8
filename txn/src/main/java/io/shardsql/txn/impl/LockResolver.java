package io.shardsql.txn.impl;

import io.shardsql.txn.log.TxnCommand;

import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.txn.spi.Groups;
import io.shardsql.txn.spi.TxnClock;
import io.shardsql.txn.log.Decisions;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.txn.spi.GroupClient;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.Timestamps;

import java.util.Arrays;
import java.util.List;

/**
 * Clears a lock someone met, if its transaction's fate allows: a decided transaction's lock is
 * resolved the way it was decided; an undecided one whose TTL has passed is aborted first — in its
 * owner's log (the coordinator's write-once decision, or the shard's own log for a single-shard
 * transaction), so the abort can never split a transaction that committed meanwhile.
 */
final class LockResolver {
    private final Groups cluster;
    private final TimestampClient tso;
    private final TxnClock clock;

    LockResolver(Groups cluster, TimestampClient tso, TxnClock clock) {
        this.cluster = cluster;
        this.clock = clock;
        this.tso = tso;
    }

    /**
     * Tries to clear {@code lock} on {@code key} of {@code group} (a shard, or {@code control} for system keys).
     * Returns true when it is gone (or will not block again), false when its transaction is alive and undecided.
     *
     * <p>"No decision" is not proof of a live transaction: the lock was met a moment ago, and since then
     * its transaction may have been decided, resolved on every participant and its decision forgotten
     * (a multi-shard commit answers its caller at the commit point and resolves just after; a
     * single-shard commit resolves in its decision entry). So before calling the transaction live, the
     * lock itself is looked at again, after the decision was: if it is no longer there, it was
     * resolved one way or the other and the caller should simply retry.
     */
    boolean tryResolve(GroupName group, byte[] key, Lock lock) {
        TxnOwner owner = TxnOwner.decode(lock.owner());
        if (owner.isLocal()) {
            if (!expired(lock)) return !stillLocked(group, key, lock);
            resolve(group, lock.startTs(), 0, List.of(key));
            return true;
        }
        byte[] decision = decisionOf(owner, lock);
        if (decision == null) return !stillLocked(group, key, lock);
        resolve(group, lock.startTs(), Decisions.commitTsOf(decision), List.of(key));
        return true;
    }

    /** Whether {@code key} still carries a lock of {@code lock}'s transaction. */
    private boolean stillLocked(GroupName group, byte[] key, Lock lock) {
        byte[] justAfter = Arrays.copyOf(key, key.length + 1);
        ShardReply r = Futures.ok(Futures.reply(cluster.group(group)
                .query(new ShardQuery.ScanLocks(key, justAfter, 1))));
        for (LockEntry e : ((ShardReply.Locks) r).locks()) {
            if (Arrays.equals(e.key(), key) && e.lock().heldBy(lock.startTs()).isPresent()) return true;
        }
        return false;
    }

    /**
     * The stored decision on the lock's transaction; if there is none and the lock expired, an abort
     * is proposed — refused by the coordinator while the transaction's driver keeps heartbeating
     * ({@link LockKeeper}) — and whatever decision the log keeps is returned. Null while the transaction
     * is live.
     */
    byte[] decisionOf(TxnOwner owner, Lock lock) {
        GroupClient coord = cluster.coordinator(owner.coordinator());
        byte[] stored = meta(coord.query(new ShardQuery.GetMeta(Decisions.name(lock.startTs()))));
        if (stored != null) return stored;
        long now = oracleMillis();
        if (!expired(lock, now)) return null;
        DecisionRecord abort = new DecisionRecord(lock.startTs(), 0, clock.wallMillis(), List.of());
        return meta(coord.submit(new TxnCommand.AbortIfStale(lock.startTs(), now, abort.encodeRecord())));
    }

    boolean expired(Lock lock) {
        return expired(lock, oracleMillis());
    }

    private static boolean expired(Lock lock, long nowMillis) {
        return nowMillis > Timestamps.physicalMillis(lock.startTs()) + lock.ttlMillis();
    }

    /** Now, in the oracle's physical time: the time base of lock TTLs and heartbeats alike. */
    private long oracleMillis() {
        return Timestamps.physicalMillis(tso.now());
    }

    private void resolve(GroupName group, long startTs, long commitTs, List<byte[]> keys) {
        Futures.ok(Futures.reply(cluster.group(group).submit(new ShardCommand.Resolve(startTs, commitTs, keys))));
    }

    private static byte[] meta(java.util.concurrent.CompletableFuture<ShardReply> f) {
        return ((ShardReply.Meta) Futures.ok(Futures.reply(f))).value();
    }
}
