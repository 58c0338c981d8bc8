package io.shardsql.testkit.txn;

import io.shardsql.common.ShardSqlException;
import io.shardsql.server.ClusterStatus;
import io.shardsql.server.NodeConfig;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.ProcessCluster;
import io.shardsql.txn.CommitStep;
import io.shardsql.txn.impl.TransactionManagerImpl;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bank workload driven from the test JVM as a client of three node processes, while the node
 * leading a shard or {@code coord-0} is killed with {@code kill -9} and restarted, round after round.
 * The nodes finish what dead drivers and dead coordinators left (coordinator recovery, lock
 * resolution) themselves.
 */
@Timeout(600)
class BankProcessKillIT {
    static final int SHARDS = 4;

    @Test
    void transfersKeepTheTotalWhileNodesAreKilledNine() throws Exception {
        long began = System.nanoTime();
        long seed = Long.getLong("bank.seed", System.nanoTime());
        System.out.println("BankProcessKillIT seed " + seed);
        Random random = new Random(seed);
        // The coordinator's leader as a decision is being logged, a shard's leader as a commit prepared
        // there, then either, at any moment.
        // The default run stops after the first two (the commit protocol's two critical moments); -Psoak runs all three.
        List<BankFaults.Fault> schedule = List.of(
                new BankFaults.Fault(GroupName.coord(0), CommitStep.DECIDING),
                new BankFaults.Fault(GroupName.shard(random.nextInt(SHARDS)), CommitStep.PREPARED),
                BankFaults.Fault.now(random.nextBoolean() ? GroupName.coord(0) : GroupName.shard(random.nextInt(SHARDS))))
                .subList(0, Integer.getInteger("bank.process-kill.faults", 3));
        MiniCluster.Builder layout = MiniCluster.builder().nodes(3).shards(SHARDS).set("client.deadline", "20s")
                .set("txn.lock-ttl", "2s").set("txn.lock-wait-timeout", "3s");
        try (ProcessCluster cluster = new ProcessCluster(layout)) {
            cluster.startAll();
            for (int i = 0; i < 3; i++) cluster.awaitReady(i, Duration.ofSeconds(300)); // slow when the machine is busy
            List<NodeConfig> configs = layout.configs(cluster.root());
            NodeConfig c = configs.get(0);
            CommitTrigger trigger = new CommitTrigger();
            TransactionManagerImpl txns = new TransactionManagerImpl(cluster.client(), c.txn(), c.client().deadline(), trigger);
            assertThat(c.txn().lockTtl()).isEqualTo(Duration.ofSeconds(2));
            Bank bank = new Bank(txns, cluster.client(), 100, 1_000, 4);
            bank.setUp();
            System.out.printf("BankProcessKillIT at %ds: accounts set up%n", (System.nanoTime() - began) / 1_000_000_000);
            ProcessFaults faults = new ProcessFaults(cluster, configs);
            List<String> done = new ArrayList<>();
            try {
                try (BankLoad load = new BankLoad(bank, 8, 2, 300, 4, 0.25, seed)) {
                    await("50 transfers acknowledged before the first fault").atMost(Duration.ofSeconds(120))
                        .until(() -> bank.count(Bank.Outcome.ACKED) >= 50);
                    for (BankFaults.Fault g : schedule) {
                        done.add(BankFaults.round(faults, trigger, bank, g, 15));
                        System.out.printf("BankProcessKillIT at %ds: %s; %s%n", (System.nanoTime() - began) / 1_000_000_000, done.get(done.size() - 1), bank.describe());
                    }
                    load.close();
                    assertThat(load.crashes()).as("load threads that died").isEmpty();
                }
                BankFaults.finalChecks(bank, done);
            } catch (Throwable t) {
                keepLogs(cluster, configs);
                throw t;
            }
        }
    }

    /** Copies the nodes' logs out of the cluster's directory (deleted on close) into target/. */
    private static void keepLogs(ProcessCluster cluster, List<NodeConfig> configs) throws IOException {
        Path keep = Path.of("target", "bank-process-kill-logs-" + System.currentTimeMillis());
        Files.createDirectories(keep);
        for (int i = 0; i < configs.size(); i++) {
            String id = configs.get(i).nodeId();
            try (var logs = Files.list(configs.get(i).dataDir())) { // this run's log and those of the runs before
                for (Path log : logs.filter(f -> f.getFileName().toString().startsWith("shardsql.log")).toList()) {
                    Files.copy(log, keep.resolve(id + "-" + log.getFileName()));
                }
            }
            Files.writeString(keep.resolve(id + ".out"), cluster.output(i));
        }
        System.err.println("node logs kept in " + keep.toAbsolutePath());
    }

    /** kill -9 and restart of node processes; leaders as the nodes report them. */
    static final class ProcessFaults implements BankFaults {
        private final ProcessCluster cluster;
        private final List<NodeConfig> configs;
        private volatile int restarting = -1;

        ProcessFaults(ProcessCluster cluster, List<NodeConfig> configs) {
            this.cluster = cluster;
            this.configs = configs;
        }

