package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.Lock;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.txn.RowLockWait;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnState;
import io.shardsql.txn.log.Decisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Row locks ({@link Transaction#lockRows}) over the in-memory groups: held until the transaction ends and
 * then released without becoming versions, NOWAIT / SKIP LOCKED / waiting, shared holders, a row changed
 * after the snapshot, the upgrade of a locked row that is then written, and the heartbeats that keep a live
 * holder's locks and the abandoned-lock machinery that clears a dead one's.
 */
@Timeout(20)
class RowLocksTest extends TxnFixture {

    @Test
    void rowLocksAreHeldUntilCommitThenReleasedWithoutBecomingVersions() {
        byte[] k0 = key(0, "a");
        byte[] k1 = key(1, "b");
        long written = write(k0, "v");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);

        assertThat(tx.lockRows(List.of(k0, k1), Lock.Mode.EXCLUSIVE, RowLockWait.WAIT)).isEmpty();

        assertThat(locks()).extracting(e -> e.lock().mode()).containsOnly(Lock.Mode.EXCLUSIVE).hasSize(2);
        assertThat(read(k0)).contains("v"); // readers go past row locks
        assertThat(clock.repeating()).as("a heartbeat keeps them").isOne();
        tx.commit();
        assertThat(locks()).isEmpty();
        assertThat(shard(0).store().latestCommitTs(k0)).isEqualTo(written);
        assertThat(shard(1).store().latestCommitTs(k1)).isZero();
        assertThat(clock.repeating()).isZero();
    }

    @Test
    void rollbackReleasesRowLocks() {
        byte[] k = key(2, "a");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.lockRows(List.of(k), Lock.Mode.SHARED, RowLockWait.WAIT);

        tx.rollback();

        assertThat(locks()).isEmpty();
        assertThat(clock.repeating()).isZero();
    }

    @Test
    void nowaitFailsWith55P03AndSkipLockedLeavesTheHeldRowOut() {
        byte[] a = key(0, "a");
        byte[] b = key(0, "b");
        Transaction holder = txns.begin(TxnMode.READ_WRITE);
        holder.lockRows(List.of(a), Lock.Mode.EXCLUSIVE, RowLockWait.WAIT);
        Transaction other = txns.begin(TxnMode.READ_WRITE);

        ErrorCode nowait = codeOf(() -> other.lockRows(List.of(a, b), Lock.Mode.SHARED, RowLockWait.NOWAIT));
        assertThat(nowait).isEqualTo(ErrorCode.LOCK_NOT_AVAILABLE);
        assertThat(nowait.sqlState()).isEqualTo("55P03");
        assertThat(other.lockRows(List.of(a, b), Lock.Mode.EXCLUSIVE, RowLockWait.SKIP_LOCKED)).containsExactly(a);
        assertThat(shard(0).store().lock(b).orElseThrow().startTs()).isEqualTo(other.startTs());
        holder.rollback();
        other.rollback();
        assertThat(locks()).isEmpty();
    }

    @Test
    void aWaitingLockerGivesUpWith55P03AfterTheLockWaitTimeoutWhateverItsAge() {
        txns = manager(Duration.ofMillis(300));
        byte[] k = key(1, "a");
        Transaction older = txns.begin(TxnMode.READ_WRITE);
        Transaction younger = txns.begin(TxnMode.READ_WRITE);
        younger.lockRows(List.of(k), Lock.Mode.EXCLUSIVE, RowLockWait.WAIT);

        assertThat(codeOf(() -> older.lockRows(List.of(k), Lock.Mode.EXCLUSIVE, RowLockWait.WAIT)))
                .isEqualTo(ErrorCode.LOCK_NOT_AVAILABLE);

        // a younger writer is not killed by wait-die (WRITE_CONFLICT at once): it waits, then times out
        Transaction youngest = txns.begin(TxnMode.READ_WRITE);
        youngest.put(k, b("y"));
        assertThat(codeOf(youngest::commit)).isEqualTo(ErrorCode.LOCK_WAIT_TIMEOUT);
    }

    @Test
    void sharedLocksCoexistAndKeepWritersOutUntilEveryHolderIsGone() {
        txns = manager(Duration.ofMillis(300));
        byte[] k = key(2, "a");
        write(k, "v");
        Transaction s1 = txns.begin(TxnMode.READ_WRITE);
        Transaction s2 = txns.begin(TxnMode.READ_WRITE);
        s1.lockRows(List.of(k), Lock.Mode.SHARED, RowLockWait.NOWAIT);
        s2.lockRows(List.of(k), Lock.Mode.SHARED, RowLockWait.NOWAIT);
        assertThat(shard(2).store().lock(k).orElseThrow().holders()).hasSize(2);

        Transaction writer = txns.begin(TxnMode.READ_WRITE);
        assertThat(codeOf(() -> writer.lockRows(List.of(k), Lock.Mode.EXCLUSIVE, RowLockWait.NOWAIT)))
                .isEqualTo(ErrorCode.LOCK_NOT_AVAILABLE);
        s1.commit();
        assertThat(codeOf(() -> writer.lockRows(List.of(k), Lock.Mode.EXCLUSIVE, RowLockWait.NOWAIT)))
                .isEqualTo(ErrorCode.LOCK_NOT_AVAILABLE);
        s2.rollback();
        writer.lockRows(List.of(k), Lock.Mode.EXCLUSIVE, RowLockWait.NOWAIT);
        writer.put(k, b("w"));
        writer.commit();
        assertThat(read(k)).contains("w");
        assertThat(locks()).isEmpty();
    }

    @Test
    void aRowChangedAfterTheSnapshotCannotBeLocked() {
        byte[] k = key(0, "a");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        write(k, "later");

        assertThat(codeOf(() -> tx.lockRows(List.of(k), Lock.Mode.SHARED, RowLockWait.WAIT)))
                .isEqualTo(ErrorCode.WRITE_CONFLICT);
        assertThat(locks()).isEmpty();
    }

    @Test
    void aLockedRowThatIsWrittenCommitsThroughTheCoordinatorAndEveryLockGoes() {
        byte[] k0 = key(0, "a");
        byte[] k0b = key(0, "b");
        byte[] k1 = key(1, "c");
        write(k0, "v");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.lockRows(List.of(k0, k0b, k1), Lock.Mode.EXCLUSIVE, RowLockWait.WAIT);
        tx.put(k0, b("w"));

        long commitTs = tx.commit();

        assertThat(tx.state()).isEqualTo(TxnState.COMMITTED);
        assertThat(kinds(coord(((TransactionImpl) tx).coordinator()))).contains("RecordDecision");
        assertThat(shard(0).store().get(k0, commitTs).orElseThrow().value()).isEqualTo(b("w"));
        assertThat(locks()).isEmpty();
        assertThat(shard(1).store().latestCommitTs(k1)).isZero();
    }

    @Test
    void aLiveHolderKeepsItsRowLocksPastTheTtlByHeartbeats() {
        byte[] k = key(1, "a");
        Transaction live = txns.begin(TxnMode.READ_WRITE);
        live.lockRows(List.of(k), Lock.Mode.EXCLUSIVE, RowLockWait.WAIT);
        clock.advanceMillis(3 * LOCK_TTL.toMillis());

        assertThat(txns.resolver().tryResolve(GroupName.shard(1), k, locks().get(0).lock())).isFalse();
        assertThat(locks()).hasSize(1);
        live.commit();
        assertThat(locks()).isEmpty();
    }

    @Test
    void theRowLocksOfADeadDriverAreAbortedInItsCoordinatorAndClearedByTheNextWriterAfterTheTtl() {
        byte[] k = key(1, "a");
        Transaction dead = txns.begin(TxnMode.READ_WRITE); // its driver takes a row lock and dies: no beats
        assertThat(groups.group(GroupName.shard(1)).apply(new ShardCommand.LockRows(dead.startTs(),
                TxnOwner.coordinator(1).encode(), LOCK_TTL.toMillis(), Lock.Mode.EXCLUSIVE, false, List.of(k))))
                .isEqualTo(ShardReply.DONE);
        clock.advanceMillis(LOCK_TTL.toMillis() + 1);

        Transaction writer = txns.begin(TxnMode.READ_WRITE);
        writer.put(k, b("w"));
        writer.commit();

        assertThat(read(k)).contains("w");
        assertThat(locks()).isEmpty();
        assertThat(Decisions.commitTsOf(coord(1).store().meta(Decisions.name(dead.startTs())).orElseThrow())).isZero();
    }

    @Test
    void aReadOnlyTransactionCannotLockRows() {
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(codeOf(() -> tx.lockRows(List.of(key(0, "a")), Lock.Mode.SHARED, RowLockWait.WAIT)))
                    .isEqualTo(ErrorCode.READ_ONLY_TRANSACTION);
        }
    }
}
