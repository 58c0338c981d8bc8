package io.shardsql.testkit;

import io.shardsql.storage.raft.GroupName;
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

/** One node's disk fills up (a small tmpfs under its data directory) while SQL writes go on. */
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
                    .set("raft.log.segment-size.bytes", 1024 * 1024), cluster -> run(cluster, fs));
        } finally {
            MiniCluster.deleteTree(root);
        }
    }

    private void run(MiniCluster cluster, SmallFileSystem fs) throws Exception {
        Set<Integer> acked = new HashSet<>();
        Map<String, Integer> errors = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR)");
            }
            String pad = "x".repeat(2000);
            int id = 0;
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (; id < 50; id++) {
                    ins.setInt(1, id);
                    ins.setString(2, pad);
                    ins.executeUpdate();
                    acked.add(id);
                }
                System.out.println("[disk-full] free before filling: " + fs.usableBytes());
                long filled = fs.fill();
                System.out.println("[disk-full] filler took " + filled + " bytes; free now " + fs.usableBytes());
                long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                for (; System.nanoTime() < until; id++) {
                    ins.setInt(1, id);
                    ins.setString(2, pad);
                    try {
                        ins.executeUpdate();
                        acked.add(id);
                    } catch (SQLException e) {
                        errors.merge(e.getSQLState() + " " + e.getMessage(), 1, Integer::sum);
                    }
                }
            }
            System.out.println("[disk-full] " + acked.size() + " acknowledged, errors: " + errors);
            System.out.println("[disk-full] state while full:\n" + cluster.describe());
            fs.free();
            System.out.println("[disk-full] freed; free now " + fs.usableBytes());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> caughtUp(cluster));
            System.out.println("[disk-full] state after:\n" + cluster.describe());
            Set<Integer> seen = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM t")) {
                while (rs.next()) seen.add(rs.getInt(1));
            }
            assertThat(seen).containsAll(acked);
        }
    }

    /** Whether the full node's replica of every group has applied what its leader has committed. */
    private static boolean caughtUp(MiniCluster cluster) {
        for (ShardMap.GroupLayout g : cluster.shardMap().groups()) {
            if (!cluster.node(FULL_NODE).hosts(g.name())) continue;
            Integer leader = cluster.leaderOf(g.name()).orElse(null);
            if (leader == null) return false;
            long committed = cluster.division(leader, g.name()).getRaftLog().getLastCommittedIndex();
            try {
                RaftServer.Division d = cluster.division(FULL_NODE, g.name());
                if (d.getInfo().getLastAppliedIndex() < committed) return false;
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }
}
