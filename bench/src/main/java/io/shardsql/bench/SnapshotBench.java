package io.shardsql.bench;

import io.shardsql.cli.ShardSqlCli;
import io.shardsql.snapshot.SnapshotHook;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.impl.SnapshotDriver;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.rows.RowCodec;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * SNAPSHOT (issue 16) on a cluster of 3 nodes in one JVM (4 shards, replication 3): about {@code --mb}
 * MB of table data loaded with {@link DirectLoad}, then in one run
 * <ol>
 *   <li>the raw copy: {@code cp -r} of one replica's store ({@code sm/db}) per group, what a backup holds;</li>
 *   <li>SNAPSHOT without other load, and SNAPSHOTs taken one after another for {@code --seconds} while
 *       clients run short transactions (a point read and a one-row update each, closed loop): duration, MB/s
 *       of the backup's bytes, and the time of each step (timed through the driver's {@link SnapshotHook});</li>
 *   <li>the clients' throughput and p99 in the {@code --seconds} before the snapshots, during them and after;</li>
 *   <li>{@code shardsql backup verify} and {@code shardsql restore} of the backup into a scratch data
 *       directory, through the command line's own code.</li>
 * </ol>
 * Prints a Markdown table; scratch files go under {@code --dir} (default: a temporary directory, removed).
 *
 * <pre>bench/run-bench.sh SnapshotBench [--mb 100] [--seconds 30] [--warmup 15] [--clients 8]</pre>
 */
@Command(name = "snapshot-bench", mixinStandardHelpOptions = true)
public final class SnapshotBench implements Callable<Integer> {
    private static final String TABLE = "bench_snap";
    private static final double MB = 1e6;

    @Option(names = "--mb", defaultValue = "100", description = "table data to load, MB (keys + encoded rows)")
    int mb;

    @Option(names = "--row-bytes", defaultValue = "1000", description = "bytes of each row's text column")
    int rowBytes;

    @Option(names = "--seconds", defaultValue = "30",
            description = "each OLTP window: before the snapshots, during them, after them")
    double seconds;

    @Option(names = "--warmup", defaultValue = "15",
            description = "unmeasured OLTP seconds first (the load's compactions settle meanwhile)")
    double warmup;

    @Option(names = "--clients", defaultValue = "8", description = "OLTP clients (one transaction at a time each)")
    int clients;

    @Option(names = "--load-threads", defaultValue = "4", description = "threads loading the table")
    int loadThreads;

    @Option(names = "--dir", description = "scratch directory (kept); default: a temporary one, removed")
    Path dir;

