package io.shardsql.storage.raft.machine;

import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.util.concurrent.CompletableFuture;

/** What a {@link ReplicaExtension} may ask of the replica it belongs to. */
public interface ReplicaContext {
    /** The replica's group. */
    GroupName group();

    /** The replica as log lines name it: its node and its group ({@code n2@control}). */
    String name();

    /** Whether this replica leads its group now (as far as it knows). */
    boolean isLeader();

    /** The replica's current Raft term. */
    long currentTerm();

    /** Proposes {@code command} to this group's log through this replica (its leader); completes once applied. */
    CompletableFuture<ShardReply> propose(ShardCommand command);

    /** Answers {@code query} from this replica's applied state, without any leader check. */
    ShardReply readLocal(ShardQuery query);

    /** Runs every extension's {@link ReplicaExtension#checkCommit} for a commit at {@code commitTs}. */
    void checkCommit(long commitTs, MvccBatch batch);
}
