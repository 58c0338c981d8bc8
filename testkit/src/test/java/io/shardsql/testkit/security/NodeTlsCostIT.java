package io.shardsql.testkit.security;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What TLS between nodes costs: replicated single-row INSERTs per second and point SELECTs per second
 * (through all three nodes' SQL ports, so most reads go to another node's read port) on a three-node
 * MiniCluster, plain and with mutual TLS, alternately ({@code -Dtls-cost.rounds}, default 2, of
 * {@code -Dtls-cost.seconds}, default 8, per workload, after a 3 s warm-up), so that a busy machine's load
 * falls on both alike. Besides operations per second it prints the JVM's CPU time per operation (the whole
 * cluster runs in it), which another process's load disturbs far less than throughput. Prints the figures;
 * docs/benchmarks.md records them. A soak test: it only measures.
 */
@Tag("soak")
@Timeout(1800)
class NodeTlsCostIT {
    private static final int THREADS = 4;
    /** Runs so far: each run's INSERTs take keys of their own. */
    private static final AtomicLong RUNS = new AtomicLong();

    @Test
    void writesAndPointReadsWithAndWithoutTls() throws Exception {
        int rounds = Integer.getInteger("tls-cost.rounds", 2);
        long seconds = Long.getLong("tls-cost.seconds", 8);
        List<String> lines = new ArrayList<>();
        double[][] sums = new double[2][4];
        for (int r = 0; r < rounds; r++) {
            for (int tls = 0; tls < 2; tls++) {
                try (MiniCluster cluster = MiniCluster.builder().nodes(3).shards(4).tls(tls == 1).start()) {
                    run(cluster, 3, true); // warm-up: leaders settled, code compiled
                    double[] writes = run(cluster, seconds, true);
                    run(cluster, 3, false);
                    double[] reads = run(cluster, seconds, false);
                    sums[tls][0] += writes[0];
                    sums[tls][1] += reads[0];
                    sums[tls][2] += writes[1];
                    sums[tls][3] += reads[1];
                    lines.add(String.format("round %d %-5s writes/s %8.0f (%.2f CPU ms each)  point selects/s %8.0f "
                            + "(%.2f CPU ms each)", r, tls == 1 ? "tls" : "plain", writes[0], writes[1], reads[0],
                            reads[1]));
                }
            }
        }
        lines.forEach(System.out::println);
        System.out.printf("TLS cost: writes/s %+.1f%%, point selects/s %+.1f%%; CPU per write %+.1f%%, "
                        + "per point select %+.1f%%%n", 100 * (sums[1][0] / sums[0][0] - 1),
                100 * (sums[1][1] / sums[0][1] - 1), 100 * (sums[1][2] / sums[0][2] - 1),
                100 * (sums[1][3] / sums[0][3] - 1));
        assertThat(sums[1][0]).isPositive();
    }

    /**
     * Operations per second of {@link #THREADS} clients for {@code seconds}, INSERTs or SELECTs by key, and
     * the JVM's CPU milliseconds per operation.
     */
    private static double[] run(MiniCluster cluster, long seconds, boolean writes) throws Exception {
        try (Connection c = connect(cluster, 0); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS cost (id BIGINT PRIMARY KEY, v VARCHAR)");
        }
        AtomicLong done = new AtomicLong();
        long base = RUNS.incrementAndGet() * 10_000_000_000L;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    try (Connection c = connect(cluster, thread % cluster.size());
                         PreparedStatement insert = c.prepareStatement("INSERT INTO cost VALUES (?, ?)");
                         PreparedStatement select = c.prepareStatement("SELECT v FROM cost WHERE id = ?")) {
                        for (long i = 0; System.nanoTime() < end; i++) {
                            long id = base + thread * 1_000_000_000L + i;
                            if (writes) {
                                insert.setLong(1, id);
                                insert.setString(2, "value-" + id);
                                insert.executeUpdate();
                            } else {
                                select.setLong(1, 10_000_000_000L + ((thread + 1) % THREADS) * 1_000_000_000L
                                        + i % 200); // the first run's rows, or a miss: a point read all the same
                                try (ResultSet rs = select.executeQuery()) {
                                    rs.next();
                                }
                            }
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        long ops = Math.max(1, done.get());
        return new double[] {ops / (double) seconds, (os.getProcessCpuTime() - cpuBefore) / 1e6 / ops};
    }

    private static Connection connect(MiniCluster cluster, int node) throws Exception {
        String url = "jdbc:shardsql://127.0.0.1:" + cluster.config(node).self().sqlPort() + "/";
        return DriverManager.getConnection(url, "admin", MiniCluster.ADMIN_PASSWORD);
    }
}
