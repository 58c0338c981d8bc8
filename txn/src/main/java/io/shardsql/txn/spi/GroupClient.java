package io.shardsql.txn.spi;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One group as the transaction layer uses it. A reply that is a {@link ShardReply.Failed} is the
 * group's answer (a conflict, a lock met); a future that completes exceptionally means the outcome is
 * not known (the group was unreachable, the deadline passed).
 */
public interface GroupClient {
    GroupName name();

    /** Appends {@code command} to the group's log; completes with its reply once applied. */
    CompletableFuture<ShardReply> submit(ShardCommand command);

    /** Like {@link #submit}, but it may wait up to {@code linger} for other writes to share its log entry. */
    CompletableFuture<ShardReply> submitDeferred(ShardCommand command, Duration linger);

    /** A linearizable read of the group's state. */
    CompletableFuture<ShardReply> query(ShardQuery query);

    /** Like {@link #query}, sent again (within the deadline) while the group has no leader. */
    CompletableFuture<ShardReply> queryWaiting(ShardQuery query);
}
