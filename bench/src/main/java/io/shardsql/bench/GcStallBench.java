package io.shardsql.bench;

import io.shardsql.storage.Mutation;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.testkit.MiniCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a garbage collection does to a shard's writes: one client writes single rows to a replicated
 * shard (3 nodes in one JVM, RF 3) while the shard collects the garbage of {@code --keys} overwritten
 * keys, and the write latencies during the collection are set beside those of the same client without
 * one. Before the collection was cut into steps, it ran as one Raft entry and every write behind it
 * waited for all of it.
 *
 * <pre>bench/run-bench.sh GcStallBench [--keys 200000] [--baseline-seconds 5]</pre>
 */
@Command(name = "gc-stall-bench", mixinStandardHelpOptions = true)
public final class GcStallBench implements Callable<Integer> {
    private static final byte[] VALUE = new byte[100];

    @Option(names = "--keys", defaultValue = "200000", description = "keys written twice (garbage: one version each)")
    int keys;

    @Option(names = "--baseline-seconds", defaultValue = "5")
    double baselineSeconds;

    private final AtomicLong clock = new AtomicLong(1_000);

    public static void main(String[] args) {
        System.exit(new CommandLine(new GcStallBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        MiniCluster.Builder builder = MiniCluster.builder().nodes(3).shards(1).set("client.deadline", "120s")
                .set("gc.interval", "1h"); // no collection but the one measured
        try (MiniCluster cluster = ClusterSettings.startSettled(builder)) {
            ClusterClient client = cluster.client();
            long loadStart = System.nanoTime();
            overwriteAll(client);
            System.out.printf(Locale.ROOT, "loaded %,d keys twice in %.1f s%n", keys,
                    (System.nanoTime() - loadStart) / 1e9);
            System.out.println("| phase | writes | p50 ms | p99 ms | max ms | collection s | entries |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            Writer baseline = Writer.start(client, clock);
            Thread.sleep((long) (baselineSeconds * 1000)); // the baseline window itself
            baseline.stopAndPrint("no collection", Double.NaN, 0);
            Writer during = Writer.start(client, clock);
            long gcStart = System.nanoTime();
            int entries = collect(client.shard(0), clock.incrementAndGet());
            during.stopAndPrint("during the collection", (System.nanoTime() - gcStart) / 1e9, entries);
        }
        return 0;
    }

    private void overwriteAll(ClusterClient client) {
        for (int round = 0; round < 2; round++) {
            for (int from = 0; from < keys; from += 1_000) {
                List<Mutation> ms = new ArrayList<>();
                for (int i = from; i < Math.min(keys, from + 1_000); i++) ms.add(Mutation.put(key("gc", i), VALUE));
                long ts = clock.incrementAndGet();
                client.write(ts - 1, ts, ms).join();
            }
        }
    }

    /** Sends collection steps as GarbageCollection does, until the shard says it is complete. */
    private static int collect(ShardClient shard, long safePoint) {
        int entries = 0;
        ShardReply r;
        do {
            r = shard.submit(new ShardCommand.CollectGarbage(safePoint)).join();
            entries++;
        } while (r instanceof ShardReply.Counter more && more.value() > 0);
        return entries;
    }

    private static byte[] key(String prefix, long i) {
        return (prefix + "/" + i).getBytes(StandardCharsets.UTF_8);
    }

    /** One client writing single rows in a loop, recording each write's latency. */
    private static final class Writer {
        private final LatencyRecorder latencies = new LatencyRecorder();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;
        private final long started = System.nanoTime();
        private volatile long maxNanos;

        private Writer(ClusterClient client, AtomicLong clock) {
            thread = new Thread(() -> {
                for (long seq = 0; !stop.get(); seq++) {
                    long start = System.nanoTime();
                    long ts = clock.incrementAndGet();
                    client.put(key("w", seq), VALUE, ts - 1, ts).join();
                    long took = System.nanoTime() - start;
                    latencies.record(took);
                    maxNanos = Math.max(maxNanos, took);
                }
            }, "writer");
        }

        static Writer start(ClusterClient client, AtomicLong clock) {
            Writer w = new Writer(client, clock);
            w.thread.start();
            return w;
        }

        void stopAndPrint(String phase, double collectionSeconds, int entries) throws InterruptedException {
            stop.set(true);
            thread.join();
            double seconds = (System.nanoTime() - started) / 1e9;
            LatencyRecorder.Summary s = LatencyRecorder.summarize(List.of(latencies), seconds);
            System.out.println(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.1f | %s | %s |", phase,
                    latencies.count(), s.p50Millis(), s.p99Millis(), maxNanos / 1e6,
                    Double.isNaN(collectionSeconds) ? "" : String.format(Locale.ROOT, "%.2f", collectionSeconds),
                    entries == 0 ? "" : Integer.toString(entries)));
            System.out.flush();
        }
    }
}