        /**
         * The replicas' status as one node reports it. A node that is starting answers late or not at all,
         * so the node being restarted is asked last.
         */
        private List<ClusterStatus.Replica> status() {
            ShardSqlException last = null;
            for (int k = 1; k <= configs.size(); k++) {
                int i = (restarting + k) % configs.size(); // restarting == -1: n1 first
                if (!cluster.isAlive(i)) continue;
                try {
                    return ClusterStatus.collect("127.0.0.1", configs.get(i).self().raftPort(),
                            configs.get(i).raft().tls());
                } catch (ShardSqlException e) {
                    last = e;
                }
            }
            if (last != null) throw last;
            throw new IllegalStateException("no node is alive");
        }

        @Override
        public int leaderOf(GroupName g) {
            Optional<ClusterStatus.Replica> leader = status().stream()
                    .filter(r -> r.group().equals(g.toString()) && r.role().equals("LEADER"))
                    .max(Comparator.comparingLong(ClusterStatus.Replica::term));
            if (leader.isEmpty()) return -1;
            int node = Integer.parseInt(leader.get().node().substring(1)) - 1;
            return cluster.isAlive(node) ? node : -1;
        }

        @Override
        public void kill(int node) throws InterruptedException {
            cluster.kill9(node);
        }

        /**
         * Starts the process again and waits until its replicas have caught up (the process's own
         * "ready" line comes much later: it waits for its client to reach every group).
         */
        @Override
        public void restart(int node) throws Exception {
            long t0 = System.nanoTime();
            restarting = node;
            cluster.start(node);
            String id = "n" + (node + 1);
            try {
                awaitCaughtUp(node, id, t0);
            } catch (ConditionTimeoutException e) {
                printGroupLogs(behind(id));
                throw e;
            } finally {
                restarting = -1;
            }
            System.out.printf("%s restarted and caught up after %d ms%n", id, (System.nanoTime() - t0) / 1_000_000);
        }

        private void awaitCaughtUp(int node, String id, long t0) {
            await(id + " caught up").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(ShardSqlException.class)
                    .untilAsserted(() -> {
                        if (!cluster.isAlive(node)) throw new IllegalStateException(id + " exited:\n" + cluster.output(node));
                        List<ClusterStatus.Replica> rows = status();
                        if (Boolean.getBoolean("bank.debug")) System.out.println((System.nanoTime() - t0) / 1_000_000 + " ms\n" + ClusterStatus.format(rows));
                        assertThat(behind(id, rows)).as("groups whose replica on " + id + " has not caught up\n" + ClusterStatus.format(rows))
                                .isEmpty();
                    });
        }

        /**
         * The groups whose replica on node {@code id} is missing or more than a few entries behind the
         * group's highest commit index (under load the leader's commit index moves on).
         */
        private static List<GroupName> behind(String id, List<ClusterStatus.Replica> rows) {
            List<GroupName> out = new ArrayList<>();
            for (GroupName g : BankFaults.groups(SHARDS, 1)) {
                String group = g.toString();
                long maxCommit = rows.stream().filter(r -> r.group().equals(group))
                        .mapToLong(ClusterStatus.Replica::commitIndex).max().orElse(-1);
                long mine = rows.stream().filter(r -> r.group().equals(group) && r.node().equals(id))
                        .mapToLong(ClusterStatus.Replica::appliedIndex).findFirst().orElse(-1);
                if (mine < 0 || mine < maxCommit - 20) out.add(g);
            }
            return out;
        }

        /** {@link #behind(String, List)} as the cluster reports it now; every group if no node answers. */
        private List<GroupName> behind(String id) {
            try {
                return behind(id, status());
            } catch (RuntimeException e) {
                return BankFaults.groups(SHARDS, 1);
            }
        }

        /**
         * Prints what each node logged about the groups that are behind (their replicas' starts, role
         * and leader changes, appends, warnings), so that a CI log, where the node logs are not kept,
         * shows why.
         */
        private void printGroupLogs(List<GroupName> groups) {
            UUID clusterId = configs.get(0).clusterId();
            // Ratis names a group by the short form of its id, our lines by its name, its directories by the whole id.
            List<String> ids = groups.stream().flatMap(g -> java.util.stream.Stream.of(g.groupId(clusterId).toString(),
                    g + ":", g + ")", g + " ", g.groupId(clusterId).getUuid().toString())).toList();
            System.out.println("---- groups behind: " + groups + " = " + ids);
            for (int i = 0; i < configs.size(); i++) {
                Path log = configs.get(i).dataDir().resolve("shardsql.log");
                Path before = log.resolveSibling("shardsql.log.1"); // the node's run before its last restart
                try {
                    List<String> lines = new ArrayList<>();
                    if (Files.exists(before)) lines.addAll(Files.readAllLines(before, java.nio.charset.StandardCharsets.ISO_8859_1));
                    lines.addAll(Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1));
                    List<String> interesting = lines.stream().filter(l -> ids.stream().anyMatch(l::contains)).toList();
                    System.out.println("---- last lines of " + configs.get(i).nodeId() + "'s log about " + groups);
                    // 40 a node, so that all three fit in the 150 lines .ci/run shows of a failed test's output
                    interesting.subList(Math.max(0, interesting.size() - 40), interesting.size())
                            .forEach(l -> System.out.println(l.length() > 400 ? l.substring(0, 400) : l));
                } catch (IOException e) {
                    System.out.println("cannot read " + log + ": " + e);
                }
            }
        }
    }
}
