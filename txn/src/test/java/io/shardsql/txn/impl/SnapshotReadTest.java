package io.shardsql.txn.impl;

import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshot reads: a transaction sees what committed below its start, nothing above, and its own writes over it. */
@Timeout(10)
class SnapshotReadTest extends TxnFixture {

    @Test
    void aReadSeesTheVersionCommittedBelowItsStartAndIgnoresLaterOnes() {
        byte[] k = key(0, "a");
        write(k, "v1");
        Transaction tx = txns.begin(TxnMode.READ_ONLY);
        write(k, "v2");

        assertThat(tx.get(k).map(TxnFixture::s)).contains("v1");
        assertThat(read(k)).contains("v2");
    }

    @Test
    void aKeyCreatedAfterTheStartIsNotThereAndADeleteAfterItDoesNotHideIt() {
        byte[] created = key(1, "created");
        byte[] deleted = key(2, "deleted");
        write(deleted, "here");
        Transaction tx = txns.begin(TxnMode.READ_ONLY);
        write(created, "new");
        Transaction deleter = txns.begin(TxnMode.READ_WRITE);
        deleter.delete(deleted);
        deleter.commit();

        assertThat(tx.get(created)).isEmpty();
        assertThat(tx.get(deleted).map(TxnFixture::s)).contains("here");
        assertThat(read(deleted)).isEmpty();
    }

    @Test
    void aTransactionReadsItsOwnWritesAndDeletesOverTheSnapshot() {
        byte[] a = key(0, "a");
        byte[] b = key(1, "b");
        write(a, "stored a");
        write(b, "stored b");
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(a, b("mine"));
        tx.delete(b);

        assertThat(tx.get(a).map(TxnFixture::s)).contains("mine");
        assertThat(tx.get(b)).isEmpty();
        assertThat(read(a)).contains("stored a");
    }

    @Test
    void aScanMergesEveryShardInKeyOrderAtTheSnapshotWithTheTransactionsOwnWrites() {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] k = key(i, "row" + i);
            keys.add(k);
            write(k, "v" + i);
        }
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        write(key(0, "later"), "invisible");
        tx.delete(keys.get(1));
        tx.put(keys.get(2), b("mine"));
        byte[] own = key(2, "own");
        tx.put(own, b("added"));

        List<String> seen = new ArrayList<>();
        for (Iterator<KvEntry> it = tx.scan(b("r"), b("s")); it.hasNext(); ) {
            KvEntry e = it.next();
            seen.add(s(e.key()) + "=" + s(e.value()));
        }
        List<String> expected = new ArrayList<>(List.of(s(keys.get(0)) + "=v0", s(keys.get(2)) + "=mine"));
        expected.sort(null);
        assertThat(seen).containsExactlyElementsOf(expected);
        List<String> all = new ArrayList<>();
        tx.scan(new byte[] {'o'}, b("s")).forEachRemaining(e -> all.add(s(e.key())));
        assertThat(all).contains(s(own)).doesNotContain("later");
        assertThat(all).isSorted();
    }

    @Test
    void aScanLongerThanAPageReadsEveryRowOnce() {
        Transaction writer = txns.begin(TxnMode.READ_WRITE);
        for (int i = 0; i < 1500; i++) writer.put(b(String.format("p%05d", i)), b("v" + i));
        writer.commit();

        Transaction tx = txns.begin(TxnMode.READ_ONLY);
        int n = 0;
        String last = "";
        for (Iterator<KvEntry> it = tx.scan(b("p"), b("q")); it.hasNext(); n++) {
            String k = s(it.next().key());
            assertThat(k).isGreaterThan(last);
            last = k;
        }
        assertThat(n).isEqualTo(1500);
    }

    @Test
    void prefetchReadsManyKeysAcrossShardsAtTheSnapshot() {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] k = key(i % 3, "k" + i);
            keys.add(k);
            if (i % 2 == 0) write(k, "v" + i);
        }
        Transaction tx = txns.begin(TxnMode.READ_ONLY);
        write(keys.get(1), "too late");
        for (int i = 0; i < 3; i++) shard(i).clearReceived();

        tx.prefetch(keys);
        List<Optional<String>> got = new ArrayList<>();
        for (byte[] k : keys) got.add(tx.get(k).map(TxnFixture::s));

        assertThat(got).containsExactly(Optional.of("v0"), Optional.empty(), Optional.of("v2"), Optional.empty(),
                Optional.of("v4"), Optional.empty());
        for (int i = 0; i < 3; i++) assertThat(kinds(shard(i))).containsExactly("GetMany");
    }

    @Test
    void prefetchResolvesACommittedLockItMeets() {
        byte[] a = key(0, "a");
        byte[] b = key(1, "b");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.coordinator(0), a, "locked value");
        plantDecision(0, owner.startTs(), txns.now(), List.of(GroupName.shard(0)));
        Transaction tx = txns.begin(TxnMode.READ_ONLY);

        tx.prefetch(List.of(a, b));

        assertThat(tx.get(a).map(TxnFixture::s)).contains("locked value");
        assertThat(tx.get(b)).isEmpty();
        assertThat(locks()).isEmpty();
    }

    @Test
    void aScanResolvesACommittedLockInItsRange() {
        byte[] a = key(2, "m1");
        Transaction owner = txns.begin(TxnMode.READ_WRITE);
        plantLock(owner.startTs(), TxnOwner.coordinator(1), a, "resolved");
        plantDecision(1, owner.startTs(), txns.now(), List.of(GroupName.shard(2)));
        Transaction tx = txns.begin(TxnMode.READ_ONLY);

        List<String> values = new ArrayList<>();
        tx.scan(b("m"), b("n")).forEachRemaining(e -> values.add(s(e.value())));

        assertThat(values).containsExactly("resolved");
        assertThat(locks()).isEmpty();
    }

    @Test
    void aRepeatedReadIsAnsweredFromTheTransactionWithoutAskingAgain() {
        byte[] k = key(0, "a");
        write(k, "v");
        Transaction tx = txns.begin(TxnMode.READ_ONLY);
        tx.get(k);
        shard(0).clearReceived();

        assertThat(tx.get(k).map(TxnFixture::s)).contains("v");
        assertThat(shard(0).received()).isEmpty();
    }
}
