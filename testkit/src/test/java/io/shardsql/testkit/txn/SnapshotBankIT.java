package io.shardsql.testkit.txn;

import io.shardsql.server.EmbeddedCluster;
import io.shardsql.testkit.FreePorts;
import io.shardsql.server.NodeConfig;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.snapshot.restore.SeedWriter;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.rocksdb.RocksSettings;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16's main test: the bank workload runs while SNAPSHOT is taken again and again (on every node in
 * turn); then every backup is checked against the workload's own log.
 *
 * <ul>
 *   <li>{@code bin/shardsql backup verify} passes (exit 0) on every backup;</li>
 *   <li>{@code bin/shardsql restore} (the CLI, in this JVM) builds a fresh data directory from every
 *       backup; the normalized shard seeds it wrote are read directly (read-only, no cluster started):
 *       <ul>
 *         <li>the transfer records present are exactly the transfers acknowledged with a commit timestamp
 *             below the cut S, plus possibly some whose outcome the API could not tell; never one reported
 *             aborted or skipped, nor one acknowledged at or above S;</li>
 *         <li>every balance is the initial one plus the net of those transfers (all-or-nothing), and the
 *             total is the invariant;</li>
 *         <li>the rows equal (key, value, commit timestamp) a read of the source cluster at S − 1 (the
 *             source keeps its versions: {@code gc.retention} is longer than the test);</li>
 *         <li>no lock is left and no version is at or above S; the row count is the registry's;</li>
 *         <li>a backup holds every transfer of the backups before it;</li>
 *       </ul></li>
 *   <li>some backups (the first, one in the middle, the last; all of them in {@link SnapshotBankSoakIT})
 *       are also started as what {@code bin/shardsql start} runs, and their rows read through the
 *       transaction API equal the seeds; a new transfer commits there above S.</li>
 * </ul>
 */
@Timeout(600)
class SnapshotBankIT {
    static final int SHARDS = 2;
    static final int ACCOUNTS = 40;
    static final long INITIAL = 1_000;
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyBackupTakenUnderTransfersRestoresToExactlyTheTransfersBelowItsCut() throws Exception {
        int snapshots = Integer.getInteger("snapshot.bank.snapshots", 20);
        run(snapshots, i -> i == 0 || i == snapshots / 2 || i == snapshots - 1);
    }

