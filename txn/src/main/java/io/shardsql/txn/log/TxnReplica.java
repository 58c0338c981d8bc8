package io.shardsql.txn.log;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.machine.ReplicaContext;
import io.shardsql.storage.raft.machine.ReplicaExtension;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import static io.shardsql.storage.raft.machine.CommandApplier.SAFE_POINT;
import static io.shardsql.storage.raft.machine.CommandApplier.longBytes;
import static io.shardsql.storage.raft.machine.CommandApplier.longMeta;

/**
 * The transaction layer's part of one replica: applies {@link TxnCommand}s (decisions in coordinator
 * groups, the oracle's limit in {@code control}) and, on {@code control}'s leader, hands out timestamps.
 */
final class TxnReplica implements ReplicaExtension {
    /** The meta name of the timestamp oracle's persisted limit. */
    static final String TIMESTAMP_LIMIT = "tso.limit";

    private final ReplicaContext replica;
    private final TimestampAllocator allocator;

    TxnReplica(ReplicaContext replica, LongSupplier clockMillis, LongSupplier nanoTime, Duration timestampWindow) {
        this.replica = replica;
        this.allocator = new TimestampAllocator(clockMillis, nanoTime, timestampWindow.toMillis(),
                this::raiseTimestampLimit);
    }

    @Override
    public ShardReply apply(ShardCommand.Extension command, MvccBatch batch) {
        if (command instanceof TxnCommand.RecordDecision d) return recordDecision(d, batch);
        if (command instanceof TxnCommand.ForgetDecisions f) {
            for (long ts : f.startTs()) batch.deleteMeta(Decisions.name(ts));
            return ShardReply.DONE;
        }
        if (command instanceof TxnCommand.Heartbeat h) return heartbeat(h, batch);
        if (command instanceof TxnCommand.AbortIfStale a) return abortIfStale(a, batch);
        if (command instanceof TxnCommand.RaiseTimestampLimit t) {
            long previous = longMeta(batch, TIMESTAMP_LIMIT);
            batch.putMeta(TIMESTAMP_LIMIT, longBytes(Math.max(previous, t.limit())));
            return new ShardReply.Counter(previous);
        }
        throw new ShardSqlException(ErrorCode.BAD_COMMAND, "not a transaction command: "
                + command.getClass().getSimpleName());
    }

    private ShardReply recordDecision(TxnCommand.RecordDecision d, MvccBatch batch) {
        String name = Decisions.name(d.startTs());
        Optional<byte[]> existing = batch.meta(name);
        if (existing.isPresent()) return new ShardReply.Meta(existing.get());
        if (d.commits() && d.startTs() < longMeta(batch, SAFE_POINT)) {
            throw new ShardSqlException(ErrorCode.TXN_ABORTED, "transaction " + d.startTs()
                    + " started below the coordinator's safe point; it may have been aborted and forgotten");
        }
        if (d.commits()) replica.checkCommit(d.commitTs(), batch);
        byte[] stored = Decisions.encode(d.commitTs(), d.record());
        batch.putMeta(name, stored);
        batch.deleteMeta(Heartbeats.name(d.startTs())); // decided: liveness no longer matters
        return new ShardReply.Meta(stored);
    }

    /** Extends an undecided transaction's life; a decided one's driver gets the decision back. */
    private ShardReply heartbeat(TxnCommand.Heartbeat h, MvccBatch batch) {
        Optional<byte[]> decision = batch.meta(Decisions.name(h.startTs()));
        if (decision.isPresent()) return new ShardReply.Meta(decision.get());
        if (h.aliveUntilMillis() > aliveUntil(batch, h.startTs())) {
            batch.putMeta(Heartbeats.name(h.startTs()), Heartbeats.encode(h.aliveUntilMillis()));
        }
        return ShardReply.DONE;
    }

