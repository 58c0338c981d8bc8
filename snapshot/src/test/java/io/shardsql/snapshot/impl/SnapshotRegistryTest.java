package io.shardsql.snapshot.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupRoot;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.TxnSettings;
import io.shardsql.txn.impl.TransactionManagerImpl;
import io.shardsql.txn.memory.ManualClock;
import io.shardsql.txn.memory.MemoryGroups;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The snapshot registry without a cluster: its records live in {@code control} of the transaction layer's
 * in-memory groups, changed through real transactions (first committer wins), on a clock the test moves.
 */
@Timeout(60)
class SnapshotRegistryTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @TempDir
    Path tmp;
    private final ManualClock txnClock = new ManualClock(1_700_000_000_000L);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T06:00:00Z"));
    private TransactionManagerImpl txns;
    private SnapshotRegistry registry;
    private BackupRoot root;

    @BeforeEach
    void open() {
        MemoryGroups groups = new MemoryGroups(2, 1, txnClock);
        txns = new TransactionManagerImpl(groups, TxnSettings.defaults(), Duration.ofSeconds(5), CommitHook.NONE,
                txnClock);
        registry = new SnapshotRegistry(txns, clock);
        root = new BackupRoot(tmp.resolve("backups"));
        root.ensureExists();
    }

    @Test
    void aClaimIsRunningWithTheNextEpochAndANameMadeFromIt() {
        SnapshotInfo s = registry.claim(Optional.empty(), "n1", root, TIMEOUT);

        assertThat(s.name()).isEqualTo("snap-1");
        assertThat(s.epoch()).isEqualTo(1);
        assertThat(s.node()).isEqualTo("n1");
        assertThat(s.state()).isEqualTo(SnapshotState.RUNNING);
        assertThat(s.directory()).isEqualTo(root.path().resolve("snap-1").toString());
        assertThat(s.started()).isEqualTo(clock.instant());
        assertThat(s.ended()).isNull();
        assertThat(s.rows()).isEqualTo(-1);
        assertThat(registry.find("snap-1")).contains(s);
        assertThat(registry.list()).containsExactly(s);
    }

    @Test
    void oneAtATimeAnotherClaimWhileOneRunsIs55006AndChangesNothing() {
        SnapshotInfo running = registry.claim(Optional.of("a"), "n1", root, TIMEOUT);

        refused(() -> registry.claim(Optional.of("b"), "n2", root, TIMEOUT), ErrorCode.OBJECT_IN_USE, "55006");
        assertThat(registry.list()).containsExactly(running);

        registry.finish(running, SnapshotState.COMPLETE, null);
        assertThat(registry.claim(Optional.of("b"), "n2", root, TIMEOUT).epoch()).as("the epoch was not used")
                .isEqualTo(2);
    }

    @Test
    void claimsAtOnceFromManyNodesLetExactlyOneRun() throws Exception {
        int nodes = 4;
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            String node = "n" + i;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    outcomes.add(registry.claim(Optional.of("from-" + node), node, root, TIMEOUT));
                } catch (ShardSqlException e) {
                    outcomes.add(e.code());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) t.join();

        assertThat(outcomes).hasSize(nodes);
        assertThat(outcomes).filteredOn(SnapshotInfo.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ErrorCode.class::isInstance).containsOnly(ErrorCode.OBJECT_IN_USE);
        assertThat(registry.list()).singleElement().extracting(SnapshotInfo::epoch).isEqualTo(1L);
    }

    @Test
    void aTakenNameIs42710AndABadOne42602BothChangingNothing() throws Exception {
        SnapshotInfo a = registry.claim(Optional.of("a"), "n1", root, TIMEOUT);
        registry.finish(a, SnapshotState.COMPLETE, null);
        Files.createDirectory(root.path().resolve("on-disk")); // not in the registry, but under the root

        refused(() -> registry.claim(Optional.of("a"), "n2", root, TIMEOUT), ErrorCode.DUPLICATE_OBJECT, "42710");
        refused(() -> registry.claim(Optional.of("on-disk"), "n1", root, TIMEOUT), ErrorCode.DUPLICATE_OBJECT,
                "42710");
        refused(() -> registry.claim(Optional.of("../x"), "n1", root, TIMEOUT), ErrorCode.INVALID_BACKUP_NAME,
                "42602");

        assertThat(registry.list()).extracting(SnapshotInfo::name).containsExactly("a");
        assertThat(registry.claim(Optional.empty(), "n1", root, TIMEOUT).epoch()).isEqualTo(2);
    }

    @Test
    void aRunningRecordOlderThanTwiceTheTimeoutIsAbandonedByTheNextClaim() {
        SnapshotInfo stale = registry.claim(Optional.of("stale"), "n1", root, TIMEOUT);
        clock.advance(TIMEOUT.multipliedBy(2).minusSeconds(1));
        refused(() -> registry.claim(Optional.of("b"), "n2", root, TIMEOUT), ErrorCode.OBJECT_IN_USE, "55006");

        clock.advance(Duration.ofSeconds(2));
        SnapshotInfo next = registry.claim(Optional.of("b"), "n2", root, TIMEOUT);

        assertThat(next.epoch()).isEqualTo(stale.epoch() + 1);
        SnapshotInfo abandoned = registry.find("stale").orElseThrow();
        assertThat(abandoned.state()).isEqualTo(SnapshotState.FAILED);
        assertThat(abandoned.error()).contains("abandoned");
        assertThat(abandoned.ended()).isEqualTo(clock.instant());
        refused(() -> registry.finish(stale, SnapshotState.COMPLETE, null), ErrorCode.INTERNAL, "XX000");
    }

    @Test
    void progressIsRecordedWhileRunningAndRefusedAfter() {
        SnapshotInfo s = registry.claim(Optional.of("p"), "n1", root, TIMEOUT);
        SnapshotInfo halfway = new SnapshotInfo(s.name(), s.node(), s.directory(), s.epoch(), 42, s.state(), 2, 4,
                1_000, s.rows(), s.started(), null, null);

        registry.progress(halfway);

        assertThat(registry.find("p")).contains(halfway);
        assertThat(registry.list()).singleElement().satisfies(l -> {
            assertThat(l.partsDone()).isEqualTo(2);
            assertThat(l.partsTotal()).isEqualTo(4);
            assertThat(l.bytes()).isEqualTo(1_000);
            assertThat(l.cutTs()).isEqualTo(42);
        });
        SnapshotInfo done = registry.finish(halfway, SnapshotState.COMPLETE, null);
        refused(() -> registry.progress(halfway), ErrorCode.INTERNAL, "XX000");
        assertThatThrownBy(() -> registry.progress(done)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void finishingEndsTheRunOnceCompleteOrFailedWithItsReason() {
        SnapshotInfo a = registry.claim(Optional.of("a"), "n1", root, TIMEOUT);
        clock.advance(Duration.ofSeconds(5));

        SnapshotInfo done = registry.finish(a, SnapshotState.COMPLETE, null);

        assertThat(done.state()).isEqualTo(SnapshotState.COMPLETE);
        assertThat(done.ended()).isEqualTo(clock.instant());
        assertThat(registry.find("a")).contains(done);
        refused(() -> registry.finish(a, SnapshotState.FAILED, "late"), ErrorCode.INTERNAL, "XX000");
        assertThat(registry.find("a")).contains(done);

        SnapshotInfo b = registry.claim(Optional.of("b"), "n1", root, TIMEOUT);
        SnapshotInfo failed = registry.finish(b, SnapshotState.FAILED, "57014: timed out");
        assertThat(failed.state()).isEqualTo(SnapshotState.FAILED);
        assertThat(registry.find("b").orElseThrow().error()).isEqualTo("57014: timed out");
        assertThat(registry.claim(Optional.empty(), "n1", root, TIMEOUT).state()).as("the slot is free")
                .isEqualTo(SnapshotState.RUNNING);
    }

    @Test
    void aDropMarksTheRecordDroppingThenRemovesItOrPutsItBack() {
        SnapshotInfo a = registry.finish(registry.claim(Optional.of("a"), "n1", root, TIMEOUT),
                SnapshotState.COMPLETE, null);
        SnapshotInfo running = registry.claim(Optional.of("r"), "n1", root, TIMEOUT);

        refused(() -> registry.beginDrop("nope"), ErrorCode.UNDEFINED_OBJECT, "42704");
        refused(() -> registry.beginDrop("r"), ErrorCode.OBJECT_IN_USE, "55006");
        assertThat(registry.find("r")).contains(running);

        assertThat(registry.beginDrop("a")).isEqualTo(a);
        assertThat(registry.find("a").orElseThrow().state()).isEqualTo(SnapshotState.DROPPING);
        registry.undoDrop(a);
        assertThat(registry.find("a")).contains(a);

        registry.beginDrop("a");
        registry.dropBrokeOff("a", "disk error");
        assertThat(registry.find("a").orElseThrow()).satisfies(s -> {
            assertThat(s.state()).isEqualTo(SnapshotState.DROPPING);
            assertThat(s.error()).isEqualTo("disk error");
        });
        assertThat(registry.beginDrop("a").state()).as("a retry").isEqualTo(SnapshotState.DROPPING);
        registry.remove("a");
        assertThat(registry.find("a")).isEmpty();
        refused(() -> registry.remove("r"), ErrorCode.OBJECT_IN_USE, "55006");
    }

    private static void refused(ThrowingCallable call, ErrorCode code, String sqlState) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ShardSqlException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.code().sqlState()).isEqualTo(sqlState);
        });
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override
        public Clock withZone(ZoneId zone) { return this; }

        @Override
        public Instant instant() { return now; }
    }
}
