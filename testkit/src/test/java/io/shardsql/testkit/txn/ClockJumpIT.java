package io.shardsql.testkit.txn;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.testkit.JumpingClock;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.CommitStep;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.shardsql.testkit.txn.TxnChecks.bytes;
import static io.shardsql.testkit.txn.TxnChecks.keysOnDistinctShards;
import static io.shardsql.testkit.txn.TxnChecks.readAll;
import static io.shardsql.testkit.txn.TxnChecks.wholeOrAbsent;
import static io.shardsql.testkit.txn.TxnChecks.writeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Wall-clock jumps (docs/transactions.md, "Clocks"). Each node reads a {@link JumpingClock}; while
 * three clients (one per node, each on its node's clock) increment one shared counter and write a key of
 * their own per transaction, one node's clock jumps five minutes forward while it follows, then leads
 * the oracle ({@code control}), then jumps ten minutes back while it leads, and the oracle's leadership
 * moves off it and back. Checked throughout:
 * <ul>
 *   <li>no timestamp goes back in real time: every one issued (start and commit) is above every one
 *       issued before its request was made, across leader changes;</li>
 *   <li>nothing acknowledged is lost and no update is lost: the counter equals the number of its
 *       committed increments, which are the acknowledged ones plus some of those whose outcome is
 *       unknown, and every acknowledged transaction's own key is there;</li>
 *   <li>a live transaction's locks are not presumed dead because a follower's clock is ahead (lock TTLs
 *       count in the oracle's time); a forward jump of the oracle's own clock may age them at once,
 *       but then the write-once decision keeps it correct: the transaction is whole or absent, and
 *       committed exactly when its commit said so;</li>
 *   <li>a dead driver's locks are still recovered within a few TTLs after the oracle's clock went back,
 *       and after the oracle moved from a clock ahead to one behind (the oracle's time keeps advancing
 *       with elapsed time instead of waiting for the wall clock to catch up).</li>
 * </ul>
 */
@Timeout(180)
class ClockJumpIT {
    private static final Duration JUMP = Duration.ofMinutes(5);
    private static final byte[] COUNTER = bytes("clock-jump/counter");

    /** One timestamp: when its request was made and answered (nanoTime), and the timestamp. */
    record Issued(long invoked, long completed, long ts, String what) {}

    private final ConcurrentLinkedQueue<Issued> issued = new ConcurrentLinkedQueue<>();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unknown = new AtomicInteger();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    @Test
    void timestampsLocksAndWritesSurviveClockJumps() throws Exception {
        JumpingClock[] clocks = {new JumpingClock(), new JumpingClock(), new JumpingClock()};
        MiniCluster.Builder builder = MiniCluster.builder().nodes(3).shards(3)
                .set("raft.leader-balance.interval", "0s").set("txn.lock-ttl", "1s")
                .set("txn.recovery-interval", "300ms").set("txn.lock-wait-timeout", "20s");
        for (int i = 0; i < clocks.length; i++) builder.clock(i, clocks[i]);
        MiniCluster.run(builder, cluster -> {
            ExecutorService clients = Executors.newFixedThreadPool(3);
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int node = i;
                workers.add(CompletableFuture.runAsync(() -> work(cluster.node(node).transactions(), node), clients));
            }
            try {
                awaitProgress();
                int oracle = cluster.leaderOf(GroupName.CONTROL).orElseThrow();
                int jumped = (oracle + 1) % 3;
                int other = (oracle + 2) % 3;

                log("node " + jumped + " (a follower of control) jumps " + JUMP + " forward");
                clocks[jumped].setOffset(JUMP);
                aFollowersClockAheadDoesNotAgeLiveLocks(cluster, jumped);
                awaitProgress();

                log("control's leadership moves to node " + jumped + ", whose clock is ahead");
                aLeadersJumpForwardKeepsCommitsWholeOrAbsent(cluster, jumped);
                awaitProgress();

                log("node " + jumped + " (control's leader) jumps " + JUMP.multipliedBy(2) + " back");
                clocks[jumped].setOffset(JUMP.negated());
                awaitProgress();
                aDeadDriversLocksAreRecovered(cluster, "after the oracle's clock went back");

                moveControlLeader(cluster, other);
                log("control's leadership moved to node " + other + " (true clock) after the oracle ran ahead");
                awaitProgress();
                aDeadDriversLocksAreRecovered(cluster, "after the oracle moved to a clock behind its time");

                moveControlLeader(cluster, jumped);
                log("control's leadership moved back to node " + jumped + ", whose clock is behind");
                awaitProgress();
            } finally {
                running.set(false);
                CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                clients.shutdown();
            }
            checkHistory(cluster);
        });
    }

    // ---- the workload ---------------------------------------------------------------------------

    private void work(TransactionManager txns, int node) {
        for (int n = 0; running.get(); n++) {
            String own = "clock-jump/n" + node + "/" + n;
            long began = System.nanoTime();
            Transaction tx;
            try {
                tx = txns.begin(TxnMode.READ_WRITE);
            } catch (ShardSqlException e) {
                if (!e.retryable()) unexpected.add("begin: " + e);
                continue;
            }
            issued.add(new Issued(began, System.nanoTime(), tx.startTs(), "start on node " + node));
            long committing = 0;
            try (tx) {
                long value = tx.get(COUNTER).map(v -> Long.parseLong(new String(v, StandardCharsets.UTF_8))).orElse(0L);
                tx.put(COUNTER, bytes(Long.toString(value + 1)));
                tx.put(bytes(own), bytes("x"));
                committing = System.nanoTime();
                long commitTs = tx.commit();
                issued.add(new Issued(committing, System.nanoTime(), commitTs, "commit on node " + node));
                acked.add(own);
            } catch (ShardSqlException e) {
                if (committing != 0 && !definitelyNotCommitted(e.code())) {
                    unknown.incrementAndGet();
                } else if (e.retryable()) {
                    conflicts.incrementAndGet();
                } else {
                    unexpected.add("node " + node + ": " + e);
                }
            }
        }
    }

    private static boolean definitelyNotCommitted(ErrorCode code) {
        return switch (code) {
            case WRITE_CONFLICT, KEY_LOCKED, LOCK_WAIT_TIMEOUT, TXN_ABORTED, SNAPSHOT_TOO_OLD -> true;
            default -> false;
        };
    }

    /** Waits for 15 more acknowledged transactions. */
    private void awaitProgress() {
        int target = acked.size() + 15;
        await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= target);
    }

    // ---- the checks during the run --------------------------------------------------------------

    /**
     * A transaction paused between prepare and decision for three TTLs (heartbeating) while a reader on
     * the node whose clock is ahead meets its locks, and that node's lock sweep and recovery run: nothing
     * may abort it (the locks' age is measured in the oracle's time, not the reader's clock).
     */
    private void aFollowersClockAheadDoesNotAgeLiveLocks(MiniCluster cluster, int jumped) throws Exception {
        List<byte[]> keys = keysOnDistinctShards(cluster.client(), "clock-jump/slow", 3);
        TransactionManager plain = cluster.transactions();
        writeAll(plain, keys, "before");
        CountDownLatch deciding = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        TransactionManager slow = cluster.transactions(pauseAt(CommitStep.DECIDING, deciding, goOn));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Long> commit = CompletableFuture.supplyAsync(() -> writeAll(slow, keys, "after"), threads);
            assertThat(deciding.await(30, TimeUnit.SECONDS)).isTrue();
            long pausedAt = System.nanoTime();
            TransactionManager ahead = cluster.node(jumped).transactions();
            CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> readAll(ahead, keys), threads);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                cluster.node(jumped).txnServices().recoverNow();
                cluster.node(jumped).txnServices().collectNow();
                return System.nanoTime() - pausedAt > Duration.ofSeconds(3).toNanos();
            });
            assertThat(reader).as("the reader on the node ahead waits for the live transaction").isNotDone();
            goOn.countDown();
            assertThat(commit.get(30, TimeUnit.SECONDS)).isPositive();
            assertThat(reader.get(30, TimeUnit.SECONDS)).containsOnly("before");
            assertThat(wholeOrAbsent(plain, keys, "after", "before")).isTrue();
        } finally {
            goOn.countDown();
            threads.shutdown();
        }
    }

    /**
     * A transaction paused between prepare and decision while the oracle moves to the node whose clock is
     * five minutes ahead: its locks are suddenly five minutes old in the oracle's time, and a reader may
     * abort it before its next heartbeat. Whatever happens, it is whole or absent, and committed exactly
     * when its commit returned.
     */
    private void aLeadersJumpForwardKeepsCommitsWholeOrAbsent(MiniCluster cluster, int jumped) throws Exception {
        List<byte[]> keys = keysOnDistinctShards(cluster.client(), "clock-jump/leader-ahead", 3);
        TransactionManager plain = cluster.transactions();
        writeAll(plain, keys, "before");
        CountDownLatch deciding = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        TransactionManager slow = cluster.transactions(pauseAt(CommitStep.DECIDING, deciding, goOn));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Long> commit = CompletableFuture.supplyAsync(() -> writeAll(slow, keys, "after"), threads);
            assertThat(deciding.await(30, TimeUnit.SECONDS)).isTrue();
            moveControlLeader(cluster, jumped);
            CompletableFuture<List<String>> reader = CompletableFuture.supplyAsync(() -> readAll(plain, keys), threads);
            long movedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (int i = 0; i < cluster.size(); i++) cluster.node(i).txnServices().collectNow();
                return reader.isDone() || System.nanoTime() - movedAt > Duration.ofSeconds(2).toNanos();
            });
            goOn.countDown();
            boolean committed;
            try {
                commit.get(30, TimeUnit.SECONDS);
                committed = true;
            } catch (java.util.concurrent.ExecutionException e) {
                ShardSqlException failure = ShardSqlException.find(e);
                assertThat(failure).as("the commit failed cleanly: %s", e.getCause()).isNotNull();
                assertThat(failure.code()).isEqualTo(ErrorCode.TXN_ABORTED);
                committed = false;
            }
            log("the paused transaction " + (committed ? "committed (a heartbeat came first)"
                    : "was aborted as abandoned (the jump aged its locks before its next heartbeat)"));
            assertThat(wholeOrAbsent(plain, keys, "after", "before")).isEqualTo(committed);
            reader.get(30, TimeUnit.SECONDS);
        } finally {
            goOn.countDown();
            threads.shutdown();
        }
    }

    /**
     * A driver dies between prepare and decision; a reader of its keys must get through within a few
     * TTLs (its locks expire in the oracle's time, which must keep advancing).
     */
    private void aDeadDriversLocksAreRecovered(MiniCluster cluster, String when) {
        List<byte[]> keys = keysOnDistinctShards(cluster.client(), "clock-jump/dead-" + unknown.get() + "-"
                + System.nanoTime(), 3);
        TransactionManager plain = cluster.transactions();
        writeAll(plain, keys, "before");
        TransactionManager dying = cluster.transactions((s, startTs, group) -> {
            if (s == CommitStep.DECIDING) throw new CommitHook.DriverCrash("driver dies before deciding");
        });
        assertThatThrownBy(() -> writeAll(dying, keys, "after")).isInstanceOf(CommitHook.DriverCrash.class);
        long t0 = System.nanoTime();
        assertThat(wholeOrAbsent(plain, keys, "after", "before")).as(when).isFalse();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        log("a dead driver's locks were recovered in " + took.toMillis() + " ms " + when);
        assertThat(took).as(when).isLessThan(Duration.ofSeconds(10));
    }

    private static CommitHook pauseAt(CommitStep step, CountDownLatch reached, CountDownLatch goOn) {
        return (s, startTs, group) -> {
            if (s != step) return;
            reached.countDown();
            try {
                goOn.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    // ---- the checks at the end ------------------------------------------------------------------

    private void checkHistory(MiniCluster cluster) {
        List<Issued> all = new ArrayList<>(issued);
        assertThat(wentBack(List.of(new Issued(0, 1, 10, "a"), new Issued(2, 3, 5, "b"), new Issued(0, 9, 4, "c"))))
                .as("the check itself: b was asked for after a was answered, c overlapped both").hasSize(1);
        log(all.size() + " timestamps issued, " + acked.size() + " transactions acknowledged, " + unknown.get()
                + " of unknown outcome, " + conflicts.get() + " conflicts/aborts");
        assertThat(unexpected).isEmpty();
        assertThat(wentBack(all)).as("timestamps that went back in real time").isEmpty();

        TransactionManager plain = cluster.transactions();
        try (Transaction tx = plain.begin(TxnMode.READ_ONLY)) {
            long counter = tx.get(COUNTER).map(v -> Long.parseLong(new String(v, StandardCharsets.UTF_8))).orElse(0L);
            assertThat(counter).as("committed increments").isBetween((long) acked.size(),
                    (long) acked.size() + unknown.get());
            for (String own : acked) assertThat(tx.get(bytes(own))).as(own).isPresent();
        }
    }

    /** Every timestamp not above all those whose request was answered before its own was made. */
    static List<String> wentBack(List<Issued> all) {
        List<Issued> byCompletion = new ArrayList<>(all);
        byCompletion.sort(Comparator.comparingLong(Issued::completed));
        Issued[] highestSoFar = new Issued[byCompletion.size()];
        for (int i = 0; i < byCompletion.size(); i++) {
            Issued x = byCompletion.get(i);
            highestSoFar[i] = i > 0 && highestSoFar[i - 1].ts() > x.ts() ? highestSoFar[i - 1] : x;
        }
        List<String> back = new ArrayList<>();
        for (Issued b : all) {
            int lo = 0;
            int hi = byCompletion.size(); // first index completed at or after b's invocation
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (byCompletion.get(mid).completed() < b.invoked()) lo = mid + 1;
                else hi = mid;
            }
            if (lo > 0 && highestSoFar[lo - 1].ts() >= b.ts()) {
                back.add(b + " is not above " + highestSoFar[lo - 1] + ", issued before it was asked for");
            }
        }
        return back;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void moveControlLeader(MiniCluster cluster, int to) throws Exception {
        RaftPeerId target = RaftPeerId.valueOf(cluster.config(to).nodeId());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            if (cluster.leaderOf(GroupName.CONTROL).equals(Optional.of(to))) return true;
            try (RaftClient admin = RaftClient.newBuilder()
                    .setRaftGroup(cluster.shardMap().raftGroup(GroupName.CONTROL))
                    .setProperties(cluster.config(0).raft().clientProperties())
                    .setParameters(cluster.config(0).raft().parameters()).build()) {
                admin.admin().transferLeadership(target, 10_000);
            }
            return cluster.leaderOf(GroupName.CONTROL).equals(Optional.of(to));
        });
    }

    private static void log(String what) {
        System.out.println("[clock-jump] " + what);
    }
}
