package io.shardsql.storage.raft.machine;

import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link GroupExtension}'s part of one replica. {@link #apply} and {@link #checkCommit} run on the
 * replica's apply thread and must be deterministic (the same state and command give the same writes and
 * reply on every replica); {@link #query} runs on the leader after Ratis confirmed its leadership.
 */
public interface ReplicaExtension {
    /**
     * Applies one of this extension's commands within the entry's batch. A failure is a
     * {@link io.shardsql.common.ShardSqlException} thrown before anything is written.
     */
    ShardReply apply(ShardCommand.Extension command, MvccBatch batch);

    /** Answers one of this extension's queries. */
    CompletableFuture<ShardReply> query(ShardQuery.Extension query);

    /**
     * Called before any command makes a commit at {@code commitTs} visible (a one-phase write, a local
     * commit, a coordinator's commit decision); throws to refuse it (the snapshot's epoch fence).
     */
    default void checkCommit(long commitTs, MvccBatch batch) {}

    /**
     * Called when a garbage collection up to {@code safePointTs} is applied, before the entry's batch
     * commits: drop what this extension keeps that no reader at or above it needs ({@code store} is
     * the replica's committed state, {@code batch} the entry's writes).
     */
    default void collected(long safePointTs, MvccStore store, MvccBatch batch) {}

    /**
     * Called once the replica's store is open — at start, after a restart, after a snapshot install —
     * before any entry is applied to it: the extension may tidy files the state no longer needs (the
     * snapshot's parts of ended epochs). It must not fail the replica.
     */
    default void storeOpened(MvccStore store) {}
}
