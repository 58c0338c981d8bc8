package io.shardsql.testkit.txn;

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
import io.shardsql.txn.Timestamps;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnState;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Garbage collection on a real three-node cluster, driven by hand: the background rounds are pushed
 * out of the way ({@code gc.interval} = 60m, {@code txn.recovery-interval} = 60m, so coordinator
 * recovery does not finish abandoned transactions either) and the tests call
 * {@code collectNow()} on every node, which is what a round does. Retention is one second and the
 * lock TTL one second, so "old" is a matter of a second or two.
 *
 * <p>Only transactions begun on a node's own manager ({@code node(i).transactions()}) hold the safe
 * point back: each node publishes its oldest running one when it collects. The test's own manager
 * ({@code cluster.transactions()}) publishes nothing; its transactions are protected by the retention
 * only.
 */
@Timeout(120)
class GarbageCollectionIT {
    private static final Duration RETENTION = Duration.ofSeconds(1);
    private static final Duration LOCK_TTL = Duration.ofSeconds(1);

    private static MiniCluster cluster;
    private static TransactionManager txns;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(2)
                .set("gc.retention", RETENTION.toMillis() + "ms")
                .set("gc.interval", "60m")
                .set("txn.recovery-interval", "60m")
                .set("txn.lock-ttl", LOCK_TTL.toMillis() + "ms")
                .start();
        cluster.awaitReady();
        txns = cluster.transactions();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    // ---- old versions ----------------------------------------------------------------------------

    @Test
    void versionsBelowTheSafePointAreCollectedAndTheLatestStayReadable() {
        byte[] k = keyOn("old/k", 0);
        byte[] j = keyOn("old/j", 1);
        byte[] gone = keyOn("old/gone", 0);
        long first = write(Map.of(k, "v0", j, "v0", gone, "here"));
        Transaction stale = txns.begin(TxnMode.READ_ONLY);   // the test's manager: not published
        assertThat(value(stale, k)).isEqualTo("v0");
        for (int i = 1; i <= 20; i++) write(Map.of(k, "v" + i, j, "v" + i));
        long last = delete(gone);
        assertThat(committedAt(k, first)).contains("v0");    // still there before collection

        awaitOlderThanRetention(last);
        List<Long> safePoints = collectEverywhere();
        assertThat(safePoints).allSatisfy(sp -> assertThat(sp).isGreaterThan(last));

        // reads that would need the collected versions are refused, not answered wrongly
        assertSnapshotTooOld(() -> committedAt(k, first));
        assertSnapshotTooOld(() -> committedAt(j, first));
        assertSnapshotTooOld(() -> stale.get(j));
        // what the old transaction already read it keeps: its snapshot's answer is still the true one
        assertThat(value(stale, k)).isEqualTo("v0");
        stale.close();

        // the newest version at or below the safe point is kept: reads at and above it see the latest values
        long highest = safePoints.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(committedAt(k, highest)).contains("v20");
        assertThat(committedAt(j, highest)).contains("v20");
        assertThat(committedAt(gone, highest)).isEmpty();
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(value(tx, k)).isEqualTo("v20");
            assertThat(value(tx, j)).isEqualTo("v20");
            assertThat(tx.get(gone)).isEmpty();
            assertThat(scan(tx, "old/").values()).containsExactly("v20", "v20");
        }

