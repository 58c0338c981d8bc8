package io.shardsql.bench;

import io.shardsql.testkit.MiniCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What mutual TLS between nodes costs (issue 18): replicated single-row INSERTs and point SELECTs by key,
 * through all three nodes' SQL ports (so most reads go to another node's read port and every write to
 * other nodes' Raft ports), on a three-node cluster in one JVM (4 shards, RF 3), with plain links and with
 * mutual TLS, alternately, {@code --rounds} times, so that the machine's drift falls on both alike. Per
 * setting: operations per second, p50 and p99 latency, and the JVM's CPU time per operation (the whole
 * cluster runs in it).
 *
 * <pre>bench/run-bench.sh NodeTlsBench [--rounds 3] [--seconds 10] [--clients 4]</pre>
 */
@Command(name = "node-tls-bench", mixinStandardHelpOptions = true)
public final class NodeTlsBench implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "3", description = "plain and TLS runs, alternately")
    int rounds;

    @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per workload and run")
    int seconds;

    @Option(names = "--clients", defaultValue = "4")
    int clients;

    private long nextKeyBase = 1;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NodeTlsBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.out.println("| round | links | writes/s | write p50 ms | write p99 ms | CPU ms / write "
                + "| point selects/s | select p50 ms | select p99 ms | CPU ms / select |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        double[][] sums = new double[2][4];
        for (int r = 0; r < rounds; r++) {
            for (int tls = 0; tls < 2; tls++) {
                try (MiniCluster cluster = ClusterSettings.startSettled(
                        MiniCluster.builder().nodes(3).shards(4).tls(tls == 1))) {
                    create(cluster);
                    nextKeyBase = 1;
                    run(cluster, 3, true); // warm-up: leaders settled, code compiled, rows to read
                    Result w = run(cluster, seconds, true);
                    run(cluster, 3, false);
                    Result s = run(cluster, seconds, false);
                    sums[tls][0] += w.perSecond;
                    sums[tls][1] += s.perSecond;
                    sums[tls][2] += w.cpuMillis;
                    sums[tls][3] += s.cpuMillis;
                    System.out.printf(Locale.ROOT,
                            "| %d | %s | %.0f | %.2f | %.2f | %.2f | %.0f | %.2f | %.2f | %.3f |%n",
                            r, tls == 1 ? "mutual TLS" : "plain", w.perSecond, w.p50, w.p99, w.cpuMillis, s.perSecond,
                            s.p50, s.p99, s.cpuMillis);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nTLS against plain, summed over %d rounds: writes/s %+.1f %%, point selects/s "
                        + "%+.1f %%, CPU per write %+.1f %%, CPU per point select %+.1f %%%n", rounds,
                100 * (sums[1][0] / sums[0][0] - 1), 100 * (sums[1][1] / sums[0][1] - 1),
                100 * (sums[1][2] / sums[0][2] - 1), 100 * (sums[1][3] / sums[0][3] - 1));
        return 0;
    }

    private record Result(double perSecond, double p50, double p99, double cpuMillis) {}

    private static void create(MiniCluster cluster) throws Exception {
        try (Connection c = connect(cluster, 0); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tls_cost (id BIGINT PRIMARY KEY, v VARCHAR)");
        }
    }

    /** {@code --clients} clients for {@code secs} seconds: INSERTs of new keys, or SELECTs of written ones. */
    private Result run(MiniCluster cluster, int secs, boolean writes) throws Exception {
        long base = nextKeyBase;
        nextKeyBase += 1_000_000_000L;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long end = System.nanoTime() + secs * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<long[]> latencies = new ArrayList<>();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int client = t;
                futures.add(pool.submit(() -> client(cluster, client, base, end, writes)));
            }
            for (Future<long[]> f : futures) latencies.add(f.get());
        } finally {
            pool.shutdownNow();
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        int ops = Math.max(1, all.length);
        return new Result(ops / (double) secs, all[ops / 2] / 1e6, all[(int) (ops * 0.99)] / 1e6,
                (os.getProcessCpuTime() - cpuBefore) / 1e6 / ops);
    }

    private long[] client(MiniCluster cluster, int client, long base, long end, boolean writes)
            throws Exception {
        long[] nanos = new long[1 << 16];
        int n = 0;
        try (Connection c = connect(cluster, client % cluster.size());
             PreparedStatement insert = c.prepareStatement("INSERT INTO tls_cost VALUES (?, ?)");
             PreparedStatement select = c.prepareStatement("SELECT v FROM tls_cost WHERE id = ?")) {
            for (long i = 0; System.nanoTime() < end; i++) {
                long t = System.nanoTime();
                if (writes) {
                    insert.setLong(1, base + client * 10_000_000L + i);
                    insert.setString(2, "value-" + i);
                    insert.executeUpdate();
                } else {
                    // another client's rows from the warm-up, so most reads go to another node's read port
                    select.setLong(1, 1 + ((client + 1) % clients) * 10_000_000L + i % 50);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                    }
                }
                if (n == nanos.length) nanos = Arrays.copyOf(nanos, 2 * n);
                nanos[n++] = System.nanoTime() - t;
            }
        }
        return Arrays.copyOf(nanos, n);
    }

    private static Connection connect(MiniCluster cluster, int node) throws Exception {
        String url = "jdbc:shardsql://127.0.0.1:" + cluster.config(node).self().sqlPort() + "/";
        return DriverManager.getConnection(url, "admin", MiniCluster.ADMIN_PASSWORD);
    }
}
