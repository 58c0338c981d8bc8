package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.log.Decisions;
import io.shardsql.txn.log.TxnCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lock resolution: what a reader or writer does with another transaction's lock, by the fate of its
 * transaction (committed, aborted, undecided within or past its TTL) and by its owner (a coordinator,
 * or the shard's own log).
 */
@Timeout(10)
class LockResolutionTest extends TxnFixture {

    @Test
    void aReaderResolvesALockWhoseTransactionCommittedAndReadsItsValue() {
        byte[] k = key(0, "a");
        write(k, "old");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.coordinator(1), k, "new");
        long commitTs = txns.now();
        plantDecision(1, owner.startTs(), commitTs, List.of(GroupName.shard(0)));

        try (Transaction reader = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(reader.get(k)).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("new"));
        }
        assertThat(locks()).isEmpty();
        assertThat(shard(0).store().latestCommitTs(k)).isEqualTo(commitTs);
        assertThat(kinds(coord(1))).containsExactly("GetMeta");
    }

    @Test
    void aReaderResolvesALockWhoseTransactionAbortedAndReadsThePreviousValue() {
        byte[] k = key(1, "a");
        write(k, "old");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.coordinator(0), k, "new");
        plantDecision(0, owner.startTs(), 0, List.of());

        assertThat(read(k)).contains("old");
        assertThat(locks()).isEmpty();
    }

    @Test
    void anAbandonedLockPastItsTtlIsAbortedThroughItsCoordinatorThenRemoved() {
        byte[] k = key(2, "a");
        write(k, "old");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.coordinator(0), k, "new");
        clock.advanceMillis(LOCK_TTL.toMillis() + 1);

        assertThat(read(k)).contains("old");

        assertThat(kinds(coord(0))).containsExactly("GetMeta", "AbortIfStale");
        byte[] decision = coord(0).store().meta(Decisions.name(owner.startTs())).orElseThrow();
        assertThat(Decisions.commitTsOf(decision)).isZero();
        assertThat(locks()).isEmpty();
    }

    @Test
    void anAbortedAbandonedTransactionCanNoLongerCommit() {
        byte[] k = key(2, "a");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.coordinator(0), k, "new");
        clock.advanceMillis(LOCK_TTL.toMillis() + 1);
        read(k);

        byte[] record = new DecisionRecord(owner.startTs(), txns.now(), clock.wallMillis(), List.of()).encodeRecord();
        var reply = coord(0).apply(new TxnCommand.RecordDecision(owner.startTs(), txns.now(), record));

        assertThat(Decisions.commitTsOf(((io.shardsql.storage.raft.command.ShardReply.Meta) reply).value())).isZero();
    }

    @Test
    void anAbandonedSingleShardLockPastItsTtlIsAbortedInTheShardsOwnLog() {
        byte[] k = key(0, "a");
        write(k, "old");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.LOCAL_SHARD, k, "new");
        clock.advanceMillis(LOCK_TTL.toMillis() + 1);
        shard(0).clearReceived();

        assertThat(read(k)).contains("old");

        assertThat(kinds(shard(0))).containsExactly("Get", "Resolve", "Get");
        assertThat(coord(0).received()).isEmpty();
        assertThat(coord(1).received()).isEmpty();
        assertThat(locks()).isEmpty();
    }

    @Test
    void aReaderWaitsForALiveLockAndAbortsItOnceItsTtlHasPassed() {
        byte[] k = key(1, "a");
        write(k, "old");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.coordinator(1), k, "new");
        long before = clock.nanoTime();

        assertThat(read(k)).contains("old");

        assertThat(clock.nanoTime() - before).isGreaterThanOrEqualTo(LOCK_TTL.toNanos());
        assertThat(Decisions.commitTsOf(coord(1).store().meta(Decisions.name(owner.startTs())).orElseThrow())).isZero();
        assertThat(locks()).isEmpty();
    }

    @Test
    void aReaderGivesUpOnALiveLockAfterTheLockWaitTimeout() {
        txns = manager(Duration.ofSeconds(1));
        byte[] k = key(1, "a");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.coordinator(1), k, "new");

        assertThat(codeOf(() -> read(k))).isEqualTo(ErrorCode.LOCK_WAIT_TIMEOUT);
        assertThat(coord(1).store().meta(Decisions.name(owner.startTs()))).isEmpty();
        assertThat(locks()).hasSize(1);
    }

    @Test
    void aLockOfATransactionThatBeganAfterTheReadIsIgnored() {
        byte[] k = key(0, "a");
        write(k, "old");
        Transaction reader = txns.begin(TxnMode.READ_ONLY);
        Transaction later = txns.begin(TxnMode.READ_WRITE);
        plantLock(later.startTs(), TxnOwner.coordinator(0), k, "new");

        assertThat(reader.get(k)).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("old"));
        assertThat(coord(0).received()).isEmpty();
        assertThat(locks()).hasSize(1);
    }

    @Test
    void aWriterResolvesACommittedLockInItsWayAndCommitsOverIt() {
        byte[] k = key(2, "a");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.coordinator(0), k, "first");
        plantDecision(0, owner.startTs(), txns.now(), List.of(GroupName.shard(2)));

        write(k, "second");

        assertThat(read(k)).contains("second");
        assertThat(locks()).isEmpty();
    }

    @Test
    void anOlderWriterWaitsForAYoungerLiveLockUntilItsTtlAbortsIt() {
        byte[] k = key(0, "a");
        Transaction older = txns.begin(TxnMode.READ_WRITE);
        Transaction younger = txns.begin(TxnMode.READ_WRITE);
        plantLock(younger.startTs(), TxnOwner.coordinator(1), k, "younger's");
        older.put(k, b("older's"));

        older.commit();

        assertThat(read(k)).contains("older's");
        byte[] decision = coord(1).store().meta(Decisions.name(younger.startTs())).orElseThrow();
        assertThat(Decisions.commitTsOf(decision)).isZero();
    }

    @Test
    void garbageCollectionSweepsAbandonedLocks() {
        byte[] k = key(1, "a");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.LOCAL_SHARD, k, "new");
        clock.advanceMillis(LOCK_TTL.toMillis() + 1);

        try (TxnServices services = new TxnServices(groups, txns, "n1", g -> true, clock,
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor())) {
            services.collectNow();
        }

        assertThat(locks()).isEmpty();
        assertThat(shard(1).received()).anyMatch(r -> r instanceof ShardCommand.CollectGarbage);
    }
}
