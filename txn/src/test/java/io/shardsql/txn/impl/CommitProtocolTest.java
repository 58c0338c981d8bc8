package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.KeyExistsException;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.txn.CommitStep;
import io.shardsql.txn.Timestamps;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnState;
import io.shardsql.txn.log.Decisions;
import io.shardsql.txn.log.NextTimestamps;
import io.shardsql.txn.log.TxnCommand;
import io.shardsql.txn.memory.MemoryGroup.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The commit protocol over groups in memory: one shard, several shards, conflicts and failures at each step. */
@Timeout(10)
class CommitProtocolTest extends TxnFixture {

    @Test
    void aOneShardCommitPreparesThenCommitsLocallyWithoutACoordinator() {
        byte[] k = key(0, "a");
        long commitTs = write(k, "v1");

        assertThat(kinds(shard(0))).containsExactly("Prepare", "CommitLocal");
        assertThat(coord(0).received()).isEmpty();
        assertThat(coord(1).received()).isEmpty();
        assertThat(shard(0).store().get(k,
                commitTs)).hasValueSatisfying(e -> assertThat(e.commitTs()).isEqualTo(commitTs));
        assertThat(locks()).isEmpty();
        assertThat(steps).containsExactly("PREPARED@shard-0", "DECIDING@shard-0", "DECIDED@shard-0");
    }

    @Test
    void aManyShardCommitPreparesEverywhereDecidesInTheCoordinatorThenResolvesAndForgets() {
        byte[] k0 = key(0, "a");
        byte[] k1 = key(1, "b");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(k0, b("x"));
        tx.put(k1, b("y"));
        int k = ((TransactionImpl) tx).coordinator();
        long commitTs = tx.commit();

        assertThat(tx.state()).isEqualTo(TxnState.COMMITTED);
        assertThat(commitTs).isGreaterThan(tx.startTs());
        assertThat(kinds(shard(0))).containsExactly("Prepare", "Resolve");
        assertThat(kinds(shard(1))).containsExactly("Prepare", "Resolve");
        assertThat(kinds(coord(k))).containsExactly("RecordDecision", "ForgetDecisions");
        assertThat(coord(k).store().metaScan(Decisions.PREFIX, 10)).isEmpty();
        assertThat(locks()).isEmpty();
        assertThat(read(k0)).contains("x");
        assertThat(read(k1)).contains("y");
        assertThat(steps).contains("DECIDING@coord-" + k, "DECIDED@coord-" + k, "RESOLVED@shard-0", "RESOLVED@shard-1");
        assertThat(steps.indexOf("DECIDED@coord-" + k)).isLessThan(steps.indexOf("RESOLVED@shard-0"));
    }

    @Test
    void insertsAreNotReadButCheckedWhenTheCommitPreparesAndATakenKeyFailsItWithNothingWritten() {
        byte[] taken = key(1, "taken");
        write(taken, "theirs");
        byte[] free0 = key(0, "free");
        byte[] free2 = key(2, "free");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.insert(free0, b("a"));
        tx.insert(taken, b("b"));
        tx.insert(free2, b("c"));
        for (int i = 0; i < 3; i++) assertThat(kinds(shard(i))).as("no read").doesNotContain("Get", "GetMany");

        assertThatThrownBy(tx::commit).isInstanceOfSatisfying(KeyExistsException.class,
                e -> assertThat(e.key()).isEqualTo(taken));

        assertThat(tx.state()).isEqualTo(TxnState.ABORTED);
        assertThat(read(taken)).contains("theirs");
        assertThat(read(free0)).isEmpty();
        assertThat(read(free2)).isEmpty();
        assertThat(locks()).isEmpty();
    }

    @Test
    void anInsertMeetsTheTransactionsOwnWritesAndReadsAtOnce() {
        byte[] k = key(0, "own");
        byte[] stored = key(1, "stored");
        write(stored, "there");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.insert(k, b("1"));
        assertThatThrownBy(() -> tx.insert(k, b("2"))).isInstanceOf(KeyExistsException.class);
        assertThat(tx.get(stored)).isPresent();
        assertThatThrownBy(() -> tx.insert(stored, b("2"))).isInstanceOf(KeyExistsException.class);
        tx.delete(stored);
        tx.insert(stored, b("again")); // its own delete freed the key: a plain put, the commit checks nothing
        tx.commit();
        assertThat(read(k)).contains("1");
        assertThat(read(stored)).contains("again");
    }

