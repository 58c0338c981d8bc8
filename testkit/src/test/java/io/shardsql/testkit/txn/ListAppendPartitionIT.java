package io.shardsql.testkit.txn;

import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.NetworkNamespaces;
import io.shardsql.testkit.ProcessCluster;
import io.shardsql.testkit.history.CheckResult;
import io.shardsql.testkit.history.ListAppendClient;
import io.shardsql.testkit.history.ListAppendGenerator;
import io.shardsql.testkit.history.ListAppendWorkload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The list-append workload over JDBC against three node processes, each in its own network namespace
 * ({@link ProcessCluster#inNamespaces}), while a nemesis injects, in turn: a node cut off both ways, a
 * node cut off one way, a majority/minority split, a SIGSTOP pause of a node, a {@code kill -9} and
 * restart of a node — for {@code list-append.partition.seconds} (600 s; at least one fault of each kind). A fault is held until the
 * clients acknowledged {@value #ACKS} transactions after it struck or {@value #HOLD_MAX_S} s passed,
 * whichever comes first (at least {@value #HOLD_MIN_MS} ms); after it is healed the clients must
 * acknowledge {@value #ACKS} more. Then the whole history is checked: no anomaly. Skipped where the
 * machine does not allow network namespaces. Tagged {@code soak} (run with {@code -Psoak}): three node
 * processes on a shared two-core machine took minutes for even one round of the five faults.
 */
@Tag("soak")
@Timeout(1800)
class ListAppendPartitionIT {
    private static final long SECONDS = Long.getLong("list-append.partition.seconds", 600);
    private static final int CLIENTS = 9;
    private static final int ACKS = 10;
    private static final int HOLD_MAX_S = 8;
    private static final long HOLD_MIN_MS = 2_000;

    @Test
    void partitionsPausesAndKillsLeaveNoAnomaly() throws Exception {
        NetworkNamespaces.assumeAvailable();
        long seed = Long.getLong("list-append.seed", System.nanoTime());
        System.out.println("ListAppendPartitionIT seed " + seed + " (-Dlist-append.seed=" + seed + " to repeat)");
        Random random = new Random(seed);
        MiniCluster.Builder layout = MiniCluster.builder().nodes(3).shards(4)
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
            long end = started + Duration.ofSeconds(SECONDS).toNanos();
            for (int round = 0; System.nanoTime() < end || round < 5; round++) {
                int node = random.nextInt(cluster.size());
                done.add(fault(cluster, w, round % 5, node));
                System.out.printf("ListAppendPartitionIT at %ds: %s; %d ok, %d not%n",
                        (System.nanoTime() - started) / 1_000_000_000, done.get(done.size() - 1), w.ok(), w.notOk());
            }
            CheckResult r = ListAppendRun.finish("ListAppendPartitionIT", w, started, done.size() + " " + done);
            assertThat(r.anomalies()).as(r.summary()).isEmpty();
        }
    }

    /** Injects fault {@code kind} on {@code node}, holds it, heals it, and waits for the clients to go on. */
    private static String fault(ProcessCluster cluster, ListAppendWorkload w, int kind, int node) throws Exception {
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
            default -> {
                cluster.kill9(node);
                what = "n" + (node + 1) + " killed (kill -9)";
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
