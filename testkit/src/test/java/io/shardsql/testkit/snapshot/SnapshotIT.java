package io.shardsql.testkit.snapshot;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.SnapshotHook;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.snapshot.impl.SnapshotDriver;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * SNAPSHOT on a three-node MiniCluster (two shards, replication 3) under a bank-transfer workload: the
 * backup is complete and sealed, its parts verify, the balances read from its shard parts at S − 1 keep
 * the invariant, and every transfer acknowledged before SNAPSHOT began is in it; epochs increase; bad
 * and taken names change nothing; one snapshot runs at a time; a shard leader killed between the phases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotIT {
    private static final int ACCOUNTS = 24;
    private static final long INITIAL = 1_000;
    private static final String ACCT = "acct/";
    private static final String XFER = "xfer/";

    private MiniCluster cluster;
    private TransactionManager txns;
    /** Transfer id → System.nanoTime() when its commit returned. */
    private final Map<Long, Long> acked = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private SnapshotInfo first;

    @BeforeAll
    void start() {
        cluster = MiniCluster.builder().nodes(3).shards(2).replication(3).set("snapshot.timeout", "2m").start();
        txns = cluster.node(1).transactions();
        txns.run(TxnMode.READ_WRITE, 10, tx -> {
            for (int a = 0; a < ACCOUNTS; a++) tx.put(acct(a), longBytes(INITIAL));
            return null;
        });
    }

    @AfterAll
    void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void aSnapshotUnderTransfersIsAConsistentCut() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> load = startTransfers(stop, 4);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 40);
            long began = System.nanoTime();
            Set<Long> before = new java.util.HashSet<>();
            acked.forEach((id, at) -> {
                if (at - began < 0) before.add(id);
            });
            long t0 = System.nanoTime();
            first = cluster.node(0).snapshots().take(Optional.of("bank-1"));
            System.out.printf("SnapshotIT: snapshot %s took %d ms under load (%d transfers acked so far)%n", first,
                    (System.nanoTime() - t0) / 1_000_000, acked.size());
            assertThat(first.state()).isEqualTo(SnapshotState.COMPLETE);
            assertThat(first.epoch()).isPositive();
            Cut cut = readBackup(first);
            assertThat(cut.total).as("sum of balances in the backup at S-1").isEqualTo(ACCOUNTS * INITIAL);
            assertThat(cut.transfers).as("transfers acknowledged before SNAPSHOT began").containsAll(before);
            assertThat(cut.rows).as("rows the registry counted").isEqualTo(first.rows());
        } finally {
            stop.set(true);
            for (Thread t : load) t.join();
        }
        assertThat(cluster.node(2).snapshots().list()).extracting(SnapshotInfo::name).contains("bank-1");
    }

    @Test
    @Order(2)
    void aSecondSnapshotHasAHigherEpochAndCut() {
        SnapshotInfo second = cluster.node(1).snapshots().take(Optional.empty());
        assertThat(second.state()).isEqualTo(SnapshotState.COMPLETE);
        assertThat(second.epoch()).isGreaterThan(first.epoch());
        assertThat(second.cutTs()).isGreaterThan(first.cutTs());
        assertThat(second.name()).isEqualTo("snap-" + second.epoch());
        assertThat(second.node()).isEqualTo("n2");
        readBackup(second);
    }

    @Test
    @Order(3)
    void overJdbcSnapshotReturnsItsRowShowSnapshotsListsItAndDropRemovesIt() throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            Path dir;
            try (ResultSet rs = s.executeQuery("SNAPSHOT TO 'over-jdbc'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("name")).isEqualTo("over-jdbc");
                dir = Path.of(rs.getString("directory"));
                assertThat(rs.getInt("shards")).isEqualTo(2);
                assertThat(rs.getLong("rows")).isGreaterThanOrEqualTo(ACCOUNTS);
                assertThat(rs.getLong("bytes")).isPositive();
                assertThat(rs.getLong("cut_ts")).isPositive();
                assertThat(rs.next()).isFalse();
            }
            assertThat(dir.resolve(BackupManifest.FILE)).exists();
            try (ResultSet rs = s.executeQuery("SHOW SNAPSHOTS")) {
                List<String> complete = new ArrayList<>();
                while (rs.next()) {
                    if (rs.getString("state").equals("COMPLETE")) complete.add(rs.getString("name"));
                }
                assertThat(complete).contains("over-jdbc", "bank-1");
            }
            try (ResultSet rs = s.executeQuery("SELECT parts_done, parts_total FROM sys.snapshots WHERE name = 'over-jdbc'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2));
            }
            c.setAutoCommit(false);
            assertThatThrownBy(() -> s.execute("SNAPSHOT TO 'in-a-block'")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("25001"));
            c.rollback();
            c.setAutoCommit(true);
            s.execute("DROP SNAPSHOT 'over-jdbc'");
            assertThat(dir).doesNotExist();
            assertThat(cluster.node(0).snapshots().list()).extracting(SnapshotInfo::name)
                    .doesNotContain("over-jdbc", "in-a-block");
        }
    }

    @Test
    @Order(3)
    void takenAndBadNamesAreRefusedChangingNothing() {
        List<SnapshotInfo> before = cluster.node(0).snapshots().list();
        assertThatThrownBy(() -> cluster.node(0).snapshots().take(Optional.of("bank-1")))
                .isInstanceOfSatisfying(ShardSqlException.class,
                        e -> assertThat(e.code().sqlState()).isEqualTo("42710"));
        assertThatThrownBy(() -> cluster.node(2).snapshots().take(Optional.of("bank-1")))
                .as("taken on another node").isInstanceOfSatisfying(ShardSqlException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_OBJECT));
        for (String bad : new String[] {"../escape", "a/b", "..", ".hidden", "x".repeat(65)}) {
            assertThatThrownBy(() -> cluster.node(0).snapshots().take(Optional.of(bad)))
                    .isInstanceOfSatisfying(ShardSqlException.class,
                            e -> assertThat(e.code().sqlState()).isEqualTo("42602"));
        }
        assertThat(cluster.node(0).snapshots().list()).isEqualTo(before);
        assertThat(cluster.node(0).config().snapshot().backupRoot().resolveSibling("escape")).doesNotExist();
    }

    @Test
    @Order(4)
    void aSnapshotWhileAnotherRunsIsRefused() throws Exception {
        SnapshotDriver driver = cluster.node(0).snapshotDriver();
        CountDownLatch marked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        driver.hook((step, epoch) -> {
            if (step == SnapshotHook.Step.MARKED) {
                marked.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        List<SnapshotInfo> result = new ArrayList<>();
        Thread running = new Thread(() -> result.add(driver.take(Optional.of("slow"))));
        try {
            running.start();
            assertThat(marked.await(60, TimeUnit.SECONDS)).isTrue();
            SnapshotInfo shown = cluster.node(2).snapshots().list().stream().filter(s -> s.name().equals("slow"))
                    .findFirst().orElseThrow();
            assertThat(shown.state()).isEqualTo(SnapshotState.RUNNING);
            assertThat(shown.partsTotal()).isEqualTo(4);
            assertThatThrownBy(() -> cluster.node(1).snapshots().take(Optional.of("other")))
                    .isInstanceOfSatisfying(ShardSqlException.class,
                            e -> assertThat(e.code().sqlState()).isEqualTo("55006"));
            assertThatThrownBy(() -> cluster.node(0).snapshots().drop("slow"))
                    .isInstanceOfSatisfying(ShardSqlException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_IN_USE));
        } finally {
            release.countDown();
            running.join();
            driver.hook(SnapshotHook.NONE);
        }
        assertThat(result).singleElement().extracting(SnapshotInfo::state).isEqualTo(SnapshotState.COMPLETE);
        assertThat(cluster.node(0).snapshots().list()).extracting(SnapshotInfo::name).doesNotContain("other");
        cluster.node(1).snapshots().drop("slow"); // kept by node 0: deleted through it (SnapshotDropIT)
        assertThat(Path.of(result.get(0).directory())).doesNotExist();
        assertThat(cluster.node(0).snapshots().list()).extracting(SnapshotInfo::name).doesNotContain("slow");
    }

    @Test
    @Order(5)
    void aShardLeaderKilledBetweenThePhases() throws Exception {
        GroupName shard = GroupName.shard(0);
        int leader = cluster.leaderOf(shard).orElseThrow();
        int initiator = (leader + 1) % 3;
        SnapshotDriver driver = cluster.node(initiator).snapshotDriver();
        driver.hook((step, epoch) -> {
            if (step == SnapshotHook.Step.COORDINATORS_MARKED) cluster.stopNode(leader);
        });
        SnapshotInfo info;
        try {
            info = driver.take(Optional.of("leader-killed"));
            assertThat(info.state()).isEqualTo(SnapshotState.COMPLETE);
            readBackup(info);
        } catch (ShardSqlException e) {
            System.out.println("SnapshotIT: the snapshot with a killed leader failed: " + e);
            info = driver.list().stream().filter(s -> s.name().equals("leader-killed")).findFirst().orElseThrow();
            assertThat(info.state()).isEqualTo(SnapshotState.FAILED);
            assertThat(Path.of(info.directory()).resolve(BackupManifest.FILE)).doesNotExist();
        } finally {
            driver.hook(SnapshotHook.NONE);
        }
        System.out.println("SnapshotIT: with the leader of shard-0 (n" + (leader + 1) + ") killed: " + info);
        for (SnapshotInfo s : driver.list()) {
            if (s.state() == SnapshotState.COMPLETE && s.node().equals(cluster.config(initiator).nodeId())) {
                assertThat(Path.of(s.directory()).resolve(BackupManifest.FILE)).exists();
            }
        }
        cluster.startNode(leader);
        cluster.awaitReady();
    }

    @Test
    @Order(6)
    void theCoordinatorsLeaderKilledBetweenThePhasesUnderTransfers() throws Exception {
        int leader = cluster.leaderOf(GroupName.coord(0)).orElseThrow();
        int initiator = (leader + 1) % 3;
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> load = startTransfers(stop, 2);
        SnapshotDriver driver = cluster.node(initiator).snapshotDriver();
        driver.hook((step, epoch) -> {
            if (step == SnapshotHook.Step.COORDINATORS_MARKED) cluster.stopNode(leader);
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 10);
            SnapshotInfo info = driver.take(Optional.of("coord-killed"));
            assertThat(info.state()).isEqualTo(SnapshotState.COMPLETE);
            Cut cut = readBackup(info);
            assertThat(cut.total).as("sum of balances in the backup at S-1").isEqualTo(ACCOUNTS * INITIAL);
        } catch (ShardSqlException e) {
            System.out.println("SnapshotIT: the snapshot with a killed coordinator leader failed: " + e);
            SnapshotInfo info = driver.list().stream().filter(s -> s.name().equals("coord-killed")).findFirst()
                    .orElseThrow();
            assertThat(info.state()).isEqualTo(SnapshotState.FAILED);
            assertThat(Path.of(info.directory()).resolve(BackupManifest.FILE)).doesNotExist();
        } finally {
            driver.hook(SnapshotHook.NONE);
            stop.set(true);
            for (Thread t : load) t.join();
            cluster.startNode(leader);
            cluster.awaitReady();
        }
    }

    @Test
    @Order(7)
    void aShardsLeadershipMovedWhileTheMarkersAreInFlight() throws Exception {
        GroupName shard = GroupName.shard(1);
        int leader = cluster.leaderOf(shard).orElseThrow();
        int next = (leader + 1) % 3;
        SnapshotDriver driver = cluster.node(0).snapshotDriver();
        driver.hook((step, epoch) -> {
            if (step != SnapshotHook.Step.COORDINATORS_MARKED) return;
            try (RaftClient admin = RaftClient.newBuilder().setRaftGroup(cluster.shardMap().raftGroup(shard))
                    .setProperties(cluster.config(0).raft().clientProperties())
                    .setParameters(cluster.config(0).raft().parameters()).build()) {
                admin.admin().transferLeadership(RaftPeerId.valueOf(cluster.config(next).nodeId()), 10_000);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            SnapshotInfo info = driver.take(Optional.of("leader-moved"));
            assertThat(info.state()).isEqualTo(SnapshotState.COMPLETE);
            Cut cut = readBackup(info);
            assertThat(cut.total).isEqualTo(ACCOUNTS * INITIAL);
        } finally {
            driver.hook(SnapshotHook.NONE);
        }
    }

    // ---- the workload ------------------------------------------------------------------------------

    private List<Thread> startTransfers(AtomicBoolean stop, int threads) {
        List<Thread> out = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(t);
            Thread th = new Thread(() -> {
                while (!stop.get()) {
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    long amount = 1 + random.nextInt(50);
                    long id = ids.incrementAndGet();
                    try {
                        boolean done = txns.run(TxnMode.READ_WRITE, 1, tx -> {
                            long a = ByteBuffer.wrap(tx.get(acct(from)).orElseThrow()).getLong();
                            long b = ByteBuffer.wrap(tx.get(acct(to)).orElseThrow()).getLong();
                            if (a < amount) return false;
                            tx.put(acct(from), longBytes(a - amount));
                            tx.put(acct(to), longBytes(b + amount));
                            tx.put(utf8(XFER + id), utf8(from + "," + to + "," + amount));
                            return true;
                        });
                        if (done) acked.put(id, System.nanoTime());
                    } catch (ShardSqlException e) {
                        // a conflict: the transfer is in or out, and the backup is checked either way
                    }
                }
            }, "transfer-" + t);
            th.setDaemon(true);
            th.start();
            out.add(th);
        }
        return out;
    }

    /** What the shard parts of a backup hold at S − 1, their channel state settled. */
    private record Cut(long total, Set<Long> transfers, long rows) {}

    private Cut readBackup(SnapshotInfo info) {
        Path dir = Path.of(info.directory());
        BackupManifest m = BackupManifest.read(dir);
        assertThat(m.name()).isEqualTo(info.name());
        assertThat(m.epoch()).isEqualTo(info.epoch());
        assertThat(m.cutTs()).isEqualTo(info.cutTs());
        assertThat(m.cluster()).isEqualTo(cluster.shardMap().clusterId());
        assertThat(m.shards()).isEqualTo(2);
        assertThat(m.parts()).extracting(BackupManifest.Part::group)
                .containsExactlyInAnyOrder("coord-0", "control", "shard-0", "shard-1");
        for (BackupManifest.Part p : m.parts()) {
            Checkpoints.Checkpoint cp = Checkpoints.read(dir.resolve(p.group())).orElseThrow();
            Checkpoints.verify(cp);
            assertThat(crc(cp)).isEqualTo(p.checkpointCrc());
            assertThat(cp.index()).isEqualTo(p.index());
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("MANIFEST", "coord-0", "control", "shard-0", "shard-1");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        int live = 0;
        while (cluster.node(live) == null) live++; // a node the test stopped has no driver
        SnapshotDriver reader = cluster.node(live).snapshotDriver();
        long total = 0;
        long rows = 0;
        Set<Long> transfers = new java.util.HashSet<>();
        Map<Integer, Long> net = new HashMap<>();
        Map<Integer, Long> balances = new HashMap<>();
        for (String shard : List.of("shard-0", "shard-1")) {
            List<KvEntry> entries = reader.reader().readSettled(dir.resolve(shard),
                    cluster.root().resolve("scratch-" + info.name() + "-" + shard), m.inFlight(),
                    store -> store.scan(new byte[0], null, m.cutTs() - 1, 1_000_000));
            for (KvEntry e : entries) {
                String key = new String(e.key(), StandardCharsets.UTF_8);
                assertThat(e.commitTs()).isLessThan(m.cutTs());
                if (key.startsWith(ACCT)) {
                    long b = ByteBuffer.wrap(e.value()).getLong();
                    total += b;
                    balances.put(Integer.parseInt(key.substring(ACCT.length())), b);
                } else if (key.startsWith(XFER)) {
                    transfers.add(Long.parseLong(key.substring(XFER.length())));
                    String[] f = new String(e.value(), StandardCharsets.UTF_8).split(",");
                    long amount = Long.parseLong(f[2]);
                    net.merge(Integer.parseInt(f[0]), -amount, Long::sum);
                    net.merge(Integer.parseInt(f[1]), amount, Long::sum);
                }
                if (!key.startsWith("\0sys/")) rows++;
            }
        }
        assertThat(balances).hasSize(ACCOUNTS);
        for (int a = 0; a < ACCOUNTS; a++) {
            assertThat(balances.get(a)).as("balance of " + a + " = initial + the transfers in the backup")
                    .isEqualTo(INITIAL + net.getOrDefault(a, 0L));
        }
        return new Cut(total, transfers, rows);
    }

    private static String crc(Checkpoints.Checkpoint cp) {
        try {
            return Checkpoints.crcOf(cp.dir().resolve(Checkpoints.MANIFEST));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] acct(int a) {
        return utf8(String.format("%s%04d", ACCT, a));
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
