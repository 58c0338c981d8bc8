package io.shardsql.txn.spi;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link Groups} over a cluster: each call goes to storage's {@link ClusterClient} and {@link ShardClient}s. */
public final class ClusterGroups implements Groups {
    private final ClusterClient cluster;

    public ClusterGroups(ClusterClient cluster) {
        this.cluster = cluster;
    }

    @Override
    public GroupClient control() { return new Client(cluster.control()); }

    @Override
    public GroupClient coordinator(int index) { return new Client(cluster.coordinator(index)); }

    @Override
    public int coordinatorCount() { return cluster.coordinatorCount(); }

    @Override
    public GroupClient group(GroupName group) { return new Client(cluster.group(group)); }

    @Override
    public long maxCommandBytes() { return cluster.maxCommandBytes(); }

    @Override
    public GroupName groupOf(byte[] key) { return cluster.groupOf(key); }

    @Override
    public List<GroupName> groupsFor(byte[] start, byte[] end) { return cluster.groupsFor(start, end); }

    /** One {@link ShardClient}, as a {@link GroupClient}. */
    private record Client(ShardClient shard) implements GroupClient {
        @Override
        public GroupName name() { return shard.name(); }

        @Override
        public CompletableFuture<ShardReply> submit(ShardCommand command) { return shard.submit(command); }

        @Override
        public CompletableFuture<ShardReply> submitDeferred(ShardCommand command, Duration linger) {
            return shard.submitDeferred(command, linger);
        }

        @Override
        public CompletableFuture<ShardReply> query(ShardQuery query) { return shard.query(query); }

        @Override
        public CompletableFuture<ShardReply> queryWaiting(ShardQuery query) { return shard.queryWaiting(query); }
    }
}
