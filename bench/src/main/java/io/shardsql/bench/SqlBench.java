package io.shardsql.bench;

import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SQL through the engine, side by side with H2 (embedded, in memory) and PostgreSQL (the Debian
 * package, on loopback, fsync on; the script starts it): a primary-key point select, a 100-row key
 * range scan, a single-row INSERT (autocommit, so one commit each), and an aggregate over the whole
 * aggregate table. ShardSQL runs on 3 nodes in this JVM, 4 shards, replication 3, and is reached
 * through a node's engine directly (no wire protocol yet). Also measured: one raw point read through
 * the transaction API, so the engine's own share of a point select shows. ShardSQL's tables are loaded
 * through the transaction API ({@link DirectLoad}: rows encoded as the engine encodes them, 500 per
 * transaction), since an INSERT checks each new key with one read per row and loading 1M rows that way
 * would dominate the run; H2 and PostgreSQL load with multi-row INSERTs.
 *
 * <pre>bench/run-sql-bench.sh [--seconds 10] [--rows 100000] [--agg-rows 1000000] [--clients 1,16]
 *     [--cases point,range,insert,aggregate] [--databases shardsql,h2,postgres]</pre>
 */
@Command(name = "sql-bench", mixinStandardHelpOptions = true)
public final class SqlBench implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "10", description = "measurement time per case")
    double seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "unmeasured seconds before each case")
    double warmup;

    @Option(names = "--rows", defaultValue = "100000", description = "rows of the table point selects and scans read")
    int rows;

    @Option(names = "--agg-rows", defaultValue = "1000000", description = "rows of the table the aggregate reads")
    int aggRows;

    @Option(names = "--clients", split = ",", defaultValue = "1,16", description = "concurrent clients")
    List<Integer> clients;

    @Option(names = "--postgres",
            description = "JDBC URL of a running PostgreSQL (the script sets it); none: skip PostgreSQL")
    String postgresUrl;

    @Option(names = "--cases", split = ",", defaultValue = "point,range,insert,filter,aggregate",
            description = "which cases to run: point, range, insert, filter, aggregate")
    private Set<String> cases;

    @Option(names = "--databases", split = ",", defaultValue = "shardsql,h2,postgres",
            description = "which databases to run: shardsql, h2, postgres")
    private Set<String> databases;

    @Option(names = "--load-threads", defaultValue = "8", description = "threads loading the tables")
    int loadThreads;

    private final AtomicLong insertIds = new AtomicLong(1_000_000_000L);

    public static void main(String[] args) {
        System.exit(new CommandLine(new SqlBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int maxClients = clients.stream().mapToInt(Integer::intValue).max().orElse(1);
        List<String> lines = new ArrayList<>();
        lines.add("| case | database | clients | ops/s | p50 ms | p99 ms |");
        lines.add("|---|---|---:|---:|---:|---:|");
        if (databases.contains("shardsql")) shardSql(maxClients, lines);
        if (databases.contains("h2")) {
            try (JdbcTarget h2 = new JdbcTarget("H2 (embedded, in memory)", "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1",
                    Math.max(maxClients, loadThreads))) {
                load(h2);
                cases(h2, lines);
            }
        }
        if (postgresUrl != null && databases.contains("postgres")) {
            try (JdbcTarget pg = new JdbcTarget("PostgreSQL 15 (loopback)", postgresUrl,
                    Math.max(maxClients, loadThreads))) {
                load(pg);
                pg.execute("ANALYZE");
                cases(pg, lines);
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
        return 0;
    }

    private void shardSql(int maxClients, List<String> lines) throws Exception {
        try (MiniCluster cluster = ClusterSettings.startSettled(
                MiniCluster.builder().nodes(3).shards(4).set("client.deadline", "60s"))) {
            cluster.awaitReady();
            try (ShardSqlTarget shardsql = new ShardSqlTarget(cluster.node(0).sql(),
                    Math.max(maxClients, loadThreads))) {
                createTables(shardsql);
                long t0 = System.nanoTime();
                new DirectLoad(cluster.node(0).transactions(), cluster.node(0).sql(), loadThreads)
                        .load("bench_kv", rows, id -> new Object[] {id, "value-" + id, id % 1000})
                        .load("bench_agg", aggRows,
                                id -> new Object[] {id, id % 100, java.math.BigDecimal.valueOf(id % 10_000, 2)});
                System.err.printf(Locale.ROOT, "ShardSQL: loaded %d + %d rows in %.1f s%n", rows, aggRows,
                        (System.nanoTime() - t0) / 1e9);
                if (cases.contains("point")) rawPointRead(cluster, lines);
                cases(shardsql, lines);
            }
        }
    }

    private static void createTables(SqlTarget db) throws Exception {
        db.execute("CREATE TABLE bench_kv (id BIGINT PRIMARY KEY, v VARCHAR(100), n INTEGER)");
        db.execute("CREATE TABLE bench_agg (id BIGINT PRIMARY KEY, grp INTEGER, amount DECIMAL(12, 2))");
        db.execute("CREATE TABLE bench_ins (id BIGINT PRIMARY KEY, v VARCHAR(100), n INTEGER)");
    }

    /** Creates the tables and loads them with multi-row INSERTs (H2, PostgreSQL). */
    private void load(SqlTarget db) throws Exception {
        long t0 = System.nanoTime();
        createTables(db);
        bulk(db, "bench_kv", rows, id -> "(" + id + ", 'value-" + id + "', " + (id % 1000) + ")");
        bulk(db, "bench_agg", aggRows, id -> "(" + id + ", " + (id % 100) + ", " + (id % 10_000) / 100.0 + ")");
        System.err.printf(Locale.ROOT, "%s: loaded %d + %d rows in %.1f s%n", db.name(), rows, aggRows,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Multi-row INSERTs of 500 rows, {@code loadThreads} at a time; progress on stderr. */
    private void bulk(SqlTarget db, String table, int count, java.util.function.LongFunction<String> row)
            throws Exception {
        int batch = 500;
        ExecutorService pool = Executors.newFixedThreadPool(loadThreads);
        AtomicLong done = new AtomicLong();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < loadThreads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (long start = (long) thread * batch; start < count; start += (long) loadThreads * batch) {
                        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
                        for (long id = start; id < Math.min(count, start + batch); id++) {
                            if (id > start) sql.append(", ");
                            sql.append(row.apply(id));
                        }
                        db.run(thread, sql.toString(), List.of());
                        long d = done.addAndGet(Math.min(batch, count - start));
                        if (d % 100_000 < batch) System.err.printf("%s: %s %d/%d rows%n", db.name(), table, d, count);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
    }

    private void rawPointRead(MiniCluster cluster, List<String> lines) throws InterruptedException {
        var txns = cluster.node(0).transactions();
        // The key bench_kv's rows have: table id, then the id; the table's id is read from the catalog.
        int tableId = catalogId(cluster);
        java.util.function.LongFunction<byte[]> key = id -> new io.shardsql.storage.keys.KeyWriter(16).writeId(tableId)
                .writeLong(id, io.shardsql.storage.keys.KeyOrder.ASC).toByteArray();
        Load.Operation read = (t, seq) -> {
            try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
                tx.get(key.apply(ThreadLocalRandom.current().nextLong(rows)));
            }
        };
        Load.run(1, warmup, read);
        row(lines, "point read, transaction API (no SQL)", "ShardSQL", 1, Load.run(1, seconds, read));
        // The same, split by where the key's shard is led: in the statement's node, or elsewhere (gRPC).
        List<byte[]> here = new ArrayList<>();
        List<byte[]> elsewhere = new ArrayList<>();
        var map = cluster.shardMap();
        for (long id = 0; id < rows && (here.size() < 1000 || elsewhere.size() < 1000); id++) {
            byte[] k = key.apply(id);
            boolean local = cluster.leaderOf(io.shardsql.storage.raft.GroupName.shard(map.shardOf(k))).orElse(-1) == 0;
            (local ? here : elsewhere).add(k);
        }
        for (var side : List.of(java.util.Map.entry("led by this node", here),
                java.util.Map.entry("led by another node", elsewhere))) {
            List<byte[]> keys = side.getValue();
            if (keys.isEmpty()) continue;
            Load.Operation sideRead = (t, seq) -> {
                try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
                    tx.get(keys.get(ThreadLocalRandom.current().nextInt(keys.size())));
                }
            };
            Load.run(1, Math.min(warmup, 2), sideRead);
            row(lines, "point read, transaction API, shard " + side.getKey(), "ShardSQL", 1,
                    Load.run(1, seconds, sideRead));
        }
        Load.Operation stamp = (t, seq) -> txns.now();
        Load.run(1, warmup, stamp);
        row(lines, "timestamp from the oracle (no SQL)", "ShardSQL", 1, Load.run(1, seconds, stamp));
    }

    private static int catalogId(MiniCluster cluster) {
        var rows = ((io.shardsql.sql.exec.StatementResult.Rows) cluster.node(0).sql().openSession()
                .execute("SELECT table_id FROM sys.tables WHERE table_name = 'bench_kv'")).cursor().toList();
        return ((Number) rows.get(0)[0]).intValue();
    }

    private void cases(SqlTarget db, List<String> lines) throws InterruptedException {
        for (int n : clients) {
            if (cases.contains("point")) {
                measure(lines, db, n, "PK point select", (t, seq) -> expect(1,
                        db.run(t, "SELECT v, n FROM bench_kv WHERE id = ?",
                                List.of(ThreadLocalRandom.current().nextLong(rows)))));
            }
            if (cases.contains("range")) {
                measure(lines, db, n, "100-row PK range scan", (t, seq) -> {
                    long from = ThreadLocalRandom.current().nextLong(rows - 100);
                    expect(100, db.run(t, "SELECT id, v FROM bench_kv WHERE id >= ? AND id < ?",
                            List.of(from, from + 100)));
                });
            }
            if (cases.contains("filter")) {
                // n = id % 1000: 1 row in 1000 matches. The same WHERE written as abs(n) = ? (n is never negative)
                // is not pushed to the shards (a function call), which shows in the same run what pushing saves.
                measure(lines, db, n, "non-key filter, 1 row in 1000 (`n = ?`)", (t, seq) ->
                        expect(rows / 1000, db.run(t, "SELECT id, v FROM bench_kv WHERE n = ?",
                                List.of(ThreadLocalRandom.current().nextInt(1000)))));
                measure(lines, db, n, "same filter, not pushed down (`abs(n) = ?`)", (t, seq) ->
                        expect(rows / 1000, db.run(t, "SELECT id, v FROM bench_kv WHERE abs(n) = ?",
                                List.of(ThreadLocalRandom.current().nextInt(1000)))));
            }
            if (cases.contains("insert")) {
                measure(lines, db, n, "single-row INSERT (autocommit)", (t, seq) -> {
                    long id = insertIds.incrementAndGet();
                    expect(1, db.run(t, "INSERT INTO bench_ins VALUES (?, ?, ?)",
                            List.of(id, "v" + id, (int) (id % 1000))));
                });
            }
        }
        if (!cases.contains("aggregate")) return;
        Load.Operation agg = (t, seq) -> expect(1, db.run(t, "SELECT count(*), sum(amount), avg(grp) FROM bench_agg",
                List.of()));
        Load.run(1, Math.min(warmup, 1), agg);
        row(lines, "aggregate over " + aggRows + " rows (count, sum, avg)", db.name(), 1,
                Load.run(1, Math.max(seconds, 5), agg));
    }

    private void measure(List<String> lines, SqlTarget db, int n, String name, Load.Operation op)
            throws InterruptedException {
        Load.run(n, warmup, op);
        row(lines, name, db.name(), n, Load.run(n, seconds, op));
    }

    private static void expect(long expected, long actual) {
        if (expected != actual) throw new IllegalStateException("expected " + expected + " rows, got " + actual);
    }

    private static void row(List<String> lines, String name, String db, int clients, LatencyRecorder.Summary s) {
        String line = String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.3f | %.3f |", name, db, clients,
                s.opsPerSecond(), s.p50Millis(), s.p99Millis());
        lines.add(line);
        System.err.println(line);
    }
}
