package io.shardsql.testkit.snapshot;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.ProcessCluster;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * SNAPSHOT on four node processes (two shards, replication 3: every node misses some group) while rows
 * are inserted, with {@code kill -9} of a node in the middle of it:
 * <ul>
 *   <li>a node that hosts replicas and leaders but does not run the statement: the snapshot completes,
 *       or fails cleanly and a retry completes; the backup — whose {@code shard-0} part had to cross the
 *       network, the initiator having no replica of it — verifies and restores to exactly the rows at
 *       the cut;</li>
 *   <li>the node running the statement: its record is never COMPLETE and its directory never passes
 *       for a backup; while it is down another SNAPSHOT is refused (55006), once it restarts the record is
 *       FAILED and its directory gone, and a SNAPSHOT from another node completes, verifies and restores;</li>
 *   <li>a peer frozen ({@code SIGSTOP}: its sockets open and silent) is passed over for the next replica
 *       of the part it was asked for, after {@code SnapshotDriver.PEER_SILENCE}, not {@code snapshot.timeout}.</li>
 * </ul>
 * Each kill lands while the snapshot is RUNNING: the victim is killed as soon as the registry shows it
 * RUNNING with parts left to copy (a run that ended first is repeated).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(600)
class SnapshotProcessIT {
    private static final int WATCHER = 3; // n4: never killed; the test watches the registry through it
    private static final Duration READY = Duration.ofSeconds(180);

    private ProcessCluster cluster;
    private final AtomicBoolean stopWriting = new AtomicBoolean();
    private final AtomicInteger written = new AtomicInteger();
    private Thread writer;