    @Test
    void anEmptyTransactionCommitsAtItsStartWithoutSendingAnything() {
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        assertThat(tx.commit()).isEqualTo(tx.startTs());
        for (int i = 0; i < 3; i++) assertThat(shard(i).received()).isEmpty();
    }

    @Test
    void aWriteWriteConflictWithALaterCommitAbortsWithA40001Error() {
        byte[] k = key(2, "c");
        Transaction first = txns.begin(TxnMode.READ_WRITE);
        write(k, "other");
        first.put(k, b("mine"));

        ErrorCode code = codeOf(first::commit);

        assertThat(code).isEqualTo(ErrorCode.WRITE_CONFLICT);
        assertThat(code.sqlState()).isEqualTo("40001");
        assertThat(first.state()).isEqualTo(TxnState.ABORTED);
        assertThat(locks()).isEmpty();
        assertThat(read(k)).contains("other");
    }

    @Test
    void aYoungerWriterMeetingAnOlderLiveLockDies() {
        byte[] k = key(0, "d");
        Transaction older = txns.begin(TxnMode.READ_WRITE);
        Transaction younger = txns.begin(TxnMode.READ_WRITE);
        plantLock(older.startTs(), TxnOwner.coordinator(0), k, "older's");
        younger.put(k, b("younger's"));

        assertThat(codeOf(younger::commit)).isEqualTo(ErrorCode.WRITE_CONFLICT);
        assertThat(younger.state()).isEqualTo(TxnState.ABORTED);
        assertThat(locks()).singleElement().satisfies(e -> assertThat(e.lock().startTs()).isEqualTo(older.startTs()));
    }

    @Test
    void aPrepareFailureOnOneShardAbortsThePreparedShardsAndNeverReachesTheCoordinator() {
        byte[] k0 = key(0, "a");
        byte[] k1 = key(1, "b");
        shard(1).script(Fault.UNAVAILABLE, ShardCommand.Prepare.class, 1);
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(k0, b("x"));
        tx.put(k1, b("y"));

        assertThat(codeOf(tx::commit)).isEqualTo(ErrorCode.UNAVAILABLE);

        assertThat(tx.state()).isEqualTo(TxnState.ABORTED);
        assertThat(kinds(shard(0))).containsExactly("Prepare", "Resolve");
        assertThat(coord(0).received()).isEmpty();
        assertThat(coord(1).received()).isEmpty();
        assertThat(locks()).isEmpty();
        assertThat(read(k0)).isEmpty();
    }

    @Test
    void aPrepareConflictOnOneShardAbortsTheOtherShardsLocks() {
        byte[] k0 = key(0, "a");
        byte[] k1 = key(1, "b");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        write(k1, "newer");
        tx.put(k0, b("x"));
        tx.put(k1, b("y"));

        assertThat(codeOf(tx::commit)).isEqualTo(ErrorCode.WRITE_CONFLICT);
        assertThat(locks()).isEmpty();
        assertThat(read(k0)).isEmpty();
    }

    @Test
    void theCoordinatorUnavailableAtTheDecisionLeavesTheOutcomeUnknownAndTheLocksInPlace() {
        byte[] k0 = key(0, "a");
        byte[] k1 = key(1, "b");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(k0, b("x"));
        tx.put(k1, b("y"));
        int k = ((TransactionImpl) tx).coordinator();
        coord(k).script(Fault.UNAVAILABLE, TxnCommand.RecordDecision.class, 1);

        ErrorCode code = codeOf(tx::commit);

        assertThat(code).isEqualTo(ErrorCode.TXN_OUTCOME_UNKNOWN);
        assertThat(tx.state()).isEqualTo(TxnState.UNKNOWN);
        assertThat(locks()).hasSize(2);
        assertThat(coord(k).store().metaScan(Decisions.PREFIX, 10)).isEmpty();
    }

