package io.shardsql.txn.impl;

import io.shardsql.storage.KvEntry;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan over the transaction's own writes while the transaction writes (issue 17, hole 2): a
 * {@code DELETE} writes as it reads, an open cursor is followed by writes. The scan sees the own writes
 * as they were when it began (inside a statement: when the statement's first scan began), and neither
 * fails nor changes under the writes.
 */
@Timeout(10)
class ScanWhileWritingTest extends TxnFixture {

    /** Stored r1, r3, r5, r7 (over the shards) and, buffered, r2, r4, r6: as {@code BEGIN; INSERT ...;}. */
    private Transaction txWithStoredAndBufferedRows() {
        for (int i = 1; i <= 7; i += 2) write(row(i), "stored" + i);
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        for (int i = 2; i <= 6; i += 2) tx.put(row(i), b("mine" + i));
        return tx;
    }

    private static byte[] row(int i) { return b("r" + i); }

    @Test
    void aDeleteThatWritesAsItReadsSeesEveryRowOnceAndRemovesThemAll() {
        Transaction tx = txWithStoredAndBufferedRows();
        tx.startStatement();
        List<String> seen = new ArrayList<>();
        for (Iterator<KvEntry> it = tx.scan(b("r"), b("s")); it.hasNext(); ) {
            KvEntry e = it.next();
            seen.add(s(e.key()) + "=" + s(e.value()));
            tx.delete(e.key()); // a tombstone: a new key in the buffer for a stored row
            tx.put(b("r" + s(e.key()).substring(1) + "x"), b("new")); // new keys inside the range, ahead of it
            tx.put(b("i/" + s(e.key())), b("index")); // an index entry: a new key outside the range
        }
        assertThat(seen).containsExactly("r1=stored1", "r2=mine2", "r3=stored3", "r4=mine4", "r5=stored5",
                "r6=mine6", "r7=stored7");

        tx.startStatement();
        List<String> after = new ArrayList<>();
        tx.scan(b("r"), b("s")).forEachRemaining(e -> after.add(s(e.key())));
        assertThat(after).containsExactly("r1x", "r2x", "r3x", "r4x", "r5x", "r6x", "r7x");
        tx.commit();
        for (int i = 1; i <= 7; i++) assertThat(read(row(i))).isEmpty();
        assertThat(read(b("i/r3"))).contains("index");
    }

    @Test
    void anOpenCursorKeepsItsViewWhileLaterStatementsWrite() {
        Transaction tx = txWithStoredAndBufferedRows();
        tx.startStatement();
        Iterator<KvEntry> cursor = tx.scan(b("r"), b("s"));
        assertThat(s(cursor.next().key())).isEqualTo("r1");

        tx.startStatement(); // the next statement overwrites, deletes and adds keys the cursor has not reached
        tx.put(row(2), b("changed"));
        tx.delete(row(3));
        tx.delete(row(4));
        tx.put(b("r35"), b("added"));
        tx.put(b("r8"), b("added"));

        List<String> rest = new ArrayList<>();
        cursor.forEachRemaining(e -> rest.add(s(e.key()) + "=" + s(e.value())));
        assertThat(rest).containsExactly("r2=mine2", "r3=stored3", "r4=mine4", "r5=stored5", "r6=mine6",
                "r7=stored7");

        tx.startStatement();
        List<String> now = new ArrayList<>();
        tx.scan(b("r"), b("s")).forEachRemaining(e -> now.add(s(e.key()) + "=" + s(e.value())));
        assertThat(now).containsExactly("r1=stored1", "r2=changed", "r35=added", "r5=stored5",
                "r6=mine6", "r7=stored7", "r8=added");
        tx.rollback();
    }

    @Test
    void everyScanOfAStatementSeesTheOwnWritesAsTheStatementFoundThem() {
        Transaction tx = txWithStoredAndBufferedRows();
        tx.startStatement();
        assertThat(keys(tx.scan(b("r"), b("s")))).containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7");
        tx.put(b("r70"), b("by this statement"));
        tx.delete(row(2));
        // a second scan of the same statement (a join's inner side opened again) does not see its writes
        assertThat(keys(tx.scan(b("r"), b("s")))).containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7");
        assertThat(tx.get(b("r70"))).isPresent(); // point reads see every write (duplicate-key checks)

        tx.startStatement();
        assertThat(keys(tx.scan(b("r"), b("s")))).containsExactly("r1", "r3", "r4", "r5", "r6", "r7", "r70");
        tx.delete(b("r70"));
        assertThat(keys(tx.scan(b("r"), b("s")))).contains("r70"); // still the statement's view

        tx.endStatement(); // e.g. DDL: each scan sees the writes made so far
        assertThat(keys(tx.scan(b("r"), b("s")))).doesNotContain("r70");
        tx.put(b("r71"), b("x"));
        assertThat(keys(tx.scan(b("r"), b("s")))).contains("r71");
        tx.rollback();
    }

    @Test
    void withoutStatementsEachScanSeesTheOwnWritesAsTheyWereWhenItBegan() {
        Transaction tx = txWithStoredAndBufferedRows();
        Iterator<KvEntry> first = tx.scan(b("r"), b("s"));
        tx.delete(row(4));
        Iterator<KvEntry> second = tx.scan(b("r"), b("s"));
        tx.put(row(4), b("again"));
        tx.put(b("r0"), b("zero"));
        assertThat(keys(first)).containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7");
        assertThat(keys(second)).containsExactly("r1", "r2", "r3", "r5", "r6", "r7");
        assertThat(keys(tx.scan(b("r"), b("s")))).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
        tx.rollback();
    }

    private static List<String> keys(Iterator<KvEntry> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(e -> out.add(s(e.key())));
        return out;
    }
}
