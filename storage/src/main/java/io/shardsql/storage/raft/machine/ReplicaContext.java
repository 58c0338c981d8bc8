package io.shardsql.storage.raft.machine;

import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.nio.file.Path;
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

    /**
     * The replica's store as it is now (a snapshot install replaces it). On the apply thread, during
     * {@link ReplicaExtension#apply}, it holds the state before the entry being applied: that entry's
     * batch is not committed yet.
     */
    MvccStore store();

    /**
     * A directory of this replica's for the extension's files (backup parts), beside the store and
     * outside what Ratis sends on a snapshot install; null for a replica that has no directory.
     */
    Path dataDir();

    /** Runs every extension's {@link ReplicaExtension#checkCommit} for a commit at {@code commitTs}. */
    void checkCommit(long commitTs, MvccBatch batch);
}
