package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.txn.CommitStep;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnIsolation;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SERIALIZABLE transactions over in-memory groups (real replicas and their query executor): write skew and
 * phantoms fail the second committer with {@code SERIALIZATION_FAILURE}, and stay possible under snapshot
 * isolation; intents in a read span; validation again after an epoch fence; read-only transactions.
 */
@Timeout(10)
class SerializableTest extends TxnFixture {
    private final byte[] alice = key(0, "doctor/alice");
    private final byte[] bob = key(1, "doctor/bob");

    @Test
    void writeSkewFailsTheSecondCommitterUnderSerializable() {
        write(alice, "on");
        write(bob, "on");
        Transaction t1 = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        Transaction t2 = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        offCallIfBothOn(t1, alice);
        offCallIfBothOn(t2, bob);

        t1.commit();
        assertThat(codeOf(t2::commit)).isEqualTo(ErrorCode.SERIALIZATION_FAILURE);

        assertThat(t2.state()).isEqualTo(TxnState.ABORTED);
        assertThat(read(alice)).contains("off");
        assertThat(read(bob)).contains("on");
        assertThat(locks()).isEmpty();
    }

    @Test
    void writeSkewStaysPossibleUnderSnapshotIsolation() {
        write(alice, "on");
        write(bob, "on");
        Transaction t1 = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SNAPSHOT);
        Transaction t2 = txns.begin(TxnMode.READ_WRITE);
        offCallIfBothOn(t1, alice);
        offCallIfBothOn(t2, bob);

        t1.commit();
        t2.commit();

        assertThat(read(alice)).contains("off");
        assertThat(read(bob)).contains("off");
        assertThat(kinds(shard(0))).doesNotContain("CheckReads");
    }

    @Test
    void anInsertIntoAScannedRangeIsAPhantomThatFailsTheScanner() {
        byte[] from = b("doctor/");
        byte[] to = b("doctor0");
        write(alice, "on");
        Transaction scanner = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        assertThat(count(scanner.scan(from, to))).isEqualTo(1);
        scanner.put(key(2, "log/1"), b("one doctor on call"));

        write(key(2, "doctor/carol"), "on"); // a phantom for the scanner: on a shard it wrote nothing to

        assertThat(codeOf(scanner::commit)).isEqualTo(ErrorCode.SERIALIZATION_FAILURE);
        assertThat(read(key(2, "log/1"))).isEmpty();
    }

    @Test
    void aFoldedScanReadsItsWholeRangeSoAnInsertIntoItIsAPhantom() {
        byte[] from = b("doctor/");
        byte[] to = b("doctor0");
        write(alice, "on");
        Transaction scanner = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        // the replicas here fold nothing (no program interpreter): what matters is the span recorded
        assertThat(scanner.scanFolded(from, to, new byte[] {1})).isPresent();
        scanner.put(key(2, "log/1"), b("counted"));

        write(key(2, "doctor/carol"), "on");

        assertThat(codeOf(scanner::commit)).isEqualTo(ErrorCode.SERIALIZATION_FAILURE);
    }

    @Test
    void aWriteBeyondWhereAStoppedScanGotIsNoConflict() {
        byte[] a = key(0, "r/a");
        byte[] z = key(0, "r/z");
        write(a, "1");
        write(z, "1");
        Transaction tx = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        Iterator<KvEntry> scan = tx.scan(b("r/"), b("r0"));
        assertThat(scan.next().key()).isEqualTo(a); // LIMIT 1: the scan stops here
        tx.put(key(1, "out"), b("x"));

        write(z, "2");

        assertThat(tx.commit()).isPositive();
    }

    @Test
    void readingAndWritingTheSameKeyNeedsNoMoreThanItsPrepare() {
        write(alice, "1");
        Transaction tx = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        tx.put(alice, b(Integer.parseInt(s(tx.get(alice).orElseThrow())) + 1 + ""));

        tx.commit();

        assertThat(read(alice)).contains("2");
    }

    @Test
    void aReadOnlyTransactionIsNotValidated() {
        write(alice, "on");
        Transaction reader = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        assertThat(reader.get(alice)).isPresent();
        write(alice, "off");

        assertThat(reader.commit()).isEqualTo(reader.startTs());
        assertThat(kinds(shard(0))).doesNotContain("CheckReads");
    }

    @Test
    void aLiveWritersIntentInAReadSpanFailsTheCommit() {
        write(alice, "on");
        Transaction tx = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        tx.get(alice);
        tx.put(bob, b("x"));
        plantLock(txns.now(), TxnOwner.coordinator(0), alice, "off"); // prepared, undecided, heartbeat fresh

        assertThat(codeOf(tx::commit)).isEqualTo(ErrorCode.SERIALIZATION_FAILURE);
        assertThat(read(bob)).isEmpty();
    }

    @Test
    void anAbortedWritersIntentIsResolvedAndIgnored() {
        write(alice, "on");
        Transaction tx = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        tx.get(alice);
        tx.put(bob, b("x"));
        long other = txns.now();
        plantLock(other, TxnOwner.coordinator(1), alice, "off");
        plantDecision(1, other, 0, List.of(GroupName.shard(0)));

        tx.commit();

        assertThat(read(bob)).contains("x");
        assertThat(read(alice)).contains("on");
    }

    @Test
    void aRowLockInAReadSpanIsNoConflict() {
        write(alice, "on");
        Transaction locker = txns.begin(TxnMode.READ_WRITE);
        locker.lockRows(List.of(alice), io.shardsql.storage.Lock.Mode.SHARED, io.shardsql.txn.RowLockWait.WAIT);
        Transaction tx = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        tx.get(alice);
        tx.put(bob, b("x"));

        tx.commit();
        locker.rollback();

        assertThat(read(bob)).contains("x");
    }

    @Test
    void afterAnEpochFencePushTheReadsAreValidatedAgainUpToTheNewTimestamp() {
        write(alice, "on");
        long[] cut = new long[1];
        hook = (step, startTs, group) -> {
            if (step == CommitStep.DECIDING) {
                cut[0] = txns.now() + 2;
                groups.fences().raise(GroupName.shard(1), cut[0]);
            }
        };
        Transaction tx = txns.begin(TxnMode.READ_WRITE, TxnIsolation.SERIALIZABLE);
        tx.get(alice);
        tx.put(bob, b("x"));

        long committed = tx.commit();

        assertThat(committed).isGreaterThanOrEqualTo(cut[0]);
        assertThat(kinds(shard(0)).stream().filter("CheckReads"::equals).count()).isEqualTo(2);
    }

    /** Reads both doctors; if both are on call, sets {@code me} off. */
    private void offCallIfBothOn(Transaction tx, byte[] me) {
        boolean bothOn = "on".equals(s(tx.get(alice).orElseThrow())) && "on".equals(s(tx.get(bob).orElseThrow()));
        if (bothOn) tx.put(me, b("off"));
    }

    private static int count(Iterator<KvEntry> it) {
        int n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }
}