    /** The abort of a transaction found abandoned, unless it was decided meanwhile or its driver is alive. */
    private ShardReply abortIfStale(TxnCommand.AbortIfStale a, MvccBatch batch) {
        Optional<byte[]> decision = batch.meta(Decisions.name(a.startTs()));
        if (decision.isPresent()) return new ShardReply.Meta(decision.get());
        if (aliveUntil(batch, a.startTs()) >= a.nowMillis()) return new ShardReply.Meta(null);
        return recordDecision(new TxnCommand.RecordDecision(a.startTs(), 0, a.record()), batch);
    }

    private static long aliveUntil(MvccBatch batch, long startTs) {
        return batch.meta(Heartbeats.name(startTs)).map(Heartbeats::aliveUntilOf).orElse(Long.MIN_VALUE);
    }

    /**
     * Abort decisions below the safe point are no longer needed: no transaction that old is running,
     * and {@link #recordDecision} refuses to commit one. (Commit decisions are forgotten once their
     * locks are resolved.)
     */
    @Override
    public void collected(long safePointTs, MvccStore store, MvccBatch batch) {
        dropAbortsBelow(safePointTs, store, batch);
        // A heartbeat left by a driver that died before deciding, of a transaction nobody runs any more.
        for (String name : store.metaScan(Heartbeats.PREFIX, Integer.MAX_VALUE).keySet()) {
            if (Heartbeats.startTsOf(name) >= safePointTs) break;
            batch.deleteMeta(name);
        }
    }

    private static void dropAbortsBelow(long safePointTs, MvccStore store, MvccBatch batch) {
        String after = null;
        while (true) { // a page at a time: the decisions below the safe point may be many
            var page = store.metaScan(Decisions.PREFIX, after, COLLECT_PAGE);
            for (var e : page.entrySet()) {
                if (Decisions.startTsOf(e.getKey()) >= safePointTs) return;
                if (Decisions.commitTsOf(e.getValue()) == 0) batch.deleteMeta(e.getKey());
            }
            if (page.size() < COLLECT_PAGE) return;
            after = page.lastKey();
        }
    }

    private static final int COLLECT_PAGE = 1000;

    // ---- timestamp oracle (control group) ----------------------------------------------------

    @Override
    public CompletableFuture<ShardReply> query(ShardQuery.Extension query) {
        if (!(query instanceof NextTimestamps t)) {
            throw new ShardSqlException(ErrorCode.BAD_COMMAND, "not a transaction query: "
                    + query.getClass().getSimpleName());
        }
        if (!replica.isLeader()) {
            // A linearizable read may reach a follower (Ratis serves those after asking the leader for its
            // read index), but only the leader hands out timestamps: send the client to it.
            throw new ShardSqlException(ErrorCode.NOT_LEADER, replica.name() + " does not lead its group");
        }
        CompletableFuture<ShardReply> allocated = allocator.allocate(t.count(), replica.currentTerm());
        if (t.readKey() == null) return allocated;
        return allocated.thenApply(r -> r instanceof ShardReply.Timestamps ts
                ? ts.withRead(readAtIssue(t.readKey(), ts.first())) : r);
    }

    /**
     * The value of {@code key} at timestamps just issued, read from this leader's store; null if it
     * cannot tell (a lock). Sound because timestamps are handed out only on a linearizable read (this
     * leader holds its lease or confirmed its leadership): every commit below {@code ts} had its
     * timestamp issued before {@code ts} was, by this leader or (below its fence) a predecessor, and
     * only after its prepare — whose lock on the key, or the resolved version replacing it, was applied
     * here before: on this leader before it answered the prepare, or before this leader's first limit
     * raise. Commits issued after {@code ts} are above it and the snapshot read ignores them.
     */
    private ShardReply.Value readAtIssue(byte[] key, long ts) {
        return replica.readLocal(new ShardQuery.Get(key, ts)) instanceof ShardReply.Value v ? v : null;
    }

    /** Proposes a higher timestamp limit through this group's own log; completes with the limit it replaced. */
    private CompletableFuture<Long> raiseTimestampLimit(long limit) {
        return replica.propose(new TxnCommand.RaiseTimestampLimit(limit)).thenApply(r -> {
            if (r instanceof ShardReply.Failed f) throw f.toException();
            return ((ShardReply.Counter) r).value();
        });
    }
}
