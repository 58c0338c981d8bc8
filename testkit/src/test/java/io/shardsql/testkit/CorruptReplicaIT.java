package io.shardsql.testkit;

import io.shardsql.storage.raft.GroupName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica whose state-machine files are damaged finds out through checksums when it starts,
 * discards what it cannot trust and is re-synced from its peers, instead of serving wrong data.
 */
@Timeout(300)
class CorruptReplicaIT {

    @Test
    void aCorruptedReplicaDetectsItAndResyncsFromItsPeers() throws Exception {
        check(CorruptReplicaIT::flipBytesInTheMiddle);
    }

    @Test
    void aTruncatedReplicaDetectsItAndResyncsFromItsPeers() throws Exception {
        check(CorruptReplicaIT::truncateToHalf);
    }

    private interface Damage {
        void apply(Path file) throws Exception;
    }

    private static void check(Damage damage) throws Exception {
        MiniCluster.Builder b = MiniCluster.builder().nodes(3).shards(1)
                .frequentSnapshots(50);
        MiniCluster.run(b, cluster -> {
            GroupName shard = GroupName.shard(0);
            Workload w = new Workload();
            for (int i = 0; i < 200; i++) assertThat(w.write(cluster.client(), "c" + i, "value-" + i)).isTrue();
            int leader = cluster.leaderOf(shard).orElseThrow();
            int victim = (leader + 1) % cluster.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.stateMachine(victim, shard).getLatestSnapshot() != null);
            cluster.stopNode(victim);

            Path sm = cluster.replicaDir(victim, shard).resolve("sm");
            List<Path> ssts;
            try (Stream<Path> files = Files.walk(sm)) {
                ssts = files.filter(p -> p.toString().endsWith(".sst")).toList();
            }
            assertThat(ssts).isNotEmpty();
            for (Path sst : ssts) damage.apply(sst);

            for (int i = 0; i < 100; i++) assertThat(w.write(cluster.client(), "d" + i, "value-" + i)).isTrue();
            cluster.startNode(victim);
            // with no sound state left it rejoins as a new member: its replica is back once that is done
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                    !cluster.node(victim).replicas().rejoining(cluster.groupId(shard)));
            assertThat(cluster.stateMachine(victim, shard).recoveredFromDamage()).isTrue();
            int current = cluster.leaderOf(shard).orElseThrow();
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    cluster.division(victim, shard).getInfo().getLastAppliedIndex()
                            >= cluster.division(current, shard).getRaftLog().getLastCommittedIndex());

            // the replica that came back holds exactly what the cluster acknowledged
            assertThat(Workload.readReplica(cluster.stateMachine(victim, shard))).isEqualTo(Workload.readAll(cluster.client()));
            w.verify(cluster.client());
            assertThat(Workload.readAll(cluster.client())).hasSize(300);
        });
    }

    private static void flipBytesInTheMiddle(Path file) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long len = f.length();
            for (long pos = len / 4; pos < len / 2; pos += 7) {
                f.seek(pos);
                int b = f.read();
                f.seek(pos);
                f.write(b ^ 0x5A);
            }
        }
    }

    private static void truncateToHalf(Path file) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
    }
}