    @BeforeAll
    void start() throws Exception {
        cluster = new ProcessCluster(MiniCluster.builder().nodes(4).shards(2).replication(3)
                .set("client.deadline", "30s").set("snapshot.timeout", "2m"));
        cluster.startAll();
        for (int i = 0; i < cluster.size(); i++) cluster.awaitReady(i, READY);
        try (Connection c = connect(0); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v TEXT)");
            String pad = "x".repeat(200);
            for (int batch = 0; batch < 20; batch++) {
                StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
                for (int i = 0; i < 200; i++) {
                    int id = batch * 200 + i;
                    sql.append(i == 0 ? "" : ", ").append('(').append(id).append(", '").append(pad).append(id)
                            .append("')");
                }
                s.execute(sql.toString());
            }
        }
        writer = new Thread(this::insertRows, "inserts");
        writer.setDaemon(true);
        writer.start();
    }

    @AfterAll
    void stop() throws Exception {
        stopWriting.set(true);
        if (writer != null) writer.join(60_000);
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void aNodeHostingLeadersKilledMidSnapshotAndThePartsCrossTheNetwork() throws Exception {
        int initiator = 0; // n1: no replica of shard-0
        int victim = 2;    // n3: replicas of control and both shards, the preferred leader of shard-1
        assertThat(cluster.shardMap().group(GroupName.shard(0)).replicas()).doesNotContain("n1");
        CompletableFuture<String> run = null;
        String name = null;
        for (int attempt = 1; attempt <= 5 && run == null; attempt++) {
            name = "victim-" + attempt;
            CompletableFuture<String> r = snapshotOn(initiator, name);
            if (killWhileRunning(victim, name)) {
                run = r;
            } else {
                r.get(3, TimeUnit.MINUTES);
                System.out.println("SnapshotProcessIT: " + name + " ended before the kill; again");
            }
        }
        assertThat(run).as("a kill landed while the snapshot ran").isNotNull();
        String dir;
        try {
            dir = run.get(3, TimeUnit.MINUTES);
            System.out.println("SnapshotProcessIT: " + name + " completed with n3 killed in its middle");
            assertThat(state(name)).isEqualTo("COMPLETE");
        } catch (java.util.concurrent.ExecutionException e) {
            System.out.println("SnapshotProcessIT: " + name + " failed with n3 killed: " + e.getCause());
            assertThat(state(name)).isEqualTo("FAILED");
            BackupChecks.assertNotACompleteBackup(directory(name));
            name = "victim-retry";
            dir = snapshotOn(initiator, name).get(3, TimeUnit.MINUTES);
        }
        TreeMap<String, String> rows = BackupChecks.verifyAndRestore(cluster.client(), Path.of(dir), cluster.root());
        assertThat(rows.size()).as("rows restored").isGreaterThanOrEqualTo(4_000);

        cluster.start(victim);
        cluster.awaitReady(victim, READY);
    }

    @Test
    @Order(2)
    void theNodeRunningTheStatementKilledMidSnapshot() throws Exception {
        int initiator = 1; // n2
        String name = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            name = "orphan-" + attempt;
            CompletableFuture<String> r = snapshotOn(initiator, name);
            if (killWhileRunning(initiator, name)) {
                if (state(name).equals("RUNNING")) break; // else it ended just before the kill
                System.out.println("SnapshotProcessIT: " + name + " ended just before the kill; again");
                cluster.start(initiator);
                cluster.awaitReady(initiator, READY);
            } else {
                r.get(3, TimeUnit.MINUTES);
                System.out.println("SnapshotProcessIT: " + name + " ended before the kill; again");
            }
            name = null;
        }
        assertThat(name).as("a kill landed while the snapshot ran").isNotNull();
        Path dir = directory(name);
        assertThat(state(name)).as("the dead node's snapshot").isEqualTo("RUNNING");
        BackupChecks.assertNotACompleteBackup(dir);
        assertThatThrownBy(() -> snapshotOn(0, "while-n2-is-down").get(3, TimeUnit.MINUTES))
                .as("another snapshot while the dead one is RUNNING")
                .hasCauseInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("55006"));

        cluster.start(initiator);
        cluster.awaitReady(initiator, READY);
        String orphan = name;
        await("the restarted node fails its abandoned snapshot").atMost(Duration.ofSeconds(90))
                .until(() -> state(orphan).equals("FAILED"));
        assertThat(error(orphan)).contains("restarted");
        await("its directory removed").atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(dir));

        String next = snapshotOn(0, "after-the-orphan").get(3, TimeUnit.MINUTES);
        assertThat(state("after-the-orphan")).isEqualTo("COMPLETE");
        BackupChecks.verifyAndRestore(cluster.client(), Path.of(next), cluster.root());
    }

    @Test
    @Order(3)
    void aFrozenPeerIsPassedOverForTheNextReplica() throws Exception {
        // n2 leads nothing, then freezes: its sockets stay open and silent. n1 (no replica of shard-0)
        // asks n2 first for shard-0's part, hears nothing, and must take it from n3 or n4.
        lead(GroupName.CONTROL, 0);
        lead(GroupName.shard(0), 2);
        lead(GroupName.coord(0), 3);
        cluster.pause(1);
        String dir;
        long t0 = System.nanoTime();
        try {
            dir = snapshotOn(0, "frozen-peer").get(3, TimeUnit.MINUTES);
        } finally {
            cluster.resume(1);
        }
        System.out.printf("SnapshotProcessIT: with n2 frozen the snapshot took %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        assertThat(state("frozen-peer")).isEqualTo("COMPLETE");
        BackupChecks.verifyAndRestore(cluster.client(), Path.of(dir), cluster.root());
    }

    private void lead(GroupName g, int node) {
        String id = cluster.config(node).nodeId();
        await(g + " led by " + id).atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (RaftClient admin = RaftClient.newBuilder().setRaftGroup(cluster.shardMap().raftGroup(g))
                    .setProperties(cluster.config(0).raft().clientProperties())
                    .setParameters(cluster.config(0).raft().parameters()).build()) {
                return admin.admin().transferLeadership(RaftPeerId.valueOf(id), 10_000).isSuccess();
            }
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /**
     * Once the registry shows {@code name} RUNNING with parts still to copy, kills node {@code victim}
     * ({@code kill -9}) at once; returns false (killing nothing) if the snapshot ended first. The kill is
     * not held back by a freeze: a frozen leader of {@code control} would stall the test's own reads.
     */
    private boolean killWhileRunning(int victim, String name) throws Exception {
        await("snapshot " + name + " recorded").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    Optional<String> state = stateOrNone(name);
                    return state.isPresent() && (!state.get().equals("RUNNING") || partsLeft(name));
                });
        if (!stateOrNone(name).orElseThrow().equals("RUNNING")) return false;
        cluster.kill9(victim);
        System.out.println("SnapshotProcessIT: n" + (victim + 1) + " killed while " + name + " ran");
        return true;
    }

    /** Whether the RUNNING snapshot {@code name} has parts left to copy (or has not counted them yet). */
    private boolean partsLeft(String name) throws SQLException {
        try (Connection c = connect(WATCHER); PreparedStatement s = c.prepareStatement(
                "SELECT parts_done, parts_total FROM sys.snapshots WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && (rs.getInt(2) == 0 || rs.getInt(1) < rs.getInt(2));
            }
        }
    }

    /** Runs {@code SNAPSHOT TO 'name'} on node {@code i}; completes with the backup's directory. */
    private CompletableFuture<String> snapshotOn(int i, String name) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = connect(i); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SNAPSHOT TO '" + name + "'")) {
                assertThat(rs.next()).isTrue();
                return rs.getString("directory");
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private Optional<String> stateOrNone(String name) throws SQLException {
        return column(name, "state");
    }

    private String state(String name) throws SQLException {
        return column(name, "state").orElseThrow(() -> new AssertionError("no snapshot " + name));
    }

    private String error(String name) throws SQLException {
        return column(name, "error").orElse("");
    }

    private Path directory(String name) throws SQLException {
        return Path.of(column(name, "directory").orElseThrow());
    }

    private Optional<String> column(String name, String column) throws SQLException {
        try (Connection c = connect(WATCHER);
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM sys.snapshots WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private Connection connect(int i) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(i), "admin", MiniCluster.ADMIN_PASSWORD);
    }

    /** Inserts rows through the watcher node until the end of the class; a failed insert is just skipped. */
    private void insertRows() {
        int id = 1_000_000;
        while (!stopWriting.get()) {
            try (Connection c = connect(WATCHER); PreparedStatement s = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                while (!stopWriting.get()) {
                    s.setInt(1, id++);
                    s.setString(2, "during");
                    s.executeUpdate();
                    written.incrementAndGet();
                }
            } catch (SQLException e) {
                // a leader died under it, or the cut pushed it: the next insert goes on
            }
        }
    }
}