    @Test
    void anUndecidedTransactionWhoseDriverLostTheCoordinatorIsAbortedByTheNextReaderAfterItsTtl() {
        byte[] k0 = key(0, "a");
        byte[] k1 = key(1, "b");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(k0, b("x"));
        tx.put(k1, b("y"));
        int k = ((TransactionImpl) tx).coordinator();
        coord(k).script(Fault.UNAVAILABLE, TxnCommand.RecordDecision.class, 1);
        codeOf(tx::commit);
        clock.advanceMillis(LOCK_TTL.toMillis() + 1);

        assertThat(read(k0)).isEmpty();

        assertThat(Decisions.commitTsOf(coord(k).store().meta(Decisions.name(tx.startTs())).orElseThrow())).isZero();
        assertThat(read(k1)).isEmpty();
        assertThat(locks()).isEmpty();
    }

    @Test
    void aLostDecisionReplyLeavesTheOutcomeUnknownButTheCommitStandsAndRecoveryFinishesIt() {
        byte[] k0 = key(0, "a");
        byte[] k1 = key(1, "b");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(k0, b("x"));
        tx.put(k1, b("y"));
        int k = ((TransactionImpl) tx).coordinator();
        coord(k).script(Fault.LOST_REPLY, TxnCommand.RecordDecision.class, 1);

        assertThat(codeOf(tx::commit)).isEqualTo(ErrorCode.TXN_OUTCOME_UNKNOWN);
        assertThat(locks()).hasSize(2);

        try (TxnServices services = services()) {
            assertThat(services.recoverNow()).isZero(); // within the grace period: the driver may still be at it
            clock.advanceMillis(txns.settings().recoveryInterval().toMillis() + 1);
            assertThat(services.recoverNow()).isEqualTo(1);
        }
        assertThat(locks()).isEmpty();
        assertThat(coord(k).store().metaScan(Decisions.PREFIX, 10)).isEmpty();
        assertThat(read(k0)).contains("x");
        assertThat(read(k1)).contains("y");
    }

    @Test
    void aLostCommitLocalReplyLeavesTheOutcomeUnknownThoughTheWriteCommitted() {
        byte[] k = key(2, "c");
        shard(2).script(Fault.LOST_REPLY, ShardCommand.CommitLocal.class, 1);
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(k, b("x"));

        assertThat(codeOf(tx::commit)).isEqualTo(ErrorCode.TXN_OUTCOME_UNKNOWN);
        assertThat(tx.state()).isEqualTo(TxnState.UNKNOWN);
        assertThat(read(k)).contains("x");
    }

    @Test
    void aOneShardTransactionWhoseLockWasAbortedBeforeItsCommitLocalIsAborted() {
        byte[] k = key(1, "b");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(k, b("x"));
        hook = (step, startTs, group) -> {
            if (step == CommitStep.DECIDING) shard(1).apply(new ShardCommand.Resolve(startTs, 0, List.of(k)));
        };

        assertThat(codeOf(tx::commit)).isEqualTo(ErrorCode.TXN_ABORTED);
        assertThat(tx.state()).isEqualTo(TxnState.ABORTED);
        assertThat(read(k)).isEmpty();
    }

    @Test
    void aManyShardTransactionFoundAbandonedAndAbortedBeforeItsDecisionIsAbortedEverywhere() {
        byte[] k0 = key(0, "a");
        byte[] k1 = key(1, "b");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(k0, b("x"));
        tx.put(k1, b("y"));
        int k = ((TransactionImpl) tx).coordinator();
        hook = (step, startTs, group) -> {
            if (step == CommitStep.DECIDING) plantDecision(k, startTs, 0, List.of());
        };

        assertThat(codeOf(tx::commit)).isEqualTo(ErrorCode.TXN_ABORTED);
        assertThat(tx.state()).isEqualTo(TxnState.ABORTED);
        assertThat(locks()).isEmpty();
        assertThat(read(k0)).isEmpty();
    }

