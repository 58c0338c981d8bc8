package io.shardsql.storage.raft.machine;

import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.KeyExistsException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.Mutation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CommandApplier} over a real RocksDB store: the two-phase commit commands of shards and
 * garbage collection (the transaction layer's own commands are tested in {@code txn.log.TxnReplicaTest}). Each command is
 * applied as one committed batch, as the state machine does.
 */
@Timeout(30)
class CommandApplierTest {
    private static final byte[] OWNER = b("coord-1");
    private static final long TTL = 3_000;

    @TempDir
    Path tempDir;
    private AppliedStore shard;
    private MvccStore store;

    @BeforeEach
    void openStore() {
        shard = new AppliedStore(tempDir.resolve("store"));
        store = shard.store();
    }

    @AfterEach
    void closeStore() {
        shard.close();
    }

    // ---------------------------------------------------------------- prepare

    @Test
    void prepareLocksEveryKeyWithItsNewValueAndWritesNoVersion() {
        writeVersion("a", 10, "a@10");

        assertThat(prepare(20, put("a", "a2"), delete("b"), put("c", ""))).isEqualTo(ShardReply.DONE);

        assertThat(store.scanLocks(b(""), null, 10)).containsExactly(
                new LockEntry(b("a"), lock(20, "a2")),
                new LockEntry(b("b"), lock(20, null)),
                new LockEntry(b("c"), lock(20, "")));
        assertThat(store.latestCommitTs(b("a"))).isEqualTo(10);
        assertThat(store.latestCommitTs(b("b"))).isZero();
        assertThat(store.get(b("a"), 15)).contains(entry("a", "a@10", 10));
    }

    @Test
    void prepareFailsOnAnotherTransactionsLockWithThatLockAndLocksNothing() {
        prepare(15, put("c", "theirs"));

        ShardReply.Failed failed = failed(prepare(20, put("a", "1"), put("b", "1"), put("c", "1"), put("d", "1")), ErrorCode.KEY_LOCKED);

        assertThat(failed.lockedKey()).isEqualTo(b("c"));
        assertThat(failed.lock()).isEqualTo(lock(15, "theirs"));
        assertThat(store.scanLocks(b(""), null, 10)).containsExactly(new LockEntry(b("c"), lock(15, "theirs")));
    }

    @Test
    void theTestOnlySwitchSkipsTheWriteConflictCheckOfAppliersMadeWhileItIsSet() {
        shard.close();
        System.setProperty(CommandApplier.TEST_SKIP_WRITE_CONFLICT_CHECK, "true");
        try {
            shard = new AppliedStore(tempDir.resolve("weakened"));
        } finally {
            System.clearProperty(CommandApplier.TEST_SKIP_WRITE_CONFLICT_CHECK);
        }
        store = shard.store();
        writeVersion("c", 25, "c@25");
        writeVersion("d", 30, "d@30");

        assertThat(prepare(20, put("c", "lost update"))).isEqualTo(ShardReply.DONE);
        assertThat(apply(new ShardCommand.CommitWrites(21, 40, List.of(put("d", "lost too"))))).isEqualTo(ShardReply.DONE);
        assertThat(store.get(b("d"), 40)).contains(entry("d", "lost too", 40));
    }

    @Test
    void prepareFailsOnANewerVersionWithWriteConflictAndLocksNothing() {
        writeVersion("c", 25, "c@25");
        writeVersion("d", 30, null);

        failed(prepare(20, put("a", "1"), put("b", "1"), put("c", "1")), ErrorCode.WRITE_CONFLICT);
        failed(prepare(20, put("a", "1"), delete("d")), ErrorCode.WRITE_CONFLICT);

        assertThat(store.scanLocks(b(""), null, 10)).isEmpty();
    }

    @Test
    void prepareOverAnOlderVersionSucceeds() {
        writeVersion("a", 19, "a@19");

        assertThat(prepare(20, put("a", "a2"))).isEqualTo(ShardReply.DONE);
        assertThat(store.lock(b("a"))).contains(lock(20, "a2"));
    }

    @Test
    void aRepeatedPrepareByTheSameTransactionLocksAgain() {
        assertThat(prepare(20, put("a", "1"), put("b", "1"))).isEqualTo(ShardReply.DONE);
        assertThat(prepare(20, put("a", "1"), put("b", "1"))).isEqualTo(ShardReply.DONE);
        assertThat(prepare(20, put("a", "2"))).isEqualTo(ShardReply.DONE);

        assertThat(store.scanLocks(b(""), null, 10)).containsExactly(
                new LockEntry(b("a"), lock(20, "2")), new LockEntry(b("b"), lock(20, "1")));
    }

    // ---------------------------------------------------------------- resolve

    @Test
    void anInsertLocksAKeyWithoutVersionsOrWhoseNewestVersionIsADelete() {
        writeVersion("gone", 10, "old");
        writeVersion("gone", 12, null);

        assertThat(prepare(20, insert("new", "n"), insert("gone", "g"))).isEqualTo(ShardReply.DONE);

        assertThat(store.scanLocks(b(""), null, 10)).containsExactly(
                new LockEntry(b("gone"), lock(20, "g")), new LockEntry(b("new"), lock(20, "n")));
    }

    @Test
    void anInsertOfAKeyWithAValueAtTheSnapshotFailsAsAUniqueViolationNamingItAndLocksNothing() {
        writeVersion("taken", 10, "theirs");

        ShardReply.Failed failed = failed(prepare(20, insert("a", "1"), insert("taken", "1"), put("z", "1")),
                ErrorCode.UNIQUE_VIOLATION);

        assertThat(failed.lockedKey()).isEqualTo(b("taken"));
        assertThat(failed.toException()).isInstanceOfSatisfying(KeyExistsException.class,
                e -> assertThat(e.key()).isEqualTo(b("taken")));
        assertThat(store.scanLocks(b(""), null, 10)).isEmpty();
        assertThat(prepare(20, put("taken", "1"))).as("a plain put may overwrite it").isEqualTo(ShardReply.DONE);
    }

    @Test
    void anInsertOfAKeyWrittenAfterTheSnapshotIsAWriteConflictSoThatARetrySeesTheRow() {
        writeVersion("late", 30, "theirs");

        failed(prepare(20, insert("late", "1")), ErrorCode.WRITE_CONFLICT);
        failed(prepare(40, insert("late", "1")), ErrorCode.UNIQUE_VIOLATION);
    }

    @Test
    void aRepeatedPrepareOfAnInsertPassesItsOwnLock() {
        assertThat(prepare(20, insert("k", "1"))).isEqualTo(ShardReply.DONE);
        assertThat(prepare(20, insert("k", "1"))).isEqualTo(ShardReply.DONE);
        failed(prepare(25, insert("k", "2")), ErrorCode.KEY_LOCKED);
    }

    @Test
    void resolvingACommitTurnsTheLocksIntoVersionsAtTheCommitTimestamp() {
        writeVersion("a", 10, "a@10");
        writeVersion("b", 10, "b@10");
        prepare(20, put("a", "a@30"), delete("b"), put("c", "c@30"));

        assertThat(apply(new ShardCommand.Resolve(20, 30, keys("a", "b", "c")))).isEqualTo(ShardReply.DONE);

        assertThat(store.scanLocks(b(""), null, 10)).isEmpty();
        assertThat(store.get(b("a"), 30)).contains(entry("a", "a@30", 30));
        assertThat(store.get(b("a"), 29)).contains(entry("a", "a@10", 10));
        assertThat(store.get(b("b"), 30)).isEmpty();
        assertThat(store.latestCommitTs(b("b"))).isEqualTo(30);
        assertThat(store.get(b("b"), 29)).contains(entry("b", "b@10", 10));
        assertThat(store.scan(b(""), null, 30, 10)).containsExactly(entry("a", "a@30", 30), entry("c", "c@30", 30));
    }

    @Test
    void resolvingAnAbortRemovesTheLocksAndWritesNoVersion() {
        writeVersion("a", 10, "a@10");
        prepare(20, put("a", "a2"), delete("b"));

        assertThat(apply(new ShardCommand.Resolve(20, 0, keys("a", "b")))).isEqualTo(ShardReply.DONE);

        assertThat(store.scanLocks(b(""), null, 10)).isEmpty();
        assertThat(store.latestCommitTs(b("a"))).isEqualTo(10);
        assertThat(store.latestCommitTs(b("b"))).isZero();
        assertThat(store.get(b("a"), Long.MAX_VALUE)).contains(entry("a", "a@10", 10));
    }

    @Test
    void resolvingOnlySomeKeysLeavesTheTransactionsOtherLocks() {
        prepare(20, put("a", "1"), put("b", "1"));

        apply(new ShardCommand.Resolve(20, 30, keys("a")));

        assertThat(store.get(b("a"), 30)).contains(entry("a", "1", 30));
        assertThat(store.lock(b("b"))).contains(lock(20, "1"));
    }

    @Test
    void resolvingWithoutKeysResolvesEveryLockOfTheTransactionAndNoOther() {
        prepare(20, put("a", "a20"), put("c", "c20"), delete("e"));
        prepare(21, put("b", "b21"), put("d", "d21"));

        assertThat(apply(new ShardCommand.Resolve(20, 30, List.of()))).isEqualTo(ShardReply.DONE);

        assertThat(store.scanLocks(b(""), null, 10)).containsExactly(
                new LockEntry(b("b"), lock(21, "b21")), new LockEntry(b("d"), lock(21, "d21")));
        assertThat(store.latestCommitTs(b("a"))).isEqualTo(30);
        assertThat(store.latestCommitTs(b("c"))).isEqualTo(30);
        assertThat(store.latestCommitTs(b("e"))).isEqualTo(30);
        assertThat(store.latestCommitTs(b("b"))).isZero();

        assertThat(apply(new ShardCommand.Resolve(21, 0, List.of()))).isEqualTo(ShardReply.DONE);

        assertThat(store.scanLocks(b(""), null, 10)).isEmpty();
        assertThat(store.latestCommitTs(b("b"))).isZero();
        assertThat(store.latestCommitTs(b("d"))).isZero();
    }

    @Test
    void resolvingTwiceIsHarmlessAndNeverTouchesALaterTransactionsLock() {
        prepare(20, put("a", "a20"), put("b", "b20"));
        apply(new ShardCommand.Resolve(20, 30, keys("a", "b")));
        prepare(40, put("a", "a40"));

        assertThat(apply(new ShardCommand.Resolve(20, 30, keys("a", "b")))).isEqualTo(ShardReply.DONE);
        assertThat(apply(new ShardCommand.Resolve(20, 0, keys("a", "b")))).isEqualTo(ShardReply.DONE);
        assertThat(apply(new ShardCommand.Resolve(20, 35, List.of()))).isEqualTo(ShardReply.DONE);

        assertThat(store.scanLocks(b(""), null, 10)).containsExactly(new LockEntry(b("a"), lock(40, "a40")));
        assertThat(store.latestCommitTs(b("a"))).isEqualTo(30);
        assertThat(store.latestCommitTs(b("b"))).isEqualTo(30);
        assertThat(store.get(b("b"), 100)).contains(entry("b", "b20", 30));
    }

    // ---------------------------------------------------------------- commit local

    @Test
    void commitLocalCommitsWhenTheTransactionHoldsEveryLock() {
        writeVersion("b", 10, "b@10");
        prepare(20, put("a", "a30"), delete("b"));

        assertThat(apply(new ShardCommand.CommitLocal(20, 30, keys("a", "b")))).isEqualTo(ShardReply.DONE);

        assertThat(store.scanLocks(b(""), null, 10)).isEmpty();
        assertThat(store.get(b("a"), 30)).contains(entry("a", "a30", 30));
        assertThat(store.get(b("b"), 30)).isEmpty();
        assertThat(store.latestCommitTs(b("b"))).isEqualTo(30);
    }

    @Test
    void commitLocalFailsAsAbortedAndWritesNothingWhenALockWasRemoved() {
        prepare(20, put("a", "a20"), put("b", "b20"));
        apply(new ShardCommand.Resolve(20, 0, keys("b")));

        failed(apply(new ShardCommand.CommitLocal(20, 30, keys("a", "b"))), ErrorCode.TXN_ABORTED);

        assertThat(store.lock(b("a"))).contains(lock(20, "a20"));
        assertThat(store.latestCommitTs(b("a"))).isZero();
        assertThat(store.latestCommitTs(b("b"))).isZero();
    }

    @Test
    void commitLocalFailsAsAbortedWhenAnotherTransactionTookOverARemovedLock() {
        prepare(20, put("a", "a20"), put("b", "b20"));
        apply(new ShardCommand.Resolve(20, 0, keys("b")));
        prepare(25, put("b", "b25"));

        failed(apply(new ShardCommand.CommitLocal(20, 30, keys("a", "b"))), ErrorCode.TXN_ABORTED);

        assertThat(store.scanLocks(b(""), null, 10)).containsExactly(
                new LockEntry(b("a"), lock(20, "a20")), new LockEntry(b("b"), lock(25, "b25")));
        assertThat(store.latestCommitTs(b("a"))).isZero();
    }

    // ---------------------------------------------------------------- garbage collection

    @Test
    void theSafePointNeverGoesDown() {
        apply(new ShardCommand.CollectGarbage(100));
        apply(new ShardCommand.CollectGarbage(50));

        assertThat(longMeta(CommandApplier.SAFE_POINT)).isEqualTo(100);
    }

    @Test
    void aCollectionOverManyKeysIsCutIntoBoundedStepsThatTheSameSafePointContinues() {
        int keys = 2 * CommandApplier.GC_KEYS_PER_STEP + 10;
        overwriteEach(keys, 10, 20);

        assertThat(apply(new ShardCommand.CollectGarbage(100))).as("step 1").isEqualTo(new ShardReply.Counter(1));
        assertThat(keysWithOldVersions(keys, 15)).isEqualTo(keys - CommandApplier.GC_KEYS_PER_STEP);
        assertThat(apply(new ShardCommand.CollectGarbage(100))).as("step 2").isEqualTo(new ShardReply.Counter(1));
        assertThat(keysWithOldVersions(keys, 15)).isEqualTo(10);
        assertThat(apply(new ShardCommand.CollectGarbage(100))).as("step 3").isEqualTo(ShardReply.DONE);

        assertThat(keysWithOldVersions(keys, 15)).isZero();
        assertThat(store.meta(CommandApplier.GC_CURSOR)).isEmpty();
        assertThat(apply(new ShardCommand.CollectGarbage(100))).as("nothing left to do").isEqualTo(ShardReply.DONE);
        assertThat(apply(new ShardCommand.CollectGarbage(50))).isEqualTo(ShardReply.DONE);
    }

    @Test
    void aHigherSafePointRestartsAnUnfinishedCollectionFromTheFirstKey() {
        int keys = CommandApplier.GC_KEYS_PER_STEP + 10;
        overwriteEach(keys, 10, 20);
        apply(new ShardCommand.CollectGarbage(100));
        overwriteEach(1, 150, 160); // key 0, visited by step 1, gains garbage above the first safe point

        // Step 1 unmarked the keys it finished: 10 candidates are left past the cursor, and key 0 before it.
        assertThat(apply(new ShardCommand.CollectGarbage(200))).isEqualTo(ShardReply.DONE);

        assertThat(keysWithOldVersions(keys, 15)).isZero();
        assertThat(store.get(b(String.format("k%06d", 0)), 155)).isEmpty();
        assertThat(longMeta(CommandApplier.SAFE_POINT)).isEqualTo(200);
    }

    /** Writes keys k000000.. at {@code first}, then again at {@code second} (garbage below {@code second}). */
    private void overwriteEach(int keys, long first, long second) {
        for (long ts : new long[] {first, second}) {
            for (int from = 0; from < keys; from += 500) {
                List<Mutation> ms = new java.util.ArrayList<>();
                for (int i = from; i < Math.min(keys, from + 500); i++) ms.add(put(String.format("k%06d", i), "v" + ts));
                apply(new ShardCommand.CommitWrites(ts - 1, ts, ms));
            }
        }
    }

    /** How many of keys k000000.. still have a version visible at {@code ts}. */
    private int keysWithOldVersions(int keys, long ts) {
        int n = 0;
        for (int i = 0; i < keys; i++) if (store.get(b(String.format("k%06d", i)), ts).isPresent()) n++;
        return n;
    }

    @Test
    void collectingGarbageRemovesVersionsBelowTheSafePoint() {
        writeVersion("a", 10, "a@10");
        writeVersion("a", 20, "a@20");
        writeVersion("a", 120, "a@120");

        apply(new ShardCommand.CollectGarbage(100));

        assertThat(store.get(b("a"), 15)).isEmpty();
        assertThat(store.get(b("a"), 100)).contains(entry("a", "a@20", 20));
        assertThat(store.get(b("a"), 120)).contains(entry("a", "a@120", 120));
    }

    @Test
    void writesOverAVersionAndDeletesAreCollectedAfterGoingThroughTheLog() {
        apply(new ShardCommand.CommitWrites(5, 10, List.of(put("a", "a@10"), put("b", "b@10"), put("c", "c@10"))));
        prepare(20, put("a", "a@30"), delete("d"));
        apply(new ShardCommand.Resolve(20, 30, keys("a", "d")));
        apply(new ShardCommand.CommitWrites(25, 40, List.of(put("b", "b@40"))));

        apply(new ShardCommand.CollectGarbage(100));

        assertThat(store.get(b("a"), 20)).isEmpty();
        assertThat(store.get(b("a"), 100)).contains(entry("a", "a@30", 30));
        assertThat(store.get(b("b"), 20)).isEmpty();
        assertThat(store.latestCommitTs(b("d"))).isZero();
        assertThat(store.get(b("c"), 100)).contains(entry("c", "c@10", 10));
    }

    // ---------------------------------------------------------------- batches

    @Test
    void aFailedCommandInABatchLeavesTheOthersApplied() {
        ShardReply reply = apply(new ShardCommand.Batch(List.of(
                prepareCommand(20, put("a", "a20")),
                prepareCommand(25, put("a", "a25")),
                new ShardCommand.CommitWrites(5, 6, List.of(put("b", "b6"))),
                prepareCommand(30, put("c", "c30"), put("a", "a30")),
                new ShardCommand.CommitWrites(5, 7, List.of(put("d", "d7"))))));

        assertThat(reply).isInstanceOfSatisfying(ShardReply.Batched.class, batched -> {
            assertThat(batched.replies()).hasSize(5);
            assertThat(batched.replies().get(0)).isEqualTo(ShardReply.DONE);
            assertThat(failed(batched.replies().get(1), ErrorCode.KEY_LOCKED).lock()).isEqualTo(lock(20, "a20"));
            assertThat(batched.replies().get(2)).isEqualTo(ShardReply.DONE);
            failed(batched.replies().get(3), ErrorCode.KEY_LOCKED);
            assertThat(batched.replies().get(4)).isEqualTo(ShardReply.DONE);
        });
        assertThat(store.scanLocks(b(""), null, 10)).containsExactly(new LockEntry(b("a"), lock(20, "a20")));
        assertThat(store.get(b("b"), 6)).contains(entry("b", "b6", 6));
        assertThat(store.get(b("d"), 7)).contains(entry("d", "d7", 7));
    }

    // ---------------------------------------------------------------- row locks

    @Test
    void rowLocksAreTakenAllOrNoneAndNeverBlockReadsNorBecomeVersions() {
        writeVersion("a", 10, "a@10");
        prepare(15, put("c", "theirs"));

        failed(lockRows(20, Lock.Mode.EXCLUSIVE, false, "a", "b", "c"), ErrorCode.KEY_LOCKED);
        assertThat(store.lock(b("a"))).isEmpty();

        assertThat(lockRows(20, Lock.Mode.EXCLUSIVE, false, "a", "b")).isEqualTo(ShardReply.DONE);
        assertThat(store.lock(b("a"))).contains(rowLock(20, Lock.Mode.EXCLUSIVE));
        assertThat(store.get(b("a"), 30)).contains(entry("a", "a@10", 10)); // readers go past row locks

        apply(new ShardCommand.Resolve(20, 25, keys("a", "b")));
        assertThat(store.lock(b("a"))).isEmpty();
        assertThat(store.lock(b("b"))).isEmpty();
        assertThat(store.latestCommitTs(b("a"))).isEqualTo(10); // a row lock never becomes a version
        assertThat(store.latestCommitTs(b("b"))).isZero();
    }

    @Test
    void aRowChangedAfterTheSnapshotCannotBeLocked() {
        writeVersion("a", 30, "a@30");

        failed(lockRows(20, Lock.Mode.SHARED, false, "a"), ErrorCode.WRITE_CONFLICT);
        failed(lockRows(20, Lock.Mode.EXCLUSIVE, true, "a"), ErrorCode.WRITE_CONFLICT);
        assertThat(store.lock(b("a"))).isEmpty();
    }

    @Test
    void sharedLocksCoexistAndKeepExclusiveLocksAndWritesOut() {
        assertThat(lockRows(20, Lock.Mode.SHARED, false, "a")).isEqualTo(ShardReply.DONE);
        assertThat(lockRows(21, Lock.Mode.SHARED, false, "a")).isEqualTo(ShardReply.DONE);
        assertThat(store.lock(b("a")).orElseThrow().holders()).extracting(Lock::startTs).containsExactly(20L, 21L);

        assertThat(failed(lockRows(22, Lock.Mode.EXCLUSIVE, false, "a"), ErrorCode.KEY_LOCKED).lock())
                .isEqualTo(rowLock(20, Lock.Mode.SHARED));
        failed(prepare(22, put("a", "x")), ErrorCode.KEY_LOCKED);
        failed(apply(new ShardCommand.CommitWrites(22, 23, List.of(put("a", "x")))), ErrorCode.KEY_LOCKED);
        failed(lockRows(20, Lock.Mode.EXCLUSIVE, false, "a"), ErrorCode.KEY_LOCKED); // 21 shares it: no upgrade

        apply(new ShardCommand.Resolve(20, 0, keys("a"))); // 20 aborts: 21 still holds it
        assertThat(store.lock(b("a"))).contains(rowLock(21, Lock.Mode.SHARED));
        assertThat(lockRows(21, Lock.Mode.EXCLUSIVE, false, "a")).isEqualTo(ShardReply.DONE); // alone: upgrades
        assertThat(store.lock(b("a"))).contains(rowLock(21, Lock.Mode.EXCLUSIVE));
        failed(lockRows(22, Lock.Mode.SHARED, false, "a"), ErrorCode.KEY_LOCKED);
        assertThat(lockRows(21, Lock.Mode.SHARED, false, "a")).isEqualTo(ShardReply.DONE); // keeps the stronger
        assertThat(store.lock(b("a"))).contains(rowLock(21, Lock.Mode.EXCLUSIVE));
    }

    @Test
    void skipLockedLocksWhatIsFreeAndNamesWhatIsNot() {
        lockRows(15, Lock.Mode.EXCLUSIVE, false, "b");

        ShardReply r = lockRows(20, Lock.Mode.EXCLUSIVE, true, "a", "b", "c");

        assertThat(r).isEqualTo(new ShardReply.Locks(List.of(new LockEntry(b("b"), rowLock(15, Lock.Mode.EXCLUSIVE)))));
        assertThat(store.scanLocks(b(""), null, 10)).containsExactly(
                new LockEntry(b("a"), rowLock(20, Lock.Mode.EXCLUSIVE)),
                new LockEntry(b("b"), rowLock(15, Lock.Mode.EXCLUSIVE)),
                new LockEntry(b("c"), rowLock(20, Lock.Mode.EXCLUSIVE)));
    }

    @Test
    void aTransactionsWriteUpgradesItsOwnRowLockAndCommitsIt() {
        lockRows(20, Lock.Mode.EXCLUSIVE, false, "a", "b");

        assertThat(prepare(20, put("a", "a20"))).isEqualTo(ShardReply.DONE);
        assertThat(store.lock(b("a"))).contains(lock(20, "a20"));

        assertThat(apply(new ShardCommand.CommitLocal(20, 30, keys("a")))).isEqualTo(ShardReply.DONE);
        assertThat(store.get(b("a"), 30)).contains(entry("a", "a20", 30));
        assertThat(store.lock(b("b"))).contains(rowLock(20, Lock.Mode.EXCLUSIVE)); // released by its own Resolve
        apply(new ShardCommand.Resolve(20, 30, List.of())); // key-less: every hold of 20 on the shard
        assertThat(store.scanLocks(b(""), null, 10)).isEmpty();
        assertThat(store.latestCommitTs(b("b"))).isZero();
    }

    @Test
    void sharedHoldersAreReleasedOneByOneByAKeylessResolve() {
        lockRows(20, Lock.Mode.SHARED, false, "a");
        lockRows(21, Lock.Mode.SHARED, false, "a");

        apply(new ShardCommand.Resolve(21, 0, List.of()));

        assertThat(store.lock(b("a"))).contains(rowLock(20, Lock.Mode.SHARED));
    }

    // ---------------------------------------------------------------- helpers

    private ShardReply lockRows(long startTs, Lock.Mode mode, boolean skipLocked, String... keys) {
        return apply(new ShardCommand.LockRows(startTs, OWNER, TTL, mode, skipLocked, keys(keys)));
    }

    private static Lock rowLock(long startTs, Lock.Mode mode) {
        return Lock.rowLock(startTs, OWNER, TTL, mode);
    }

    private ShardReply apply(ShardCommand command) {
        return shard.apply(command);
    }

    private ShardReply prepare(long startTs, Mutation... mutations) {
        return apply(prepareCommand(startTs, mutations));
    }

    private static ShardCommand.Prepare prepareCommand(long startTs, Mutation... mutations) {
        return new ShardCommand.Prepare(startTs, OWNER, TTL, List.of(mutations));
    }

    /** Writes a committed version directly, without a command. */
    private void writeVersion(String key, long commitTs, String value) {
        try (MvccBatch batch = store.newBatch()) {
            batch.writeVersion(b(key), commitTs, value == null ? null : b(value));
            batch.markGarbageCandidate(b(key)); // as a Prepare over an existing version would
            batch.commit();
        }
    }

    private long longMeta(String name) {
        return ByteBuffer.wrap(store.meta(name).orElseThrow()).getLong();
    }

    private static ShardReply.Failed failed(ShardReply reply, ErrorCode code) {
        assertThat(reply).isInstanceOf(ShardReply.Failed.class);
        ShardReply.Failed failed = (ShardReply.Failed) reply;
        assertThat(failed.code()).as(failed.message()).isEqualTo(code);
        return failed;
    }

    private static byte[] meta(ShardReply reply) {
        assertThat(reply).isInstanceOf(ShardReply.Meta.class);
        return ((ShardReply.Meta) reply).value();
    }

    private static Lock lock(long startTs, String value) {
        return new Lock(startTs, OWNER, value == null ? null : b(value), TTL);
    }

    private static Mutation put(String key, String value) {
        return Mutation.put(b(key), b(value));
    }

    private static Mutation insert(String key, String value) {
        return Mutation.insert(b(key), b(value));
    }

    private static Mutation delete(String key) {
        return Mutation.delete(b(key));
    }

    private static List<byte[]> keys(String... keys) {
        return Arrays.stream(keys).map(CommandApplierTest::b).toList();
    }

    private static KvEntry entry(String key, String value, long commitTs) {
        return new KvEntry(b(key), b(value), commitTs);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
