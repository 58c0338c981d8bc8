package io.shardsql.bench;

import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.rocksdb.RocksSettings;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.ProcessCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replicated shard writes and linearizable reads through the shard client (3 nodes in one JVM,
 * replication 3, fsync'd Raft logs), next to the same operations on one bare RocksDB (WAL synced per
 * write batch, no Raft) as the limit. Prints a Markdown table.
 *
 * <pre>mvn -q -DskipTests package &amp;&amp; bench/run-shard-bench.sh [--seconds 10]</pre>
 */
@Command(name = "shard-bench", mixinStandardHelpOptions = true)
public final class ShardBench implements Callable<Integer> {
    private static final byte[] VALUE = new byte[100];

    @Option(names = "--seconds", defaultValue = "10", description = "measurement time per case")
    double seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "unmeasured seconds before each case (JIT, caches)")
    double warmup;

    @Option(names = "--writers", split = ",", defaultValue = "1,8,64")
    List<Integer> writers;

    @Option(names = "--shards", split = ",", defaultValue = "1,4")
    List<Integer> shardCounts;

    @Option(names = "--replication", defaultValue = "3", description = "replicas per group (3 nodes either way)")
    int replication;

    @Option(names = "--processes", description = "run the three nodes as separate processes (one Ratis server per JVM)")
    boolean processes;

    @Option(names = "--skip-baseline", description = "do not measure bare RocksDB")
    boolean skipBaseline;

    private final AtomicLong clock = new AtomicLong(1_000);

    public static void main(String[] args) {
        System.exit(new CommandLine(new ShardBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.out.println("| system | shards | clients | operation | ops/s | p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|");
        if (!skipBaseline) bareRocksDb();
        for (int shards : shardCounts) replicated(shards);
        return 0;
    }

    private void replicated(int shards) throws Exception {
        MiniCluster.Builder builder = ClusterSettings.fromSystemProperties(
                MiniCluster.builder().nodes(3).replication(replication).shards(shards).set("client.deadline", "60s"));
        if (processes) {
            try (ProcessCluster cluster = new ProcessCluster(builder)) {
                cluster.startAll();
                for (int i = 0; i < 3; i++) cluster.awaitReady(i, Duration.ofSeconds(120));
                measure(cluster.client(), shards, "ShardSQL, node processes (RF " + replication + ")");
            }
        } else {
            try (MiniCluster cluster = ClusterSettings.startSettled(builder)) {
                measure(cluster.client(), shards, "ShardSQL shard client (RF " + replication + ")");
            }
        }
    }

    private void measure(ClusterClient client, int shards, String system) throws InterruptedException {
        for (int n : writers) {
            Load.Operation write = (t, seq) -> {
                long ts = clock.incrementAndGet();
                client.put(key(t, seq), VALUE, ts - 1, ts).join();
            };
            Load.run(n, warmup, write);
            row(system, shards, n, "write", Load.run(n, seconds, write));
        }
        for (int n : writers) {
            Load.Operation read = (t, seq) -> client.get(key(t, seq % 1000), Long.MAX_VALUE).join();
            Load.run(n, warmup, read);
            row(system, shards, n, "linearizable read", Load.run(n, seconds, read));
        }
    }

    private void bareRocksDb() throws Exception {
        Path dir = Files.createTempDirectory("shardsql-bench-rocks");
        try (RocksEnvironment env = RocksEnvironment.create(RocksSettings.defaults());
             MvccStore store = RocksMvccStore.open(dir, env, true)) {
            for (int n : writers) {
                Load.Operation write = (t, seq) -> {
                    try (MvccBatch b = store.newBatch()) {
                        b.writeVersion(key(t, seq), clock.incrementAndGet(), VALUE);
                        b.commit();
                    }
                };
                Load.run(n, warmup, write);
                LatencyRecorder.Summary s = Load.run(n, seconds, write);
                row("bare RocksDB (sync WAL)", 1, n, "write", s);
            }
            for (int n : writers) {
                Load.Operation read = (t, seq) -> store.get(key(t, seq % 1000), Long.MAX_VALUE);
                Load.run(n, warmup, read);
                LatencyRecorder.Summary s = Load.run(n, seconds, read);
                row("bare RocksDB", 1, n, "read", s);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] key(int thread, long seq) {
        return ("bench/" + thread + "/" + seq).getBytes(StandardCharsets.UTF_8);
    }

    private static void row(String system, int shards, int clients, String op, LatencyRecorder.Summary s) {
        System.out.println(String.format(Locale.ROOT, "| %s | %d | %d | %s | %.0f | %.2f | %.2f |",
                system, shards, clients, op, s.opsPerSecond(), s.p50Millis(), s.p99Millis()));
        System.out.flush();
    }
}
