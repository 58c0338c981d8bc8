package io.shardsql.testkit.txn;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.txn.CommitStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How a bank test kills and restarts nodes (in one JVM or as processes), and the rounds it runs. */
interface BankFaults {

    /** The node that leads {@code g} now, or -1. */
    int leaderOf(GroupName g);

    /** Takes node {@code node} down. */
    void kill(int node) throws Exception;

    /** Brings node {@code node} back and waits until it has caught up with every group. */
    void restart(int node) throws Exception;

    /** Every group of a cluster with {@code shards} shards and {@code coordinators} coordinator groups. */
    static List<GroupName> groups(int shards, int coordinators) {
        List<GroupName> out = new ArrayList<>(List.of(GroupName.CONTROL));
        for (int k = 0; k < coordinators; k++) out.add(GroupName.coord(k));
        for (int s = 0; s < shards; s++) out.add(GroupName.shard(s));
        return out;
    }

    /** A fault: the leader of {@code group} goes down, at once or ({@code at} not null) as a commit reaches {@code at} on it. */
    record Fault(GroupName group, CommitStep at) {
        static Fault now(GroupName group) { return new Fault(group, null); }

        @Override
        public String toString() { return at == null ? group.toString() : group + "@" + at; }
    }

    /**
     * One fault round: the leader of the fault's group goes down (if the fault names a commit step,
     * the moment a commit reaches it there, through {@code trigger}); a new leader must be elected and
     * {@code minAcks} transfers acknowledged while the node is down; it comes back and catches up, and
     * {@code minAcks} more transfers are acknowledged. Returns what was done.
     */
    static String round(BankFaults faults, CommitTrigger trigger, Bank bank, Fault fault, int minAcks) throws Exception {
        try {
            return roundOrThrow(faults, trigger, bank, fault, minAcks);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("---- threads when '" + e.getMessage() + "' ----\n" + threadDump());
            throw e;
        }
    }

    private static String roundOrThrow(BankFaults faults, CommitTrigger trigger, Bank bank, Fault fault, int minAcks) throws Exception {
        GroupName g = fault.group();
        int leader = awaitLeader(faults, g, n -> true);
        String when = "";
        if (fault.at() != null) {
            long startTs = trigger.awaitFired(fault.at(), g.toString(), Duration.ofSeconds(60));
            when = " as txn " + startTs + " reached " + fault.at();
            bank.afterwards(startTs, fault.toString());
        }
        long killedAt = System.nanoTime();
        faults.kill(leader);
        awaitLeader(faults, g, n -> n != leader);
        await(minAcks + " transfers acknowledged while n" + (leader + 1) + " is down; " + bank.describe())
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> bank.ackedAfter(killedAt) >= minAcks);
        long restartedAt = System.nanoTime();
        faults.restart(leader);
        await(minAcks + " transfers acknowledged after n" + (leader + 1) + " came back; " + bank.describe())
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> bank.ackedAfter(restartedAt) >= minAcks);
        return "n" + (leader + 1) + " (leader of " + g + ")" + when + " down for " + (restartedAt - killedAt) / 1_000_000 + " ms";
    }

    /** Waits until {@code g} has a leader that satisfies {@code ok}, and returns it. */
    static int awaitLeader(BankFaults faults, GroupName g, java.util.function.IntPredicate ok) {
        java.util.concurrent.atomic.AtomicInteger found = new java.util.concurrent.atomic.AtomicInteger(-1);
        await("a leader of " + g).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    int now = faults.leaderOf(g);
                    found.set(now);
                    return now >= 0 && ok.test(now);
                });
        return found.get();
    }

    /** Every thread's stack, for a round that got stuck. */
    static String threadDump() {
        StringBuilder sb = new StringBuilder();
        for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            sb.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
            if (t.getLockName() != null) sb.append(" on ").append(t.getLockName());
            sb.append('\n');
            for (StackTraceElement f : t.getStackTrace()) sb.append("    at ").append(f).append('\n');
        }
        return sb.toString();
    }

    /**
     * After the load stopped: the database agrees with the bank's log (twice: once as found, once
     * after every lock left by the faults was resolved), and every audit saw the invariant.
     */
    static Bank.Summary finalChecks(Bank bank, List<String> rounds) {
        System.out.println("bank after " + rounds.size() + " fault rounds " + rounds + ": " + bank.describe());
        assertThat(bank.unexpectedErrors()).as("errors other than ShardSqlException").isEmpty();
        Bank.Summary first = bank.verify();
        bank.awaitNoLocks(Duration.ofSeconds(60));
        Bank.Summary settled = bank.verify();
        assertThat(settled.unknownPresent()).as("unknown transfers present, before and after locks settled")
                .isEqualTo(first.unknownPresent());
        assertThat(bank.auditViolations()).isEmpty();
        assertThat(bank.audits()).as("audits").isGreaterThanOrEqualTo(10);
        assertThat(settled.acked()).as("acknowledged transfers").isGreaterThanOrEqualTo(100);
        System.out.println("bank verified: " + settled + "; errors of failed/unknown transfers: " + bank.errors());
        System.out.println("transfers that were committing when a fault struck:" + bank.struck());
        return settled;
    }
}
