package io.shardsql.testkit.txn;

import io.shardsql.server.ClusterStatus;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.NetworkNamespaces;
import io.shardsql.testkit.ProcessCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17, hole 1: timestamps from a deposed oracle. The node leading {@code control} (the timestamp
 * oracle) is cut off from its peers — not from its own clients — until the other two have elected a new
 * leader and acknowledged increments, and clients on the cut-off node asked again after that; the
 * partition ends well before the old leader steps down, so all along it believes it leads. Clients on
 * every node keep reading (all counters in one statement) and incrementing (one counter, read-modify-write)
 * a few counters throughout (open-loop: a new operation every {@value #INTERVAL_MS} ms on a free connection
 * of each node), each operation recorded with its real-time invocation and completion. A transaction that
 * begins on the cut-off node must not get a timestamp below those its successor already issued; the test
 * checks it through what clients see:
 * <ul>
 *   <li>no stale read: a read invoked after an increment (or a read) of the same counter completed sees
 *       that value or a later one (counters only grow) — a read that ran at a timestamp from the deposed
 *       oracle, below the commit timestamps of the majority's acknowledged increments, misses them;</li>
 *   <li>no lost update: each counter ends at its acknowledged increments, plus at most those whose
 *       outcome is unknown.</li>
 * </ul>
 * (sys.transactions shows start timestamps, but of every transaction running on a node, with nothing
 * that tells a session which is its own, so timestamps are not compared directly.)
 *
 * <p><b>The window.</b> Ratis 3.3 steps a leader down once it has heard from no majority for its longest
 * election timeout. The oracle's node (the preferred leader of {@code control}, where the leader balancer
 * puts it) gets {@value #ORACLE_TIMEOUT_MAX_S} s as its longest election timeout, the others 0.4–1.5 s:
 * the majority elects within about 1.5 s while the cut-off leader believes it leads for
 * {@value #ORACLE_TIMEOUT_MAX_S} s. The partition is held, with no fixed sleep, until (1) at least two
 * increments invoked on the majority side after the cut are acknowledged (they took their timestamps
 * from the new leader; about one client deadline after the cut, as the request in flight to the old
 * leader runs out first), then (2) three reads were invoked on the cut-off node after that; then it
 * heals, about 5–12 s after the cut. The majority not acknowledging by {@value #HOLD_MAX_S} s fails the
 * test. Reads held up on the cut-off node finish a few seconds after the heal (its connections to its
 * peers recover slowly after packets were dropped), hence a client deadline of 5 s.
 *
 * <p><b>Without the fix</b> (timestamps by a leader-only read, {@code sendReadOnlyNonLinearizable} or the
 * in-process equivalent), the cut-off leader answers timestamp requests from its own clients all through
 * the partition; their reads of the counters wait for the shards' leaders on the majority side and, after
 * the heal, run at those old timestamps: the reads invoked after the majority's acknowledged increments
 * come back without them, and the test fails with, e.g., "stale read: n1 read key 0 36 [24121 ms ..
 * 28626 ms] after n3 increment to key 0 39 [23762 ms .. 23804 ms]". With the fix (a linearizable read:
 * Ratis leader lease, else ReadIndex) the cut-off leader's lease has run out before the majority can
 * elect, its ReadIndex gets no majority, and its clients' timestamp requests fail or wait for the heal
 * and then go to the new leader.
 */
@Timeout(300)
class DeposedOracleIT {
    static final int KEYS = 3;
    static final long INTERVAL_MS = 120;
    /**
     * Per node: enough for every operation stuck there (an increment may take three deadlines). The
     * majority side needs as many: its operations invoked in the first seconds after the cut wait for the
     * old leaders until a deadline runs out, and with a smaller pool the ticks found no free connection,
     * so no increment was invoked until those came back (a CI run on a loaded machine failed that way).
     */
    static final int CONNECTIONS = 96;
    /** Longest election timeout of the oracle's node: it believes it leads this long once cut off. */
    static final int ORACLE_TIMEOUT_MAX_S = 60;
    /** Longest partition: the majority must have acknowledged increments within it. */
    static final int HOLD_MAX_S = 30;
    /** Client deadline: reads held up by the partition finish after the heal rather than fail. */
    static final Duration DEADLINE = Duration.ofSeconds(5);

    /** One operation as the client saw it: a read (of {@code value}) or an increment (to {@code value}). */
    record Op(int node, boolean increment, int key, long invoked, long completed, long value, Outcome outcome,
              String error) {
        String describe(long t0) {
            return String.format("n%d %s key %d %s [%d ms .. %d ms]%s", node + 1,
                    increment ? "increment to" : "read", key, outcome == Outcome.OK ? String.valueOf(value)
                            : outcome.toString(), (invoked - t0) / 1_000_000, (completed - t0) / 1_000_000,
                    error == null ? "" : " " + error);
        }
    }

    /** An operation as it began (for waiting on operations still under way). */
    record Started(int node, boolean increment, long invoked) {}

    enum Outcome { OK, FAILED, UNKNOWN }

    @Test
    void aCutOffOracleHandsOutNoTimestampBelowItsSuccessors() throws Exception {
        NetworkNamespaces.assumeAvailable();
        long began = System.nanoTime();
        MiniCluster.Builder layout = MiniCluster.builder().nodes(3).shards(2)
                .set("raft.election-timeout.min", "400ms").set("raft.election-timeout.max", "1500ms")
                .set("txn.timestamp-window", "60s")
                .set("ratis.raft.server.leaderelection.leader.step-down.wait-time", ORACLE_TIMEOUT_MAX_S + "s")
                .set("client.deadline", DEADLINE.toMillis() + "ms").set("raft.request-timeout", "1s");
        try (ProcessCluster cluster = ProcessCluster.inNamespaces(layout)) {
            int oracle = preferredLeaderOfControl(cluster);
            slowToStepDown(cluster, oracle);
            cluster.startAll();
            for (int i = 0; i < 3; i++) cluster.awaitReady(i, Duration.ofSeconds(120));
            log(began, "cluster ready");
            try (Connection c = connect(cluster, 0); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE counters (id INT PRIMARY KEY, v BIGINT NOT NULL)");
                for (int k = 0; k < KEYS; k++) s.execute("INSERT INTO counters VALUES (" + k + ", 0)");
            }
            ConcurrentLinkedQueue<Op> history = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Started> started = new ConcurrentLinkedQueue<>();
            List<LinkedBlockingQueue<Connection>> pools = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LinkedBlockingQueue<Connection> pool = new LinkedBlockingQueue<>();
                int n = CONNECTIONS;
                for (int k = 0; k < n; k++) pool.add(connect(cluster, i)); // all opened before the partition
                pools.add(pool);
            }
            log(began, "connections open");
            long t0 = System.nanoTime();
            long cut = 0;
            long acked = 0;
            long healed = 0;
            ExecutorService ops = Executors.newCachedThreadPool();
            ScheduledExecutorService clock = Executors.newScheduledThreadPool(3);
            Random random = new Random(42);
            try {
                for (int i = 0; i < 3; i++) {
                    int node = i;
                    clock.scheduleAtFixedRate(() -> {
                        Connection c = pools.get(node).poll();
                        if (c == null) return; // every connection busy (stuck): skip this tick
                        boolean increment;
                        int key;
                        synchronized (random) {
                            increment = random.nextBoolean();
                            key = random.nextInt(KEYS);
                        }
                        ops.execute(() -> {
                            try {
                                started.add(new Started(node, increment, System.nanoTime()));
                                history.addAll(increment ? List.of(increment(c, node, key)) : readAll(c, node));
                            } finally {
                                pools.get(node).add(c);
                            }
                        });
                    }, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
                }
                await("operations on every node").atMost(Duration.ofSeconds(60))
                        .until(() -> okPerNode(history, Long.MIN_VALUE).stream().allMatch(n -> n >= 5));
                await("n" + (oracle + 1) + " leading control").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> leaderOfControl(cluster, oracle), l -> l.equals(Optional.of(oracle)));
                log(began, "control (the oracle) led by n" + (oracle + 1) + "; cutting it off from its peers");
                cluster.isolate(oracle); // a few tc commands: the cut is complete when it returns
                cut = System.nanoTime();
                log(began, "n" + (oracle + 1) + " cut off");
                long since = cut;
                try {
                    await("increments acknowledged on the majority side").atMost(Duration.ofSeconds(HOLD_MAX_S))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> history.stream().filter(o -> o.node() != oracle && o.increment()
                                    && o.outcome() == Outcome.OK && o.invoked() > since).count() >= 2);
                } catch (ConditionTimeoutException e) {
                    printSince(history, started, since, t0);
                    throw e;
                }
                acked = System.nanoTime();
                log(began, "majority acknowledged increments " + (acked - cut) / 1_000_000 + " ms after the cut");
                long ack = acked;
                await("reads invoked on n" + (oracle + 1) + " after those").atMost(Duration.ofSeconds(8))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> started.stream().filter(s -> s.node() == oracle && !s.increment()
                                && s.invoked() > ack).count() >= 3);
                cluster.heal();
                healed = System.nanoTime();
                log(began, "healed " + (healed - cut) / 1_000_000 + " ms after the cut (n" + (oracle + 1)
                        + " would step down after " + ORACLE_TIMEOUT_MAX_S + " s)");
                long heal = healed;
                await("operations on every node after the heal").atMost(Duration.ofSeconds(60))
                        .until(() -> okPerNode(history, heal).stream().allMatch(n -> n >= 5));
            } finally {
                clock.shutdownNow();
                clock.awaitTermination(10, TimeUnit.SECONDS);
                ops.shutdown();
                ops.awaitTermination(60, TimeUnit.SECONDS); // operations still stuck end within the deadline
                for (LinkedBlockingQueue<Connection> pool : pools) for (Connection c : pool) close(c);
            }
            long[] finals = new long[KEYS];
            try (Connection c = connect(cluster, 0); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, v FROM counters")) {
                while (rs.next()) finals[rs.getInt(1)] = rs.getLong(2);
            }
            List<Op> all = new ArrayList<>(history);
            all.sort(Comparator.comparingLong(Op::invoked));
            log(began, all.size() + " operations (a read counts once per counter), "
                    + all.stream().filter(o -> o.outcome() == Outcome.OK).count() + " ok, "
                    + all.stream().filter(o -> o.outcome() == Outcome.UNKNOWN).count() + " unknown");
            long ack = acked;
            long heal = healed;
            List<Op> probes = all.stream().filter(o -> o.node() == oracle && !o.increment()
                    && o.invoked() > ack && o.invoked() < heal).toList();
            log(began, "reads on n" + (oracle + 1) + " invoked between the majority's increments and the heal: "
                    + probes.stream().filter(o -> o.outcome() == Outcome.OK).count() + " ok, "
                    + probes.stream().filter(o -> o.outcome() != Outcome.OK).count() + " failed");
            List<String> problems = new ArrayList<>();
            problems.addAll(staleReads(all, t0));
            problems.addAll(lostUpdates(all, finals));
            if (!problems.isEmpty()) {
                System.out.printf("cut at %d ms, majority's increments acknowledged by %d ms, healed at %d ms%n",
                        (cut - t0) / 1_000_000, (acked - t0) / 1_000_000, (healed - t0) / 1_000_000);
                System.out.println("operations from 1 s before the cut to 1 s after the heal:");
                for (Op o : all) {
                    if (o.invoked() > cut - 1_000_000_000L && o.invoked() < healed + 1_000_000_000L) {
                        System.out.println("  " + o.describe(t0));
                    }
                }
                problems.forEach(System.out::println);
            }
            assertThat(problems).as("anomalies (times from the start of the load)").isEmpty();
        }
    }

    /** What every node invoked and got back since {@code since}: why the majority acknowledged nothing. */
    private static void printSince(ConcurrentLinkedQueue<Op> history, ConcurrentLinkedQueue<Started> started,
                                   long since, long t0) {
        for (int n = 0; n < 3; n++) {
            int node = n;
            long invoked = started.stream().filter(s -> s.node() == node && s.invoked() > since).count();
            System.out.printf("n%d since the cut: %d operations invoked%n", node + 1, invoked);
        }
        history.stream().filter(o -> o.invoked() > since).sorted(Comparator.comparingLong(Op::invoked))
                .forEach(o -> System.out.println("  " + o.describe(t0)));
    }

    /** Reads that saw a value below one an operation on the same counter had completed with before the read began. */
    static List<String> staleReads(List<Op> all, long t0) {
        List<String> out = new ArrayList<>();
        for (Op r : all) {
            if (r.outcome() != Outcome.OK || r.increment()) continue;
            Optional<Op> newest = all.stream()
                    .filter(w -> w.key() == r.key() && w.outcome() == Outcome.OK && w.completed() < r.invoked())
                    .max(Comparator.comparingLong(Op::value));
            if (newest.isPresent() && newest.get().value() > r.value()) {
                out.add("stale read: " + r.describe(t0) + " after " + newest.get().describe(t0));
            }
        }
        return out;
    }

    /** Counters that do not end at their acknowledged increments (plus at most the unknown ones). */
    static List<String> lostUpdates(List<Op> all, long[] finals) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < finals.length; k++) {
            int key = k;
            long acked = all.stream()
                    .filter(o -> o.increment() && o.key() == key && o.outcome() == Outcome.OK).count();
            long unknown = all.stream()
                    .filter(o -> o.increment() && o.key() == key && o.outcome() == Outcome.UNKNOWN).count();
            if (finals[k] < acked || finals[k] > acked + unknown) {
                out.add("key " + k + " ends at " + finals[k] + " after " + acked + " acknowledged increments and "
                        + unknown + " unknown" + (finals[k] < acked ? ": lost updates" : ""));
            }
        }
        return out;
    }

    /** One statement reading every counter: one {@link Op} per counter, all with its times. */
    private static List<Op> readAll(Connection c, int node) {
        long invoked = System.nanoTime();
        long[] values = new long[KEYS];
        int seen = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v FROM counters")) {
            while (rs.next()) {
                values[rs.getInt(1)] = rs.getLong(2);
                seen++;
            }
            if (seen != KEYS) throw new SQLException(seen + " counters instead of " + KEYS);
        } catch (SQLException e) {
            long failed = System.nanoTime();
            List<Op> out = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                out.add(new Op(node, false, k, invoked, failed, -1, Outcome.FAILED,
                        e.getSQLState() + " " + e.getMessage()));
            }
            return out;
        }
        long completed = System.nanoTime();
        List<Op> out = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) out.add(new Op(node, false, k, invoked, completed, values[k], Outcome.OK, null));
        return out;
    }

    /** A read-modify-write in an explicit transaction: the value written is the value read plus one. */
    private static Op increment(Connection c, int node, int key) {
        long invoked = System.nanoTime();
        boolean committing = false;
        try {
            c.setAutoCommit(false);
            long v;
            try (PreparedStatement p = c.prepareStatement("SELECT v FROM counters WHERE id = ?")) {
                p.setInt(1, key);
                v = single(p);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE counters SET v = ? WHERE id = ?")) {
                p.setLong(1, v + 1);
                p.setInt(2, key);
                p.executeUpdate();
            }
            committing = true;
            c.commit();
            return new Op(node, true, key, invoked, System.nanoTime(), v + 1, Outcome.OK, null);
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection may be gone
            }
            boolean aborted = "40001".equals(e.getSQLState()); // refused: nothing written
            return new Op(node, true, key, invoked, System.nanoTime(), -1,
                    committing && !aborted ? Outcome.UNKNOWN : Outcome.FAILED, e.getSQLState() + " " + e.getMessage());
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // next use fails and says why
            }
        }
    }

    private static long single(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            if (!rs.next()) throw new SQLException("no row");
            return rs.getLong(1);
        }
    }

    private static List<Long> okPerNode(ConcurrentLinkedQueue<Op> history, long after) {
        long[] n = new long[3];
        for (Op o : history) if (o.outcome() == Outcome.OK && o.invoked() > after) n[o.node()]++;
        return List.of(n[0], n[1], n[2]);
    }

    /** The node (0-based) that the leader balancer makes leader of {@code control}: its first replica. */
    private static int preferredLeaderOfControl(ProcessCluster cluster) {
        String id = cluster.shardMap().group(GroupName.CONTROL).replicas().get(0);
        for (int i = 0; i < cluster.size(); i++) if (cluster.config(i).nodeId().equals(id)) return i;
        throw new IllegalStateException("no node " + id);
    }

    /**
     * Gives node {@code i} a longest election timeout of {@value #ORACLE_TIMEOUT_MAX_S} s in its config file
     * (written by {@link ProcessCluster}, read when it starts): cut off while leading, it steps down only then.
     */
    private static void slowToStepDown(ProcessCluster cluster, int i) throws IOException {
        Path file = cluster.root().resolve(cluster.config(i).nodeId() + ".properties");
        assertThat(file).as("node %d's config file", i).exists();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        p.setProperty("raft.election-timeout.max", ORACLE_TIMEOUT_MAX_S + "s");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "ShardSQL test node, slow to step down");
        }
    }

    /** The node leading {@code control} as node {@code asked} reports it (highest term among the leaders it sees). */
    private static Optional<Integer> leaderOfControl(ProcessCluster cluster, int asked) {
        return ClusterStatus.collect(cluster.config(asked).self().host(), cluster.config(asked).self().raftPort(),
                        cluster.config(asked).raft().tls())
                .stream()
                .filter(r -> r.group().equals("control") && r.role().equals("LEADER"))
                .max(Comparator.comparingLong(ClusterStatus.Replica::term))
                .map(r -> Integer.parseInt(r.node().substring(1)) - 1);
    }

    private static Connection connect(ProcessCluster cluster, int node) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "admin");
        p.setProperty("password", MiniCluster.ADMIN_PASSWORD);
        return DriverManager.getConnection(cluster.jdbcUrl(node), p);
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after the test
        }
    }

    private static void log(long began, String what) {
        System.out.printf("DeposedOracleIT at %.1fs: %s%n", (System.nanoTime() - began) / 1e9, what);
    }
}
