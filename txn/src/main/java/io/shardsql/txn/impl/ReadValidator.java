package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Bytes;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.spi.Groups;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Validates a SERIALIZABLE transaction's {@link ReadSet} at commit, after its prepare is durable and its commit
 * timestamp taken: one {@link ShardQuery.CheckReads} per group holding read spans, all in flight at once
 * (linearizable reads on each leader). A version committed into a span after the start timestamp and at or
 * below the commit timestamp fails the commit; so does another transaction's write intent in a span, unless it
 * can be resolved (its transaction is decided, or abandoned and aborted), after which that group is asked
 * again. A live writer's intent is not waited for: it may commit below this commit timestamp, and two
 * validating transactions could wait for each other.
 */
final class ReadValidator {
    /** How many intents one group may resolve before its validation gives up. */
    static final int MAX_RESOLVED = 16;
    static final String MESSAGE = "could not serialize access due to read/write dependencies among transactions";

    private final Groups cluster;
    private final LockResolver resolver;

    ReadValidator(Groups cluster, LockResolver resolver) {
        this.cluster = cluster;
        this.resolver = resolver;
    }

    /**
     * Throws {@code SERIALIZATION_FAILURE} (or another error of the shards) unless the reads still hold at
     * {@code commitTs}.
     */
    void validate(long startTs, long commitTs, ReadSet reads) {
        Map<GroupName, List<ShardQuery.CheckReads.Span>> spans = reads.byGroup(cluster::groupsFor);
        Map<GroupName, ShardQuery.CheckReads> queries = new TreeMap<>();
        Map<GroupName, CompletableFuture<ShardReply>> sent = new TreeMap<>();
        spans.forEach((group, s) -> {
            ShardQuery.CheckReads q = new ShardQuery.CheckReads(startTs, commitTs, s);
            queries.put(group, q);
            sent.put(group, cluster.group(group).queryWaiting(q));
        });
        ShardSqlException failure = null;
        for (Map.Entry<GroupName, CompletableFuture<ShardReply>> e : sent.entrySet()) {
            try {
                finish(startTs, e.getKey(), queries.get(e.getKey()), e.getValue());
            } catch (ShardSqlException ex) {
                if (failure == null) failure = ex;
            }
        }
        if (failure != null) throw failure;
    }

    private void finish(long startTs, GroupName group, ShardQuery.CheckReads query,
                        CompletableFuture<ShardReply> first) {
        CompletableFuture<ShardReply> attempt = first;
        for (int resolved = 0; ; resolved++) {
            ShardReply r = Futures.reply(attempt);
            if (!(r instanceof ShardReply.Failed f)) return;
            if (f.code() != ErrorCode.KEY_LOCKED || f.lock() == null) throw f.toException();
            if (resolved >= MAX_RESOLVED || !resolver.tryResolve(group, f.lockedKey(), f.lock())) {
                throw new ShardSqlException(ErrorCode.SERIALIZATION_FAILURE, MESSAGE + ": transaction "
                        + f.lock().startTs() + " is committing a write to key " + Bytes.toHex(f.lockedKey())
                        + " that transaction " + startTs + " read");
            }
            attempt = cluster.group(group).queryWaiting(query);
        }
    }
}
