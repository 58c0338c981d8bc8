package io.shardsql.cli;

import io.shardsql.snapshot.BackupManifest;
import io.shardsql.storage.Lock;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.rocksdb.RocksSettings;
import io.shardsql.txn.log.Decisions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code backup verify} and {@code restore} on a RocksDB backup: exit codes, output, refusals. */
@Timeout(60)
class BackupCliTest {
    private static RocksEnvironment env;

    @TempDir
    Path tmp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void environment() {
        env = RocksEnvironment.create(RocksSettings.defaults());
    }

    @AfterAll
    static void closeEnvironment() {
        env.close();
    }

    @Test
    void aSoundBackupVerifiesAndRestoresIntoSeedsOnEveryHost() throws Exception {
        Path backup = backup(tmp.resolve("backup"));
        assertThat(cli("backup", "verify", backup.toString())).isZero();
        assertThat(out.toString()).contains("ok    part shard-1", "ok    channel state", "backup is sound");

        Path data = tmp.resolve("restored");
        assertThat(cli("restore", "--from", backup.toString(), "--data-dir", data.toString())).isZero();
        assertThat(out.toString()).contains("shard-0: normalized: 1 locks in", "restored 3 of 3 parts",
                "start it with: bin/shardsql start --data-dir");
        for (String node : List.of("n1", "n2", "n3")) {
            for (String group : List.of("control", "shard-0", "shard-1")) {
                Path seed = data.resolve(node).resolve("restore").resolve(group);
                Checkpoints.verify(Checkpoints.read(seed).orElseThrow());
            }
            assertThat(data.resolve(node).resolve("restore").resolve("coord-0")).doesNotExist();
        }
        assertThat(data.resolve(".restore-staging")).doesNotExist();
        assertThat(cli("backup", "verify", backup.toString())).as("the backup is unchanged").isZero();

        assertThat(cli("restore", "--from", backup.toString(), "--data-dir", data.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not empty; refusing to restore");
    }

    @Test
    void aDamagedBackupFailsVerifyAndRestoreTouchesNothing() throws Exception {
        Path backup = backup(tmp.resolve("backup"));
        Path sst;
        try (Stream<Path> s = Files.list(backup.resolve("shard-0"))) {
            sst = s.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(sst);
        bytes[bytes.length / 3] ^= 0x01;
        Files.write(sst, bytes);
        assertThat(cli("backup", "verify", backup.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL  part shard-0", "fails its checksum", "backup is NOT sound");

        Path data = tmp.resolve("restored");
        assertThat(cli("restore", "--from", backup.toString(), "--data-dir", data.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("refusing to restore");
        assertThat(data).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(cli("backup", "verify")).isEqualTo(2);
        assertThat(cli("restore", "--from", "x")).isEqualTo(2);
        assertThat(cli("backup", "verify", tmp.resolve("none").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL  MANIFEST");
    }

    @Test
    void eachNodeOfAMultiMachineClusterIsRestoredFromItsConfigWithTheGroupsItHosts() throws Exception {
        Path backup = backup(tmp.resolve("backup"));
        Path machines = tmp.resolve("machines");
        List<Path> configs = nodeConfigs(machines, 2);
        // replication 2 of 3: control on n1 n2, shard-0 on n2 n3, shard-1 on n3 n1; coordinators start empty
        String[][] hosted = {{"control", "shard-1"}, {"control", "shard-0"}, {"shard-0", "shard-1"}};
        for (int i = 0; i < 3; i++) {
            assertThat(cli("restore", "--from", backup.toString(), "--config", configs.get(i).toString()))
                    .as(err.toString()).isZero();
            Path node = machines.resolve("n" + (i + 1));
            for (String group : new String[] {"control", "shard-0", "shard-1", "coord-0"}) {
                Path seed = node.resolve("restore").resolve(group);
                if (List.of(hosted[i]).contains(group)) {
                    assertThat(seed.resolve(Checkpoints.MANIFEST)).as("n%d %s", i + 1, group).exists();
                } else {
                    assertThat(seed).as("n%d %s", i + 1, group).doesNotExist();
                }
            }
            assertThat(node.resolve(".restore-staging")).doesNotExist();
        }
        assertThat(out.toString()).contains("node n3 seeded with shard-0, shard-1",
                "then start each with: bin/shardsql node --config");

        assertThat(cli("restore", "--from", backup.toString(), "--config", configs.get(0).toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not empty; refusing to restore");
        Path other = nodeConfigs(tmp.resolve("other"), 2).get(0);
        assertThat(cli("restore", "--from", backup.toString(), "--config", other.toString(), "--port", "1"))
                .isEqualTo(2);
        assertThat(cli("restore", "--from", backup.toString(), "--config", other.toString(), "--data-dir",
                tmp.resolve("elsewhere").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not the node.data-dir of");
        assertThat(cli("restore", "--from", backup.toString())).isEqualTo(2);
        assertThat(tmp.resolve("other").resolve("n1")).doesNotExist();
        assertThat(tmp.resolve("elsewhere")).doesNotExist();
    }

    /** The configuration files of a three-node cluster of two shards, each node's data in {@code dir/n<i>}. */
    private static List<Path> nodeConfigs(Path dir, int replication) throws Exception {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        String members = "n1@127.0.0.1:1001:1101:1201, n2@127.0.0.1:1002:1102:1202, n3@127.0.0.1:1003:1103:1203";
        for (int i = 1; i <= 3; i++) {
            Path f = dir.resolve("node" + i + ".properties");
            Files.writeString(f, "cluster.name = restored\ncluster.members = " + members + "\ncluster.shards = 2\n"
                    + "cluster.replication = " + replication + "\nnode.id = n" + i + "\nnode.data-dir = n" + i + "\n");
            files.add(f);
        }
        return files;
    }

    private int cli(String... args) {
        CommandLine cl = ShardSqlCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** A backup as SNAPSHOT writes it: txn 50 committed at 90 < cut 100 with locks on both shards. */
    private static Path backup(Path dir) throws Exception {
        ShardMap source = ShardMap.initial(UUID.randomUUID(), List.of(new ShardMap.Member("a1", "h", 1, 2)), 2, 1, 1);
        byte[] coord0 = ByteBuffer.allocate(5).put((byte) 0x02).putInt(0).array();
        List<BackupManifest.Part> parts = new ArrayList<>();
        parts.add(part(dir, "control", w -> {
            w.writeVersion(ShardMap.CONTROL_KEY, 1, source.encode());
            w.writeVersion(b("\0sys/auth/user/admin"), 2, b("secret"));
        }));
        parts.add(part(dir, "coord-0", w -> w.putMeta(Decisions.name(50), ByteBuffer.allocate(8).putLong(90).array())));
        parts.add(part(dir, "shard-0", w -> {
            w.writeVersion(b("a"), 10, b("a10"));
            w.putLock(b("b"), new Lock(50, coord0, b("b90"), 1000));
        }));
        parts.add(part(dir, "shard-1", w -> w.putLock(b("c"), new Lock(50, coord0, b("c90"), 1000))));
        new BackupManifest("b1", UUID.randomUUID(), 1, 100, 2, 1, Instant.now(), parts,
                List.of(new BackupManifest.InFlight(50, "coord-0", true, 90))).write(dir);
        return dir;
    }

    private static BackupManifest.Part part(Path backup, String group, Consumer<MvccBatch> writes) throws Exception {
        Path live = backup.resolveSibling("live-" + group);
        try (RocksMvccStore s = RocksMvccStore.open(live, env, true)) {
            try (MvccBatch w = s.newBatch()) {
                writes.accept(w);
                w.setAppliedIndex(2, 9);
                w.commit();
            }
            Checkpoints.Checkpoint cp = Checkpoints.take(s, backup.resolve(group), 2, 9);
            long locks = s.scanLocks(new byte[0], null, 100).size();
            return new BackupManifest.Part(group, 2, 9, locks, 0,
                    Checkpoints.crcOf(cp.dir().resolve(Checkpoints.MANIFEST)));
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
