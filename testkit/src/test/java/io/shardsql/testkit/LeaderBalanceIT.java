package io.shardsql.testkit;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.server.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leaders end on their groups' preferred replicas (the first of each layout); while a preferred replica
 * is dead its groups keep their new leaders and keep taking writes, and when it returns, leadership
 * goes back to it. Writes run throughout and every acknowledged one is there at the end.
 */
@Timeout(300)
class LeaderBalanceIT {

    @Test
    void leadersMoveToLivePreferredReplicasOnly() throws Exception {
        MiniCluster.Builder builder = MiniCluster.builder().nodes(3).shards(3)
                .set("raft.leader-balance.interval", "300ms").set("client.deadline", "30s");
        MiniCluster.run(builder, cluster -> {
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leadersOffPreferred().isEmpty());

            Workload w = new Workload();
            try (Workload.Writers writers = w.startWriters(cluster, 4)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> w.acked.size() >= 100);

                int preferred = cluster.preferredNode(GroupName.shard(0));
                cluster.stopNode(preferred);
                await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leaderOf(GroupName.shard(0)).isPresent());

                // The dead preferred replica is never handed a group, and writes go on meanwhile.
                long transfersBefore = transfersStarted(cluster);
                int ackedBefore = w.acked.size();
                await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                        .until(() -> transfersStarted(cluster) == transfersBefore);
                assertThat(w.acked.size()).as("writes acknowledged while the preferred replica was dead")
                        .isGreaterThan(ackedBefore + 50);
                assertThat(cluster.leaderOf(GroupName.shard(0))).isPresent().get().isNotEqualTo(preferred);

                // shard-0's new leader reports its dead follower as silent, once it has been for 3 election timeouts.
                String dead = "n" + (preferred + 1);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    Node leader = cluster.node(cluster.leaderOf(GroupName.shard(0)).orElseThrow());
                    assertThat(leader.followerWatch().silentFollowers())
                            .anySatisfy(f -> {
                                assertThat(f.group()).isEqualTo(GroupName.shard(0));
                                assertThat(f.follower()).isEqualTo(dead);
                                assertThat(f.silentMillis()).isGreaterThanOrEqualTo(6_000);
                            })
                            .noneSatisfy(f -> assertThat(f.follower()).isNotEqualTo(dead));
                });

                cluster.startNode(preferred);
                await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leadersOffPreferred().isEmpty());
                int ackedAfterReturn = w.acked.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> w.acked.size() >= ackedAfterReturn + 50);
            }
            w.verify(cluster.client());
        });
    }

    private static long transfersStarted(MiniCluster cluster) {
        long sum = 0;
        for (int i = 0; i < cluster.size(); i++) {
            Node n = cluster.isRunning(i) ? cluster.node(i) : null;
            if (n != null && n.leaderBalancer() != null) sum += n.leaderBalancer().transfersStarted();
        }
        return sum;
    }
}
