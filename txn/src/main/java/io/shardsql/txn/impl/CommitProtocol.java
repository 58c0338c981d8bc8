package io.shardsql.txn.impl;

import io.shardsql.txn.log.TxnCommand;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Mutation;
import io.shardsql.txn.spi.Groups;
import io.shardsql.txn.spi.TxnClock;
import io.shardsql.txn.log.Decisions;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.CommitStep;
import io.shardsql.txn.TxnSettings;
import io.shardsql.txn.TxnState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Drives the commit of one transaction (see {@link io.shardsql.txn} for the protocol). One shard:
 * prepare, then {@code CommitLocal} in the same log — that entry is the decision. Several shards:
 * prepare on all in parallel, log the decision in the coordinator group (the commit point), answer,
 * then push the decision to the participants and let the coordinator forget it.
 */
final class CommitProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(CommitProtocol.class);
    /** How many epoch fences in a row one decision may meet before it fails. */
    static final int MAX_FENCED = 8;

    private final Groups cluster;
    private final TxnClock clock;
    private final TimestampClient tso;
    private final LockResolver resolver;
    private final TxnSettings settings;
    private final CommitHook hook;
    private final ReadValidator validator;

    CommitProtocol(Groups cluster, TimestampClient tso, LockResolver resolver, TxnSettings settings, CommitHook hook,
                   TxnClock clock) {
        this.cluster = cluster;
        this.clock = clock;
        this.tso = tso;
        this.resolver = resolver;
        this.settings = settings;
        this.hook = hook;
        this.validator = new ReadValidator(cluster, resolver);
    }

    /**
     * Commits {@code tx}'s writes; returns the commit timestamp or throws (the state tells the outcome). A
     * transaction that holds row locks ({@code lockShards}, owned by its coordinator: {@link RowLocks}) is
     * decided in its coordinator even when it writes to one shard, and those shards are among its participants.
     */
    long commit(TransactionImpl tx, Map<GroupName, List<Mutation>> writes, Set<GroupName> lockShards) {
        try {
            PrepareSizes.check(writes, cluster.maxCommandBytes());
        } catch (ShardSqlException e) {
            tx.moveTo(TxnState.ABORTED); // nothing was proposed
            throw e;
        }
        tx.moveTo(TxnState.PREPARING);
        if (writes.size() == 1 && lockShards.isEmpty()) {
            return commitOneShard(tx, writes.keySet().iterator().next(), writes.values().iterator().next());
        }
        return commitManyShards(tx, writes, lockShards);
    }

    private long commitOneShard(TransactionImpl tx, GroupName shard, List<Mutation> mutations) {
        prepareOrAbort(tx, Map.of(shard, mutations), TxnOwner.LOCAL_SHARD);
        tx.moveTo(TxnState.DECIDING);
        String group = shard.toString();
        hook.reached(CommitStep.DECIDING, tx.startTs(), group);
        long commitTs = 0;
        ShardReply r = null;
        for (int attempt = 0; attempt == 0 || fenced(r, attempt); attempt++) {
            long ts = commitTs = tso.now();
            validateOrAbort(tx, ts, Map.of(shard, mutations));
            r = decide(tx, () -> cluster.group(shard)
                    .submit(new ShardCommand.CommitLocal(tx.startTs(), ts, keys(mutations))));
        }
        if (r instanceof ShardReply.Failed f) {
            tx.moveTo(TxnState.ABORTED);
            abortQuietly(tx.startTs(), Map.of(shard, mutations));
            throw f.toException();
        }
        tx.moveTo(TxnState.COMMITTED);
        hook.reached(CommitStep.DECIDED, tx.startTs(), group);
        return commitTs;
    }

    private long commitManyShards(TransactionImpl tx, Map<GroupName, List<Mutation>> writes,
                                  Set<GroupName> lockShards) {
        TxnOwner owner = TxnOwner.coordinator(tx.coordinator());
        Set<GroupName> participants = new TreeSet<>(writes.keySet());
        participants.addAll(lockShards);
        try (LockKeeper alive = LockKeeper.start(tx.startTs(), cluster.coordinator(owner.coordinator()), tso,
                settings.lockTtl(), clock)) {
            return prepareAndDecide(tx, writes, owner, new ArrayList<>(participants));
        }
    }

    /** Phase one, then the decision in the coordinator group while a {@link LockKeeper} keeps the locks alive. */
    private long prepareAndDecide(TransactionImpl tx, Map<GroupName, List<Mutation>> writes, TxnOwner owner,
                                  List<GroupName> participants) {
        prepareOrAbort(tx, writes, owner);
        tx.moveTo(TxnState.DECIDING);
        String coord = owner.group().toString();
        hook.reached(CommitStep.DECIDING, tx.startTs(), coord);
        ShardReply r = null;
        for (int attempt = 0; attempt == 0 || fenced(r, attempt); attempt++) {
            long commitTs = tso.now();
            validateOrAbort(tx, commitTs, writes);
            DecisionRecord record = new DecisionRecord(tx.startTs(), commitTs, clock.wallMillis(), participants);
            r = decide(tx, () -> cluster.coordinator(owner.coordinator())
                    .submit(new TxnCommand.RecordDecision(tx.startTs(), commitTs, record.encodeRecord())));
        }
        long decided = r instanceof ShardReply.Meta m ? Decisions.commitTsOf(m.value()) : 0;
        if (decided == 0) {
            tx.moveTo(TxnState.ABORTED);
            abortQuietly(tx.startTs(), writes);
            throw r instanceof ShardReply.Failed f ? f.toException()
                    : new ShardSqlException(ErrorCode.TXN_ABORTED, "transaction " + tx.startTs()
                    + " was aborted while it committed (its locks were found abandoned: its driver stopped"
                    + " heartbeating for longer than txn.lock-ttl)");
        }
        tx.moveTo(TxnState.COMMITTED);
        hook.reached(CommitStep.DECIDED, tx.startTs(), coord);
        pushDecision(tx.startTs(), decided, owner, writes);
        return decided;
    }

    /**
     * A SERIALIZABLE transaction's reads are validated against {@code commitTs}, taken after every prepare was
     * durable, and before the decision: a writer that prepares after this validation takes its commit timestamp
     * after ours (the oracle is linearizable), so it serializes after this transaction; one that prepared before
     * it is met as an intent. After an epoch fence pushed the commit to a new timestamp, this runs again up to
     * it. A failure aborts: the locks go, no decision was logged.
     */
    private void validateOrAbort(TransactionImpl tx, long commitTs, Map<GroupName, List<Mutation>> writes) {
        ReadSet reads = tx.reads();
        if (reads == null || reads.isEmpty()) return;
        try {
            validator.validate(tx.startTs(), commitTs, reads);
        } catch (RuntimeException e) {
            tx.moveTo(TxnState.ABORTED);
            abortQuietly(tx.startTs(), writes);
            throw e;
        }
    }

    /**
     * Whether the decision {@code r} was refused by a snapshot's epoch fence and is to be made again with
     * a new commit timestamp. The refused entry wrote nothing and the locks are still held; the new
     * timestamp is issued after the fence's cut was, so it lands above it (ARCHITECTURE §5: a commit
     * that arrives late for a cut is pushed past it, never failed because of it). Each snapshot fences a
     * commit at most once; after {@value #MAX_FENCED} refusals in a row the refusal stands (and the
     * transaction aborts as for any refused decision).
     */
    private static boolean fenced(ShardReply r, int attempt) {
        return r instanceof ShardReply.Failed f && f.code() == ErrorCode.EPOCH_FENCED && attempt < MAX_FENCED;
    }

    /** Runs the decision step; an error that leaves the outcome unknown moves the transaction to UNKNOWN. */
    private ShardReply decide(TransactionImpl tx, java.util.function.Supplier<CompletableFuture<ShardReply>> send) {
        try {
            return Futures.reply(send.get());
        } catch (ShardSqlException e) {
            tx.moveTo(TxnState.UNKNOWN);
            throw new ShardSqlException(ErrorCode.TXN_OUTCOME_UNKNOWN, "the outcome of transaction " + tx.startTs()
                    + " could not be learned: " + e.getMessage() + "; it will be finished by the cluster", e);
        }
    }

    // ---- phase one -----------------------------------------------------------------------------

    /** Prepares on every shard in parallel; on any failure aborts what was prepared and throws. */
    private void prepareOrAbort(TransactionImpl tx, Map<GroupName, List<Mutation>> writes, TxnOwner owner) {
        long ttl = tx.ageMillis() + settings.lockTtl().toMillis();
        Map<GroupName, CompletableFuture<ShardReply>> sent = new java.util.TreeMap<>();
        writes.forEach((shard, ms) -> sent.put(shard, sendPrepare(tx, shard, ms, owner, ttl)));
        ShardSqlException failure = null;
        for (Map.Entry<GroupName, CompletableFuture<ShardReply>> e : sent.entrySet()) {
            try {
                finishPrepare(tx, e.getKey(), writes.get(e.getKey()), owner, ttl, e.getValue());
                hook.reached(CommitStep.PREPARED, tx.startTs(), e.getKey().toString());
            } catch (ShardSqlException ex) {
                if (failure == null) failure = ex;
            }
        }
        if (failure != null) {
            tx.moveTo(TxnState.ABORTED);
            abortQuietly(tx.startTs(), writes);
            throw failure;
        }
    }

    private CompletableFuture<ShardReply> sendPrepare(TransactionImpl tx, GroupName shard, List<Mutation> ms,
            TxnOwner owner, long ttl) {
        return cluster.group(shard).submit(new ShardCommand.Prepare(tx.startTs(), owner.encode(), ttl, ms));
    }

    /**
     * Waits for a shard's prepare. Another transaction's lock in the way is resolved if it can be;
     * if its owner is alive, wait-die: the older transaction waits and retries, the younger aborts. A row
     * lock ({@code FOR UPDATE / FOR SHARE}) in the way is waited for whatever the ages, up to the lock-wait
     * timeout: it is held for as long as its transaction runs, and a younger writer must be able to wait
     * for it as a PostgreSQL writer waits for {@code FOR UPDATE}.
     */
    private void finishPrepare(TransactionImpl tx, GroupName shard, List<Mutation> ms, TxnOwner owner, long ttl,
                               CompletableFuture<ShardReply> first) {
        LockWait wait = null;
        CompletableFuture<ShardReply> attempt = first;
        while (true) {
            ShardReply r = Futures.reply(attempt);
            if (!(r instanceof ShardReply.Failed f)) return;
            if (f.code() != ErrorCode.KEY_LOCKED || f.lock() == null) throw f.toException();
            if (!resolver.tryResolve(shard, f.lockedKey(), f.lock())) {
                if (tx.startTs() > f.lock().startTs() && f.lock().isWrite()) {
                    throw new ShardSqlException(ErrorCode.WRITE_CONFLICT, "transaction " + tx.startTs()
                            + " conflicts with the older transaction " + f.lock().startTs() + " writing the same key");
                }
                if (wait == null) wait = new LockWait(settings.lockWaitTimeout(), clock);
                wait.pause(f.lock());
            }
            attempt = sendPrepare(tx, shard, ms, owner, ttl);
        }
    }

    // ---- after the decision --------------------------------------------------------------------

    /**
     * Resolves the locks on every participant in parallel, then lets the coordinator forget the
     * decision. Runs in the background; whatever it does not finish, the coordinator's recovery does.
     * Both are deferred ({@link TxnSettings#resolveLinger}): a group's writes go one Raft entry at a
     * time, so a resolve sent on its own would hold up whatever the client sends next to that group —
     * for a lone client, the next transaction's prepare, which then took two entries' time. Deferred, the
     * resolve rides in that prepare's entry, or in any other that comes within the linger.
     */
    private void pushDecision(long startTs, long commitTs, TxnOwner owner, Map<GroupName, List<Mutation>> writes) {
        List<CompletableFuture<ShardReply>> resolved = new ArrayList<>();
        writes.forEach((shard, ms) -> resolved.add(
                housekeeping(shard, new ShardCommand.Resolve(startTs, commitTs, keys(ms)))
                .thenApply(r -> {
                    Futures.ok(r);
                    hook.reached(CommitStep.RESOLVED, startTs, shard.toString());
                    return r;
                })));
        CompletableFuture.allOf(resolved.toArray(CompletableFuture[]::new))
                .thenCompose(x -> housekeeping(owner.group(), new TxnCommand.ForgetDecisions(List.of(startTs))))
                .whenComplete((r, e) -> {
                    if (e != null) LOG.debug("transaction {}: resolution left to recovery: {}", startTs, e.toString());
                });
    }

    private CompletableFuture<ShardReply> housekeeping(GroupName group, ShardCommand command) {
        Duration linger = settings.resolveLinger();
        return linger.isZero() || linger.isNegative() ? cluster.group(group).submit(command)
                : cluster.group(group).submitDeferred(command, linger);
    }

    /** Removes the locks a failed commit may have left; whatever remains is cleared by whoever meets it. */
    private void abortQuietly(long startTs, Map<GroupName, List<Mutation>> writes) {
        writes.forEach((shard, ms) -> cluster.group(shard).submit(new ShardCommand.Resolve(startTs, 0, keys(ms)))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.debug("transaction {}: abort on {} left to others: {}", startTs, shard, e.toString());
                    }
                }));
    }

    private static List<byte[]> keys(List<Mutation> ms) {
        List<byte[]> keys = new ArrayList<>(ms.size());
        for (Mutation m : ms) keys.add(m.key());
        return keys;
    }
}
