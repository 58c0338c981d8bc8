package io.shardsql.testkit;

import io.shardsql.storage.raft.ShardMap;
import org.apache.ratis.server.RaftServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One node's disk fills up (issue 17, "disk trouble"): node 3's data directory is a small tmpfs the test
 * mounts, and a filler file takes its last byte while SQL inserts go on through node 1. Node 3's replicas
 * fail their next write (RocksDB: "No space left on device"), stop, and leave their groups
 * ({@code FailedReplicas}); the two nodes with space go on, so inserts keep being acknowledged, and node 3
 * stays up and answers reads. Once the filler is deleted its replicas start again on their files and
 * catch up, and every acknowledged row is there, read through node 3. Skipped where the test may not
 * mount (not root).
 */
@Timeout(180)
class DiskFullIT {
    private static final int FULL_NODE = 2;

    @Test
    void aFullDiskOnOneNodeLosesNothingAndTheNodeCatchesUpWhenSpaceReturns() throws Exception {
        Path root = Files.createTempDirectory("shardsql-diskfull");
        SmallFileSystem fs;
        try {
            fs = SmallFileSystem.mount(root.resolve("n" + (FULL_NODE + 1)), 96);
        } catch (IOException e) {
            MiniCluster.deleteTree(root);
            Assumptions.abort("this machine does not let the test mount a small file system: " + e.getMessage());
            return;
        }
        try (fs) {
            MiniCluster.run(MiniCluster.builder().nodes(3).shards(2).dataDir(root)
                    .set("raft.log.segment-size.bytes", 1024 * 1024)
                    .set("storage.restart-free.bytes", 4 * 1024 * 1024).set("client.deadline", "10s"),
                    cluster -> run(cluster, fs));
        } finally {
            MiniCluster.deleteTree(root);
        }
    }

    private void run(MiniCluster cluster, SmallFileSystem fs) throws Exception {
        Set<Integer> acked = new HashSet<>();
        Map<String, Integer> errors = new TreeMap<>();
        String pad = "x".repeat(2000);
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR)");
            }
            fillWhileWriting(cluster, fs, c.prepareStatement("INSERT INTO t VALUES (?, ?)"), acked, errors, pad);
        }
    }

    private void fillWhileWriting(MiniCluster cluster, SmallFileSystem fs, PreparedStatement ins, Set<Integer> acked,
                                  Map<String, Integer> errors, String pad) throws Exception {
        try (ins) {
            int[] next = {0};
            while (next[0] < 50) insert(ins, next, pad, acked, errors);
            assertThat(errors).isEmpty();

            long filled = fs.fill();
            log("the filler took " + filled + " bytes; " + fs.usableBytes() + " bytes left");
            int before = acked.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                insert(ins, next, pad, acked, errors);
                return cluster.node(FULL_NODE).replicas().stoppedReplicas() > 0 && acked.size() >= before + 30;
            });
            log((acked.size() - before) + " inserts acknowledged while node 3's disk was full; errors: " + errors);
            log("state while full:\n" + cluster.describe());
            // At most the insert in flight when node 3 stepped down fails, as when a leader crashes (its
            // outcome unknown: 08006); no other client sees the full disk.
            assertThat(errors.values().stream().mapToInt(Integer::intValue).sum()).as("errors %s", errors)
                    .isLessThanOrEqualTo(2);
            assertThat(errors.keySet()).allSatisfy(e -> assertThat(e).matches("(40|08).*"));
            assertThat(countThrough(FULL_NODE, cluster)).as("node 3 is up and answers reads").isEqualTo(acked.size());

            fs.free();
            log("filler deleted; " + fs.usableBytes() + " bytes free");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    cluster.node(FULL_NODE).replicas().stoppedReplicas() == 0);
            // what was committed once the replica was back: a follower learns the newest commit index only with
            // the leader's next append, so chasing the leader's index while control keeps writing can fail forever
            Map<String, Long> committed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> committedIndexes(cluster), m -> m != null);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                    caughtUp(cluster, committed));
            log("state after:\n" + cluster.describe());
            Set<Integer> seen = new HashSet<>();
            try (Connection n3 = connect(cluster, FULL_NODE); Statement q = n3.createStatement();
                 ResultSet rs = q.executeQuery("SELECT id FROM t")) {
                while (rs.next()) seen.add(rs.getInt(1));
            }
            assertThat(seen).containsAll(acked);
            int more = next[0] + 20;
            while (next[0] < more) insert(ins, next, pad, acked, errors);
            assertThat(countThrough(FULL_NODE, cluster)).isEqualTo(acked.size());
        }
    }

    private static void insert(PreparedStatement ins, int[] next, String pad, Set<Integer> acked,
                               Map<String, Integer> errors) {
        int id = next[0]++;
        try {
            ins.setInt(1, id);
            ins.setString(2, pad);
            ins.executeUpdate();
            acked.add(id);
        } catch (SQLException e) {
            errors.merge(e.getSQLState() + " " + e.getMessage(), 1, Integer::sum);
        }
    }

    private static long countThrough(int node, MiniCluster cluster) throws SQLException {
        try (Connection c = connect(cluster, node); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(MiniCluster cluster, int node) throws SQLException {
        ShardMap.Member m = cluster.config(node).self();
        return DriverManager.getConnection("jdbc:shardsql://" + m.host() + ":" + m.sqlPort() + "/", "admin",
                MiniCluster.ADMIN_PASSWORD);
    }

    /** Whether the full node's replica of every group has applied what its leader has committed. */
    /** Each group's committed index on its leader, for the groups node 3 hosts; null while one has no leader. */
    private static Map<String, Long> committedIndexes(MiniCluster cluster) {
        Map<String, Long> out = new TreeMap<>();
        for (ShardMap.GroupLayout g : cluster.shardMap().groups()) {
            if (!cluster.node(FULL_NODE).hosts(g.name())) continue;
            Integer leader = cluster.leaderOf(g.name()).orElse(null);
            if (leader == null) return null;
            out.put(g.name().toString(), cluster.division(leader, g.name()).getRaftLog().getLastCommittedIndex());
        }
        return out;
    }

    /** Whether node 3 applied, in each group it hosts, at least what {@code committed} says was committed. */
    private static boolean caughtUp(MiniCluster cluster, Map<String, Long> committed) {
        for (ShardMap.GroupLayout g : cluster.shardMap().groups()) {
            Long target = committed.get(g.name().toString());
            if (target == null) continue;
            try {
                RaftServer.Division d = cluster.division(FULL_NODE, g.name());
                if (d.getInfo().getLastAppliedIndex() < target) return false;
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    private static void log(String what) {
        System.out.println("[disk-full] " + what);
    }
}
