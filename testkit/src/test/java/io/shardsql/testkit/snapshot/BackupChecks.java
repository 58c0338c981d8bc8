package io.shardsql.testkit.snapshot;

import io.shardsql.server.EmbeddedCluster;
import io.shardsql.testkit.FreePorts;
import io.shardsql.server.NodeConfig;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.restore.SeedWriter;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.rocksdb.RocksSettings;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fault tests check of a backup, through the tools a user has: {@code bin/shardsql backup verify}
 * passes, {@code bin/shardsql restore} builds a fresh cluster's seeds, and those seeds hold exactly the
 * source's rows read at the cut minus one (no lock, no version at or above the cut); and of a failed one:
 * it cannot pass for a complete backup.
 */
final class BackupChecks {
    private static final HexFormat HEX = HexFormat.of();

    private BackupChecks() {}

    /**
     * Verifies the backup in {@code backup} and restores it under {@code work}; asserts the restored seeds
     * hold exactly {@code source}'s rows at S − 1 and returns them (hex(key) → hex(value)@commitTs).
     */
    static TreeMap<String, String> verifyAndRestore(ClusterClient source, Path backup, Path work) throws Exception {
        BackupManifest m = BackupManifest.read(backup);
        assertThat(cli("backup", "verify", backup.toString())).as("backup verify " + backup).isZero();
        TreeMap<String, String> seeded = restoreRows(backup, work);
        assertThat(seeded).as("rows restored from %s = the source read at S - 1", backup)
                .isEqualTo(rowsAt(source, m.shards(), m.cutTs() - 1));
        return seeded;
    }

    /** Restores {@code backup} under {@code work} with the CLI; returns the rows of the shard seeds it wrote. */
    static TreeMap<String, String> restoreRows(Path backup, Path work) throws Exception {
        BackupManifest m = BackupManifest.read(backup);
        Path target = work.resolve("restored-" + m.name());
        int port = FreePorts.block(EmbeddedCluster.READ_PORT_OFFSET + EmbeddedCluster.NODES);
        assertThat(cli("restore", "--from", backup.toString(), "--data-dir", target.toString(),
                "--port", Integer.toString(port), "--shards", Integer.toString(m.shards())))
                .as("restore " + backup).isZero();
        try (RocksEnvironment env = RocksEnvironment.create(RocksSettings.defaults())) {
            List<NodeConfig> configs = EmbeddedCluster.configs(target, port, m.shards(), new Properties());
            TreeMap<String, String> rows = new TreeMap<>();
            for (int s = 0; s < m.shards(); s++) {
                GroupName shard = GroupName.shard(s);
                Path dir = configs.stream().map(c -> SeedWriter.seedDir(c.dataDir(), shard))
                        .filter(Files::isDirectory).findFirst()
                        .orElseThrow(() -> new AssertionError("no seed of " + shard + " under " + target));
                try (RocksMvccStore store = RocksMvccStore.openReadOnly(dir, env)) {
                    assertThat(store.scanLocks(new byte[0], null, 10)).as("locks in the seed of " + shard).isEmpty();
                    for (KvEntry e : store.scan(new byte[0], null, Long.MAX_VALUE, Integer.MAX_VALUE)) {
                        assertThat(e.commitTs()).as("a version in the seed of " + shard).isLessThan(m.cutTs());
                        put(rows, e);
                    }
                }
            }
            return rows;
        } finally {
            Checkpoints.deleteTree(target);
        }
    }

    /** The rows (outside {@code \0sys/}) of every shard of {@code client}'s cluster at {@code readTs}. */
    static TreeMap<String, String> rowsAt(ClusterClient client, int shards, long readTs) {
        TreeMap<String, String> rows = new TreeMap<>();
        for (int s = 0; s < shards; s++) {
            byte[] from = new byte[0];
            while (from != null) {
                ShardReply.Entries page = (ShardReply.Entries) ShardClient.await(client.shard(s).query(
                        new ShardQuery.Scan(from, null, readTs, 5_000)));
                for (KvEntry e : page.entries()) put(rows, e);
                from = page.resumeKey();
            }
        }
        return rows;
    }

    /**
     * {@code dir}, the directory of a failed or unfinished snapshot, cannot pass for a complete backup:
     * it is gone, or has no MANIFEST, or {@code backup verify} refuses it.
     */
    static void assertNotACompleteBackup(Path dir) throws Exception {
        if (!Files.exists(dir) || !Files.exists(dir.resolve(BackupManifest.FILE))) return;
        assertThat(cli("backup", "verify", dir.toString())).as("backup verify of the unfinished " + dir).isNotZero();
    }

    /** The value of {@code key} in rows as {@link #rowsAt} has them, without its timestamp; null if absent. */
    static String value(TreeMap<String, String> rows, byte[] key) {
        String v = rows.get(HEX.formatHex(key));
        return v == null ? null : new String(HEX.parseHex(v.substring(0, v.indexOf('@'))), StandardCharsets.UTF_8);
    }

    private static void put(TreeMap<String, String> rows, KvEntry e) {
        if (ShardMap.isSystemKey(e.key())) return;
        String key = HEX.formatHex(e.key());
        if (rows.put(key, HEX.formatHex(e.value()) + "@" + e.commitTs()) != null) {
            throw new AssertionError(key + " appears twice");
        }
    }

    /** Runs {@code bin/shardsql} in this JVM (the cli module is on the runtime class path only), quietly. */
    static int cli(String... args) throws Exception {
        StringWriter out = new StringWriter();
        Object cl = Class.forName("io.shardsql.cli.ShardSqlCli").getMethod("commandLine").invoke(null);
        Class<?> type = cl.getClass();
        type.getMethod("setOut", PrintWriter.class).invoke(cl, new PrintWriter(out, true));
        type.getMethod("setErr", PrintWriter.class).invoke(cl, new PrintWriter(out, true));
        int rc = (int) type.getMethod("execute", String[].class).invoke(cl, (Object) args);
        System.out.println("shardsql " + String.join(" ", args) + ": exit " + rc + "\n" + out);
        return rc;
    }
}
