package io.shardsql.testkit.snapshot;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.SnapshotHook;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.snapshot.impl.SnapshotDriver;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.TxnMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The operations around SNAPSHOT on three nodes, each with a {@code backup.root} of its own: progress
 * shown by SHOW SNAPSHOTS while a snapshot runs; no replica keeps its part once the epoch ended;
 * DROP SNAPSHOT through any node deletes the files on the node that keeps them; with that node down it
 * fails (57P03) and changes nothing; a name that does not exist is 42704, a running snapshot 55006.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotDropIT {
    private MiniCluster cluster;

    @BeforeAll
    void start() {
        cluster = MiniCluster.builder().nodes(3).shards(2).replication(3).set("snapshot.timeout", "2m").start();
        cluster.node(0).transactions().run(TxnMode.READ_WRITE, 10, tx -> {
            for (int i = 0; i < 20; i++) tx.put(("k" + i).getBytes(StandardCharsets.UTF_8), new byte[100]);
            return null;
        });
    }

    @AfterAll
    void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void showSnapshotsTellsTheProgressOfARunningSnapshotAndNoReplicaKeepsItsPartAfter() throws Exception {
        SnapshotDriver driver = cluster.node(0).snapshotDriver();
        CountDownLatch copied = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        driver.hook((step, epoch) -> {
            if (step == SnapshotHook.Step.COPIED) {
                copied.countDown();
                waitFor(release);
            }
        });
        List<SnapshotInfo> result = new ArrayList<>();
        Thread running = new Thread(() -> result.add(driver.take(Optional.of("watched"))));
        int groups = cluster.shardMap().groups().size();
        try {
            running.start();
            assertThat(copied.await(60, TimeUnit.SECONDS)).isTrue();
            try (Connection c = connect(2); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW SNAPSHOTS")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("name")).isEqualTo("watched");
                assertThat(rs.getString("state")).isEqualTo("RUNNING");
                assertThat(rs.getString("node")).isEqualTo("n1");
                assertThat(rs.getInt("parts_total")).isEqualTo(groups);
                assertThat(rs.getInt("parts_done")).isEqualTo(groups);
                assertThat(rs.getLong("bytes")).isPositive();
                assertThat(rs.getLong("cut_ts")).isPositive();
                assertThat(rs.getObject("rows")).as("known once complete").isNull();
            }
            assertThatThrownBy(() -> cluster.node(1).snapshots().drop("watched")).as("a running snapshot")
                    .isInstanceOfSatisfying(ShardSqlException.class,
                            e -> assertThat(e.code().sqlState()).isEqualTo("55006"));
        } finally {
            release.countDown();
            running.join();
            driver.hook(SnapshotHook.NONE);
        }
        SnapshotInfo done = result.get(0);
        assertThat(done.state()).isEqualTo(SnapshotState.COMPLETE);
        assertThat(done.bytes()).isPositive();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(partsKept(done.epoch())).isEmpty());
        assertThat(Path.of(done.directory()).resolve(BackupManifest.FILE)).exists();
    }

    @Test
    @Order(2)
    void dropThroughAnotherNodeDeletesTheFilesOnTheNodeThatKeepsThem() throws Exception {
        SnapshotInfo s = cluster.node(0).snapshots().take(Optional.of("kept-by-n1"));
        Path dir = Path.of(s.directory());
        assertThat(dir).startsWith(cluster.node(0).config().snapshot().backupRoot());
        assertThat(cluster.node(2).config().snapshot().backupRoot())
                .isNotEqualTo(cluster.node(0).config().snapshot().backupRoot());
        assertThat(dir.resolve(BackupManifest.FILE)).exists();

        try (Connection c = connect(2); Statement st = c.createStatement()) {
            st.execute("DROP SNAPSHOT 'kept-by-n1'");
            assertThat(dir).doesNotExist();
            assertThatThrownBy(() -> st.execute("DROP SNAPSHOT 'kept-by-n1'")).as("gone")
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42704"));
            assertThatThrownBy(() -> st.execute("DROP SNAPSHOT 'never-was'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42704"));
        }
        assertThat(cluster.node(1).snapshots().list()).extracting(SnapshotInfo::name).doesNotContain("kept-by-n1");
        cluster.node(1).snapshots().drop("watched");
        assertThat(cluster.node(0).config().snapshot().backupRoot().resolve("watched")).doesNotExist();
    }

    @Test
    @Order(3)
    void dropWhileTheKeepingNodeIsDownFailsAndChangesNothing() throws Exception {
        SnapshotInfo s = cluster.node(2).snapshots().take(Optional.of("kept-by-n3"));
        Path dir = Path.of(s.directory());
        SnapshotInfo recorded = cluster.node(0).snapshots().list().stream()
                .filter(i -> i.name().equals("kept-by-n3")).findFirst().orElseThrow();
        assertThat(recorded.state()).isEqualTo(SnapshotState.COMPLETE);
        cluster.stopNode(2);
        try {
            assertThatThrownBy(() -> cluster.node(0).snapshots().drop("kept-by-n3"))
                    .isInstanceOfSatisfying(ShardSqlException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_NOT_READY);
                        assertThat(e.code().sqlState()).isEqualTo("57P03");
                        assertThat(e.getMessage()).contains("n3", "cannot be reached");
                    });
            assertThat(cluster.node(1).snapshots().list()).filteredOn(i -> i.name().equals("kept-by-n3"))
                    .singleElement().isEqualTo(recorded);
            assertThat(dir.resolve(BackupManifest.FILE)).exists();
        } finally {
            cluster.startNode(2);
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .untilAsserted(() -> cluster.node(0).snapshots().drop("kept-by-n3"));
        assertThat(dir).doesNotExist();
        assertThat(cluster.node(0).snapshots().list()).extracting(SnapshotInfo::name).doesNotContain("kept-by-n3");
    }

    /** The part directories of {@code epoch} any running replica still has. */
    private List<Path> partsKept(long epoch) {
        List<Path> kept = new ArrayList<>();
        ShardMap map = cluster.shardMap();
        for (int i = 0; i < cluster.size(); i++) {
            for (ShardMap.GroupLayout g : map.groups()) {
                if (!cluster.node(i).hosts(g.name())) continue;
                Path part = cluster.replicaDir(i, g.name()).resolve("sm/ext/backup").resolve(Long.toString(epoch));
                if (part.toFile().exists()) kept.add(part);
            }
        }
        return kept;
    }

    private Connection connect(int node) throws SQLException {
        String url = "jdbc:shardsql://" + cluster.config(node).self().host() + ":"
                + cluster.config(node).self().sqlPort() + "/";
        return DriverManager.getConnection(url, "admin", MiniCluster.ADMIN_PASSWORD);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
