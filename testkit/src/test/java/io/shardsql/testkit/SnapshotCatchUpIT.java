package io.shardsql.testkit;

import io.shardsql.storage.raft.GroupName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node misses more writes than the snapshot threshold while its peers purge their logs; when it
 * returns it can only catch up by snapshot install, and then serves the right data as leader.
 */
@Timeout(300)
class SnapshotCatchUpIT {

    @Test
    void aReplicaThatFellBehindThePurgedLogCatchesUpBySnapshotInstall() throws Exception {
        MiniCluster.Builder b = MiniCluster.builder().nodes(3).shards(1)
                .frequentSnapshots(40);
        MiniCluster.run(b, cluster -> {
            GroupName shard = GroupName.shard(0);
            Workload w = new Workload();
            for (int i = 0; i < 50; i++) assertThat(w.write(cluster.client(), "a" + i, "x" + i)).isTrue();
            int leader = cluster.leaderOf(shard).orElseThrow();
            int lagging = (leader + 1) % cluster.size();
            cluster.stopNode(lagging);
            for (int i = 0; i < 400; i++) assertThat(w.write(cluster.client(), "b" + i, "y" + i)).isTrue();
            int current = cluster.leaderOf(shard).orElseThrow();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    cluster.division(current, shard).getRaftLog().getStartIndex() > 100);

            cluster.startNode(lagging);
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    cluster.division(lagging, shard).getInfo().getLastAppliedIndex()
                            >= cluster.division(current, shard).getRaftLog().getLastCommittedIndex());
            assertThat(cluster.stateMachine(lagging, shard).installedSnapshots()).isGreaterThan(0);

            // the replica that came back holds exactly what the cluster acknowledged
            assertThat(Workload.readReplica(cluster.stateMachine(lagging, shard))).isEqualTo(Workload.readAll(cluster.client()));
            w.verify(cluster.client());
            assertThat(w.acked).hasSize(450);
        });
    }
}