    private final List<String> rows = new ArrayList<>();
    private final List<String> oltpRows = new ArrayList<>();
    private final List<String> steps = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SnapshotBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("shardsql-snapbench");
        try {
            run(root);
        } finally {
            if (dir == null) Checkpoints.deleteTree(root);
        }
        System.out.println();
        System.out.println("| step | bytes MB | seconds | MB/s | ÷ raw copy | note |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("| OLTP (" + clients + " clients; a point read + a one-row update per txn) | seconds | txn/s"
                + " | p50 ms | p99 ms | txn/s vs before | p99 vs before |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        oltpRows.forEach(System.out::println);
        System.out.println();
        System.out.println("| snapshot | other load | claim + phase 1 s | phase 2 s | copy s"
                + " | channel state, rows, MANIFEST s | registry s | total s |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        steps.forEach(System.out::println);
        return 0;
    }

    private void run(Path root) throws Exception {
        MiniCluster.Builder builder = MiniCluster.builder().nodes(3).shards(4).dataDir(root.resolve("cluster"))
                .set("client.deadline", "60s").set("snapshot.timeout", "60m");
        try (MiniCluster cluster = ClusterSettings.startSettled(builder)) {
            cluster.awaitReady();
            cluster.node(0).sql().openSession()
                    .execute("CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, v VARCHAR(" + rowBytes
                            + "), n INTEGER)");
            TableDef def = cluster.node(0).sql().tableDefinition(TABLE).orElseThrow();
            int count = rowCount(def);
            long t0 = System.nanoTime();
            new DirectLoad(cluster.node(0).transactions(), cluster.node(0).sql(), loadThreads)
                    .load(TABLE, count, id -> row(id, 0));
            double load = (System.nanoTime() - t0) / 1e9;
            double logical = (double) count * bytesOf(def, row(0, 0));
            step("load (DirectLoad, " + loadThreads + " threads, 500 rows/txn)", logical, load, Double.NaN,
                    String.format(Locale.ROOT, "%,d rows of %d B text; MB = keys + encoded rows", count, rowBytes));

            double[] raw = new double[3];
            for (int i = 0; i < raw.length; i++) raw[i] = rawCopy(cluster, root.resolve("raw-" + i));
            long rawBytes = sizeOf(root.resolve("raw-0"));
            for (int i = 1; i < raw.length; i++) Checkpoints.deleteTree(root.resolve("raw-" + i));
            Arrays.sort(raw);
            double rawSeconds = raw[1];
            step("raw copy: `cp -r` of one replica's `sm/db` per group (median of 3)", rawBytes, rawSeconds,
                    rawSeconds, String.format(Locale.ROOT, "control, coordinators, 4 shards, as on disk; %.2f–%.2f s",
                            raw[0], raw[2]));

            long s0 = System.nanoTime();
            SnapshotInfo idle = take(cluster, "idle", "none");
            double idleSeconds = (System.nanoTime() - s0) / 1e9;
            step("SNAPSHOT, no other load", idle.bytes(), idleSeconds, rawSeconds,
                    "backup bytes (`SnapshotInfo.bytes`)");

            underLoad(cluster, def, count, rawSeconds);

            Path backup = Path.of(idle.directory());
            double verify = cli("backup", "verify", backup.toString());
            step("`shardsql backup verify`", idle.bytes(), verify, rawSeconds,
                    "every file's checksum; every part's locks against the MANIFEST");
            double restore = cli("restore", "--from", backup.toString(), "--data-dir",
                    root.resolve("restored").toString());
            step("`shardsql restore` (verify, normalize, seed)", idle.bytes(), restore, rawSeconds,
                    String.format(Locale.ROOT, "writes %.0f MB of seeds (control and each shard on all 3 nodes)",
                            sizeOf(root.resolve("restored")) / MB));
        }
    }

    /**
     * Clients run for {@code --seconds} before, then while snapshots are taken one after another until
     * {@code --seconds} have passed (at least one), then {@code --seconds} after; their throughput and p99 in
     * each window.
     */
    private void underLoad(MiniCluster cluster, TableDef def, int count, double rawSeconds) throws Exception {
        TransactionManager txns = cluster.node(0).transactions();
        Oltp oltp = new Oltp(txns, def, count);
        oltp.start();
        try {
            Thread.sleep((long) (warmup * 1000));
            long before = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long start = System.nanoTime();
            long end;
            long bytes = 0;
            int taken = 0;
            do {
                bytes += take(cluster, "under-load-" + (++taken), clients + " OLTP clients").bytes();
                end = System.nanoTime();
            } while (end - start < seconds * 1e9);
            Thread.sleep((long) (seconds * 1000));
            long after = System.nanoTime();
            oltp.stop();
            double snap = (end - start) / 1e9 / taken;
            step("SNAPSHOT, " + clients + " OLTP clients running (mean of " + taken + ")", (double) bytes / taken,
                    snap, rawSeconds, "backup bytes; taken one after another");
            LatencyRecorder.Summary b = oltp.window(before, start);
            oltpLine("before the snapshots", (start - before) / 1e9, b, b);
            oltpLine("during " + taken + " snapshots", (end - start) / 1e9, oltp.window(start, end), b);
            oltpLine("after the snapshots", (after - end) / 1e9, oltp.window(end, after), b);
        } finally {
            oltp.stop();
        }
    }

    /** Takes snapshot {@code name}, timing its steps (through the driver's hook) into {@link #steps}. */
    private SnapshotInfo take(MiniCluster cluster, String name, String load) {
        SnapshotDriver driver = cluster.node(0).snapshotDriver();
        long[] at = new long[SnapshotHook.Step.values().length];
        driver.hook((step, epoch) -> at[step.ordinal()] = System.nanoTime());
        long t0 = System.nanoTime();
        SnapshotInfo info = driver.take(Optional.of(name));
        long t1 = System.nanoTime();
        driver.hook(SnapshotHook.NONE);
        long[] marks = {t0, at[0], at[1], at[2], at[3], t1};
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s |", name, load));
        for (int i = 1; i < marks.length; i++) {
            line.append(String.format(Locale.ROOT, " %.2f |", (marks[i] - marks[i - 1]) / 1e9));
        }
        line.append(String.format(Locale.ROOT, " %.2f |", (t1 - t0) / 1e9));
        steps.add(line.toString());
        System.err.println(line);
        return info;
    }

    /**
     * {@code cp -r} of the store of each group's first replica, one group after another; the seconds it took.
     * The stores are live: a copy that fails because RocksDB removed a file meanwhile (a WAL after a flush, an
     * SST after a compaction) is removed and copied again, and only the copy that succeeded counts.
     */
    private static double rawCopy(MiniCluster cluster, Path to) throws Exception {
        Files.createDirectories(to);
        long nanos = 0;
        for (ShardMap.GroupLayout g : cluster.shardMap().groups()) {
            int node = Integer.parseInt(g.replicas().get(0).substring(1)) - 1;
            Path db = cluster.replicaDir(node, g.name()).resolve("sm").resolve("db");
            Path copy = to.resolve(g.name().toString());
            for (int attempt = 1; ; attempt++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("cp", "-r", db.toString(), copy.toString()).inheritIO().start();
                int code = p.waitFor();
                long t1 = System.nanoTime();
                if (code == 0) {
                    nanos += t1 - t0;
                    break;
                }
                if (attempt == 5) throw new IOException("cp -r " + db + " " + copy + " failed " + attempt + " times");
                System.err.println("cp -r of " + g.name() + " failed (a file went away meanwhile); copying again");
                Checkpoints.deleteTree(copy);
            }
        }
        return nanos / 1e9;
    }

    /** Runs {@code shardsql ARGS} in this JVM; returns the seconds it took (throws unless it exits 0). */
    private static double cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = ShardSqlCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        long t0 = System.nanoTime();
        int code = cl.execute(args);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("shardsql " + String.join(" ", args) + " exited " + code + ":\n" + out);
        }
        return seconds;
    }

    private int rowCount(TableDef def) {
        return (int) Math.max(1, (long) mb * 1_000_000L / bytesOf(def, row(0, 0)));
    }

    private static long bytesOf(TableDef def, Object[] row) {
        return RowKeys.keyOf(def, row).length + RowCodec.encode(def, row).length;
    }

    /** Row {@code id}: a text of {@code rowBytes} letters drawn from a generator seeded with the id. */
    private Object[] row(long id, int n) {
        SplittableRandom r = new SplittableRandom(id);
        char[] text = new char[rowBytes];
        for (int i = 0; i < text.length; i++) text[i] = (char) ('a' + r.nextInt(26));
        return new Object[] {id, new String(text), n};
    }

    private void step(String step, double bytes, double secs, double rawSeconds, String note) {
        String ratio = Double.isNaN(rawSeconds) ? "–" : String.format(Locale.ROOT, "%.2f", secs / rawSeconds);
        String line = String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %s | %s |", step, bytes / MB, secs,
                bytes / MB / secs, ratio, note);
        rows.add(line);
        System.err.println(line);
    }

    private void oltpLine(String window, double secs, LatencyRecorder.Summary s, LatencyRecorder.Summary before) {
        String line = String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.2f | %.2f | %+.1f %% | × %.2f |", window,
                secs, s.opsPerSecond(), s.p50Millis(), s.p99Millis(),
                100 * (s.opsPerSecond() / before.opsPerSecond() - 1), s.p99Millis() / before.p99Millis());
        oltpRows.add(line);
        System.err.println(line);
    }

    private static long sizeOf(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /**
     * Closed-loop OLTP clients: each transaction reads one random row and rewrites another (its {@code n}
     * column), rows of its own client only, so clients never conflict. Every transaction's end time and
     * latency are kept, so any window can be summarized afterwards.
     */
    private final class Oltp {
        private final TransactionManager txns;
        private final TableDef def;
        private final int count;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<long[]> samples = new CopyOnWriteArrayList<>(); // per client: end, latency, end, ...
        private final List<Thread> threads = new ArrayList<>();
        private final List<Throwable> errors = new CopyOnWriteArrayList<>();

        Oltp(TransactionManager txns, TableDef def, int count) {
            this.txns = txns;
            this.def = def;
            this.count = count;
        }

        void start() {
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    long[] mine = new long[1 << 16];
                    int size = 0;
                    for (int seq = 0; !stop.get(); seq++) {
                        long begin = System.nanoTime();
                        try {
                            transaction(client, seq);
                        } catch (Throwable e) {
                            errors.add(e);
                            break;
                        }
                        long end = System.nanoTime();
                        if (size + 2 > mine.length) mine = Arrays.copyOf(mine, size * 2);
                        mine[size++] = end;
                        mine[size++] = end - begin;
                    }
                    samples.add(Arrays.copyOf(mine, size));
                }, "oltp-" + c);
                threads.add(t);
                t.start();
            }
        }

        private void transaction(int client, int seq) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long read = r.nextLong(count);
            long write = Math.min(count - 1, r.nextLong(Math.max(1, count / clients)) * clients + client);
            Object[] row = row(write, seq);
            byte[] key = RowKeys.keyOf(def, row);
            byte[] value = RowCodec.encode(def, row);
            txns.run(TxnMode.READ_WRITE, 10, tx -> {
                tx.get(RowKeys.keyOf(def, new Object[] {read, "", 0})).orElseThrow();
                tx.put(key, value);
                return null;
            });
        }

        void stop() throws InterruptedException {
            if (stop.getAndSet(true)) return;
            for (Thread t : threads) t.join();
            if (!errors.isEmpty()) throw new IllegalStateException("OLTP failed: " + errors.get(0), errors.get(0));
        }

        LatencyRecorder.Summary window(long from, long to) {
            List<LatencyRecorder> in = new ArrayList<>();
            for (long[] s : samples) {
                LatencyRecorder rec = new LatencyRecorder();
                for (int i = 0; i < s.length; i += 2) {
                    if (s[i] >= from && s[i] < to) rec.record(s[i + 1]);
                }
                in.add(rec);
            }
            return LatencyRecorder.summarize(in, (to - from) / 1e9);
        }
    }
}
