package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.storage.KeyExistsException;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Writes rows of one table inside a given transaction and keeps every index that writers maintain
 * ({@link IndexDef.State#WRITE_ONLY} and {@link IndexDef.State#PUBLIC}) in step with them.
 *
 * <p>A row is an {@code Object[]} in {@link TableDef#columns()} order holding catalog Java values
 * ({@link RowChecker}). Values are taken as given: a NULL is stored as NULL — filling in the DEFAULT of
 * a column the statement left out is the caller's job (it alone knows which were left out), with
 * {@link ColumnDef#defaultValue()}.
 *
 * <p>Every method checks everything first — values ({@link RowChecker}), CHECK constraints
 * ({@link CheckConstraints}), FOREIGN KEYs of the written row ({@link ForeignKeys}), the primary key, unique
 * indexes — and only then writes, so a row that fails changes nothing. The one exception: the FOREIGN KEYs
 * that reference a deleted or updated row act after it is written (a failure there fails the statement, which
 * is undone whole as any failed statement is). Unique checks read the
 * transaction's snapshot; two transactions that insert the same key concurrently both write the same
 * row or unique-entry key, and the second to commit fails with a write conflict (40001, retryable),
 * after which its retry sees the first row and reports 23505.
 *
 * <p>Tables without a declared key have a hidden row id; their rows are updated and deleted by row key
 * (the key the scan returned), with the {@code byte[] rowKey} overloads.
 */
public final class TableWriter {
    private final RowIdSequence rowIds;
    private final CheckConstraints checks;
    private final ForeignKeys foreignKeys;

    /** A writer that evaluates no CHECK constraint. */
    public TableWriter(RowIdSequence rowIds) {
        this(rowIds, CheckConstraints.NONE);
    }

    /** A writer that enforces no FOREIGN KEY. */
    public TableWriter(RowIdSequence rowIds, CheckConstraints checks) {
        this(rowIds, checks, ForeignKeys.NONE);
    }

    public TableWriter(RowIdSequence rowIds, CheckConstraints checks, ForeignKeys foreignKeys) {
        this.rowIds = rowIds;
        this.checks = checks;
        this.foreignKeys = foreignKeys;
    }

    /**
     * Reads ahead, in one parallel round, every key that inserting {@code rows} will check: their primary
     * keys and unique index entries, and the parents their FOREIGN KEYs reference (locked too). The inserts that
     * follow then check from memory. A row that would fail its checks is skipped here; its insert reports the
     * error.
     */
    public void prefetchForInsert(Transaction tx, TableDef table, List<Object[]> rows) {
        if (rows.size() < 2) return;
        if (!table.foreignKeys().isEmpty()) foreignKeys.prefetchParents(tx, table, checkedOnly(table, rows));
        if (table.hasHiddenRowId()) return;
        List<byte[]> keys = new ArrayList<>();
        for (Object[] row : rows) {
            try {
                Object[] r = RowChecker.row(table, row);
                byte[] key = RowKeys.keyOf(table, r);
                keys.add(key);
                for (IndexDef ix : maintained(table)) {
                    IndexKeys.Entry e = IndexKeys.entry(table, ix, r, key);
                    if (e.value().length > 0) keys.add(e.key());
                }
            } catch (ShardSqlException e) {
                // this row's own insert raises it, in its turn
            }
        }
        tx.prefetch(keys);
    }

    /** The rows that pass {@link RowChecker}, normalized (the others' inserts report their errors). */
    private static List<Object[]> checkedOnly(TableDef table, List<Object[]> rows) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            try {
                out.add(RowChecker.row(table, row));
            } catch (ShardSqlException e) {
                // this row's own insert raises it, in its turn
            }
        }
        return out;
    }

    /**
     * Inserts a new row; returns its key. 23505 if the key or a unique index value is taken, 23503 if a FOREIGN
     * KEY's parent row is missing.
     */
    public byte[] insert(Transaction tx, TableDef table, Object[] row) {
        Object[] r = checked(table, row);
        foreignKeys.checkChild(tx, table, null, r);
        byte[] key;
        if (table.hasHiddenRowId()) {
            key = RowKeys.key(table, new Object[] {rowIds.next(table.id())});
        } else {
            key = RowKeys.keyOf(table, r);
            if (tx.get(key).isPresent()) throw UniqueViolations.primaryKey(table, r);
        }
        List<IndexKeys.Entry> entries = new ArrayList<>();
        for (IndexDef ix : maintained(table)) {
            IndexKeys.Entry e = IndexKeys.entry(table, ix, r, key);
            checkUnique(tx, table, ix, e, r);
            entries.add(e);
        }
        tx.put(key, RowCodec.encode(table, r));
        for (IndexKeys.Entry e : entries) tx.put(e.key(), e.value());
        return key;
    }

    /**
     * Inserts a new row without reading: its primary key and unique index values are written as inserts
     * ({@link Transaction#insert}), which the shards check when the transaction commits — for a writer that
     * commits right after, a duplicate fails the commit (23505, {@link UniqueViolations#of} words it) and writes
     * nothing. What the transaction already knows (its own writes) is checked now, as by {@link #insert}; unlike
     * {@link #insert}, a row that fails that way may leave some of its writes behind, so only a writer that
     * rolls back on any failure (autocommit) may call it.
     */
    public byte[] insertUnread(Transaction tx, TableDef table, Object[] row) {
        if (table.hasHiddenRowId()) return insert(tx, table, row);
        Object[] r = checked(table, row);
        foreignKeys.checkChild(tx, table, null, r); // the parent is read and locked: not left to the commit
        byte[] key = RowKeys.keyOf(table, r);
        List<IndexKeys.Entry> entries = new ArrayList<>();
        for (IndexDef ix : maintained(table)) entries.add(IndexKeys.entry(table, ix, r, key));
        byte[] encoded = RowCodec.encode(table, r);
        try {
            tx.insert(key, encoded);
        } catch (KeyExistsException e) {
            throw UniqueViolations.primaryKey(table, r);
        }
        List<IndexDef> indexes = maintained(table);
        for (int i = 0; i < entries.size(); i++) {
            IndexKeys.Entry e = entries.get(i);
            if (e.value().length == 0) {
                tx.put(e.key(), e.value()); // the pk is in the key: never collides
                continue;
            }
            try {
                tx.insert(e.key(), e.value());
            } catch (KeyExistsException taken) {
                throw UniqueViolations.uniqueIndex(table, indexes.get(i), r);
            }
        }
        return key;
    }

    /**
     * Inserts the row, or replaces the row with the same primary key (its index entries follow).
     * Returns true if it inserted. A table with a hidden row id has no key to meet: the row is inserted.
     */
    public boolean upsert(Transaction tx, TableDef table, Object[] row) {
        if (table.hasHiddenRowId()) {
            insert(tx, table, row);
            return true;
        }
        Object[] r = RowChecker.row(table, row);
        byte[] key = RowKeys.keyOf(table, r);
        Optional<byte[]> old = tx.get(key);
        if (old.isEmpty()) {
            insert(tx, table, r);
            return true;
        }
        update(tx, table, key, RowCodec.decode(table, key, old.get()), r);
        return false;
    }

    /** Replaces {@code oldRow} (as read in {@code tx}) by {@code newRow}; a primary key change moves the row. */
    public void update(Transaction tx, TableDef table, Object[] oldRow, Object[] newRow) {
        requireDeclaredKey(table);
        update(tx, table, RowKeys.keyOf(table, oldRow), oldRow, newRow);
    }

    /** Replaces the row stored under {@code rowKey}, {@code oldRow}, by {@code newRow}. */
    public void update(Transaction tx, TableDef table, byte[] rowKey, Object[] oldRow, Object[] newRow) {
        Object[] r = checked(table, newRow);
        foreignKeys.checkChild(tx, table, oldRow, r);
        byte[] newKey = table.hasHiddenRowId() ? rowKey : RowKeys.keyOf(table, r);
        if (!Arrays.equals(newKey, rowKey)) {
            moveRow(tx, table, rowKey, oldRow, newKey, r);
            foreignKeys.afterParentUpdate(tx, table, rowKey, oldRow, r, this);
            return;
        }
        List<IndexKeys.Entry> stale = new ArrayList<>();
        List<IndexKeys.Entry> fresh = new ArrayList<>();
        for (IndexDef ix : maintained(table)) {
            IndexKeys.Entry before = IndexKeys.entry(table, ix, oldRow, rowKey);
            IndexKeys.Entry after = IndexKeys.entry(table, ix, r, rowKey);
            if (before.equals(after)) continue;
            if (!Arrays.equals(before.key(), after.key())) checkUnique(tx, table, ix, after, r);
            stale.add(before);
            fresh.add(after);
        }
        tx.put(rowKey, RowCodec.encode(table, r));
        for (IndexKeys.Entry e : stale) tx.delete(e.key());
        for (IndexKeys.Entry e : fresh) tx.put(e.key(), e.value());
        foreignKeys.afterParentUpdate(tx, table, rowKey, oldRow, r, this);
    }

    /** Deletes {@code row} (as read in {@code tx}) and its index entries. */
    public void delete(Transaction tx, TableDef table, Object[] row) {
        requireDeclaredKey(table);
        delete(tx, table, RowKeys.keyOf(table, row), row);
    }

    /**
     * Deletes the row stored under {@code rowKey}, {@code row}, and its index entries; then the FOREIGN KEYs that
     * reference it act (23503, or its children are deleted or set to NULL: {@link ForeignKeys}). The row goes
     * first, so that a cycle of ON DELETE CASCADE ends.
     */
    public void delete(Transaction tx, TableDef table, byte[] rowKey, Object[] row) {
        List<byte[]> keys = new ArrayList<>();
        for (IndexDef ix : maintained(table)) keys.add(IndexKeys.entry(table, ix, row, rowKey).key());
        tx.delete(rowKey);
        for (byte[] k : keys) tx.delete(k);
        foreignKeys.afterParentDelete(tx, table, rowKey, row, this);
    }

    /** A primary key change: delete at the old key, insert at the new one, checking the new one first. */
    private void moveRow(Transaction tx, TableDef table, byte[] oldKey, Object[] oldRow, byte[] newKey, Object[] r) {
        if (tx.get(newKey).isPresent()) throw UniqueViolations.primaryKey(table, r);
        List<IndexKeys.Entry> stale = new ArrayList<>();
        List<IndexKeys.Entry> fresh = new ArrayList<>();
        for (IndexDef ix : maintained(table)) {
            IndexKeys.Entry before = IndexKeys.entry(table, ix, oldRow, oldKey);
            IndexKeys.Entry after = IndexKeys.entry(table, ix, r, newKey);
            // the old entry is going away: a unique value kept by the moved row does not collide with itself
            if (!Arrays.equals(before.key(), after.key())) checkUnique(tx, table, ix, after, r);
            stale.add(before);
            fresh.add(after);
        }
        tx.delete(oldKey);
        for (IndexKeys.Entry e : stale) tx.delete(e.key());
        tx.put(newKey, RowCodec.encode(table, r));
        for (IndexKeys.Entry e : fresh) tx.put(e.key(), e.value());
    }

    /**
     * Checks {@code row} as {@link #insert} would before it looks at keys (values, NOT NULL, CHECK
     * constraints), writing nothing.
     */
    public void check(TableDef table, Object[] row) {
        checked(table, row);
    }

    /** The row, its values checked and normalized, and the table's CHECK constraints verified on it. */
    private Object[] checked(TableDef table, Object[] row) {
        Object[] r = RowChecker.row(table, row);
        if (!table.checks().isEmpty()) checks.verify(table, r);
        return r;
    }

    /** 23505 if a unique entry key is held by another row (entries with the pk in their key never collide). */
    private static void checkUnique(Transaction tx, TableDef table, IndexDef ix, IndexKeys.Entry e, Object[] row) {
        if (e.value().length == 0) return;
        Optional<byte[]> holder = tx.get(e.key());
        if (holder.isPresent() && !Arrays.equals(holder.get(), e.value())) {
            throw UniqueViolations.uniqueIndex(table, ix, row);
        }
    }

    private static List<IndexDef> maintained(TableDef table) {
        return table.indexes(); // both states are maintained; a dropped index is no longer in the list
    }

    private static void requireDeclaredKey(TableDef table) {
        if (table.hasHiddenRowId()) {
            throw new IllegalArgumentException("table " + table.name()
                    + " has no primary key: address its rows by row key");
        }
    }
}
