package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.storage.KvEntry;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnInfo;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnState;
import org.apache.calcite.sql.SqlNode;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An engine without a cluster, for statements that read no table: transactions that hold nothing, an
 * empty catalog, and no DDL. Counts the transactions begun, so a test can tell a statement opened none.
 */
final class StubTransactions implements TransactionManager {
    final AtomicInteger begun = new AtomicInteger();

    /** An engine over stub transactions and an empty catalog. */
    static SqlEngine engine(StubTransactions txns) {
        CatalogStore catalog = new CatalogStore() {
            @Override
            public CatalogSnapshot read(Transaction tx) { return new CatalogSnapshot(1, Map.of()); }

            @Override
            public int allocateId(Transaction tx) { throw new UnsupportedOperationException(); }

            @Override
            public void put(Transaction tx, TableDef table) { throw new UnsupportedOperationException(); }

            @Override
            public void remove(Transaction tx, String name) { throw new UnsupportedOperationException(); }

            @Override
            public void putSequence(Transaction tx, io.shardsql.sql.catalog.SequenceDef s) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void putView(Transaction tx, io.shardsql.sql.catalog.ViewDef view) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void removeView(Transaction tx, String name) { throw new UnsupportedOperationException(); }

            @Override
            public void putTableAcl(Transaction tx, String name, io.shardsql.sql.privilege.Acl acl) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void putSequenceAcl(Transaction tx, String name, io.shardsql.sql.privilege.Acl acl) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void removeSequence(Transaction tx, io.shardsql.sql.catalog.SequenceDef s) {
                throw new UnsupportedOperationException();
            }
            public void putDatabaseAcl(Transaction tx, io.shardsql.sql.privilege.Acl acl) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void putRole(Transaction tx, String name, java.util.Set<String> members) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void removeRole(Transaction tx, String name) { throw new UnsupportedOperationException(); }
        };
        DdlRunner ddl = new DdlRunner() {
            @Override
            public void execute(SqlNode node, Transaction openTx, io.shardsql.sql.ddl.DdlCaller caller) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void afterCommit() { }
        };
        return new SqlEngine(txns, catalog, null, ddl, 4);
    }

    @Override
    public Transaction begin(TxnMode mode) {
        begun.incrementAndGet();
        return new Transaction() {
            private TxnState state = TxnState.ACTIVE;

            @Override
            public long startTs() { return 1; }

            @Override
            public TxnMode mode() { return mode; }

            @Override
            public TxnState state() { return state; }

            @Override
            public Optional<byte[]> get(byte[] key) { return Optional.empty(); }

            @Override
            public Iterator<KvEntry> scan(byte[] start, byte[] end) { return Collections.emptyIterator(); }

            @Override
            public void put(byte[] key, byte[] value) { throw new UnsupportedOperationException(); }

            @Override
            public void delete(byte[] key) { throw new UnsupportedOperationException(); }

            @Override
            public long commit() {
                state = TxnState.COMMITTED;
                return 1;
            }

            @Override
            public void rollback() { state = TxnState.ABORTED; }
        };
    }

    @Override
    public void readWithEveryBegin(byte[] key) { }

    @Override
    public List<TxnInfo> inFlight() { return List.of(); }

    @Override
    public long now() { return 1; }
}
