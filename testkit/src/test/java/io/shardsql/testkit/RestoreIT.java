package io.shardsql.testkit;

import io.shardsql.server.EmbeddedCluster;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.rocksdb.RocksSettings;
import io.shardsql.txn.log.Decisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup made of a real cluster's stores (checkpoints of each group's replica after writes through
 * SQL, with a manifest as the SNAPSHOT driver writes it), restored by {@code bin/shardsql restore} into
 * a fresh data directory, and served by what {@code bin/shardsql start} runs: rows, catalog and users
 * come back, and the restored cluster takes new writes.
 */
@Timeout(300)
class RestoreIT {
    private static final int SHARDS = 2;

    @Test
    void aBackupOfAClusterRestoresIntoANewClusterThatServesItsRows() throws Exception {
        Path root = Files.createTempDirectory("shardsql-restore");
        try {
            MiniCluster.Builder b = MiniCluster.builder().nodes(3).shards(SHARDS).dataDir(root.resolve("source"));
            MiniCluster.run(b, cluster -> {
                try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
                     Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR)");
                    for (int i = 0; i < 40; i++) s.execute("INSERT INTO t VALUES (" + i + ", 'v" + i + "')");
                }
                cluster.close();
                backup(cluster, root.resolve("backup"));
            });
            Path data = root.resolve("restored");
            int port = 30_000 + ThreadLocalRandom.current().nextInt(0, 20_000);
            assertThat(cli("backup", "verify", root.resolve("backup").toString())).isZero();
            assertThat(cli("restore", "--from", root.resolve("backup").toString(), "--data-dir", data.toString(),
                    "--port", Integer.toString(port), "--shards", Integer.toString(SHARDS))).isZero();
            try (EmbeddedCluster restored = EmbeddedCluster.start(data, port, SHARDS, new Properties(),
                    Duration.ofSeconds(120));
                 Connection c = DriverManager.getConnection(restored.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
                 Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*), MIN(v), MAX(id) FROM t")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getLong(1)).isEqualTo(40);
                    assertThat(r.getString(2)).isEqualTo("v0");
                    assertThat(r.getInt(3)).isEqualTo(39);
                }
                s.execute("INSERT INTO t VALUES (100, 'after')");
                try (ResultSet r = s.executeQuery("SELECT v FROM t WHERE id = 100")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("after");
                }
            }
        } finally {
            MiniCluster.deleteTree(root);
        }
    }

    /** One part per group from the replica on its first host, the MANIFEST last; the cut is control's TSO limit. */
    private static void backup(MiniCluster cluster, Path dir) throws Exception {
        ShardMap layout = cluster.shardMap();
        long cut;
        Map<String, BackupManifest.Part> parts = new LinkedHashMap<>();
        Map<Long, String> lockOwners = new LinkedHashMap<>();
        try (RocksEnvironment env = RocksEnvironment.create(RocksSettings.defaults())) {
            try (RocksMvccStore control = open(cluster, layout, GroupName.CONTROL, env)) {
                cut = ByteBuffer.wrap(control.meta("tso.limit").orElseThrow()).getLong();
            }
            for (ShardMap.GroupLayout g : layout.groups()) {
                Path part = dir.resolve(g.name().toString());
                try (RocksMvccStore s = open(cluster, layout, g.name(), env)) {
                    List<LockEntry> locks = s.scanLocks(new byte[0], null, 100_000);
                    for (LockEntry e : locks) lockOwners.put(e.lock().startTs(), owner(e.lock().owner(), g.name()));
                    Checkpoints.Checkpoint cp = Checkpoints.take(s, part, s.appliedIndex().term(),
                            s.appliedIndex().index());
                    parts.put(g.name().toString(), new BackupManifest.Part(g.name().toString(), cp.term(), cp.index(),
                            locks.size(), 0, Checkpoints.crcOf(part.resolve(Checkpoints.MANIFEST))));
                }
            }
            List<BackupManifest.InFlight> inFlight = new ArrayList<>();
            for (Map.Entry<Long, String> t : lockOwners.entrySet()) inFlight.add(outcome(cluster, layout, t, cut, env));
            new BackupManifest("it", layout.clusterId(), 1, cut, SHARDS, layout.coordinatorCount(), Instant.now(),
                    new ArrayList<>(parts.values()), inFlight).write(dir);
        }
    }

    private static BackupManifest.InFlight outcome(MiniCluster cluster, ShardMap layout, Map.Entry<Long, String> t,
            long cut, RocksEnvironment env) {
        if (!t.getValue().startsWith("coord-")) return new BackupManifest.InFlight(t.getKey(), t.getValue(), false, 0);
        try (RocksMvccStore coord = open(cluster, layout, GroupName.parse(t.getValue()), env)) {
            long c = coord.meta(Decisions.name(t.getKey())).map(Decisions::commitTsOf).orElse(0L);
            boolean in = c > 0 && c < cut;
            return new BackupManifest.InFlight(t.getKey(), t.getValue(), in, in ? c : 0);
        }
    }

    private static RocksMvccStore open(MiniCluster cluster, ShardMap layout, GroupName g, RocksEnvironment env) {
        int node = Integer.parseInt(layout.group(g).replicas().get(0).substring(1)) - 1;
        return RocksMvccStore.open(cluster.replicaDir(node, g).resolve("sm").resolve("db"), env, true);
    }

    private static String owner(byte[] owner, GroupName group) {
        return owner.length == 5 ? GroupName.coord(ByteBuffer.wrap(owner, 1, 4).getInt()).toString() : group.toString();
    }

    /** Runs {@code bin/shardsql} in this JVM (the cli module is on the runtime class path only). */
    private static int cli(String... args) throws Exception {
        return (int) Class.forName("io.shardsql.cli.ShardSqlCli").getMethod("run", String[].class)
                .invoke(null, (Object) args);
    }
}
