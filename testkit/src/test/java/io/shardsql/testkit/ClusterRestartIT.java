package io.shardsql.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Stop and restart the whole cluster: every acknowledged write is still there. */
@Timeout(300)
class ClusterRestartIT {

    @Test
    void aFullRestartReplayingTheLogKeepsEveryAcknowledgedWrite() throws Exception {
        restart(1_000_000); // no snapshot: every replica replays its whole log
    }

    @Test
    void aFullRestartFromSnapshotsKeepsEveryAcknowledgedWrite() throws Exception {
        restart(100);
    }

    private static void restart(int snapshotThreshold) throws Exception {
        Path dir = Files.createTempDirectory("shardsql-restart");
        Workload w = new Workload();
        try {
            MiniCluster.Builder b = MiniCluster.builder().nodes(3).shards(3).dataDir(dir).set("raft.snapshot.threshold-entries", snapshotThreshold);
            MiniCluster.run(b, cluster -> {
                for (int i = 0; i < 300; i++) assertThat(w.write(cluster.client(), "k" + i, "v" + i)).isTrue();
            });
            MiniCluster.run(b, cluster -> {
                w.verify(cluster.client());
                assertThat(Workload.readAll(cluster.client())).hasSize(300);
                // a bounded scan merges the shards' pages in key order: k0, k1, k10, k100, k101, ...
                List<String> first = cluster.client().scan(Workload.PREFIX, Workload.PREFIX_END, Long.MAX_VALUE, 5).stream()
                        .map(e -> new String(e.key(), StandardCharsets.UTF_8)).toList();
                assertThat(first).containsExactly("w/k0", "w/k1", "w/k10", "w/k100", "w/k101");
                for (int i = 0; i < 50; i++) assertThat(w.write(cluster.client(), "after" + i, "v" + i)).isTrue();
                w.verify(cluster.client());
            });
        } finally {
            MiniCluster.deleteTree(dir);
        }
    }
}
