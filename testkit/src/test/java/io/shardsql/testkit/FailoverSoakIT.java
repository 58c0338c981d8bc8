package io.shardsql.testkit;

import io.shardsql.storage.raft.GroupName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Soak (run with {@code -Psoak}): writers run for many rounds while, each round, the leader of a
 * random group (a shard or {@code control}) is stopped, a new one is elected, and the old one is
 * restarted and catches up. At the end every acknowledged write is present exactly once.
 */
@Tag("soak")
@Timeout(1800)
class FailoverSoakIT {
    private static final int ROUNDS = Integer.getInteger("soak.rounds", 40);

    @Test
    void repeatedLeaderKillsLoseNothing() throws Exception {
        MiniCluster.Builder b = MiniCluster.builder().nodes(3).shards(3).set("client.deadline", "30s")
                .set("raft.snapshot.threshold-entries", 2000);
        MiniCluster.run(b, cluster -> {
            Workload w = new Workload();
            Workload.Writers writers = w.startWriters(cluster, 16);
            Random random = new Random(7);
            List<GroupName> groups = List.of(GroupName.CONTROL, GroupName.shard(0), GroupName.shard(1), GroupName.shard(2));
            for (int round = 0; round < ROUNDS; round++) {
                GroupName g = groups.get(random.nextInt(groups.size()));
                await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leaderOf(g).isPresent());
                int leader = cluster.leaderOf(g).orElseThrow();
                long before = w.acked.size();
                cluster.stopNode(leader);
                await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leaderOf(g).isPresent());
                await().atMost(Duration.ofSeconds(60)).until(() -> w.acked.size() > before + 100);
                cluster.startNode(leader);
            }
            writers.close();
            w.verify(cluster.client());
            assertThat(w.acked.size()).isGreaterThan(ROUNDS * 100);
        });
    }
}
