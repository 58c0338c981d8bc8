package io.shardsql.testkit.txn;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.NetworkNamespaces;
import io.shardsql.testkit.ProcessCluster;
import io.shardsql.testkit.history.CheckResult;
import io.shardsql.testkit.history.ListAppendClient;
import io.shardsql.testkit.history.ListAppendGenerator;
import io.shardsql.testkit.history.ListAppendWorkload;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeerId;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * The list-append workload over JDBC against three node processes, each in its own network namespace
 * ({@link ProcessCluster#inNamespaces}), while a nemesis injects, in turn: a node cut off both ways, a
 * node cut off one way, a majority/minority split, a SIGSTOP pause of a node, a {@code kill -9} and
 * restart of a node, and a leadership transfer of a random group — until {@code seconds} have passed
 * and at least one fault of each kind struck. A fault is held until the clients acknowledged
 * {@value #ACKS} transactions after it struck or {@value #HOLD_MAX_S} s passed, whichever comes first
 * (at least {@value #HOLD_MIN_MS} ms); after it is healed the clients must acknowledge {@value #ACKS}
 * more. Then the whole history is checked. The caller skips where network namespaces are not allowed
 * ({@link NetworkNamespaces#assumeAvailable}).
 */
final class ListAppendFaultRun {
    private static final int CLIENTS = 9;
    private static final int ACKS = 10;
    private static final int HOLD_MAX_S = 8;
    private static final long HOLD_MIN_MS = 2_000;
    private static final int KINDS = 6;
    private static final int SHARDS = 4;

    private ListAppendFaultRun() { }

    /** Runs the workload under the nemesis for at least {@code seconds} and returns the check of its history. */
    static CheckResult run(String name, long seconds) throws Exception {
        long seed = Long.getLong("list-append.seed", System.nanoTime());
        System.out.println(name + " seed " + seed + " (-Dlist-append.seed=" + seed + " to repeat)");
        Random random = new Random(seed);
        MiniCluster.Builder layout = MiniCluster.builder().nodes(3).shards(SHARDS)
                .set("raft.election-timeout.min", "400ms").set("raft.election-timeout.max", "1500ms")
                .set("client.deadline", "10s").set("raft.request-timeout", "1s")
                .set("txn.lock-ttl", "2s").set("txn.lock-wait-timeout", "3s").set("txn.recovery-interval", "1s");
        try (ProcessCluster cluster = ProcessCluster.inNamespaces(layout)) {
            cluster.startAll();
            for (int i = 0; i < cluster.size(); i++) cluster.awaitReady(i, Duration.ofSeconds(180));
            long started = System.nanoTime();
            List<String> urls = ListAppendRun.urls(IntStream.range(0, cluster.size()).mapToObj(cluster::config).toList());
            try (Connection c = DriverManager.getConnection(urls.get(0), "admin", MiniCluster.ADMIN_PASSWORD)) {
                ListAppendClient.createTable(c);
            }
            ListAppendWorkload w = new ListAppendWorkload(urls, "admin", MiniCluster.ADMIN_PASSWORD,
                    new ListAppendGenerator(8, 100, 4));
            w.start(CLIENTS, seed);
            awaitAcks(w, ACKS, "before the first fault");
            List<String> done = new ArrayList<>();
            long end = started + Duration.ofSeconds(seconds).toNanos();
            for (int round = 0; System.nanoTime() < end || round < KINDS; round++) {
                int node = random.nextInt(cluster.size());
                done.add(fault(cluster, w, round % KINDS, node, random));
                System.out.printf("%s at %ds: %s; %d ok, %d not%n", name,
                        (System.nanoTime() - started) / 1_000_000_000, done.get(done.size() - 1), w.ok(), w.notOk());
            }
            return ListAppendRun.finish(name, w, started, done.size() + " " + done);
        }
    }

    /** Injects fault {@code kind} on {@code node}, holds it, heals it, and waits for the clients to go on. */
    private static String fault(ProcessCluster cluster, ListAppendWorkload w, int kind, int node, Random random)
            throws Exception {
        String what;
        switch (kind) {
            case 0 -> {
                cluster.isolate(node);
                what = "n" + (node + 1) + " cut off";
            }
            case 1 -> {
                cluster.isolateOneWay(node, NetworkNamespaces.Direction.OUTGOING);
                what = "n" + (node + 1) + " outgoing traffic dropped";
            }
            case 2 -> {
                cluster.split(Set.of(node));
                what = "split {n" + (node + 1) + "} | rest";
            }
            case 3 -> {
                cluster.pause(node);
                what = "n" + (node + 1) + " paused (SIGSTOP)";
            }
            case 4 -> {
                cluster.kill9(node);
                what = "n" + (node + 1) + " killed (kill -9)";
            }
            default -> {
                return transfer(cluster, w, node, random);
            }
        }
        long held = hold(w);
        switch (kind) {
            case 3 -> cluster.resume(node);
            case 4 -> {
                cluster.start(node);
                cluster.awaitReady(node, Duration.ofSeconds(180));
            }
            default -> cluster.heal();
        }
        awaitAcks(w, ACKS, "after healing: " + what);
        return what + " for " + held + " ms";
    }

    /** Moves the leadership of a random group (control, coordinator or shard) to {@code node}. */
    private static String transfer(ProcessCluster cluster, ListAppendWorkload w, int node, Random random) {
        List<GroupName> groups = BankFaults.groups(SHARDS, 1);
        GroupName g = groups.get(random.nextInt(groups.size()));
        String outcome;
        try (RaftClient admin = RaftClient.newBuilder().setRaftGroup(cluster.shardMap().raftGroup(g))
                .setProperties(cluster.config(0).raft().clientProperties())
                    .setParameters(cluster.config(0).raft().parameters()).build()) {
            admin.admin().transferLeadership(RaftPeerId.valueOf(cluster.config(node).nodeId()), 10_000);
            outcome = "leadership of " + g + " moved to n" + (node + 1);
        } catch (IOException | RuntimeException e) {
            outcome = "moving the leadership of " + g + " to n" + (node + 1) + " failed: " + e.getMessage();
        }
        awaitAcks(w, ACKS, "after " + outcome);
        return outcome;
    }

    /** Holds a fault until {@value #ACKS} acknowledgements or {@value #HOLD_MAX_S} s; returns how long. */
    private static long hold(ListAppendWorkload w) {
        long start = System.nanoTime();
        long target = w.ok() + ACKS;
        LockSupport.parkNanos(HOLD_MIN_MS * 1_000_000); // a fault shorter than an election tests little
        long deadline = start + Duration.ofSeconds(HOLD_MAX_S).toNanos();
        while (w.ok() < target && System.nanoTime() < deadline) LockSupport.parkNanos(50_000_000);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void awaitAcks(ListAppendWorkload w, int n, String when) {
        long target = w.ok() + n;
        await(n + " transactions acknowledged " + when).atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(100)).until(() -> w.ok() >= target);
    }
}
