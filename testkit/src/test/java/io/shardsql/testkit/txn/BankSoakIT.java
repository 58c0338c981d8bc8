package io.shardsql.testkit.txn;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.CommitStep;
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
 * Soak (run with {@code -Psoak}): the bank workload for many fault rounds on a MiniCluster with two
 * coordinator groups. Each round stops the leader of a random group (control, a coordinator or a
 * shard); most rounds keep it down until transfers went on without it, some bring it straight back.
 */
@Tag("soak")
@Timeout(3600)
class BankSoakIT {
    private static final int ROUNDS = Integer.getInteger("soak.rounds", 30);
    private static final int SHARDS = 4;
    private static final int COORDINATORS = 2;

    /** At any moment (null) or as a commit reaches a step this group sees. */
    private static CommitStep stepFor(GroupName g, Random random) {
        if (random.nextInt(3) == 0) return null;
        return switch (g.kind()) {
            case COORD -> random.nextBoolean() ? CommitStep.DECIDING : CommitStep.DECIDED;
            case SHARD -> List.of(CommitStep.PREPARED, CommitStep.DECIDING, CommitStep.DECIDED, CommitStep.RESOLVED).get(random.nextInt(4));
            case CONTROL -> null;
        };
    }

    @Test
    void transfersKeepTheTotalThroughManyLeaderFailures() throws Exception {
        long began = System.nanoTime();
        long seed = Long.getLong("bank.seed", System.nanoTime());
        System.out.println("BankSoakIT seed " + seed + ", " + ROUNDS + " rounds");
        Random random = new Random(seed);
        MiniCluster.Builder b = BankIT.cluster().set("cluster.coordinators", COORDINATORS)
                .set("raft.snapshot.threshold-entries", 2000);
        MiniCluster.run(b, cluster -> {
            List<GroupName> groups = BankFaults.groups(SHARDS, COORDINATORS);
            CommitTrigger trigger = new CommitTrigger();
            Bank bank = new Bank(cluster.transactions(trigger), cluster.client(), 200, 1_000, 4);
            bank.setUp();
            BankFaults faults = new BankIT.MiniClusterFaults(cluster, groups);
            List<String> done = new ArrayList<>();
            try (BankLoad load = new BankLoad(bank, 12, 2, 300, 6, 0.2, seed)) {
                await("50 transfers acknowledged before the first fault").atMost(Duration.ofSeconds(120))
                        .until(() -> bank.count(Bank.Outcome.ACKED) >= 50);
                for (int round = 0; round < ROUNDS; round++) {
                    GroupName group = groups.get(random.nextInt(groups.size()));
                    BankFaults.Fault g = new BankFaults.Fault(group, stepFor(group, random));
                    int minAcks = random.nextInt(4) == 0 ? 0 : 30; // 0: straight back
                    done.add(BankFaults.round(faults, trigger, bank, g, minAcks));
                    System.out.printf("BankSoakIT round %d at %ds: %s; %s%n", round, (System.nanoTime() - began) / 1_000_000_000,
                            done.get(done.size() - 1), bank.describe());
                }
                load.close();
                assertThat(load.crashes()).as("load threads that died").isEmpty();
            }
            Bank.Summary s = BankFaults.finalChecks(bank, done);
            assertThat((long) s.acked()).isGreaterThan(ROUNDS * 30L);
        });
    }
}