        // versions younger than the retention are never collected, whatever runs
        long fresh = write(Map.of(k, "v21"));
        assertThat(collectEverywhere()).allSatisfy(sp -> assertThat(sp).isLessThan(fresh));
        assertThat(committedAt(k, fresh - 1)).contains("v20");
        assertThat(committedAt(k, fresh)).contains("v21");
    }

    // ---- running transactions hold the safe point back -----------------------------------------

    @Test
    void aRunningReadWriteTransactionKeepsItsSnapshotAndCommitsThenTheNextCollectionPassesIt() {
        byte[] a = keyOn("hold/a", 0);
        byte[] bKey = keyOn("hold/b", 1);
        byte[] mine0 = keyOn("held-own/x", 0);
        byte[] mine1 = keyOn("held-own/y", 1);
        write(Map.of(a, "orig", bKey, "orig"));

        TransactionManager nodeTxns = cluster.node(0).transactions();
        Transaction old = nodeTxns.begin(TxnMode.READ_WRITE);
        try {
            // node 0 publishes its oldest running transaction when it collects (every gc.interval in
            // production; here, now: before it is older than the retention, which covers it until then)
            cluster.node(0).txnServices().collectNow();
            assertThat(value(old, a)).isEqualTo("orig");

            long last = 0;
            for (int i = 0; i < 20; i++) last = write(Map.of(a, "new" + i, bKey, "new" + i));
            awaitOlderThanRetention(last);
            long now = txns.now();
            assertThat(now - Timestamps.ofMillis(RETENTION.toMillis())).as("retention alone would not protect it")
                    .isGreaterThan(old.startTs());

            assertThat(collectEverywhere()).allSatisfy(sp -> assertThat(sp).isLessThanOrEqualTo(old.startTs()));

            // the old transaction reads its snapshot, on both shards, by point reads and by a scan
            assertThat(value(old, a)).isEqualTo("orig");
            assertThat(value(old, bKey)).isEqualTo("orig");
            assertThat(scan(old, "hold/").values()).containsExactly("orig", "orig");
            // and commits across both shards (its decision is not refused below the coordinator's safe point)
            old.put(mine0, b("mine"));
            old.put(mine1, b("mine"));
            old.commit();
            assertThat(old.state()).isEqualTo(TxnState.COMMITTED);
        } finally {
            old.close();
        }

        // it is over: the next collection passes its start
        assertThat(collectEverywhere()).allSatisfy(sp -> assertThat(sp).isGreaterThan(old.startTs()));
        assertSnapshotTooOld(() -> committedAt(a, old.startTs()));
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(value(tx, a)).isEqualTo("new19");
            assertThat(value(tx, mine0)).isEqualTo("mine");
            assertThat(value(tx, mine1)).isEqualTo("mine");
        }
    }

    @Test
    void aRunningReadOnlyTransactionOnAnotherNodeKeepsItsSnapshotUntilItEnds() {
        byte[] a = keyOn("hold-ro/a", 0);
        byte[] bKey = keyOn("hold-ro/b", 1);
        write(Map.of(a, "orig", bKey, "orig"));

        Transaction old = cluster.node(2).transactions().begin(TxnMode.READ_ONLY);
        cluster.node(2).txnServices().collectNow();           // publishes it
        long last = 0;
        for (int i = 0; i < 20; i++) last = write(Map.of(a, "new" + i, bKey, "new" + i));
        awaitOlderThanRetention(last);

        assertThat(collectEverywhere()).allSatisfy(sp -> assertThat(sp).isLessThanOrEqualTo(old.startTs()));
        assertThat(value(old, a)).isEqualTo("orig");
        assertThat(value(old, bKey)).isEqualTo("orig");
        // a second collection, later still, holds back just the same
        awaitOlderThanRetention(txns.now());
        assertThat(collectEverywhere()).allSatisfy(sp -> assertThat(sp).isLessThanOrEqualTo(old.startTs()));
        assertThat(scan(old, "hold-ro/").values()).containsExactly("orig", "orig");

        old.rollback();                                        // ends it (a read-only one just stops)
        assertThat(collectEverywhere()).allSatisfy(sp -> assertThat(sp).isGreaterThan(old.startTs()));
        assertSnapshotTooOld(() -> committedAt(bKey, old.startTs()));
        assertThat(committedAt(bKey, txns.now())).contains("new19");
    }

    // ---- abandoned locks -----------------------------------------------------------------------

    @Test
    void locksOfAMultiShardTransactionWhoseDriverDiedBeforeDecidingAreSweptAfterTheirTtl() {
        byte[] x = keyOn("crash-deciding/x", 0);
        byte[] y = keyOn("crash-deciding/y", 1);
        write(Map.of(x, "before"));
        long startTs = crashAt(CommitStep.DECIDING, Map.of(x, "crashed", y, "crashed"));
        List<LockEntry> locks = locksOf(startTs);
        assertThat(locks).hasSize(2);

        awaitExpired(locks);
        collectEverywhere();                                   // nobody read x or y: GC alone finds the locks
        assertThat(locksOf(startTs)).isEmpty();
        assertThat(committed(x)).contains("before");
        assertThat(committed(y)).isEmpty();
    }

    @Test
    void locksOfASingleShardTransactionWhoseDriverDiedAfterPreparingAreSweptAfterTheirTtl() {
        byte[] x = keyOn("crash-prepared/x", 1);
        byte[] x2 = keyOn("crash-prepared/x2", 1);
        long startTs = crashAt(CommitStep.PREPARED, Map.of(x, "crashed", x2, "crashed"));
        List<LockEntry> locks = locksOf(startTs);
        assertThat(locks).hasSize(2);

        awaitExpired(locks);
        collectEverywhere();
        assertThat(locksOf(startTs)).isEmpty();
        assertThat(committed(x)).isEmpty();
        assertThat(committed(x2)).isEmpty();
    }

    @Test
    void locksOfATransactionDecidedCommittedWhoseDriverDiedAreSweptAsCommitted() {
        byte[] x = keyOn("crash-decided/x", 0);
        byte[] y = keyOn("crash-decided/y", 1);
        long startTs = crashAt(CommitStep.DECIDED, Map.of(x, "committed", y, "committed"));
        assertThat(locksOf(startTs)).hasSize(2);

        collectEverywhere();                                   // the decision is there: no TTL to wait for
        assertThat(locksOf(startTs)).isEmpty();
        assertThat(committed(x)).contains("committed");
        assertThat(committed(y)).contains("committed");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /**
     * One collection round on every node, twice: the first publishes every node's oldest running
     * transaction, the second collects knowing all of them. Returns the safe points of the second.
     */
    static List<Long> collectEverywhere() {
        for (int i = 0; i < cluster.size(); i++) cluster.node(i).txnServices().collectNow();
        List<Long> safePoints = new ArrayList<>();
        for (int i = 0; i < cluster.size(); i++) safePoints.add(cluster.node(i).txnServices().collectNow());
        return safePoints;
    }

    /** Waits until {@code ts} is older than the retention by the oracle's clock. */
    static void awaitOlderThanRetention(long ts) {
        long until = Timestamps.physicalMillis(ts) + RETENTION.toMillis();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Timestamps.physicalMillis(txns.now()) > until);
    }

    /** Waits until every lock's TTL has passed by the oracle's clock. */
    static void awaitExpired(List<LockEntry> locks) {
        long until = locks.stream().mapToLong(e -> Timestamps.physicalMillis(e.lock().startTs()) + e.lock().ttlMillis()).max().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Timestamps.physicalMillis(txns.now()) > until);
    }

    /** Commits {@code values} through a driver that dies at {@code step}; returns the transaction's start. */
    static long crashAt(CommitStep step, Map<byte[], String> values) {
        TransactionManager dying = cluster.transactions((s, startTs, group) -> {
            if (s == step) throw new CommitHook.DriverCrash("driver dies at " + s);
        });
        Transaction tx = dying.begin(TxnMode.READ_WRITE);
        values.forEach((k, v) -> tx.put(k, b(v)));
        assertThatThrownBy(tx::commit).isInstanceOf(CommitHook.DriverCrash.class);
        return tx.startTs();
    }

    static void assertSnapshotTooOld(ThrowableAssert.ThrowingCallable read) {
        assertThatThrownBy(read).isInstanceOfSatisfying(ShardSqlException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_TOO_OLD);
            assertThat(e.retryable()).isTrue();
        });
    }

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String str(byte[] v) { return new String(v, StandardCharsets.UTF_8); }

    static byte[] keyOn(String prefix, int shard) {
        for (int i = 0; ; i++) {
            byte[] k = b(prefix + "/" + i);
            if (cluster.client().shardOf(k) == shard) return k;
        }
    }

    static String value(Transaction tx, byte[] key) {
        return tx.get(key).map(GarbageCollectionIT::str).orElse("<none>");
    }

    /** Commits the values; returns the commit timestamp. */
    static long write(Map<byte[], String> values) {
        try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
            values.forEach((k, v) -> tx.put(k, b(v)));
            return tx.commit();
        }
    }

    static long delete(byte[] key) {
        try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
            tx.delete(key);
            return tx.commit();
        }
    }

    static Optional<String> committed(byte[] key) {
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            return tx.get(key).map(GarbageCollectionIT::str);
        }
    }

    /** A plain read of {@code key} at {@code ts} from its shard's leader (no transaction). */
    static Optional<String> committedAt(byte[] key, long ts) {
        try {
            return cluster.client().get(key, ts).join().map(e -> str(e.value()));
        } catch (java.util.concurrent.CompletionException e) {
            ShardSqlException s = ShardSqlException.find(e);
            if (s != null) throw s;
            throw e;
        }
    }

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

    static List<LockEntry> allLocks() {
        List<LockEntry> out = new ArrayList<>();
        for (int s = 0; s < cluster.client().shardCount(); s++) {
            ShardReply r = ShardClient.await(cluster.client().shard(s).query(new ShardQuery.ScanLocks(new byte[0], null, 10_000)));
            out.addAll(((ShardReply.Locks) r).locks());
        }
        return out;
    }

    static List<LockEntry> locksOf(long startTs) {
        return allLocks().stream().filter(e -> e.lock().startTs() == startTs).toList();
    }
}
