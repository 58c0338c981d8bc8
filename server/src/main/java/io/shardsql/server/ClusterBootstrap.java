package io.shardsql.server;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.Mutation;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Publishes the shard map in {@code control} and waits until every group serves. Idempotent: each
 * node runs it at start; the first write wins (it is a first-committer-wins write at timestamp 1) and
 * every node then checks that the published map is the one its configuration describes.
 */
final class ClusterBootstrap {
    private final ClusterClient client;
    private final ShardMap layout;

    ClusterBootstrap(ClusterClient client, ShardMap layout) {
        this.client = client;
        this.layout = layout;
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ShardSqlException last = null;
        while (System.nanoTime() < deadline) {
            try {
                publishShardMap();
                for (int i = 0; i < client.shardCount(); i++) {
                    ShardClient.await(client.shard(i).query(new ShardQuery.Status()));
                }
                for (int k = 0; k < client.coordinatorCount(); k++) {
                    ShardClient.await(client.coordinator(k).query(new ShardQuery.Status()));
                }
                return;
            } catch (ShardSqlException e) {
                if (!e.retryable() && e.code() != ErrorCode.TIMEOUT) throw e;
                last = e;
            }
        }
        throw new ShardSqlException(ErrorCode.CLUSTER_NOT_READY, "the cluster did not become ready within "
                + timeout.toSeconds()
                + " s" + (last == null ? "" : ": " + last.getMessage()));
    }

    private void publishShardMap() {
        byte[] encoded = layout.encode();
        Optional<KvEntry> current = readShardMap();
        if (current.isEmpty()) {
            try {
                ShardClient.await(client.control().sendNow(
                        new ShardCommand.CommitWrites(0, 1, List.of(Mutation.put(ShardMap.CONTROL_KEY, encoded)))));
                return;
            } catch (ShardSqlException e) {
                if (e.code() != ErrorCode.WRITE_CONFLICT) throw e;
                current = readShardMap(); // another node published first
            }
        }
        if (current.isPresent() && !Arrays.equals(current.get().value(), encoded)) {
            ShardMap published = ShardMap.decode(current.get().value());
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "the cluster's published shard map (members "
                    + published.members() + ", " + published.shardCount()
                    + " shards) differs from this node's configuration");
        }
    }

    private Optional<KvEntry> readShardMap() {
        ShardReply r = ShardClient.await(client.control()
                .query(new ShardQuery.Get(ShardMap.CONTROL_KEY, Long.MAX_VALUE)));
        return Optional.ofNullable(((ShardReply.Value) r).entry());
    }
}