    /**
     * Takes {@code snapshots} backups under the bank workload, checks every one of them, and starts the
     * restored cluster of those {@code start} selects (by index).
     */
    static void run(int snapshots, IntPredicate start) throws Exception {
        long began = System.nanoTime();
        long seed = Long.getLong("bank.seed", System.nanoTime());
        System.out.println("SnapshotBankIT seed " + seed + ", " + snapshots + " snapshots");
        MiniCluster.Builder b = MiniCluster.builder().nodes(3).shards(SHARDS).replication(3)
                .set("client.deadline", "20s")
                .set("txn.lock-ttl", "2s")
                .set("txn.lock-wait-timeout", "3s")
                .set("txn.recovery-interval", "1s")
                .set("gc.interval", "5s")
                .set("gc.retention", "2h") // the source is read at every cut at the end
                .set("snapshot.timeout", "2m");
        MiniCluster.run(b, cluster -> {
            Bank bank = new Bank(cluster.transactions(), cluster.client(), ACCOUNTS, INITIAL, 4);
            bank.setUp();
            List<SnapshotInfo> taken = new ArrayList<>();
            List<Long> tookMillis = new ArrayList<>();
            try (BankLoad load = new BankLoad(bank, 4, 1, 100, 4, 0.2, seed)) {
                await("30 transfers acknowledged").atMost(Duration.ofSeconds(60))
                        .until(() -> bank.count(Bank.Outcome.ACKED) >= 30);
                for (int i = 0; i < snapshots; i++) {
                    long acked = bank.count(Bank.Outcome.ACKED);
                    await("transfers between snapshots").atMost(Duration.ofSeconds(60))
                            .until(() -> bank.count(Bank.Outcome.ACKED) >= acked + 5);
                    long beganNanos = System.nanoTime();
                    SnapshotInfo info = cluster.node(i % 3).snapshots().take(Optional.of("bank-" + i));
                    tookMillis.add((System.nanoTime() - beganNanos) / 1_000_000);
                    assertThat(info.state()).isEqualTo(SnapshotState.COMPLETE);
                    if (!taken.isEmpty()) {
                        assertThat(info.epoch()).isGreaterThan(taken.get(taken.size() - 1).epoch());
                        assertThat(info.cutTs()).isGreaterThan(taken.get(taken.size() - 1).cutTs());
                    }
                    for (Bank.Transfer t : bank.log()) {
                        if (t.outcome() == Bank.Outcome.ACKED && t.finishedNanos() - beganNanos < 0) {
                            assertThat(t.commitTs()).as("acknowledged before SNAPSHOT %s began: %s", info, t)
                                    .isLessThan(info.cutTs());
                        }
                    }
                    taken.add(info);
                }
                load.close();
                assertThat(load.crashes()).as("load threads that died").isEmpty();
            }
            System.out.printf("SnapshotBankIT: %d snapshots under load in %d s (each %s ms); %s%n", snapshots,
                    (System.nanoTime() - began) / 1_000_000_000, tookMillis, bank.describe());
            bank.awaitNoLocks(Duration.ofSeconds(60));
            Bank.Summary summary = bank.verify();
            System.out.println("SnapshotBankIT: bank verified: " + summary);

            Set<Long> previous = Set.of();
            int started = 0;
            try (RocksEnvironment env = RocksEnvironment.create(RocksSettings.defaults())) {
                for (int i = 0; i < taken.size(); i++) {
                    long t0 = System.nanoTime();
                    boolean startIt = start.test(i);
                    Set<Long> present = check(cluster, bank, taken.get(i), env, startIt, previous);
                    if (startIt) started++;
                    List<BackupManifest.InFlight> inFlight = BackupManifest.read(Path.of(taken.get(i).directory()))
                            .inFlight();
                    System.out.printf("SnapshotBankIT: %s checked%s in %d ms: %d transfers present; in flight at the "
                            + "cut %d in, %d out (%d one-shard)%n", taken.get(i).name(), startIt ? " and started" : "",
                            (System.nanoTime() - t0) / 1_000_000, present.size(),
                            inFlight.stream().filter(BackupManifest.InFlight::in).count(),
                            inFlight.stream().filter(t -> !t.in()).count(),
                            inFlight.stream().filter(t -> !t.owner().startsWith("coord-")).count());
                    previous = present;
                }
            }
            System.out.printf("SnapshotBankIT: %d backups verified and restored (%d started) in %d s in all%n",
                    taken.size(), started, (System.nanoTime() - began) / 1_000_000_000);
        });
    }

    /** Verifies, restores and checks one backup; returns the transfers it holds. */
    private static Set<Long> check(MiniCluster cluster, Bank bank, SnapshotInfo info, RocksEnvironment env,
                                   boolean startIt, Set<Long> previous) throws Exception {
        Path backup = Path.of(info.directory());
        BackupManifest m = BackupManifest.read(backup);
        long cut = m.cutTs();
        assertThat(cut).isEqualTo(info.cutTs());
        assertThat(cli("backup", "verify", backup.toString())).as("backup verify " + info.name()).isZero();

        Path target = cluster.root().resolve("restored-" + info.name());
        int port = FreePorts.block(EmbeddedCluster.READ_PORT_OFFSET + EmbeddedCluster.NODES);
        assertThat(cli("restore", "--from", backup.toString(), "--data-dir", target.toString(),
                "--port", Integer.toString(port), "--shards", Integer.toString(SHARDS)))
                .as("restore " + info.name()).isZero();
        try {
            TreeMap<String, String> seeded = seeds(target, port, env, cut);
            assertThat(seeded.size()).as("rows the registry counted for " + info.name()).isEqualTo(info.rows());
            assertThat(seeded).as("rows of %s's seeds = the source read at S - 1", info.name())
                    .isEqualTo(source(cluster.client(), cut - 1));
            Set<Long> present = checkAgainstLog(bank, info, seeded);
            assertThat(present).as("%s holds every transfer of the backup before it", info.name())
                    .containsAll(previous);
            if (startIt) checkStarted(target, port, cut, seeded);
            return present;
        } finally {
            Checkpoints.deleteTree(target);
        }
    }

