package io.shardsql.testkit;

import io.shardsql.server.ClusterStatus;
import io.shardsql.server.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three node processes; kill -9 one; the others keep serving; it restarts, rejoins and catches up. */
@Timeout(400)
class ProcessKillIT {

    @Test
    void killNineOneNodeOthersServeItRejoinsAndCatchesUp() throws Exception {
        MiniCluster.Builder layout = MiniCluster.builder().nodes(3).shards(2).set("client.deadline", "30s");
        try (ProcessCluster cluster = new ProcessCluster(layout)) {
            cluster.startAll();
            for (int i = 0; i < 3; i++) cluster.awaitReady(i, Duration.ofSeconds(120));
            Workload w = new Workload();
            for (int i = 0; i < 100; i++) assertThat(w.write(cluster.client(), "p" + i, "v" + i)).isTrue();

            cluster.kill9(0); // n1: a replica of control and of both shards
            for (int i = 0; i < 100; i++) assertThat(w.write(cluster.client(), "q" + i, "v" + i)).isTrue();
            w.verify(cluster.client());

            cluster.start(0);
            cluster.awaitReady(0, Duration.ofSeconds(120));
            NodeConfig n1 = layout.configs(cluster.root()).get(0);
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
                List<ClusterStatus.Replica> rows = ClusterStatus.collect("127.0.0.1", n1.self().raftPort(), n1.raft().tls());
                String table = ClusterStatus.format(rows);
                for (String group : List.of("control", "shard-0", "shard-1")) {
                    long maxCommit = rows.stream().filter(r -> r.group().equals(group)).mapToLong(ClusterStatus.Replica::commitIndex).max().orElse(-1);
                    long mine = rows.stream().filter(r -> r.group().equals(group) && r.node().equals("n1"))
                            .mapToLong(ClusterStatus.Replica::appliedIndex).findFirst().orElse(-1);
                    assertThat(mine).as(group + " on n1 caught up?\n" + table).isGreaterThanOrEqualTo(maxCommit).isGreaterThanOrEqualTo(0);
                }
            });
            for (int i = 0; i < 50; i++) assertThat(w.write(cluster.client(), "r" + i, "v" + i)).isTrue();
            w.verify(cluster.client());
            assertThat(Workload.readAll(cluster.client())).hasSize(250);
        }
    }
}
