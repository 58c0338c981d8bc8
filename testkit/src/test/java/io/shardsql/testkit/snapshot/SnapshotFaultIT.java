package io.shardsql.testkit.snapshot;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.BackupRoot;
import io.shardsql.snapshot.SnapshotHook;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.snapshot.impl.SnapshotDriver;
import io.shardsql.snapshot.impl.SnapshotRegistry;
import io.shardsql.snapshot.log.PartTaken;
import io.shardsql.snapshot.log.SnapshotCommand;
import io.shardsql.storage.Mutation;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.CommitStep;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Faults around SNAPSHOT on a three-node MiniCluster (two shards, replication 3; frequent Raft snapshots,
 * so a lagging replica is installed rather than replayed; lock recovery slowed down, so a dead driver's
 * locks stay put until the marker meets them):
 * <ul>
 *   <li>a RUNNING record whose node died: the next claim fails it once it is older than twice the
 *       timeout; a restart of its node fails it at once and removes its directory;</li>
 *   <li>a replica installed past the marker: it has no part, answers a retried marker with the cut's
 *       position and takes nothing, keeps the fence, and the backups taken around it verify and
 *       restore — also when it is installed while the markers are in flight and leadership moves;</li>
 *   <li>a driver dying after its commit decision was logged, before any lock was resolved: the backup
 *       carries the locks as channel state, and the transaction is wholly in after restore; dying
 *       before the decision: wholly out.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class SnapshotFaultIT {
    private MiniCluster cluster;
    private TransactionManager txns;
    private final AtomicInteger keys = new AtomicInteger();

    @BeforeAll
    void start() {
        cluster = MiniCluster.builder().nodes(3).shards(2).replication(3).frequentSnapshots(40)
                .set("snapshot.timeout", "2m").set("txn.lock-ttl", "10m").set("txn.recovery-interval", "10m")
                .start();
        cluster.awaitReady();
        txns = cluster.node(0).transactions();
    }

    @AfterAll
    void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void aRunningRecordOfADeadNodeIsAbandonedAfterTwiceTheTimeout() throws Exception {
        SnapshotRegistry registry = cluster.node(0).snapshotDriver().registry();
        BackupRoot root = new BackupRoot(cluster.config(0).snapshot().backupRoot());
        SnapshotInfo ghost = registry.claim(Optional.of("ghost"), "n9", root, Duration.ofMinutes(10));
        assertThatThrownBy(() -> cluster.node(1).snapshots().take(Optional.of("refused")))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_IN_USE));

        AtomicReference<SnapshotInfo> taken = new AtomicReference<>();
        await("a claim with a 500 ms timeout takes over once the ghost is a second old").atMost(Duration.ofSeconds(30))
                .ignoreExceptionsMatching(e -> e instanceof ShardSqlException s && s.code() == ErrorCode.OBJECT_IN_USE)
                .until(() -> taken.compareAndSet(null,
                        registry.claim(Optional.of("after-ghost"), "n1", root, Duration.ofMillis(500))));
        SnapshotInfo next = taken.get();
        assertThat(Duration.between(ghost.started(), next.started())).isGreaterThanOrEqualTo(Duration.ofMillis(999));
        assertThat(next.epoch()).isGreaterThan(ghost.epoch());
        SnapshotInfo failed = registry.find("ghost").orElseThrow();
        assertThat(failed.state()).isEqualTo(SnapshotState.FAILED);
        assertThat(failed.error()).contains("abandoned");
        registry.finish(next, SnapshotState.FAILED, "the test claimed it only to take over the ghost");
    }

    @Test
    @Order(2)
    void aRestartedNodeFailsTheSnapshotsItLeftRunningAndRemovesTheirDirectories() throws Exception {
        SnapshotInfo real = cluster.node(1).snapshots().take(Optional.of("sealed"));
        SnapshotRegistry registry = cluster.node(0).snapshotDriver().registry();
        BackupRoot root = new BackupRoot(cluster.config(1).snapshot().backupRoot());
        SnapshotInfo orphan = registry.claim(Optional.of("orphan"), "n2", root, Duration.ofMinutes(10));
        Path dir = Path.of(orphan.directory());
        copyTree(Path.of(real.directory()), dir); // as if n2 died after sealing it, before recording it COMPLETE
        assertThat(dir.resolve(BackupManifest.FILE)).exists();

        cluster.stopNode(1);
        cluster.startNode(1);
        cluster.awaitReady();
        await("n2 fails its orphan").atMost(Duration.ofSeconds(60))
                .until(() -> registry.find("orphan").orElseThrow().state() == SnapshotState.FAILED);
        assertThat(registry.find("orphan").orElseThrow().error()).contains("restarted");
        await("its directory removed").atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(dir));
        assertThat(Path.of(real.directory()).resolve(BackupManifest.FILE)).as("a COMPLETE backup is kept").exists();
        assertThat(cluster.node(2).snapshots().take(Optional.of("after-orphan")).state())
                .isEqualTo(SnapshotState.COMPLETE);
    }

    @Test
    @Order(3)
    void aReplicaInstalledPastTheMarkerHasNoPartKeepsTheFenceAndTakesARetriedMarkerOnce() throws Exception {
        GroupName shard = GroupName.shard(0);
        int leader = cluster.leaderOf(shard).orElseThrow();
        int lagging = leader == 1 ? 2 : 1; // neither the initiator (n1) nor shard-0's leader
        cluster.stopNode(lagging);
        writeTo(0, 300);
        ShardClient group = cluster.client().group(shard);
        AtomicReference<Path> part = new AtomicReference<>();
        AtomicReference<Object> retried = new AtomicReference<>(); // the retry's PartTaken, or what it threw
        SnapshotDriver driver = cluster.node(0).snapshotDriver();
        driver.hook((step, epoch) -> { // the epoch is still open: its release comes after the registry is told
            if (step != SnapshotHook.Step.SEALED) return;
            writeTo(0, 300); // shard-0 snapshots past the marker and purges its log
            cluster.startNode(lagging);
            cluster.awaitReady();
            awaitCaughtUp(lagging, shard);
            part.set(cluster.replicaDir(lagging, shard).resolve("sm").resolve("ext").resolve("backup")
                    .resolve(Long.toString(epoch)));
            assertThat(Checkpoints.read(part.get())).as("n" + (lagging + 1) + " installed past the marker: no part")
                    .isEmpty();
            transferLeadership(shard, lagging);
            try {
                long cutTs = driver.registry().list().stream().filter(i -> i.epoch() == epoch).findFirst()
                        .orElseThrow().cutTs();
                retried.set(PartTaken.decode(((ShardReply.Meta) ShardClient.await(
                        group.sendNow(new SnapshotCommand.Marker(epoch, cutTs)))).value()));
            } catch (RuntimeException e) {
                retried.set(e);
            }
        });
        SnapshotInfo info;
        try {
            info = driver.take(Optional.of("installed-past"));
        } finally {
            driver.hook(SnapshotHook.NONE);
        }
        BackupManifest m = BackupManifest.read(Path.of(info.directory()));
        assertThat(retried.get()).as("the retried marker's reply").isInstanceOf(PartTaken.class);
        PartTaken again = (PartTaken) retried.get();
        BackupManifest.Part cut = m.parts().stream().filter(p -> p.group().equals("shard-0")).findFirst().orElseThrow();
        assertThat(again.ok()).as("a part on the installed replica").isFalse();
        assertThat(again.index()).as("the cut's position, as every replica applied it").isEqualTo(cut.index());
        assertThat(again.lockCount()).isEqualTo(cut.locks());
        assertThat(Checkpoints.read(part.get())).as("the retried marker took nothing").isEmpty();
        assertThatThrownBy(() -> ShardClient.await(group.sendNow(new ShardCommand.CommitWrites(info.cutTs() - 5,
                info.cutTs() - 1, List.of(Mutation.put(bytes("fenced/0"), bytes("x")))))))
                .as("a commit below the cut on the installed replica")
                .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EPOCH_FENCED));
        assertThatThrownBy(() -> ShardClient.await(group.sendNow(new SnapshotCommand.Marker(info.epoch(), info.cutTs()))))
                .as("a marker of the epoch once it has ended")
                .isInstanceOfSatisfying(ShardSqlException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_EPOCH_STALE));

        BackupChecks.verifyAndRestore(cluster.client(), Path.of(info.directory()), cluster.root());
    }

    @Test
    @Order(4)
    void aReplicaInstalledAndALeadershipMovedWhileTheMarkersAreInFlight() throws Exception {
        GroupName shard = GroupName.shard(0);
        int leader = cluster.leaderOf(shard).orElseThrow();
        int lagging = leader == 1 ? 2 : 1;
        int next = 3 - leader - lagging; // the third node: shard-0's leadership moves there mid-snapshot
        cluster.stopNode(lagging);
        writeTo(0, 300);
        SnapshotDriver driver = cluster.node(0).snapshotDriver();
        driver.hook((step, epoch) -> {
            if (step != SnapshotHook.Step.COORDINATORS_MARKED) return;
            cluster.startNode(lagging); // it is installed while the shards' markers go out
            transferLeadership(shard, next);
        });
        SnapshotInfo info;
        try {
            info = driver.take(Optional.of("in-flight"));
        } finally {
            driver.hook(SnapshotHook.NONE);
        }
        assertThat(info.state()).isEqualTo(SnapshotState.COMPLETE);
        cluster.awaitReady();
        awaitCaughtUp(lagging, shard);
        BackupChecks.verifyAndRestore(cluster.client(), Path.of(info.directory()), cluster.root());
    }

    @Test
    @Order(5)
    void aDriverDeadAfterItsDecisionBelowTheCutIsWhollyInThroughTheChannelState() throws Exception {
        List<byte[]> ks = keysOnBothShards("decided");
        writeAll(txns, ks, "before");
        long startTs = dieAt(ks, CommitStep.DECIDED, 1);

        SnapshotInfo info = cluster.node(1).snapshots().take(Optional.of("decided-in-flight"));
        BackupManifest m = BackupManifest.read(Path.of(info.directory()));
        BackupManifest.InFlight t = m.inFlight().stream().filter(f -> f.startTs() == startTs).findFirst()
                .orElseThrow(() -> new AssertionError("the dead driver's locks are not in the backup: " + m.inFlight()));
        assertThat(t.in()).as("decided below the cut: in").isTrue();
        assertThat(t.owner()).isEqualTo("coord-0");
        assertThat(t.commitTs()).isLessThan(m.cutTs());
        assertThat(m.parts().stream().filter(p -> p.group().startsWith("shard-")).mapToLong(BackupManifest.Part::locks)
                .sum()).as("its locks in the shard parts").isGreaterThanOrEqualTo(2);

        assertThat(BackupChecks.cli("backup", "verify", info.directory())).isZero();
        TreeMap<String, String> rows = BackupChecks.restoreRows(Path.of(info.directory()), cluster.root());
        for (byte[] k : ks) {
            String key = new String(k, StandardCharsets.UTF_8);
            assertThat(BackupChecks.value(rows, k)).as(key + " after restore").isEqualTo("after");
            assertThat(rows.get(java.util.HexFormat.of().formatHex(k))).endsWith("@" + t.commitTs());
        }
    }

    @Test
    @Order(6)
    void aDriverDeadBeforeItsDecisionIsWhollyOut() throws Exception {
        List<byte[]> allPrepared = keysOnBothShards("undecided");
        List<byte[]> halfPrepared = keysOnBothShards("half");
        writeAll(txns, allPrepared, "before");
        writeAll(txns, halfPrepared, "before");
        long undecided = dieAt(allPrepared, CommitStep.DECIDING, 1);
        long half = dieAt(halfPrepared, CommitStep.PREPARED, 1);

        SnapshotInfo info = cluster.node(2).snapshots().take(Optional.of("undecided-in-flight"));
        BackupManifest m = BackupManifest.read(Path.of(info.directory()));
        for (long startTs : new long[] {undecided, half}) {
            BackupManifest.InFlight t = m.inFlight().stream().filter(f -> f.startTs() == startTs).findFirst()
                    .orElseThrow(() -> new AssertionError("the dead driver's locks are not in the backup: "
                            + m.inFlight()));
            assertThat(t.in()).as("no decision: out").isFalse();
        }
        assertThat(BackupChecks.cli("backup", "verify", info.directory())).isZero();
        TreeMap<String, String> rows = BackupChecks.restoreRows(Path.of(info.directory()), cluster.root());
        for (byte[] k : concat(allPrepared, halfPrepared)) {
            String key = new String(k, StandardCharsets.UTF_8);
            assertThat(BackupChecks.value(rows, k)).as(key + " after restore").isEqualTo("before");
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** Writes {@code "after"} to {@code ks} in one transaction whose driver dies at {@code step}; its start ts. */
    private long dieAt(List<byte[]> ks, CommitStep step, int occurrence) {
        AtomicInteger seen = new AtomicInteger();
        AtomicLong startTs = new AtomicLong();
        CommitHook dies = (s, ts, group) -> {
            if (s == step && seen.incrementAndGet() == occurrence) {
                startTs.set(ts);
                throw new CommitHook.DriverCrash("the driver dies at " + s);
            }
        };
        TransactionManager dying = cluster.transactions(dies);
        assertThatThrownBy(() -> writeAll(dying, ks, "after")).isInstanceOf(CommitHook.DriverCrash.class);
        assertThat(startTs.get()).isPositive();
        return startTs.get();
    }

    private List<byte[]> keysOnBothShards(String prefix) {
        byte[][] found = new byte[2][];
        for (int i = 0; found[0] == null || found[1] == null; i++) {
            byte[] k = bytes(prefix + "/" + i);
            int s = cluster.client().shardOf(k);
            if (found[s] == null) found[s] = k;
        }
        return List.of(found[0], found[1]);
    }

    private static void writeAll(TransactionManager txns, List<byte[]> ks, String value) {
        try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
            for (byte[] k : ks) tx.put(k, bytes(value));
            tx.commit();
        }
    }

    /** {@code count} one-key transactions on shard {@code shard}. */
    private void writeTo(int shard, int count) {
        int done = 0;
        while (done < count) {
            byte[] k = bytes("load/" + keys.incrementAndGet());
            if (cluster.client().shardOf(k) != shard) continue;
            txns.run(TxnMode.READ_WRITE, 5, tx -> {
                tx.put(k, bytes("v"));
                return null;
            });
            done++;
        }
    }

    private void awaitCaughtUp(int node, GroupName g) {
        await(g + " on n" + (node + 1) + " caught up").atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            int leader = cluster.leaderOf(g).orElseThrow();
            long commit = cluster.division(leader, g).getRaftLog().getLastCommittedIndex();
            return cluster.division(node, g).getInfo().getLastAppliedIndex() >= commit;
        });
    }

    private void transferLeadership(GroupName g, int to) {
        await("leadership of " + g + " to n" + (to + 1)).atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (RaftClient admin = RaftClient.newBuilder().setRaftGroup(cluster.shardMap().raftGroup(g))
                    .setProperties(cluster.config(0).raft().clientProperties())
                    .setParameters(cluster.config(0).raft().parameters()).build()) {
                admin.admin().transferLeadership(RaftPeerId.valueOf(cluster.config(to).nodeId()), 10_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return cluster.leaderOf(g).orElse(-1) == to;
        });
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
        List<byte[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
