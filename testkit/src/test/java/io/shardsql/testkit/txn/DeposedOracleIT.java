package io.shardsql.testkit.txn;

import io.shardsql.server.ClusterStatus;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.NetworkNamespaces;
import io.shardsql.testkit.ProcessCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17, hole 1: timestamps from a deposed oracle. The node leading {@code control} (the timestamp
 * oracle) is cut off from its peers — not from its own clients — for longer than an election timeout
 * but shorter than its timestamp window and its leader step-down wait, so it still believes it leads.
 * Clients on every node keep reading and incrementing a few counters throughout, each operation
 * recorded with its real-time invocation and completion. A transaction that began on the old leader
 * must not get a timestamp below those its successor already issued: checked through what clients can
 * see (sys.transactions shows start timestamps, but of every transaction running on a node, with
 * nothing that tells a session which is its own):
 * <ul>
 *   <li>no stale read: a read invoked after a write (or read) of the same counter completed sees that
 *       value or a later one (counters only grow);</li>
 *   <li>no lost update: each counter ends at its acknowledged increments, plus at most those whose
 *       outcome is unknown.</li>
 * </ul>
 * Clients are open-loop (a new operation every {@value #INTERVAL_MS} ms on a free connection of a
 * node), so operations on the cut-off node are invoked all through the partition, after the majority's
 * writes were acknowledged, and finish after the heal.
 *
 * <p>Known gap: without the fix (leader-only timestamp reads) the cut-off oracle does hand out old
 * timestamps all through the partition, but this test does not yet fail: the majority side's operations
 * also stall until the heal (no write is acknowledged there while the old oracle is cut off), so no
 * stale read is observable. See the report of issue 17.
 */
@Timeout(300)
class DeposedOracleIT {
    static final int KEYS = 3;
    static final long INTERVAL_MS = 120;
    static final int CONNECTIONS = 64; // per node: enough for every operation stuck on the cut-off node
    /** Longer than the longest election timeout, shorter than the timestamp window and the step-down wait. */
    static final Duration PARTITION = Duration.ofSeconds(7);

    /** One operation as the client saw it: a read (of {@code value}) or an increment (to {@code value}). */
    record Op(int node, boolean increment, int key, long invoked, long completed, long value, Outcome outcome, String error) {
        String describe(long t0) {
            return String.format("n%d %s key %d %s [%d ms .. %d ms]%s", node + 1, increment ? "increment to" : "read", key,
                    outcome == Outcome.OK ? String.valueOf(value) : outcome.toString(), (invoked - t0) / 1_000_000,
                    (completed - t0) / 1_000_000, error == null ? "" : " " + error);
        }
    }

    enum Outcome { OK, FAILED, UNKNOWN }

    @Test
    void aCutOffOracleHandsOutNoTimestampBelowItsSuccessors() throws Exception {
        NetworkNamespaces.assumeAvailable();
        long began = System.nanoTime();
        // A leader cut off from its majority steps down once it has heard from none of it for its longest
        // election timeout (Ratis 3.3's check of leadership; step-down.wait-time is long besides), while a
        // follower campaigns after a random timeout from the shortest up: with 0.4-5 s the majority has a
        // new leader after about 1.5 s while the old one believes it leads for 5 s.
        MiniCluster.Builder layout = MiniCluster.builder().nodes(3).shards(2)
                .set("raft.election-timeout.min", "400ms").set("raft.election-timeout.max", "5s")
                .set("txn.timestamp-window", "60s")
                .set("ratis.raft.server.leaderelection.leader.step-down.wait-time", "20s")
                .set("client.deadline", "30s").set("raft.request-timeout", "1s");
        try (ProcessCluster cluster = ProcessCluster.inNamespaces(layout)) {
            cluster.startAll();
            for (int i = 0; i < 3; i++) cluster.awaitReady(i, Duration.ofSeconds(120));
            log(began, "cluster ready");
            try (Connection c = connect(cluster, 0); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE counters (id INT PRIMARY KEY, v BIGINT NOT NULL)");
                for (int k = 0; k < KEYS; k++) s.execute("INSERT INTO counters VALUES (" + k + ", 0)");
            }
            ConcurrentLinkedQueue<Op> history = new ConcurrentLinkedQueue<>();
            List<LinkedBlockingQueue<Connection>> pools = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LinkedBlockingQueue<Connection> pool = new LinkedBlockingQueue<>();
                for (int k = 0; k < CONNECTIONS; k++) pool.add(connect(cluster, i)); // all opened before the partition
                pools.add(pool);
            }
            log(began, CONNECTIONS * 3 + " connections open");
            long t0 = System.nanoTime();
            long[] window = new long[3]; // the oracle's node, when it was cut off, when healed
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
                                history.add(increment ? increment(c, node, key) : read(c, node, key));
                            } finally {
                                pools.get(node).add(c);
                            }
                        });
                    }, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
                }
                await("operations on every node").atMost(Duration.ofSeconds(60))
                        .until(() -> okPerNode(history, Long.MIN_VALUE).stream().allMatch(n -> n >= 5));
                int oracle = await("the leader of control").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> leaderOfControl(cluster, 0), Optional::isPresent).orElseThrow();
                log(began, "control (the oracle) led by n" + (oracle + 1) + "; cutting it off from its peers");
                long cut = System.nanoTime();
                window[0] = oracle;
                window[1] = cut;
                cluster.isolate(oracle);
                int other = (oracle + 1) % 3;
                await("a new leader of control on the majority side").atMost(PARTITION).ignoreExceptions()
                        .until(() -> leaderOfControl(cluster, other).filter(l -> l != oracle).isPresent());
                log(began, "majority elected a new leader of control after " + (System.nanoTime() - cut) / 1_000_000 + " ms");
                long holdMillis = PARTITION.toMillis() - (System.nanoTime() - cut) / 1_000_000;
                if (holdMillis > 0) Thread.sleep(holdMillis); // holding the partition is a timed hold
                cluster.heal();
                long healed = System.nanoTime();
                window[2] = healed;
                log(began, "healed after " + (healed - cut) / 1_000_000 + " ms");
                await("operations on every node after the heal").atMost(Duration.ofSeconds(60))
                        .until(() -> okPerNode(history, healed).stream().allMatch(n -> n >= 5));
            } finally {
                clock.shutdownNow();
                clock.awaitTermination(10, TimeUnit.SECONDS);
                ops.shutdown();
                ops.awaitTermination(60, TimeUnit.SECONDS); // operations still stuck end within the client deadline
                for (LinkedBlockingQueue<Connection> pool : pools) for (Connection c : pool) close(c);
            }
            long[] finals = new long[KEYS];
            try (Connection c = connect(cluster, 0); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, v FROM counters")) {
                while (rs.next()) finals[rs.getInt(1)] = rs.getLong(2);
            }
            List<Op> all = new ArrayList<>(history);
            all.sort(Comparator.comparingLong(Op::invoked));
            log(began, all.size() + " operations, " + all.stream().filter(o -> o.outcome() == Outcome.OK).count() + " ok, "
                    + all.stream().filter(o -> o.outcome() == Outcome.UNKNOWN).count() + " unknown");
            List<String> problems = new ArrayList<>();
            problems.addAll(staleReads(all, t0));
            problems.addAll(lostUpdates(all, finals));
            if (!problems.isEmpty()) {
                System.out.println("operations on the cut-off oracle's node from 1 s before the cut to 1 s after the heal:");
                for (Op o : all) {
                    if (o.invoked() > window[1] - 1_000_000_000L && o.invoked() < window[2] + 1_000_000_000L) {
                        System.out.println("  " + o.describe(t0));
                    }
                }
            }
            assertThat(problems).as("anomalies (times from the start of the load)").isEmpty();
        }
    }

    /** Reads that saw a value below one a write or read of the same counter had completed with before the read began. */
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
            long acked = all.stream().filter(o -> o.increment() && o.key() == key && o.outcome() == Outcome.OK).count();
            long unknown = all.stream().filter(o -> o.increment() && o.key() == key && o.outcome() == Outcome.UNKNOWN).count();
            if (finals[k] < acked || finals[k] > acked + unknown) {
                out.add("key " + k + " ends at " + finals[k] + " after " + acked + " acknowledged increments and " + unknown + " unknown"
                        + (finals[k] < acked ? ": lost updates" : ""));
            }
        }
        return out;
    }

    private static Op read(Connection c, int node, int key) {
        long invoked = System.nanoTime();
        try (PreparedStatement p = c.prepareStatement("SELECT v FROM counters WHERE id = ?")) {
            p.setInt(1, key);
            long v = single(p);
            return new Op(node, false, key, invoked, System.nanoTime(), v, Outcome.OK, null);
        } catch (SQLException e) {
            return new Op(node, false, key, invoked, System.nanoTime(), -1, Outcome.FAILED, e.getSQLState() + " " + e.getMessage());
        }
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
            return new Op(node, true, key, invoked, System.nanoTime(), -1, committing && !aborted ? Outcome.UNKNOWN : Outcome.FAILED,
                    e.getSQLState() + " " + e.getMessage());
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

    /** The node leading {@code control} as node {@code asked} reports it (highest term among the leaders it sees). */
    private static Optional<Integer> leaderOfControl(ProcessCluster cluster, int asked) {
        return ClusterStatus.collect(cluster.config(asked).self().host(), cluster.config(asked).self().raftPort()).stream()
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
