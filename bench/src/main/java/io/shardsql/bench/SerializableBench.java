package io.shardsql.bench;

import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnIsolation;
import io.shardsql.txn.TxnMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of SERIALIZABLE against snapshot isolation (REPEATABLE READ) for a read-modify-write transaction:
 * each transaction reads one 8-byte counter on each of k distinct shards and writes every one back plus one.
 * Every client has counters of its own, so nothing conflicts: the difference is the recording of the reads and
 * the validation round trip at commit ({@code CheckReads} on each shard read, in parallel). 3 nodes in one JVM,
 * 4 shards, replication 3, fsync'd Raft logs; the transaction layer directly (no SQL). Prints a Markdown table.
 *
 * <pre>bench/run-bench.sh SerializableBench [--seconds 10] [--warmup 5] [--clients 1,16] [--shards-per-txn 1,4]</pre>
 */
@Command(name = "serializable-bench", mixinStandardHelpOptions = true)
public final class SerializableBench implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "10", description = "measurement time per case")
    double seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "unmeasured seconds before each case")
    double warmup;

    @Option(names = "--clients", split = ",", defaultValue = "1,16", description = "concurrent clients")
    List<Integer> clients;

    @Option(names = "--shards-per-txn", split = ",", defaultValue = "1,4",
            description = "shards each transaction reads and writes")
    List<Integer> shardsPerTxn;

    @Option(names = "--shards", defaultValue = "4", description = "shards of the cluster")
    int shards;

    private final AtomicLong aborted = new AtomicLong();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SerializableBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        MiniCluster.Builder builder = MiniCluster.builder().nodes(3).shards(shards).set("client.deadline", "60s");
        try (MiniCluster cluster = ClusterSettings.startSettled(builder)) {
            TransactionManager txns = cluster.transactions();
            ShardKeys keys = new ShardKeys(cluster.client()::shardOf, shards);
            System.out.println("| shards per txn | clients | isolation | txn/s | p50 ms | p99 ms | aborted"
                    + " | p50 ÷ snapshot |");
            System.out.println("|---:|---:|---|---:|---:|---:|---:|---:|");
            for (int n : clients) {
                for (int k : shardsPerTxn) {
                    double snapshotP50 = 0;
                    for (TxnIsolation isolation : TxnIsolation.values()) {
                        aborted.set(0);
                        Load.run(n, warmup, op(txns, keys, k, isolation));
                        aborted.set(0);
                        LatencyRecorder.Summary s = Load.run(n, seconds, op(txns, keys, k, isolation));
                        if (isolation == TxnIsolation.SNAPSHOT) snapshotP50 = s.p50Millis();
                        System.out.println(String.format(Locale.ROOT,
                                "| %d | %d | %s | %.0f | %.2f | %.2f | %d | %.2f |", k, n, isolation,
                                s.opsPerSecond(), s.p50Millis(), s.p99Millis(), aborted.get(),
                                s.p50Millis() / snapshotP50));
                        System.out.flush();
                    }
                }
            }
        }
        return 0;
    }

    /** Reads client {@code t}'s counter on each of {@code k} shards and writes each back plus one. */
    private Load.Operation op(TransactionManager txns, ShardKeys keys, int k, TxnIsolation isolation) {
        return (t, seq) -> {
            int[] on = keys.distinctShards(k, t);
            try (Transaction tx = txns.begin(TxnMode.READ_WRITE, isolation)) {
                for (int j = 0; j < k; j++) {
                    byte[] key = keys.on(on[j], "rmw/" + t + "/" + j);
                    long v = tx.get(key).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
                    tx.put(key, ByteBuffer.allocate(Long.BYTES).putLong(v + 1).array());
                }
                tx.commit();
            } catch (io.shardsql.common.ShardSqlException e) {
                if (!e.retryable()) throw e;
                aborted.incrementAndGet();
            }
        };
    }
}
