package io.shardsql.testkit.txn;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.CommitStep;
import io.shardsql.txn.TransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.shardsql.testkit.txn.TxnChecks.keysOnDistinctShards;
import static io.shardsql.testkit.txn.TxnChecks.locksLeft;
import static io.shardsql.testkit.txn.TxnChecks.wholeOrAbsent;
import static io.shardsql.testkit.txn.TxnChecks.writeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Leaders die in the middle of a commit: the coordinator's leader before, during and after it logs the
 * decision; a participant's leader during prepare and before it resolves. Each transaction ends wholly
 * committed or wholly aborted, a new leader finishes it, and no lock is left.
 */
@Timeout(180)
class CommitFailoverIT {
    private static MiniCluster cluster;
    private static final AtomicInteger cases = new AtomicInteger();

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(4)
                .set("txn.lock-ttl", "2s").set("txn.recovery-interval", "300ms").set("client.deadline", "30s").start();
        cluster.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @AfterEach
    void restartStoppedNodes() {
        for (int i = 0; i < cluster.size(); i++) {
            if (!cluster.isRunning(i)) cluster.startNode(i);
        }
        cluster.awaitReady();
    }

    /** A hook that runs {@code action} the first time the commit reaches {@code step}. */
    private static CommitHook once(CommitStep step, Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return (s, startTs, group) -> {
            if (s == step && done.compareAndSet(false, true)) action.run();
        };
    }

    private static int stopLeaderOf(GroupName group) {
        int leader = cluster.leaderOf(group).orElseThrow();
        cluster.stopNode(leader);
        return leader;
    }

    /**
     * Keys on {@code shards} distinct shards, written once. The previous case may have left a group
     * electing a leader; a setup write whose commit outlives the short lock TTL meanwhile is aborted by
     * recovery (nothing of it stays), so it is simply written again.
     */
    private List<byte[]> freshKeys(int shards) {
        List<byte[]> keys = keysOnDistinctShards(cluster.client(), "failover-" + cases.incrementAndGet(), shards);
        for (int attempt = 1; ; attempt++) {
            try {
                writeAll(cluster.transactions(), keys, "before");
                return keys;
            } catch (ShardSqlException e) {
                if (attempt == 5 || (e.code() != ErrorCode.TXN_ABORTED && !e.retryable())) throw e;
            }
        }
    }

    @Test
    void coordinatorLeaderDiesBeforeTheDecision() {
        List<byte[]> keys = freshKeys(3);
        TransactionManager txns = cluster.transactions(once(CommitStep.DECIDING, () -> stopLeaderOf(GroupName.coord(0))));
        writeAll(txns, keys, "after"); // the decision goes to the new leader
        assertThat(wholeOrAbsent(cluster.transactions(), keys, "after", "before")).isTrue();
        awaitNoLocks();
    }

    @Test
    void coordinatorLeaderDiesWhileTheDecisionIsLogged() throws Exception {
        List<byte[]> keys = freshKeys(3);
        int leader = cluster.leaderOf(GroupName.coord(0)).orElseThrow();
        Thread killer = new Thread(() -> cluster.stopNode(leader));
        TransactionManager txns = cluster.transactions(once(CommitStep.DECIDING, () -> {
            killer.start(); // races the decision entry
            java.util.concurrent.locks.LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(5_000_000));
        }));
        boolean acknowledged;
        try {
            writeAll(txns, keys, "after");
            acknowledged = true;
        } catch (ShardSqlException e) {
            acknowledged = false; // aborted or outcome unknown: either way all or nothing below
        }
        killer.join();
        boolean present = wholeOrAbsent(cluster.transactions(), keys, "after", "before");
        if (acknowledged) assertThat(present).isTrue();
        awaitNoLocks();
    }

    @Test
    void coordinatorLeaderAndDriverDieAfterTheDecision() {
        List<byte[]> keys = freshKeys(3);
        TransactionManager txns = cluster.transactions(once(CommitStep.DECIDED, () -> {
            stopLeaderOf(GroupName.coord(0));
            throw new CommitHook.DriverCrash("driver dies after the decision");
        }));
        assertThatThrownBy(() -> writeAll(txns, keys, "after")).isInstanceOf(CommitHook.DriverCrash.class);
        // Nobody reads: the new coordinator leader's recovery pushes the decision to the participants.
        awaitNoLocks();
        assertThat(wholeOrAbsent(cluster.transactions(), keys, "after", "before")).isTrue();
    }

    @Test
    void participantLeaderDiesDuringPrepare() {
        List<byte[]> keys = freshKeys(3);
        int lastShard = cluster.client().shardOf(keys.get(2));
        TransactionManager txns = cluster.transactions(once(CommitStep.PREPARED, () -> stopLeaderOf(GroupName.shard(lastShard))));
        boolean acknowledged;
        try {
            writeAll(txns, keys, "after");
            acknowledged = true;
        } catch (ShardSqlException e) {
            acknowledged = false;
        }
        boolean present = wholeOrAbsent(cluster.transactions(), keys, "after", "before");
        assertThat(present).isEqualTo(acknowledged);
        awaitNoLocks();
    }

    @Test
    void participantLeaderDiesBeforeResolvingItsLocks() {
        List<byte[]> keys = freshKeys(3);
        int firstShard = cluster.client().shardOf(keys.get(0));
        TransactionManager txns = cluster.transactions(once(CommitStep.DECIDED, () -> stopLeaderOf(GroupName.shard(firstShard))));
        writeAll(txns, keys, "after");
        awaitNoLocks(); // the push reaches the new leader (or recovery does)
        assertThat(wholeOrAbsent(cluster.transactions(), keys, "after", "before")).isTrue();
    }

    @Test
    void singleShardCommitSurvivesItsLeaderDying() {
        List<byte[]> keys = freshKeys(1);
        int shard = cluster.client().shardOf(keys.get(0));
        TransactionManager txns = cluster.transactions(once(CommitStep.DECIDING, () -> stopLeaderOf(GroupName.shard(shard))));
        writeAll(txns, keys, "after");
        assertThat(wholeOrAbsent(cluster.transactions(), keys, "after", "before")).isTrue();
        awaitNoLocks();
    }

    private static void awaitNoLocks() {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> locksLeft(cluster.client()) == 0);
    }
}
