package io.shardsql.bench;

import io.shardsql.testkit.MiniCluster;
import org.h2.tools.Server;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client-side JDBC figures, each database through its own driver over loopback TCP: ShardSQL (our
 * driver, 3 nodes in this JVM, 4 shards, replication 3; connection <i>i</i> goes to node <i>i</i> mod 3),
 * H2's TCP server (in memory) and PostgreSQL (Debian's package; the script starts it, fsync on).
 * Cases, with 1 and 16 connections: {@code SELECT 1} and a primary-key point select (round-trip
 * latency), a single-row INSERT, batch INSERT (100 rows per {@code executeBatch}, autocommit: one
 * transaction per batch), a multi-row {@code INSERT ... VALUES} of 100 rows (autocommit) and a streamed
 * read of the whole 100 000-row table with fetch size 1000. For ShardSQL, whose nodes run in this JVM,
 * standard error also shows the JVM's CPU per operation.
 *
 * <pre>bench/run-jdbc-bench.sh [--seconds 10] [--rows 100000] [--clients 1,16]
 *     [--cases select1,point,insert,batch,multirow,scan] [--databases shardsql,h2,postgres]</pre>
 */
@Command(name = "jdbc-bench", mixinStandardHelpOptions = true)
public final class JdbcBench implements Callable<Integer> {
    private static final int BATCH = 100;

