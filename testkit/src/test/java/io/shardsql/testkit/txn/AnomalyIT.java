package io.shardsql.testkit.txn;

import io.shardsql.txn.log.NextTimestamps;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.CommitStep;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Snapshot isolation on a real three-node cluster: the classic anomalies it must prevent, each as an
 * explicit interleaving of two or three transactions over keys on different shards, and the lock
 * behaviour behind it (readers wait for an undecided writer, writers settle live locks by wait-die).
 *
 * <p>Commits that must be caught half-way go through {@link #gated}, whose {@link Gate} runs a
 * test-supplied action, or holds the driver on a latch the test releases, at a chosen
 * {@link CommitStep} of a chosen transaction.
 */
@Timeout(120)
class AnomalyIT {
    /** Long enough that a commit the test holds for a moment is never taken for abandoned. */
    private static final Duration LOCK_TTL = Duration.ofSeconds(3);
    /** How long a blocked operation must stay blocked to count as waiting. */
    private static final Duration STAYS_BLOCKED = Duration.ofMillis(500);

    private static MiniCluster cluster;
    private static TransactionManager txns;
    private static final Gate gate = new Gate();
    private static TransactionManager gated;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(4).set("txn.lock-ttl", LOCK_TTL.toMillis() + "ms").start();
        cluster.awaitReady();
        // Leaders move to their preferred replicas a few seconds after start; a move during a test that
        // times how long a commit stays blocked ended that commit early (a leader hands over mid-commit).
        await("leaders on their preferred replicas").atMost(Duration.ofSeconds(60))
                .until(() -> cluster.leadersOffPreferred().isEmpty());
        txns = cluster.transactions();
        gated = cluster.transactions(gate);
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "anomaly-it");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void clearGate() {
        gate.releaseAll();
    }

    @AfterAll
    static void stop() {
        if (pool != null) pool.shutdownNow();
        if (cluster != null) cluster.close();
    }

    // ---- dirty read ----------------------------------------------------------------------------

    @Test
    void dirtyRead_writesOfACommittingTransactionAreInvisibleUntilItsCommitTimestamp() throws Exception {
        byte[] x = keyOn("dirty/x", 0);
        byte[] y = keyOn("dirty/y", 1);
        write(Map.of(x, "old", y, "old"));

        Transaction older = txns.begin(TxnMode.READ_ONLY);   // snapshot taken before T1 began
        Transaction t1 = gated.begin(TxnMode.READ_WRITE);
        Transaction t2 = txns.begin(TxnMode.READ_ONLY);      // began after T1, before T1 commits
        assertThat(older.startTs()).isLessThan(t1.startTs());
        assertThat(t2.startTs()).isGreaterThan(t1.startTs());
        t1.put(x, b("dirty"));
        t1.put(y, b("dirty"));

        // While T1 is prepared (its locks, carrying "dirty", are in both shards' logs) and while it decides:
        // the older snapshot ignores T1's locks (they start above it) and answers at once, from the hook;
        // T2 (above T1's start) meets the lock and has to wait, so its read runs on its own thread.
        List<String> olderSaw = new CopyOnWriteArrayList<>();
        AtomicReference<Future<String>> t2Read = new AtomicReference<>();
        gate.on(t1.startTs(), (step, group) -> {
            if (step == CommitStep.PREPARED || step == CommitStep.DECIDING) {
                olderSaw.add(step + " " + value(older, x) + "/" + value(older, y));
            }
            if (step == CommitStep.DECIDING) {
                assertThat(locksOf(t1.startTs())).hasSize(2);
                t2Read.set(pool.submit(() -> value(t2, x)));
            }
        });
        long commitTs = t1.commit();

        assertThat(gate.failures()).isEmpty();
        assertThat(olderSaw).containsExactly("PREPARED old/old", "PREPARED old/old", "DECIDING old/old");
        // SI: T2's snapshot (start_ts) is below T1's commit_ts, which is drawn after DECIDING: T2 sees the old value.
        assertThat(commitTs).isGreaterThan(t2.startTs());
        assertThat(t2Read.get().get(30, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(value(t2, y)).isEqualTo("old");
        assertThat(value(older, x)).isEqualTo("old");
        // A snapshot taken after the commit sees T1's writes, on both shards.
        try (Transaction t3 = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(t3.startTs()).isGreaterThan(commitTs);
            assertThat(value(t3, x)).isEqualTo("dirty");
            assertThat(value(t3, y)).isEqualTo("dirty");
        }
        older.close();
        t2.close();
    }

    @Test
    void dirtyRead_writesOfATransactionThatAbortsAfterPreparingAreNeverSeen() throws Exception {
        byte[] x = keyOn("dirty-abort/x", 0);
        byte[] y = keyOn("dirty-abort/y", 1);
        write(Map.of(x, "old", y, "old"));

        Transaction older = txns.begin(TxnMode.READ_ONLY);
        Transaction t1 = gated.begin(TxnMode.READ_WRITE);
        t1.put(x, b("dirty"));
        t1.put(y, b("dirty"));
        write(Map.of(y, "other"));                            // first committer on y: T1 must abort
        Transaction t2 = txns.begin(TxnMode.READ_ONLY);      // after T1's start, before its abort

        String xShard = "shard-" + cluster.client().shardOf(x);
        List<String> olderSaw = new CopyOnWriteArrayList<>();
        AtomicReference<Future<String>> t2Read = new AtomicReference<>();
        gate.on(t1.startTs(), (step, group) -> {
            if (step == CommitStep.PREPARED && group.equals(xShard)) {
                // x is locked with T1's "dirty" value right now
                olderSaw.add(value(older, x));
                t2Read.set(pool.submit(() -> value(t2, x)));
            }
        });
        assertThatThrownBy(t1::commit).isInstanceOfSatisfying(ShardSqlException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.WRITE_CONFLICT));
        assertThat(t1.state()).isEqualTo(TxnState.ABORTED);

        assertThat(gate.failures()).isEmpty();
        assertThat(olderSaw).containsExactly("old");
        assertThat(t2Read.get()).as("the hook ran at x's PREPARED").isNotNull();
        assertThat(t2Read.get().get(30, TimeUnit.SECONDS)).isEqualTo("old");
        try (Transaction after = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(value(after, x)).isEqualTo("old");
            assertThat(value(after, y)).isEqualTo("other");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> locksOf(t1.startTs()).isEmpty());
        older.close();
        t2.close();
    }

    // ---- lost update ---------------------------------------------------------------------------

    @Test
    void lostUpdate_ofTwoReadModifyWritesOfOneCounterExactlyOneCommits() {
        byte[] c = keyOn("lost/c", 0);
        write(Map.of(c, "10"));

        Transaction t1 = txns.begin(TxnMode.READ_WRITE);
        Transaction t2 = txns.begin(TxnMode.READ_WRITE);
        int seen1 = intValue(t1, c);
        int seen2 = intValue(t2, c);
        assertThat(seen1).isEqualTo(10);
        assertThat(seen2).isEqualTo(10);
        t1.put(c, b(String.valueOf(seen1 + 1)));
        t2.put(c, b(String.valueOf(seen2 + 1)));

        t1.commit();
        assertThatThrownBy(t2::commit).isInstanceOfSatisfying(ShardSqlException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.WRITE_CONFLICT);
            assertThat(e.retryable()).isTrue();
        });
        assertThat(t2.state()).isEqualTo(TxnState.ABORTED);
        assertThat(committedInt(c)).isEqualTo(11);
    }

    @Test
    void lostUpdate_acrossShards_theFirstCommitterWinsWhateverTheAge() {
        byte[] c = keyOn("lost2/c", 0);
        byte[] logOlder = keyOn("lost2/log-older", 1);
        byte[] logYounger = keyOn("lost2/log-younger", 2);
        write(Map.of(c, "10"));

        Transaction older = txns.begin(TxnMode.READ_WRITE);
        Transaction younger = txns.begin(TxnMode.READ_WRITE);
        int seenOld = intValue(older, c);
        int seenYoung = intValue(younger, c);
        older.put(c, b(String.valueOf(seenOld + 1)));
        older.put(logOlder, b("older was here"));
        younger.put(c, b(String.valueOf(seenYoung + 1)));
        younger.put(logYounger, b("younger was here"));

        younger.commit();                                    // the younger commits first: it wins
        assertThatThrownBy(older::commit).isInstanceOfSatisfying(ShardSqlException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.WRITE_CONFLICT));
        assertThat(committedInt(c)).isEqualTo(11);
        try (Transaction r = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(r.get(logOlder)).as("the loser's write on the other shard").isEmpty();
            assertThat(value(r, logYounger)).isEqualTo("younger was here");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> locksOf(older.startTs()).isEmpty());
    }

    @Test
    void lostUpdate_concurrentIncrementsWithRetriesAreAllCounted() throws Exception {
        byte[] c = keyOn("counter/c", 0);
        byte[] d = keyOn("counter/d", 1);
        write(Map.of(c, "0", d, "0"));
        int threads = 4;
        int increments = 10;
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < increments; i++) {
                    txns.run(TxnMode.READ_WRITE, 2_000, tx -> {
                        attempts.incrementAndGet();
                        tx.put(c, b(String.valueOf(intValue(tx, c) + 1)));
                        tx.put(d, b(String.valueOf(intValue(tx, d) + 1)));
                        return null;
                    });
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> w : workers) w.get(90, TimeUnit.SECONDS);
        assertThat(committedInt(c)).isEqualTo(threads * increments);
        assertThat(committedInt(d)).isEqualTo(threads * increments);
        System.out.printf("AnomalyIT: %d increments took %d attempts%n", threads * increments, attempts.get());
    }

    // ---- non-repeatable read, phantoms ---------------------------------------------------------

    @Test
    void nonRepeatableRead_aTransactionRereadsTheSameValuesAndRanges() {
        byte[] x = keyOn("nrr/x", 0);
        byte[] z = keyOn("nrr/z", 1);
        byte[] added = keyOn("nrr/added", 2);
        write(Map.of(x, "x1", z, "z1"));

        Transaction t1 = txns.begin(TxnMode.READ_WRITE);
        assertThat(value(t1, x)).isEqualTo("x1");
        Map<String, String> firstScan = scan(t1, "nrr/");
        assertThat(firstScan).hasSize(2);

        try (Transaction t2 = txns.begin(TxnMode.READ_WRITE)) {     // updates, deletes and inserts, commits
            t2.put(x, b("x2"));
            t2.delete(z);
            t2.put(added, b("new"));
            assertThat(t2.commit()).isGreaterThan(t1.startTs());
        }

        assertThat(value(t1, x)).isEqualTo("x1");
        assertThat(value(t1, z)).isEqualTo("z1");
        assertThat(t1.get(added)).isEmpty();
        assertThat(scan(t1, "nrr/")).isEqualTo(firstScan);            // no phantom, nothing vanished
        t1.rollback();
        try (Transaction t3 = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(scan(t3, "nrr/").values()).containsExactlyInAnyOrder("x2", "new");
        }
    }

    // ---- read skew -----------------------------------------------------------------------------

    @Test
    void readSkew_aTransferBetweenShardsIsSeenWholeOrNotAtAll() {
        byte[] x = keyOn("skew/x", 0);
        byte[] y = keyOn("skew/y", 1);
        write(Map.of(x, "50", y, "50"));

        Transaction t1 = txns.begin(TxnMode.READ_ONLY);
        int x1 = intValue(t1, x);
        transfer(x, y, 10);                                   // T2 moves 10 from x to y and commits
        int y1 = intValue(t1, y);
        assertThat(x1 + y1).isEqualTo(100);
        assertThat(y1).isEqualTo(50);
        t1.close();

        // the same with a scan over both shards after the point read
        Transaction t3 = txns.begin(TxnMode.READ_ONLY);
        int x3 = intValue(t3, x);
        assertThat(x3).isEqualTo(40);
        transfer(x, y, 10);                                   // T4: x 40 → 30, y 60 → 70
        Map<String, String> seen = scan(t3, "skew/");
        assertThat(seen).hasSize(2);
        assertThat(seen.get(new String(x, StandardCharsets.UTF_8))).isEqualTo("40");
        assertThat(seen.values().stream().mapToInt(Integer::parseInt).sum()).isEqualTo(100);
        t3.close();

        try (Transaction t5 = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(intValue(t5, x)).isEqualTo(30);
            assertThat(intValue(t5, y)).isEqualTo(70);
        }
    }

    // ---- read-only transactions ----------------------------------------------------------------

    @Test
    void readOnlyTransactions_takeNoLocksAndNeverBlockWriters() {
        byte[] a = keyOn("ro/a", 0);
        byte[] bKey = keyOn("ro/b", 1);
        write(Map.of(a, "0", bKey, "0"));

        Transaction writerFromBefore = txns.begin(TxnMode.READ_WRITE);   // older than the reader
        Transaction reader = txns.begin(TxnMode.READ_ONLY);
        assertThat(value(reader, a)).isEqualTo("0");
        assertThat(scan(reader, "ro/")).hasSize(2);
        assertThat(locksOf(reader.startTs())).isEmpty();

        // a writer that began before the reader and writes what the reader read commits untroubled
        writerFromBefore.put(a, b("1"));
        writerFromBefore.put(bKey, b("1"));
        writerFromBefore.commit();

        // writers keep committing the keys the open reader reads, each at its first attempt
        for (int i = 2; i <= 20; i++) {
            try (Transaction w = txns.begin(TxnMode.READ_WRITE)) {
                assertThat(intValue(w, a)).isEqualTo(i - 1);
                w.put(a, b(String.valueOf(i)));
                w.put(bKey, b(String.valueOf(i)));
                w.commit();
                assertThat(w.state()).isEqualTo(TxnState.COMMITTED);
            }
            assertThat(value(reader, a)).isEqualTo("0");
            assertThat(value(reader, bKey)).isEqualTo("0");
        }
        assertThat(scan(reader, "ro/").values()).containsExactly("0", "0");
        assertThat(locksOf(reader.startTs())).isEmpty();
        assertThat(reader.commit()).isEqualTo(reader.startTs());
        assertThat(committedInt(a)).isEqualTo(20);
    }

    // ---- readers meeting an undecided commit ---------------------------------------------------

    @Test
    void aReaderMeetingAnUndecidedCommitWaitsAndThenSeesItsOwnSnapshot() throws Exception {
        byte[] x = keyOn("wait/x", 0);
        byte[] y = keyOn("wait/y", 1);
        write(Map.of(x, "v0", y, "v0"));

        Transaction w = gated.begin(TxnMode.READ_WRITE);
        w.put(x, b("v1"));
        w.put(y, b("v1"));
        Pause held = gate.pause(w.startTs(), CommitStep.DECIDING);
        Future<Long> commit = pool.submit(w::commit);
        held.awaitReached();

        // W is prepared but undecided: its commit_ts is not drawn yet. A reader that begins now is above
        // W's start (so W's locks are in its way) and below W's future commit_ts.
        Transaction r = txns.begin(TxnMode.READ_ONLY);
        assertThat(r.startTs()).isGreaterThan(w.startTs());
        assertThat(locksOf(w.startTs())).hasSize(2);
        Future<String> read = pool.submit(() -> value(r, x));
        await().during(STAYS_BLOCKED).atMost(STAYS_BLOCKED.multipliedBy(4)).until(() -> !read.isDone());

        held.release();
        long commitTs = commit.get(30, TimeUnit.SECONDS);
        assertThat(commitTs).isGreaterThan(r.startTs());
        // so under SI the reader must not see W: it gets the value before W
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("v0");
        assertThat(value(r, y)).isEqualTo("v0");
        r.close();
        try (Transaction after = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(value(after, x)).isEqualTo("v1");
            assertThat(value(after, y)).isEqualTo("v1");
        }
    }

    @Test
    void aReaderAboveADecidedButUnresolvedCommitSeesItWithoutWaitingForTheDriver() throws Exception {
        byte[] x = keyOn("decided/x", 0);
        byte[] y = keyOn("decided/y", 1);
        write(Map.of(x, "v0", y, "v0"));

        Transaction w = gated.begin(TxnMode.READ_WRITE);
        w.put(x, b("v1"));
        w.put(y, b("v1"));
        Pause held = gate.pause(w.startTs(), CommitStep.DECIDED);
        Future<Long> commit = pool.submit(w::commit);
        held.awaitReached();

        // The decision (commit_ts) is durable in the coordinator, the locks still sit on both shards, and
        // the driver is held. A reader beginning now is above commit_ts: SI says it sees W, and it must
        // not wait for the driver to push the decision (it looks the decision up and resolves the lock).
        assertThat(locksOf(w.startTs())).isNotEmpty();
        try (Transaction r = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(value(r, x)).isEqualTo("v1");
            assertThat(value(r, y)).isEqualTo("v1");
            assertThat(scan(r, "decided/").values()).containsExactly("v1", "v1");
        }
        assertThat(commit.isDone()).isFalse();
        held.release();
        long commitTs = commit.get(30, TimeUnit.SECONDS);
        try (Transaction r = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(r.startTs()).isGreaterThan(commitTs);
            assertThat(value(r, x)).isEqualTo("v1");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> locksOf(w.startTs()).isEmpty());
    }

    // ---- a value delivered with the start timestamp ---------------------------------------------

    /**
     * The oracle hands a begin the value of one control key with its timestamp (the SQL engine's
     * catalog version). That value must be the key's snapshot value: while a commit that may still
     * land below the timestamp holds the key's lock, the oracle must say it does not know, and the
     * reader reads the key itself (and waits for the lock like any reader).
     */
    @Test
    void aValueReadWithTheStartTimestampIsTheSnapshotValueAndNeverGuessedUnderALock() throws Exception {
        byte[] k = b("\0sys/test/read-with-begin");
        assertThat(cluster.client().groupOf(k).toString()).isEqualTo("control");
        TransactionManager watching = cluster.transactions();
        watching.readWithEveryBegin(k);
        assertThat(readWithTimestamp(k)).as("never written: known to be absent").isEqualTo(new ShardReply.Value(null));
        write(Map.of(k, "v0"));
        assertThat(readWithTimestamp(k).entry().value()).isEqualTo(b("v0"));
        try (Transaction r = watching.begin(TxnMode.READ_ONLY)) {
            assertThat(value(r, k)).isEqualTo("v0");
        }

        Transaction w = gated.begin(TxnMode.READ_WRITE);
        w.put(k, b("v1"));
        Pause held = gate.pause(w.startTs(), CommitStep.DECIDING);
        Future<Long> commit = pool.submit(w::commit);
        held.awaitReached();
        // W holds the key's lock and may commit above or below a timestamp issued now: the oracle cannot tell.
        assertThat(readWithTimestamp(k)).isNull();
        Transaction r = watching.begin(TxnMode.READ_ONLY);
        Future<String> read = pool.submit(() -> value(r, k));
        await().during(STAYS_BLOCKED).atMost(STAYS_BLOCKED.multipliedBy(4)).until(() -> !read.isDone());
        held.release();
        long commitTs = commit.get(30, TimeUnit.SECONDS);
        assertThat(read.get(30, TimeUnit.SECONDS)).as("W committed above the reader").isEqualTo("v0");
        r.close();
        assertThat(commitTs).isGreaterThan(r.startTs());
        try (Transaction after = watching.begin(TxnMode.READ_ONLY)) {
            assertThat(value(after, k)).isEqualTo("v1");
        }
        assertThat(readWithTimestamp(k).entry().value()).isEqualTo(b("v1"));
    }

    /** What the oracle says of {@code key} with a timestamp it issues now (null: it cannot tell). */
    private static ShardReply.Value readWithTimestamp(byte[] key) {
        ShardReply r = ShardClient.await(cluster.client().control().query(new NextTimestamps(2, key)));
        return ((ShardReply.Timestamps) r).read();
    }

    // ---- write-write conflicts with a live lock: wait-die --------------------------------------

    @Test
    void waitDie_aYoungerWriterMeetingAnOlderLiveLockDiesAtOnce() throws Exception {
        byte[] k = keyOn("wd1/k", 0);
        byte[] other = keyOn("wd1/other", 1);
        write(Map.of(k, "init"));

        Transaction older = gated.begin(TxnMode.READ_WRITE);
        Transaction younger = txns.begin(TxnMode.READ_WRITE);
        older.put(k, b("older"));
        older.put(other, b("older"));
        younger.put(k, b("younger"));
        Pause held = gate.pause(older.startTs(), CommitStep.DECIDING);
        Future<Long> olderCommit = pool.submit(older::commit);
        held.awaitReached();

        // the older one holds its lock on k and is undecided: the younger aborts instead of waiting
        assertThatThrownBy(younger::commit).isInstanceOfSatisfying(ShardSqlException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.WRITE_CONFLICT);
            assertThat(e.retryable()).isTrue();
        });
        assertThat(younger.state()).isEqualTo(TxnState.ABORTED);
        assertThat(olderCommit.isDone()).isFalse();

        held.release();
        olderCommit.get(30, TimeUnit.SECONDS);
        assertThat(committed(k)).contains("older");
    }

    @Test
    void waitDie_anOlderWriterWaitsForAYoungerLiveLockThenLosesToItsCommit() throws Exception {
        byte[] k = keyOn("wd2/k", 0);
        byte[] other = keyOn("wd2/other", 1);
        write(Map.of(k, "init"));

        Transaction older = txns.begin(TxnMode.READ_WRITE);
        Transaction younger = gated.begin(TxnMode.READ_WRITE);
        younger.put(k, b("younger"));
        younger.put(other, b("younger"));
        older.put(k, b("older"));
        Pause held = gate.pause(younger.startTs(), CommitStep.DECIDING);
        Future<Long> youngerCommit = pool.submit(younger::commit);
        held.awaitReached();

        // the older one meets the younger's live lock: it waits (it is not told to give up)
        Future<Long> olderCommit = pool.submit(older::commit);
        await().during(STAYS_BLOCKED).atMost(STAYS_BLOCKED.multipliedBy(4)).until(() -> !olderCommit.isDone());

        held.release();
        youngerCommit.get(30, TimeUnit.SECONDS);
        // the younger committed k after the older's snapshot: first committer wins
        assertThat(olderCommit).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(ShardSqlException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.WRITE_CONFLICT));
        assertThat(older.state()).isEqualTo(TxnState.ABORTED);
        assertThat(committed(k)).contains("younger");
    }

    @Test
    void waitDie_anOlderWriterWaitsOutAYoungerLockWhoseDriverDiedAndCommits() throws Exception {
        byte[] k = keyOn("wd3/k", 0);
        byte[] other = keyOn("wd3/other", 1);
        write(Map.of(k, "init"));

        Transaction older = txns.begin(TxnMode.READ_WRITE);
        Transaction younger = gated.begin(TxnMode.READ_WRITE);
        younger.put(k, b("younger"));
        younger.put(other, b("younger"));
        older.put(k, b("older"));
        gate.on(younger.startTs(), (step, group) -> {
            if (step == CommitStep.DECIDING) throw new CommitHook.DriverCrash("driver of the younger dies");
        });
        assertThatThrownBy(younger::commit).isInstanceOf(CommitHook.DriverCrash.class);
        assertThat(locksOf(younger.startTs())).hasSize(2);

        // the older waits on the abandoned lock until its TTL passes, then aborts the younger and commits
        long began = System.nanoTime();
        older.commit();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        assertThat(committed(k)).contains("older");
        assertThat(committed(other)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> locksOf(younger.startTs()).stream()
                .allMatch(l -> cluster.client().shardOf(l.key()) != cluster.client().shardOf(k)));
    }

    @Test
    void waitDie_aWriterNeverDiesOnTheLeftoverLocksOfACommitThatFinishedBeforeItBegan() {
        // A multi-shard commit returns at its commit point; its locks are resolved in the background just
        // after. The next writer of the same keys (it began after that commit: there is nothing to
        // conflict with) may meet those locks while they are being resolved and the decision forgotten,
        // and must then retry rather than take them for a live older transaction's.
        byte[] x = keyOn("sequential/x", 0);
        byte[] y = keyOn("sequential/y", 1);
        for (int i = 0; i < 100; i++) {
            for (int attempt = 1; ; attempt++) {
                try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
                    tx.put(x, b("v" + i));
                    tx.put(y, b("v" + i));
                    tx.commit();
                    break;
                } catch (ShardSqlException e) {
                    // a leader moving under load (UNAVAILABLE, TIMEOUT) may be retried; a conflict may not
                    boolean availability = e.code() == ErrorCode.UNAVAILABLE || e.code() == ErrorCode.TIMEOUT;
                    if (!availability || attempt == 5) throw e;
                }
            }
        }
        assertThat(committed(x)).contains("v99");
        assertThat(committed(y)).contains("v99");
    }

    // ---- helpers -------------------------------------------------------------------------------

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String str(byte[] v) { return new String(v, StandardCharsets.UTF_8); }

    /** A key {@code prefix/i} that lives on shard {@code shard}. */
    static byte[] keyOn(String prefix, int shard) {
        for (int i = 0; ; i++) {
            byte[] k = b(prefix + "/" + i);
            if (cluster.client().shardOf(k) == shard) return k;
        }
    }

    static String value(Transaction tx, byte[] key) {
        return tx.get(key).map(AnomalyIT::str).orElse("<none>");
    }

    static int intValue(Transaction tx, byte[] key) {
        return Integer.parseInt(str(tx.get(key).orElseThrow()));
    }

    static Optional<String> committed(byte[] key) {
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            return tx.get(key).map(AnomalyIT::str);
        }
    }

    static int committedInt(byte[] key) {
        return Integer.parseInt(committed(key).orElseThrow());
    }

    static void write(Map<byte[], String> values) {
        txns.run(TxnMode.READ_WRITE, 10, tx -> {
            values.forEach((k, v) -> tx.put(k, b(v)));
            return null;
        });
    }

    static void transfer(byte[] from, byte[] to, int amount) {
        try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
            tx.put(from, b(String.valueOf(intValue(tx, from) - amount)));
            tx.put(to, b(String.valueOf(intValue(tx, to) + amount)));
            tx.commit();
        }
    }

    /** The entries under {@code prefix} in the transaction's snapshot, key → value, in key order. */
    static Map<String, String> scan(Transaction tx, String prefix) {
        byte[] start = b(prefix);
        byte[] end = start.clone();
        end[end.length - 1]++;
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<KvEntry> it = tx.scan(start, end); it.hasNext(); ) {
            KvEntry e = it.next();
            out.put(str(e.key()), str(e.value()));
        }
        return out;
    }

    /** The locks of transaction {@code startTs} on every shard. */
    static List<LockEntry> locksOf(long startTs) {
        List<LockEntry> out = new ArrayList<>();
        for (int s = 0; s < cluster.client().shardCount(); s++) {
            ShardReply r = ShardClient.await(cluster.client().shard(s).query(new ShardQuery.ScanLocks(new byte[0], null, 10_000)));
            for (LockEntry e : ((ShardReply.Locks) r).locks()) {
                if (e.lock().startTs() == startTs) out.add(e);
            }
        }
        return out;
    }

    // ---- the commit hook the tests steer -------------------------------------------------------

    /** What to do when a watched transaction's commit reaches a step (runs on the committing thread). */
    @FunctionalInterface
    interface StepAction {
        void reached(CommitStep step, String group) throws Exception;
    }

    /**
     * Runs the action registered for a transaction at each step of its commit. An action that fails
     * (an assertion in it, say) is recorded for the test to check, and does not disturb the commit;
     * a {@link CommitHook.DriverCrash} is let through, as the hook contract wants.
     */
    static final class Gate implements CommitHook {
        private final Map<Long, StepAction> actions = new ConcurrentHashMap<>();
        private final Map<Long, Pause> pauses = new ConcurrentHashMap<>();
        private final List<Throwable> failures = new CopyOnWriteArrayList<>();

        void on(long startTs, StepAction action) { actions.put(startTs, action); }

        /** Holds the commit of {@code startTs} the first time it reaches {@code step}, until released. */
        Pause pause(long startTs, CommitStep step) {
            Pause p = new Pause(step);
            pauses.put(startTs, p);
            return p;
        }

        List<Throwable> failures() { return failures; }

        void releaseAll() {
            pauses.values().forEach(Pause::release);
            pauses.clear();
            actions.clear();
            failures.clear();
        }

        @Override
        public void reached(CommitStep step, long startTs, String group) {
            StepAction action = actions.get(startTs);
            if (action != null) {
                try {
                    action.reached(step, group);
                } catch (DriverCrash e) {
                    throw e;
                } catch (Throwable t) {
                    failures.add(t);
                }
            }
            Pause p = pauses.get(startTs);
            if (p != null && p.step == step) p.hold();
        }
    }

    /** A latch the test controls: the driver waits at one step until {@link #release()}. */
    static final class Pause {
        private final CommitStep step;
        private final AtomicBoolean used = new AtomicBoolean();
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        Pause(CommitStep step) { this.step = step; }

        void hold() {
            if (!used.compareAndSet(false, true)) return;
            reached.countDown();
            try {
                if (!released.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("the test never released " + step);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitReached() throws InterruptedException {
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("the commit reached " + step).isTrue();
        }

        void release() { released.countDown(); }
    }
}
