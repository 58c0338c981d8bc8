package io.shardsql.testkit.txn;

import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.CommitStep;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.shardsql.testkit.txn.TxnChecks.keysOnDistinctShards;
import static io.shardsql.testkit.txn.TxnChecks.locksLeft;
import static io.shardsql.testkit.txn.TxnChecks.readAll;
import static io.shardsql.testkit.txn.TxnChecks.wholeOrAbsent;
import static io.shardsql.testkit.txn.TxnChecks.writeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The process driving a transaction dies at each step of the commit protocol (a hook throws
 * {@link CommitHook.DriverCrash}: nothing more is sent). Whatever it left — locks without a decision,
 * a decision nobody pushed, half-resolved locks — the rest of the system finishes: the transaction
 * ends wholly committed (once the decision is logged) or wholly absent (before), and no lock stays.
 */
@Timeout(120)
class DriverCrashIT {
    private static MiniCluster cluster;
    private static final AtomicInteger cases = new AtomicInteger();

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(4)
                .set("txn.lock-ttl", "1s").set("txn.recovery-interval", "300ms").start();
        cluster.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    static Stream<Arguments> crashes() {
        return Stream.of(
                Arguments.of(1, CommitStep.PREPARED, 1, false),
                Arguments.of(1, CommitStep.DECIDING, 1, false),
                Arguments.of(1, CommitStep.DECIDED, 1, true),
                Arguments.of(3, CommitStep.PREPARED, 1, false),  // after the first of three shards prepared
                Arguments.of(3, CommitStep.PREPARED, 2, false),  // after two of three
                Arguments.of(3, CommitStep.DECIDING, 1, false),  // all prepared, no decision
                Arguments.of(3, CommitStep.DECIDED, 1, true),    // decided, nothing pushed
                Arguments.of(3, CommitStep.RESOLVED, 1, true),   // in the middle of lock resolution
                Arguments.of(3, CommitStep.RESOLVED, 2, true));
    }

    @ParameterizedTest(name = "{0} shard(s), driver dies at {1} #{2}")
    @MethodSource("crashes")
    void theClusterFinishesWhatADeadDriverLeft(int shards, CommitStep step, int occurrence, boolean decided) {
        String prefix = "crash-" + cases.incrementAndGet();
        List<byte[]> keys = keysOnDistinctShards(cluster.client(), prefix, shards);
        TransactionManager plain = cluster.transactions();
        writeAll(plain, keys, "before");

        AtomicInteger seen = new AtomicInteger();
        CommitHook dieThere = (s, startTs, group) -> {
            if (s == step && seen.incrementAndGet() == occurrence) throw new CommitHook.DriverCrash("driver dies at " + s);
        };
        TransactionManager dying = cluster.transactions(dieThere);
        if (step == CommitStep.RESOLVED) {
            // the push runs after commit returns: the caller is answered, then the driver dies mid-way
            writeAll(dying, keys, "after");
        } else {
            assertThatThrownBy(() -> writeAll(dying, keys, "after")).isInstanceOf(CommitHook.DriverCrash.class);
        }
        assertThat(dying.inFlight()).extracting(TxnInfo::startTs).isEmpty();

        // Nobody reads these keys: the coordinator's recovery and the lock TTL finish it on their own,
        // driven here by the garbage collection's lock sweep and the coordinator recovery of the nodes.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sweepAndRecover();
            return locksLeft(cluster.client()) == 0;
        });
        assertThat(wholeOrAbsent(plain, keys, "after", "before")).isEqualTo(decided);
    }

    static Stream<Arguments> crashesOnSeveralShards() {
        return crashes().filter(a -> (int) a.get()[0] > 1);
    }

    @ParameterizedTest(name = "{0} shard(s), driver dies at {1}; a reader finishes it")
    @MethodSource("crashes")
    void aReaderMeetingTheLocksFinishesIt(int shards, CommitStep step, int occurrence, boolean decided) {
        readerFinishes(shards, step, occurrence, decided, false);
    }

    @ParameterizedTest(name = "{0} shard(s), driver dies at {1} #{2}; a reader of all keys at once finishes it")
    @MethodSource("crashesOnSeveralShards")
    void aReaderOfAllKeysAtOnceMeetingTheLocksFinishesIt(int shards, CommitStep step, int occurrence, boolean decided) {
        readerFinishes(shards, step, occurrence, decided, true);
    }

    private void readerFinishes(int shards, CommitStep step, int occurrence, boolean decided, boolean together) {
        String prefix = "crash-read-" + cases.incrementAndGet();
        List<byte[]> keys = keysOnDistinctShards(cluster.client(), prefix, shards);
        TransactionManager plain = cluster.transactions();
        writeAll(plain, keys, "before");
        AtomicInteger seen = new AtomicInteger();
        TransactionManager dying = cluster.transactions((s, startTs, group) -> {
            if (s == step && seen.incrementAndGet() == occurrence) throw new CommitHook.DriverCrash("driver dies at " + s);
        });
        try {
            writeAll(dying, keys, "after");
        } catch (CommitHook.DriverCrash expected) {
            // the driver is gone
        }
        // A reader right away: it waits for undecided locks until their TTL passes, then aborts them.
        assertThat(wholeOrAbsent(plain, keys, "after", "before", together)).isEqualTo(decided);
    }

    /**
     * The opposite case: a driver that is alive but slow (paused between prepare and decision for three
     * lock TTLs) keeps its locks by heartbeats. The lock sweep, coordinator recovery and a reader that meets
     * its locks meanwhile all leave it alone, and it commits.
     */
    @Test
    void aSlowDriverKeepsItsLocksPastTheirTtlAndCommits() throws Exception {
        List<byte[]> keys = keysOnDistinctShards(cluster.client(), "slow-" + cases.incrementAndGet(), 3);
        TransactionManager plain = cluster.transactions();
        writeAll(plain, keys, "before");
        CountDownLatch deciding = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        TransactionManager slow = cluster.transactions((s, startTs, group) -> {
            if (s != CommitStep.DECIDING) return;
            deciding.countDown();
            try {
                goOn.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // Own threads: the paused commit and the waiting reader must not hold the common pool Ratis runs on.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Long> commit = CompletableFuture.supplyAsync(() -> writeAll(slow, keys, "after"), threads);
        assertThat(deciding.await(30, TimeUnit.SECONDS)).isTrue();
        long pausedAt = System.nanoTime();
        CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> readAll(plain, keys), threads);
        // Three TTLs of sweeps and recovery while the driver is paused: none may abort it.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sweepAndRecover();
            return System.nanoTime() - pausedAt > Duration.ofSeconds(3).toNanos();
        });
        assertThat(reader).as("the reader waits for the live transaction").isNotDone();
        goOn.countDown();

        assertThat(commit.get(30, TimeUnit.SECONDS)).isPositive();
        // It began before the commit timestamp was taken: it waited for the decision, then read below it.
        assertThat(reader.get(30, TimeUnit.SECONDS)).containsOnly("before");
        assertThat(wholeOrAbsent(plain, keys, "after", "before")).isTrue();
        threads.shutdown();
    }

    private static void sweepAndRecover() {
        for (int i = 0; i < cluster.size(); i++) {
            if (!cluster.isRunning(i)) continue;
            cluster.node(i).txnServices().recoverNow();
            cluster.node(i).txnServices().collectNow();
        }
    }
}
