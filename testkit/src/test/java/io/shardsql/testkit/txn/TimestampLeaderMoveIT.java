package io.shardsql.testkit.txn;

import io.shardsql.storage.Mutation;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The timestamp oracle's leader moves while a client's Ratis client still takes the old one for the
 * leader. Timestamps are a linearizable read, which the old leader, now a follower, serves, and the
 * oracle there refuses with {@code NOT_LEADER} inside a successful Ratis reply: Ratis' client never learns
 * the leader moved. The client must find the new leader at once, not retry the follower until its
 * deadline (which hung CommitFailoverIT's begins for the deadline each, again and again).
 */
@Timeout(120)
class TimestampLeaderMoveIT {
    @Test
    void beginFindsTheOracleAfterItsLeaderMoved() throws Exception {
        MiniCluster.run(MiniCluster.builder().nodes(3).shards(1).set("raft.leader-balance.interval", "0s")
                .set("client.deadline", "10s"), cluster -> {
            ShardClient control = cluster.client().control();
            int leader = cluster.leaderOf(GroupName.CONTROL).orElseThrow();
            // A write through the test's client: its Ratis client now takes `leader` for control's leader.
            byte[] key = ("\0sys/timestamp-leader-move").getBytes(StandardCharsets.UTF_8);
            assertThat(ShardMap.SYSTEM_PREFIX.length).isLessThan(key.length);
            long ts = cluster.transactions().now();
            ShardReply written = ShardClient.await(control.sendNow(
                    new ShardCommand.CommitWrites(ts - 1, ts, List.of(Mutation.put(key, new byte[] {1})))));
            assertThat(written).isNotInstanceOf(ShardReply.Failed.class);

            int next = (leader + 1) % cluster.size();
            RaftPeerId target = RaftPeerId.valueOf(cluster.config(next).nodeId());
            try (RaftClient admin = RaftClient.newBuilder().setRaftGroup(cluster.shardMap().raftGroup(GroupName.CONTROL))
                    .setProperties(cluster.config(0).raft().clientProperties())
                    .setParameters(cluster.config(0).raft().parameters()).build()) {
                admin.admin().transferLeadership(target, 10_000);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.leaderOf(GroupName.CONTROL).equals(Optional.of(next)));

            long started = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(8), () -> {
                try (Transaction tx = cluster.transactions().begin(TxnMode.READ_ONLY)) {
                    assertThat(tx.startTs()).isGreaterThan(ts);
                }
            });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        });
    }
}
