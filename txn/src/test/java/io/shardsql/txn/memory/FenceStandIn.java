package io.shardsql.txn.memory;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ExtensionCodecs;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.machine.GroupExtension;
import io.shardsql.storage.raft.machine.ReplicaContext;
import io.shardsql.storage.raft.machine.ReplicaExtension;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the snapshot's epoch fence (module {@code snapshot}, which depends on this one): a
 * group whose fence a test raised refuses commits below it with {@code EPOCH_FENCED}, through the same
 * {@link ReplicaExtension#checkCommit} seam, so txn's tests can check how a committer reacts.
 */
public final class FenceStandIn implements GroupExtension {
    private final Map<GroupName, Long> fences = new ConcurrentHashMap<>();

    /** From now on {@code group} refuses commits below {@code ts}. */
    public void raise(GroupName group, long ts) {
        fences.merge(group, ts, Math::max);
    }

    @Override
    public void registerCodecs(ExtensionCodecs.Registry codecs) {}

    @Override
    public ReplicaExtension open(ReplicaContext replica) {
        return new ReplicaExtension() {
            @Override
            public ShardReply apply(ShardCommand.Extension command, MvccBatch batch) {
                throw new ShardSqlException(ErrorCode.BAD_COMMAND, "no commands");
            }

            @Override
            public CompletableFuture<ShardReply> query(ShardQuery.Extension query) {
                throw new ShardSqlException(ErrorCode.BAD_COMMAND, "no queries");
            }

            @Override
            public void checkCommit(long commitTs, MvccBatch batch) {
                long fence = fences.getOrDefault(replica.group(), 0L);
                if (commitTs < fence) {
                    throw new ShardSqlException(ErrorCode.EPOCH_FENCED, "commit " + commitTs + " below the fence " + fence);
                }
            }
        };
    }
}
