package io.shardsql.testkit.txn;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.history.CheckResult;
import io.shardsql.testkit.history.ListAppendWorkload;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The list-append workload over JDBC on a 3-node MiniCluster (4 shards) while leaders of random
 * groups ({@code control}, {@code coord-0}, shards) are stopped and restarted or made to hand their
 * leadership to another node, alternately, for {@code list-append.nemesis.seconds} (60 s); then the
 * whole history is checked: no anomaly snapshot isolation forbids, no lost acknowledged append.
 * Tagged {@code soak}: {@link ListAppendFaultsIT} runs in CI and injects transfers and kills too, among
 * partitions and pauses of node processes.
 */
@Tag("soak")
@Timeout(900)
class ListAppendNemesisIT {
    private static final long SECONDS = Long.getLong("list-append.nemesis.seconds", 60);
    private static final int CLIENTS = 10;
    private static final int ACKS_PER_STEP = 20;

    @Test
    void leaderKillsAndTransfersLeaveNoAnomaly() throws Exception {
        long seed = Long.getLong("list-append.seed", System.nanoTime());
        System.out.println("ListAppendNemesisIT seed " + seed + " (-Dlist-append.seed=" + seed + " to repeat)");
        Random random = new Random(seed);
        List<GroupName> groups = BankFaults.groups(BankIT.SHARDS, 1);
        MiniCluster.run(BankIT.cluster(), cluster -> {
            long started = System.nanoTime();
            BankIT.MiniClusterFaults faults = new BankIT.MiniClusterFaults(cluster, groups);
            ListAppendWorkload w = ListAppendRun.workload(cluster);
            w.start(CLIENTS, seed);
            awaitAcks(w, ACKS_PER_STEP, "before the first fault");
            List<String> done = new ArrayList<>();
            long end = started + Duration.ofSeconds(SECONDS).toNanos();
            while (System.nanoTime() < end || done.size() < 2) {
                GroupName g = groups.get(random.nextInt(groups.size()));
                done.add(done.size() % 2 == 0 ? killLeader(faults, w, g) : transferLeader(cluster, faults, w, g));
                System.out.printf("ListAppendNemesisIT at %ds: %s; %d ok, %d not%n",
                        (System.nanoTime() - started) / 1_000_000_000, done.get(done.size() - 1), w.ok(), w.notOk());
            }
            CheckResult r = ListAppendRun.finish("ListAppendNemesisIT", w, started, done.size() + " " + done);
            assertThat(r.anomalies()).as(r.summary()).isEmpty();
            assertThat(r.ok()).isGreaterThanOrEqualTo(3 * ACKS_PER_STEP);
        });
    }

    private static String killLeader(BankIT.MiniClusterFaults faults, ListAppendWorkload w, GroupName g)
            throws Exception {
        int leader = BankFaults.awaitLeader(faults, g, n -> true);
        faults.kill(leader);
        BankFaults.awaitLeader(faults, g, n -> n != leader);
        awaitAcks(w, ACKS_PER_STEP, "while n" + (leader + 1) + " is down");
        faults.restart(leader);
        awaitAcks(w, ACKS_PER_STEP, "after n" + (leader + 1) + " came back");
        return "stopped n" + (leader + 1) + " (leader of " + g + ")";
    }

    private static String transferLeader(MiniCluster cluster, BankIT.MiniClusterFaults faults, ListAppendWorkload w,
                                         GroupName g) throws Exception {
        int leader = BankFaults.awaitLeader(faults, g, n -> true);
        int target = (leader + 1) % cluster.size();
        String outcome;
        try (RaftClient admin = RaftClient.newBuilder().setRaftGroup(cluster.shardMap().raftGroup(g))
                .setProperties(cluster.config(0).raft().clientProperties())
                    .setParameters(cluster.config(0).raft().parameters()).build()) {
            admin.admin().transferLeadership(RaftPeerId.valueOf(cluster.config(target).nodeId()), 10_000);
            outcome = "moved " + g + " from n" + (leader + 1) + " to n" + (target + 1);
        } catch (java.io.IOException e) {
            outcome = "moving " + g + " from n" + (leader + 1) + " failed: " + e.getMessage();
        }
        awaitAcks(w, ACKS_PER_STEP, "after " + outcome);
        return outcome;
    }

    private static void awaitAcks(ListAppendWorkload w, int n, String when) {
        long target = w.ok() + n;
        await(n + " transactions acknowledged " + when).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100)).until(() -> w.ok() >= target);
    }
}