    @Option(names = "--seconds", defaultValue = "10", description = "measurement time per case")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "unmeasured seconds before each case")
    double warmup;

    @Option(names = "--rows", defaultValue = "100000",
            description = "rows of the table point selects and streamed reads read")
    int rows;

    @Option(names = "--clients", split = ",", defaultValue = "1,16", description = "connections")
    List<Integer> clients;

    @Option(names = "--cases", split = ",", defaultValue = "select1,point,insert,batch,multirow,scan",
            description = "which cases to run: select1, point, insert, batch, multirow, scan")
    Set<String> cases;

    @Option(names = "--databases", split = ",", defaultValue = "shardsql,h2,postgres",
            description = "which databases to run: shardsql, h2, postgres")
    Set<String> databases;

    @Option(names = "--postgres",
            description = "JDBC URL of a running PostgreSQL (the script sets it); none: skip PostgreSQL")
    String postgresUrl;

    private final AtomicLong insertIds = new AtomicLong(1_000_000_000L);

    public static void main(String[] args) {
        System.exit(new CommandLine(new JdbcBench()).execute(args));
    }

    /** A database to measure: the URLs its connections use in turn. */
    private record Db(String name, List<String> urls, String user, String password) {
        Connection connect(int i) throws Exception {
            return DriverManager.getConnection(urls.get(i % urls.size()), user, password);
        }
    }

    @Override
    public Integer call() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("| case | database | connections | ops/s | rows/s | p50 ms | p99 ms |");
        lines.add("|---|---|---:|---:|---:|---:|---:|");
        if (databases.contains("shardsql")) shardSql(lines);
        if (databases.contains("h2")) h2(lines);
        if (postgresUrl != null && databases.contains("postgres")) {
            Db pg = new Db("PostgreSQL 15 (loopback)", List.of(postgresUrl), null, null);
            createTables(pg);
            bulkLoad(pg);
            try (Connection c = pg.connect(0); Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            cases(pg, lines);
        }
        System.out.println();
        lines.forEach(System.out::println);
        return 0;
    }

    private void shardSql(List<String> lines) throws Exception {
        try (MiniCluster cluster = ClusterSettings.startSettled(
                MiniCluster.builder().nodes(3).shards(4).set("client.deadline", "60s"))) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 3; i++) urls.add(
                    "jdbc:shardsql://127.0.0.1:" + cluster.config(i).self().sqlPort() + "/");
            Db shardsql = new Db("ShardSQL (3 nodes, our driver)", urls, "admin", MiniCluster.ADMIN_PASSWORD);
            createTables(shardsql);
            long t0 = System.nanoTime();
            new DirectLoad(cluster.node(0).transactions(), cluster.node(0).sql(), 8)
                    .load("jdbc_kv", rows, id -> new Object[] {id, "value-" + id, id % 1000});
            System.err.printf(Locale.ROOT, "ShardSQL: loaded %d rows in %.1f s%n", rows,
                    (System.nanoTime() - t0) / 1e9);
            cases(shardsql, lines);
        }
    }

    private void h2(List<String> lines) throws Exception {
        int h2Port;
        try (ServerSocket s = new ServerSocket(0)) {
            h2Port = s.getLocalPort();
        }
        Server h2 = Server.createTcpServer("-tcpPort", String.valueOf(h2Port), "-ifNotExists").start();
        try {
            Db db = new Db("H2 TCP server (in memory)",
                    List.of("jdbc:h2:tcp://127.0.0.1:" + h2Port + "/mem:bench;DB_CLOSE_DELAY=-1"), "sa", "");
            createTables(db);
            bulkLoad(db);
            cases(db, lines);
        } finally {
            h2.stop();
        }
    }

    private static void createTables(Db db) throws Exception {
        try (Connection c = db.connect(0); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE jdbc_kv (id BIGINT PRIMARY KEY, v VARCHAR(100), n INTEGER)");
            s.execute("CREATE TABLE jdbc_ins (id BIGINT PRIMARY KEY, v VARCHAR(100), n INTEGER)");
        }
    }

    private void bulkLoad(Db db) throws Exception {
        try (Connection c = db.connect(0);
             PreparedStatement p = c.prepareStatement("INSERT INTO jdbc_kv VALUES (?, ?, ?)")) {
            for (long id = 0; id < rows; id++) {
                p.setLong(1, id);
                p.setString(2, "value-" + id);
                p.setInt(3, (int) (id % 1000));
                p.addBatch();
                if (id % 1000 == 999) p.executeBatch();
            }
            p.executeBatch();
        }
    }

    private void cases(Db db, List<String> lines) throws Exception {
        for (int n : clients) {
            List<Connection> conns = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) conns.add(db.connect(i));
                if (cases.contains("select1")) {
                    List<PreparedStatement> one = prepare(conns, "SELECT 1");
                    measure(lines, db, n, "SELECT 1", 1, (t, seq) -> expect(1, count(one.get(t))));
                }
                if (cases.contains("point")) {
                    List<PreparedStatement> point = prepare(conns, "SELECT v, n FROM jdbc_kv WHERE id = ?");
                    measure(lines, db, n, "PK point select", 1, (t, seq) -> {
                        PreparedStatement p = point.get(t);
                        p.setLong(1, ThreadLocalRandom.current().nextLong(rows));
                        expect(1, count(p));
                    });
                }
                if (cases.contains("insert")) {
                    List<PreparedStatement> insert = prepare(conns, "INSERT INTO jdbc_ins VALUES (?, ?, ?)");
                    measure(lines, db, n, "single-row INSERT (autocommit)", 1, (t, seq) -> {
                        PreparedStatement p = insert.get(t);
                        long id = insertIds.incrementAndGet();
                        p.setLong(1, id);
                        p.setString(2, "v" + id);
                        p.setInt(3, (int) (id % 1000));
                        expect(1, p.executeUpdate());
                    });
                }
                if (cases.contains("batch")) {
                    List<PreparedStatement> insert = prepare(conns, "INSERT INTO jdbc_ins VALUES (?, ?, ?)");
                    measure(lines, db, n, "batch INSERT, " + BATCH + " rows per batch", BATCH, (t, seq) -> {
                        PreparedStatement p = insert.get(t);
                        for (int i = 0; i < BATCH; i++) {
                            long id = insertIds.incrementAndGet();
                            p.setLong(1, id);
                            p.setString(2, "v" + id);
                            p.setInt(3, (int) (id % 1000));
                            p.addBatch();
                        }
                        expect(BATCH, p.executeBatch().length);
                    });
                }
                if (cases.contains("multirow")) {
                    List<PreparedStatement> insert = prepare(conns, multiRowInsert());
                    measure(lines, db, n, "multi-row INSERT, " + BATCH + " rows per statement", BATCH, (t, seq) -> {
                        PreparedStatement p = insert.get(t);
                        for (int i = 0; i < BATCH; i++) {
                            long id = insertIds.incrementAndGet();
                            p.setLong(3 * i + 1, id);
                            p.setString(3 * i + 2, "v" + id);
                            p.setInt(3 * i + 3, (int) (id % 1000));
                        }
                        expect(BATCH, p.executeUpdate());
                    });
                }
                if (cases.contains("scan")) {
                    List<PreparedStatement> scan = prepare(conns, "SELECT id, v, n FROM jdbc_kv");
                    for (PreparedStatement p : scan) p.setFetchSize(1000);
                    for (Connection c : conns) c.setAutoCommit(false); // PostgreSQL streams only in a transaction
                    measure(lines, db, n, "streamed read of " + rows + " rows, fetch size 1000", rows, (t, seq) -> {
                        expect(rows, count(scan.get(t)));
                        conns.get(t).commit();
                    });
                }
            } finally {
                for (Connection c : conns) c.close();
            }
        }
    }

    /** {@code INSERT INTO jdbc_ins VALUES (?, ?, ?), ...} with {@link #BATCH} rows. */
    private static String multiRowInsert() {
        StringBuilder sql = new StringBuilder("INSERT INTO jdbc_ins VALUES ");
        for (int i = 0; i < BATCH; i++) sql.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
        return sql.toString();
    }

    private static List<PreparedStatement> prepare(List<Connection> conns, String sql) throws Exception {
        List<PreparedStatement> out = new ArrayList<>();
        for (Connection c : conns) out.add(c.prepareStatement(sql));
        return out;
    }

    private static long count(PreparedStatement p) throws Exception {
        long n = 0;
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) n++;
        }
        return n;
    }

    private void measure(List<String> lines, Db db, int n, String name, int rowsPerOp, Load.Operation op)
            throws InterruptedException {
        Load.run(n, warmup, op);
        long cpu0 = processCpuNanos();
        long wall0 = System.currentTimeMillis();
        LatencyRecorder.Summary s = Load.run(n, seconds, op);
        long cpu = processCpuNanos() - cpu0;
        // For ShardSQL, whose nodes run in this JVM, the CPU the whole cluster spent per operation
        // (the drivers' threads included); for the others only the client's.
        System.err.printf(Locale.ROOT, "window %d..%d ms: this JVM's CPU %.3f ms per operation%n", wall0,
                System.currentTimeMillis(), cpu / 1e6 / Math.max(1, s.opsPerSecond() * seconds));
        String line = String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %.3f | %.3f |", name, db.name(), n,
                s.opsPerSecond(), s.opsPerSecond() * rowsPerOp, s.p50Millis(), s.p99Millis());
        lines.add(line);
        System.err.println(line);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void expect(long expected, long actual) {
        if (expected != actual) throw new IllegalStateException("expected " + expected + " rows, got " + actual);
    }
}
