package io.shardsql.testkit.txn;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.CommitStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bank workload on a three-node MiniCluster with four shards, while the leaders of shards, of
 * {@code coord-0} and of {@code control} are stopped and restarted round after round. Every audit
 * must see the invariant total, and at the end the database must agree with the bank's log.
 */
@Timeout(240)
class BankIT {
    static final int SHARDS = 4;

    static MiniCluster.Builder cluster() {
        return MiniCluster.builder().nodes(3).shards(SHARDS)
                .set("client.deadline", "20s")
                .set("txn.lock-ttl", "2s")
                .set("txn.lock-wait-timeout", "3s")
                .set("txn.recovery-interval", "1s")
                .set("gc.interval", System.getProperty("bank.gc.interval", "5s"))
                .set("gc.retention", System.getProperty("bank.gc.retention", "15s"));
    }

    @Test
    void transfersKeepTheTotalWhileLeadersAreStoppedAndRestarted() throws Exception {
        long began = System.nanoTime();
        long seed = Long.getLong("bank.seed", System.nanoTime());
        System.out.println("BankIT seed " + seed + " (-Dbank.seed=" + seed + " to repeat the fault schedule)");
        Random random = new Random(seed);
        // Each kind of leader at least once — the coordinator's, shards', the timestamp oracle's — some
        // the moment a commit reaches a given step there.
        List<BankFaults.Fault> schedule = List.of(
                new BankFaults.Fault(GroupName.coord(0), CommitStep.DECIDING),
                new BankFaults.Fault(GroupName.shard(random.nextInt(SHARDS)), CommitStep.PREPARED),
                BankFaults.Fault.now(GroupName.CONTROL),
                new BankFaults.Fault(GroupName.coord(0), CommitStep.DECIDED),
                new BankFaults.Fault(GroupName.shard(random.nextInt(SHARDS)), random.nextBoolean() ? CommitStep.RESOLVED : null));
        MiniCluster.run(cluster(), cluster -> {
            CommitTrigger trigger = new CommitTrigger();
            Bank bank = new Bank(cluster.transactions(trigger), cluster.client(), 100, 1_000, 4);
            bank.setUp();
            System.out.printf("BankIT at %ds: accounts set up%n", (System.nanoTime() - began) / 1_000_000_000);
            BankFaults faults = new MiniClusterFaults(cluster, BankFaults.groups(SHARDS, 1));
            List<String> done = new ArrayList<>();
            try (BankLoad load = new BankLoad(bank, 8, 2, 300, 4, 0.25, seed)) {
                await("50 transfers acknowledged before the first fault").atMost(Duration.ofSeconds(120))
                        .until(() -> bank.count(Bank.Outcome.ACKED) >= 50);
                for (BankFaults.Fault g : schedule) {
                    done.add(BankFaults.round(faults, trigger, bank, g, 15));
                    System.out.printf("BankIT at %ds: %s; %s%n", (System.nanoTime() - began) / 1_000_000_000, done.get(done.size() - 1), bank.describe());
                }
                load.close();
                assertThat(load.crashes()).as("load threads that died").isEmpty();
            }
            BankFaults.finalChecks(bank, done);
        });
    }

    /** Stops and restarts MiniCluster nodes. */
    static final class MiniClusterFaults implements BankFaults {
        private final MiniCluster cluster;
        private final List<GroupName> groups;

        MiniClusterFaults(MiniCluster cluster, List<GroupName> groups) {
            this.cluster = cluster;
            this.groups = groups;
        }

        @Override
        public int leaderOf(GroupName g) {
            return cluster.leaderOf(g).orElse(-1);
        }

        @Override
        public void kill(int node) { cluster.stopNode(node); }

        @Override
        public void restart(int node) {
            cluster.startNode(node);
            for (GroupName g : groups) {
                // Read where the leader's log is in one step: leadership may move between two looks (the
                // balancer hands groups back to the node that just came back).
                long target = await(g + " has a leader").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> cluster.leaderOf(g).map(l -> cluster.division(l, g).getRaftLog().getLastCommittedIndex()),
                                java.util.Optional::isPresent)
                        .orElseThrow();
                await("n" + (node + 1) + " caught up on " + g).atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> cluster.division(node, g).getInfo().getLastAppliedIndex() >= target);
            }
        }
    }
}
