package io.shardsql.testkit;

import io.shardsql.txn.log.NextTimestamps;

import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.client.LocalReplicas;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import org.apache.ratis.server.RaftServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads handed straight to a leader in the same process ({@link LocalReplicas}) instead of over gRPC:
 * they see every acknowledged write, keep working when the leader they were handed to stops leading
 * or stops; a replica that does not lead serves a linearizable read after asking the leader for its
 * read index, and refuses a leader-only one (a timestamp), which then goes to the leader.
 */
@Timeout(180)
class LocalReadIT {

    @Test
    void readsServedByTheLeaderInThisProcessSeeEveryAcknowledgedWriteAcrossALeaderChange() throws Exception {
        MiniCluster.run(MiniCluster.builder().nodes(3).shards(2), cluster -> {
            AtomicInteger servedHere = new AtomicInteger();
            // The whole MiniCluster is one process: whichever node leads a group is "here".
            LocalReplicas everyNode = group -> {
                for (int i = 0; i < cluster.size(); i++) {
                    RaftServer s = cluster.isRunning(i) ? cluster.node(i).replicas().leaderOf(group) : null;
                    if (s != null) {
                        servedHere.incrementAndGet();
                        return s;
                    }
                }
                return null;
            };
            try (ClusterClient client = ClusterClient.open(cluster.shardMap(), cluster.config(0).raft(), cluster.config(0).client(), everyNode)) {
                Workload w = new Workload();
                for (int i = 0; i < 100; i++) w.write(cluster.client(), "before-" + i, "v" + i);
                w.verify(client);
                assertThat(servedHere.get()).as("reads went to the in-process leader").isPositive();

                int leader = cluster.leaderOf(GroupName.shard(0)).orElseThrow();
                cluster.stopNode(leader);
                await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leaderOf(GroupName.shard(0)).isPresent());
                for (int i = 0; i < 100; i++) w.write(cluster.client(), "after-" + i, "v" + i);
                int before = servedHere.get();
                w.verify(client);
                assertThat(servedHere.get()).isGreaterThan(before);
                cluster.startNode(leader);
                w.verify(client);
            }
        });
    }

    @Test
    void aReadHandedToAReplicaThatDoesNotLeadIsStillLinearizableAndTimestampsComeFromTheLeader() throws Exception {
        MiniCluster.run(MiniCluster.builder().nodes(3).shards(2), cluster -> {
            AtomicInteger handedToFollower = new AtomicInteger();
            // Answers as a stale view would: a server that hosts the group but does not lead it.
            LocalReplicas stale = group -> {
                for (int i = 0; i < cluster.size(); i++) {
                    RaftServer s = cluster.node(i).replicas().server();
                    if (cluster.node(i).replicas().division(group).getInfo().isFollower()) {
                        handedToFollower.incrementAndGet();
                        return s;
                    }
                }
                return null;
            };
            try (ClusterClient client = ClusterClient.open(cluster.shardMap(), cluster.config(0).raft(), cluster.config(0).client(), stale)) {
                Workload w = new Workload();
                for (int i = 0; i < 50; i++) w.write(cluster.client(), "k" + i, "v" + i);
                w.verify(client);
                long before = ((ShardReply.Timestamps) ShardClient.await(cluster.client().control().query(new NextTimestamps(1)))).first();
                ShardReply stamps = ShardClient.await(client.control().query(new NextTimestamps(1)));
                assertThat(((ShardReply.Timestamps) stamps).first()).isGreaterThan(before);
                assertThat(handedToFollower.get()).isPositive();
            }
        });
    }
}
