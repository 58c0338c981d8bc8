package io.shardsql.sql.rows;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.ForeignKeyReferences;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.storage.Lock;
import io.shardsql.txn.RowLockWait;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * {@link ForeignKeys} enforced with row locks and a fresh read (docs/transactions.md, "Foreign keys"):
 *
 * <pre>
 * child insert / update of FK columns:
 *     parent looked up at the snapshot (prefetched for many rows) ─► missing: 23503
 *                                     └─► lockRows(parent row, SHARED)   (a parent delete now waits)
 * parent delete / update of referenced columns:
 *     lockRows(parent row, EXCLUSIVE)  (waits for children's lockers; 40001 if changed after the snapshot)
 *     ─► children in the transaction's view  ∪  children a fresh read-only transaction sees
 *        (one seen only fresh: lockRows(SHARED) on it, 40001 if it changed after the snapshot)
 *     ─► none: done │ RESTRICT / NO ACTION: 23503 │ CASCADE: delete them │ SET NULL: update them
 * </pre>
 *
 * Thread-safe; one instance per engine.
 */
public final class ForeignKeyChecks implements ForeignKeys {
    private final Function<Transaction, CatalogSnapshot> catalog;
    private final TransactionManager txns;
    private volatile Cached cached = new Cached(null, null);
    /** Parent rows each running transaction has locked already: never locked twice. */
    private final Map<Transaction, Set<ByteBuffer>> locked = Collections.synchronizedMap(new WeakHashMap<>());

    private record Cached(CatalogSnapshot snapshot, ForeignKeyReferences references) {}

    /** {@code catalog}: the catalog as a transaction sees it; {@code txns}: where fresh reads begin. */
    public ForeignKeyChecks(Function<Transaction, CatalogSnapshot> catalog, TransactionManager txns) {
        this.catalog = catalog;
        this.txns = txns;
    }

    @Override
    public void prefetchParents(Transaction tx, TableDef table, List<Object[]> rows) {
        if (table.foreignKeys().isEmpty()) return;
        ForeignKeyReferences refs = references(tx);
        List<byte[]> keys = new ArrayList<>();
        for (Object[] row : rows) {
            for (ForeignKeyDef fk : table.foreignKeys()) {
                Object[] values = ParentKeys.childValues(table, fk, row);
                if (values != null) keys.add(ParentKeys.lookupKey(parentOf(refs, table, fk), fk, values));
            }
        }
        tx.prefetch(keys);
        List<byte[]> toLock = new ArrayList<>();
        Set<ByteBuffer> seen = new HashSet<>();
        for (Object[] row : rows) {
            for (ForeignKeyDef fk : table.foreignKeys()) {
                Object[] values = ParentKeys.childValues(table, fk, row);
                if (values == null) continue;
                Optional<byte[]> parent = ParentKeys.parentRow(tx, parentOf(refs, table, fk), fk, values);
                if (parent.isPresent() && seen.add(ByteBuffer.wrap(parent.get()))) toLock.add(parent.get());
            }
        }
        lockShared(tx, toLock); // a missing parent is the insert's to report, in its turn
    }

    @Override
    public void checkChild(Transaction tx, TableDef table, Object[] oldRow, Object[] newRow) {
        if (table.foreignKeys().isEmpty()) return;
        ForeignKeyReferences refs = null;
        List<byte[]> toLock = new ArrayList<>();
        for (ForeignKeyDef fk : table.foreignKeys()) {
            Object[] values = ParentKeys.childValues(table, fk, newRow);
            if (values == null) continue; // MATCH SIMPLE
            if (oldRow != null && Arrays.deepEquals(values, ParentKeys.childValues(table, fk, oldRow))) continue;
            if (fk.parentTableId() == table.id()
                    && Arrays.deepEquals(values, ParentKeys.parentValues(table, fk, newRow))) {
                continue; // a row that references itself
            }
            if (refs == null) refs = references(tx);
            TableDef parent = parentOf(refs, table, fk);
            Optional<byte[]> parentRow = ParentKeys.parentRow(tx, parent, fk, values);
            if (parentRow.isEmpty()) throw ForeignKeyViolations.missingParent(table, fk, parent, values);
            toLock.add(parentRow.get());
        }
        lockShared(tx, toLock);
    }

    @Override
    public void afterParentDelete(Transaction tx, TableDef table, byte[] rowKey, Object[] row, TableWriter writer) {
        List<ForeignKeyReferences.Reference> refs = referencing(tx, table);
        if (refs.isEmpty()) return;
        ParentRow parent = new ParentRow(tx, table, rowKey, row);
        for (ForeignKeyReferences.Reference r : refs) {
            Object[] values = ParentKeys.parentValues(table, r.key(), row);
            if (values == null) continue;
            List<ChildRows.Row> children = parent.children(r, values);
            if (children.isEmpty()) continue;
            switch (r.key().onDelete()) {
                case CASCADE -> {
                    for (ChildRows.Row c : children) writer.delete(tx, r.child(), c.key(), c.values());
                }
                case SET_NULL -> {
                    for (ChildRows.Row c : children) {
                        Object[] nulled = c.values().clone();
                        for (int id : r.key().columnIds()) nulled[r.child().position(id)] = null;
                        writer.update(tx, r.child(), c.key(), c.values(), nulled);
                    }
                }
                default -> throw ForeignKeyViolations.stillReferenced(table, r.key(), r.child(), values);
            }
        }
    }

    @Override
    public void afterParentUpdate(Transaction tx, TableDef table, byte[] rowKey, Object[] oldRow, Object[] newRow,
                                  TableWriter writer) {
        List<ForeignKeyReferences.Reference> refs = referencing(tx, table);
        if (refs.isEmpty()) return;
        ParentRow parent = new ParentRow(tx, table, rowKey, oldRow);
        for (ForeignKeyReferences.Reference r : refs) {
            Object[] values = ParentKeys.parentValues(table, r.key(), oldRow);
            if (values == null || Arrays.deepEquals(values, ParentKeys.parentValues(table, r.key(), newRow))) continue;
            List<ChildRows.Row> children = parent.children(r, values);
            // ON UPDATE is NO ACTION or RESTRICT (the DDL refuses the others); a row referencing itself moves along
            children.removeIf(c -> r.child().id() == table.id() && Arrays.equals(c.key(), rowKey));
            if (!children.isEmpty()) throw ForeignKeyViolations.stillReferenced(table, r.key(), r.child(), values);
        }
    }

    /**
     * A parent row being deleted or changed: locked exclusively before its children are first looked for, and
     * read fresh after that.
     */
    private final class ParentRow {
        private final Transaction tx;
        private final TableDef table;
        private final byte[] rowKey;
        private boolean lockedExclusive;

        ParentRow(Transaction tx, TableDef table, byte[] rowKey, Object[] row) {
            this.tx = tx;
            this.table = table;
            this.rowKey = rowKey;
        }

        List<ChildRows.Row> children(ForeignKeyReferences.Reference r, Object[] values) {
            if (!lockedExclusive) {
                tx.lockRows(List.of(rowKey), Lock.Mode.EXCLUSIVE, RowLockWait.WAIT);
                lockedExclusive = true;
            }
            TableDef child = r.child().id() == table.id() ? table : r.child();
            ChildRows lookup = new ChildRows(child, r.key());
            List<ChildRows.Row> seen = lookup.find(tx, values, true);
            Set<ByteBuffer> keys = new HashSet<>();
            for (ChildRows.Row c : seen) keys.add(ByteBuffer.wrap(c.key()));
            List<byte[]> onlyFresh = new ArrayList<>();
            try (Transaction fresh = txns.begin(TxnMode.READ_ONLY)) { // its snapshot is after the lock is held
                for (ChildRows.Row c : lookup.find(fresh, values, false)) {
                    if (!keys.contains(ByteBuffer.wrap(c.key()))) onlyFresh.add(c.key());
                }
            }
            // Committed after this transaction's snapshot (40001 here), or changed by this transaction itself.
            if (!onlyFresh.isEmpty()) tx.lockRows(onlyFresh, Lock.Mode.SHARED, RowLockWait.WAIT);
            seen.removeIf(c -> child.id() == table.id() && Arrays.equals(c.key(), rowKey));
            return seen;
        }
    }

    private void lockShared(Transaction tx, List<byte[]> keys) {
        if (keys.isEmpty()) return;
        Set<ByteBuffer> held = locked.computeIfAbsent(tx, t -> Collections.synchronizedSet(new HashSet<>()));
        List<byte[]> wanted = new ArrayList<>();
        for (byte[] k : keys) {
            if (!held.contains(ByteBuffer.wrap(k))) wanted.add(k);
        }
        if (wanted.isEmpty()) return;
        tx.lockRows(wanted, Lock.Mode.SHARED, RowLockWait.WAIT);
        for (byte[] k : wanted) held.add(ByteBuffer.wrap(k));
    }

    private List<ForeignKeyReferences.Reference> referencing(Transaction tx, TableDef table) {
        return references(tx).referencing(table.id());
    }

    private static TableDef parentOf(ForeignKeyReferences refs, TableDef table, ForeignKeyDef fk) {
        return fk.parentTableId() == table.id() ? table : refs.table(fk.parentTableId());
    }

    private ForeignKeyReferences references(Transaction tx) {
        CatalogSnapshot snapshot = catalog.apply(tx);
        Cached c = cached;
        if (c.snapshot() == snapshot) return c.references();
        ForeignKeyReferences refs = ForeignKeyReferences.of(snapshot);
        cached = new Cached(snapshot, refs);
        return refs;
    }
}