    @Test
    void aCommitSlowerThanTheLockTtlKeepsItsLocksByHeartbeatsAndCommits() {
        byte[] k0 = key(0, "a");
        byte[] k1 = key(1, "b");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(k0, b("x"));
        tx.put(k1, b("y"));
        List<Boolean> resolvedByOthers = new ArrayList<>();
        hook = (step, startTs, group) -> {
            if (step != CommitStep.DECIDING) return;
            clock.advanceMillis(3 * LOCK_TTL.toMillis()); // a slow driver: a pause, a large transaction
            for (var e : locks()) resolvedByOthers.add(txns.resolver().tryResolve(groups.groupOf(e.key()), e.key(),
                    e.lock()));
        };

        long commitTs = tx.commit();

        assertThat(resolvedByOthers).containsExactly(false, false);
        assertThat(tx.state()).isEqualTo(TxnState.COMMITTED);
        try (Transaction reader = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(reader.get(k0)).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("x"));
        }
        assertThat(commitTs).isGreaterThan(tx.startTs());
        assertThat(clock.repeating()).as("the heartbeats stop at the decision").isZero();
    }

    @Test
    void theLocksOfADriverThatStoppedBeatingAreRecoveredOneTtlAfterItsLastHeartbeat() {
        byte[] k0 = key(0, "a");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.coordinator(1), k0, "x");
        long aliveUntil = Timestamps.physicalMillis(txns.now()) + 2 * LOCK_TTL.toMillis();
        coord(1).apply(new TxnCommand.Heartbeat(owner.startTs(), aliveUntil));
        clock.advanceMillis(LOCK_TTL.toMillis() + 1);

        assertThat(txns.resolver().tryResolve(GroupName.shard(0), k0, locks().get(0).lock())).isFalse();

        clock.advanceMillis(2 * LOCK_TTL.toMillis());
        assertThat(read(k0)).isEmpty();
        assertThat(locks()).isEmpty();
        assertThat(Decisions.commitTsOf(coord(1).store().meta(Decisions.name(owner.startTs())).orElseThrow())).isZero();
    }

    @Test
    void aDriverThatDiesAfterTheDecisionLeavesLocksThatReadersResolveAsCommitted() {
        byte[] k0 = key(0, "a");
        byte[] k1 = key(1, "b");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(k0, b("x"));
        tx.put(k1, b("y"));
        shard(0).script(Fault.STALL, ShardCommand.Resolve.class, 1);
        shard(1).script(Fault.STALL, ShardCommand.Resolve.class, 1);

        long commitTs = tx.commit();

        assertThat(locks()).hasSize(2);
        try (Transaction reader = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(reader.get(k0)).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("x"));
            assertThat(reader.get(k1)).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("y"));
        }
        assertThat(locks()).isEmpty();
        assertThat(shard(0).store().get(k0,
                commitTs)).hasValueSatisfying(e -> assertThat(e.commitTs()).isEqualTo(commitTs));
    }

    @Test
    void timestampsAreRetriedWithBackoffWhileTheOracleIsUnavailable() {
        groups.control().script(Fault.UNAVAILABLE, NextTimestamps.class, 3);
        long before = clock.nanoTime();

        Transaction tx = txns.begin(TxnMode.READ_ONLY);

        assertThat(tx.startTs()).isPositive();
        assertThat(clock.nanoTime() - before).isEqualTo((10 + 20 + 40) * 1_000_000L);
    }

    @Test
    void anOracleUnavailablePastTheDeadlineFailsTheBegin() {
        groups.control().script(Fault.UNAVAILABLE, NextTimestamps.class, 1000);

        assertThat(codeOf(() -> txns.begin(TxnMode.READ_WRITE))).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void queriesAreNeverSentForAReadOnlyCommit() {
        Transaction tx = txns.begin(TxnMode.READ_ONLY);
        assertThat(codeOf(() -> tx.put(b("k"), b("v")))).isEqualTo(ErrorCode.READ_ONLY_TRANSACTION);
        tx.commit();
        assertThat(shard(0).received()).noneMatch(r -> r instanceof ShardQuery || r instanceof ShardCommand);
    }

    private TxnServices services() {
        return new TxnServices(groups, txns, "n1", g -> true, clock,
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
    }

    static GroupName shardName(int i) { return GroupName.shard(i); }
}