    /** The transfers a backup's rows hold against the bank's log; returns their ids. */
    private static Set<Long> checkAgainstLog(Bank bank, SnapshotInfo info, TreeMap<String, String> rows) {
        long cut = info.cutTs();
        Map<Long, Bank.Transfer> log = new HashMap<>();
        for (Bank.Transfer t : bank.log()) log.put(t.id(), t);
        long[] balances = new long[ACCOUNTS];
        java.util.Arrays.fill(balances, Long.MIN_VALUE);
        long[] expected = new long[ACCOUNTS];
        java.util.Arrays.fill(expected, INITIAL);
        Set<Long> present = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> r : rows.entrySet()) {
            String key = r.getKey();
            byte[] value = HEX.parseHex(r.getValue().substring(0, r.getValue().indexOf('@')));
            if (key.startsWith(Bank.ACCOUNT_PREFIX)) {
                int account = Integer.parseInt(key.substring(Bank.ACCOUNT_PREFIX.length()));
                balances[account] = ByteBuffer.wrap(value).getLong();
            } else if (key.startsWith(Bank.XFER_PREFIX)) {
                long id = Long.parseLong(key.substring(Bank.XFER_PREFIX.length()));
                present.add(id);
                Bank.Transfer t = log.get(id);
                String held = new String(value, StandardCharsets.UTF_8);
                if (t == null) {
                    problems.add("xfer " + id + " present but never attempted");
                    continue;
                }
                if (!held.equals(t.from() + "," + t.to() + "," + t.amount())) {
                    problems.add("record of " + t + " holds " + held);
                }
                switch (t.outcome()) {
                    case ACKED -> {
                        if (t.commitTs() >= cut) problems.add("acknowledged at or above the cut but present: " + t);
                    }
                    case UNKNOWN -> { } // either way
                    default -> problems.add(t.outcome() + " but present: " + t);
                }
                expected[t.from()] -= t.amount();
                expected[t.to()] += t.amount();
            } else {
                problems.add("unexpected row " + key);
            }
        }
        for (Bank.Transfer t : log.values()) {
            if (t.outcome() == Bank.Outcome.ACKED && t.commitTs() < cut && !present.contains(t.id())) {
                problems.add("acknowledged below the cut but missing: " + t);
            }
        }
        long total = 0;
        for (int a = 0; a < ACCOUNTS; a++) {
            if (balances[a] == Long.MIN_VALUE) {
                problems.add("account " + a + " missing");
                continue;
            }
            total += balances[a];
            if (balances[a] != expected[a]) {
                problems.add("account " + a + " holds " + balances[a] + "; initial + its transfers present make "
                        + expected[a]);
            }
        }
        if (total != bank.initialTotal()) problems.add("total " + total + " instead of " + bank.initialTotal());
        assertThat(problems).as("backup %s (cut %d) against the bank's log", info.name(), cut).isEmpty();
        return present;
    }

    /**
     * The rows (outside {@code \0sys/}) of the shard seeds {@code restore} wrote under {@code target}, as
     * key → hex(value)@commitTs; no lock and no version at or above the cut may be left in them.
     */
    private static TreeMap<String, String> seeds(Path target, int port, RocksEnvironment env, long cut) {
        List<NodeConfig> configs = EmbeddedCluster.configs(target, port, SHARDS, new Properties());
        TreeMap<String, String> rows = new TreeMap<>();
        for (int s = 0; s < SHARDS; s++) {
            GroupName shard = GroupName.shard(s);
            Path dir = configs.stream().map(c -> SeedWriter.seedDir(c.dataDir(), shard)).filter(Files::isDirectory)
                    .findFirst().orElseThrow(() -> new AssertionError("no seed of " + shard + " under " + target));
            try (RocksMvccStore store = RocksMvccStore.openReadOnly(dir, env)) {
                assertThat(store.scanLocks(new byte[0], null, 10)).as("locks in the seed of " + shard).isEmpty();
                for (KvEntry e : store.scan(new byte[0], null, Long.MAX_VALUE, Integer.MAX_VALUE)) {
                    assertThat(e.commitTs()).as("a version in the seed of " + shard).isLessThan(cut);
                    put(rows, e, true);
                }
            }
        }
        return rows;
    }

    /** The source cluster's rows at {@code readTs}, as {@link #seeds} has them. */
    private static TreeMap<String, String> source(ClusterClient client, long readTs) {
        TreeMap<String, String> rows = new TreeMap<>();
        for (int s = 0; s < SHARDS; s++) {
            byte[] from = new byte[0];
            while (from != null) {
                ShardReply.Entries page = (ShardReply.Entries) ShardClient.await(client.shard(s).query(
                        new ShardQuery.Scan(from, null, readTs, 5_000)));
                for (KvEntry e : page.entries()) put(rows, e, true);
                from = page.resumeKey();
            }
        }
        return rows;
    }

    private static void put(TreeMap<String, String> rows, KvEntry e, boolean withTs) {
        String key = new String(e.key(), StandardCharsets.UTF_8);
        if (key.startsWith("\0sys/")) return;
        String v = HEX.formatHex(e.value()) + "@" + (withTs ? e.commitTs() : "");
        if (rows.put(key, v) != null) throw new AssertionError(key + " appears twice");
    }

    /**
     * Starts the restored cluster as {@code bin/shardsql start} does, reads every row through the
     * transaction API (they must be the seeds' rows), and commits one more transfer there, above the cut.
     */
    private static void checkStarted(Path target, int port, long cut, TreeMap<String, String> seeded) {
        try (EmbeddedCluster restored = EmbeddedCluster.start(target, port, SHARDS, new Properties(),
                Duration.ofSeconds(120))) {
            TransactionManager txns = restored.nodes().get(0).transactions();
            TreeMap<String, String> read = txns.run(TxnMode.READ_ONLY, 5, tx -> {
                assertThat(tx.startTs()).isGreaterThan(cut);
                TreeMap<String, String> out = new TreeMap<>();
                for (Iterator<KvEntry> it = tx.scan(new byte[] {1}, null); it.hasNext(); ) put(out, it.next(), false);
                return out;
            });
            TreeMap<String, String> expected = new TreeMap<>();
            seeded.forEach((k, v) -> expected.put(k, v.substring(0, v.indexOf('@') + 1)));
            assertThat(read).as("rows read from the restored cluster = its seeds").isEqualTo(expected);
            long committed;
            try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
                byte[] a = Bank.accountKey(0);
                byte[] z = Bank.accountKey(1);
                long from = ByteBuffer.wrap(tx.get(a).orElseThrow()).getLong();
                long to = ByteBuffer.wrap(tx.get(z).orElseThrow()).getLong();
                tx.put(a, Bank.longBytes(from - 1));
                tx.put(z, Bank.longBytes(to + 1));
                committed = tx.commit();
            }
            assertThat(committed).as("a commit in the restored cluster").isGreaterThan(cut);
        }
    }

    /** Runs {@code bin/shardsql} in this JVM (the cli module is on the runtime class path only), quietly. */
    private static int cli(String... args) throws Exception {
        StringWriter out = new StringWriter();
        Object cl = Class.forName("io.shardsql.cli.ShardSqlCli").getMethod("commandLine").invoke(null);
        Class<?> type = cl.getClass();
        type.getMethod("setOut", PrintWriter.class).invoke(cl, new PrintWriter(out, true));
        type.getMethod("setErr", PrintWriter.class).invoke(cl, new PrintWriter(out, true));
        int rc = (int) type.getMethod("execute", String[].class).invoke(cl, (Object) args);
        if (rc != 0) System.out.println("shardsql " + String.join(" ", args) + ": exit " + rc + "\n" + out);
        return rc;
    }
}
