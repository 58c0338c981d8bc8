package io.shardsql.bench;

import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Transaction commits on a cluster of 3 nodes in one JVM (4 shards, replication 3, fsync'd Raft logs):
 * throughput, latency of {@code commit()} and of begin→commit, for transactions writing one 100-byte
 * key on each of k distinct shards (k = 1: prepare + CommitLocal in one shard's log; k &gt; 1: two-phase
 * commit through the coordinator group). Keys are fresh per transaction, so nothing conflicts. The
 * commit is split into its prepare phase and its decision (timestamp + decision entry) by a
 * {@link CommitTimer}.
 *
 * <p>Measured in the same run, as the floor and for reference: a 4 KiB write + fdatasync on the disk
 * the cluster uses, a loopback TCP round trip, a timestamp from the oracle, and one replicated write
 * (one Raft entry). Prints two Markdown tables.
 *
 * <pre>bench/run-txn-bench.sh [--seconds 10] [--warmup 5]</pre>
 */
@Command(name = "txn-bench", mixinStandardHelpOptions = true)
public final class TxnBench implements Callable<Integer> {
    private static final byte[] VALUE = new byte[100];
    /** Parts of a transaction timed by {@link #transaction}: commit(), its prepare phase, its decision. */
    private static final int COMMIT = 0;
    private static final int PREPARE = 1;
    private static final int DECIDE = 2;
    private static final int PARTS = 3;

    @Option(names = "--seconds", defaultValue = "10", description = "measurement time per case")
    double seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "unmeasured seconds before each case (JIT, caches)")
    double warmup;

    @Option(names = "--clients", split = ",", defaultValue = "1,32",
            description = "concurrent clients (threads, one transaction at a time each)")
    List<Integer> clients;

    @Option(names = "--shards-per-txn", split = ",", defaultValue = "1,2,4",
            description = "distinct shards each transaction writes to")
    List<Integer> shardsPerTxn;

    @Option(names = "--shards", defaultValue = "4", description = "shards of the cluster")
    int shards;

    @Option(names = "--replication", defaultValue = "3", description = "replicas per group (3 nodes either way)")
    int replication;

    @Option(names = "--skip-floor", description = "do not measure fsync and loopback")
    boolean skipFloor;

    /** Distinguishes the keys of every load run (warm-up and measured), so no key is ever written twice. */
    private final AtomicInteger runs = new AtomicInteger();

    public static void main(String[] args) {
        System.exit(new CommandLine(new TxnBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.out.println("| floor / reference | clients | ops/s | p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        if (!skipFloor) floor();
        MiniCluster.Builder builder = MiniCluster.builder().nodes(3).replication(replication).shards(shards)
                .set("client.deadline", "60s");
        try (MiniCluster cluster = ClusterSettings.startSettled(builder)) {
            CommitTimer timer = new CommitTimer();
            TransactionManager txns = cluster.transactions(timer);
            references(cluster.client(), txns);
            System.out.println();
            transactions(new ShardKeys(cluster.client()::shardOf, shards), txns, timer);
        }
        return 0;
    }

    private void floor() throws Exception {
        try (FsyncFloor fsync = new FsyncFloor(Path.of(System.getProperty("java.io.tmpdir")))) {
            referenceRow("4 KiB write + fdatasync (preallocated file, same disk)", 1, measure(1, fsync));
        }
        try (LoopbackEcho echo = new LoopbackEcho()) {
            referenceRow("loopback TCP round trip (" + LoopbackEcho.MESSAGE_BYTES + " B, two threads)", 1,
                    measure(1, echo));
        }
    }

    private void references(ClusterClient client, TransactionManager txns) throws InterruptedException {
        referenceRow("timestamp from the oracle (`TransactionManager.now`)", 1, measure(1, (t, seq) -> txns.now()));
        AtomicLong clock = new AtomicLong(txns.now());
        Load.Operation write = (t, seq) -> {
            long ts = clock.incrementAndGet();
            client.put(key("raw/" + runs.get() + "/" + seq), VALUE, ts - 1, ts).join();
        };
        referenceRow("one replicated write (`ClusterClient.put`, one Raft entry)", 1, measure(1, write));
    }

    private LatencyRecorder.Summary measure(int threads, Load.Operation op) throws InterruptedException {
        runs.incrementAndGet();
        Load.run(threads, warmup, op);
        runs.incrementAndGet();
        return Load.run(threads, seconds, op);
    }

    private void transactions(ShardKeys keys, TransactionManager txns, CommitTimer timer) throws InterruptedException {
        System.out.println("| shards per txn | clients | txn/s | commit p50 ms | commit p99 ms"
                + " | begin→commit p50 ms | begin→commit p99 ms"
                + " | prepare p50 ms | decide p50 ms | commit p50 ÷ 1 shard |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : clients) {
            Map<Integer, Double> commitP50 = new HashMap<>();
            for (int k : shardsPerTxn) {
                Load.runTimed(n, warmup, PARTS, transaction(keys, txns, timer, k, "txn/" + runs.incrementAndGet()));
                Load.Result r = Load.runTimed(n, seconds, PARTS,
                        transaction(keys, txns, timer, k, "txn/" + runs.incrementAndGet()));
                LatencyRecorder.Summary commit = r.parts().get(COMMIT);
                commitP50.put(k, commit.p50Millis());
                Double single = commitP50.get(1);
                String ratio = single == null ? "–" : String.format(Locale.ROOT, "%.2f", commit.p50Millis() / single);
                System.out.println(String.format(Locale.ROOT,
                        "| %d | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |",
                        k, n, r.whole().opsPerSecond(), commit.p50Millis(), commit.p99Millis(),
                        r.whole().p50Millis(), r.whole().p99Millis(),
                        r.parts().get(PREPARE).p50Millis(), r.parts().get(DECIDE).p50Millis(), ratio));
                System.out.flush();
            }
        }
    }

    /**
     * One transaction writing a fresh key on each of {@code k} distinct shards; times its commit and,
     * within it, the prepare phase (until every participant prepared) and the decision (a timestamp,
     * then the decision entry: CommitLocal on one shard, RecordDecision in the coordinator otherwise).
     */
    private static Load.TimedOperation transaction(ShardKeys keys, TransactionManager txns, CommitTimer timer, int k,
            String prefix) {
        return (t, seq, parts) -> {
            int[] shards = keys.distinctShards(k, t + seq);
            try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
                for (int j = 0; j < k; j++) tx.put(keys.on(shards[j], prefix + "/" + t + "/" + seq + "/" + j), VALUE);
                long start = System.nanoTime();
                tx.commit();
                parts[COMMIT] = System.nanoTime() - start;
                parts[PREPARE] = timer.decidingAt() - start;
                parts[DECIDE] = timer.decidedAt() - timer.decidingAt();
            }
        };
    }

    private static byte[] key(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    private static void referenceRow(String what, int clients, LatencyRecorder.Summary s) {
        System.out.println(String.format(Locale.ROOT, "| %s | %d | %.0f | %.3f | %.3f |",
                what, clients, s.opsPerSecond(), s.p50Millis(), s.p99Millis()));
        System.out.flush();
    }
}
