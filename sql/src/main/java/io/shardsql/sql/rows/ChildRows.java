package io.shardsql.sql.rows;

import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ValueCodec;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.keys.KeyRanges;
import io.shardsql.storage.keys.KeyWriter;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of a child table whose FOREIGN KEY values equal given parent values, as a transaction sees them. The
 * cheapest way that exists: a range of the child's primary key when the referencing columns lead it, else a range
 * of an index they lead (the constraint's own index, made with it when there was none), else — only if that
 * index was dropped since — a scan of the whole table.
 */
public final class ChildRows {

    /** A child row and the key it is stored under. */
    public record Row(byte[] key, Object[] values) {}

    private final TableDef child;
    private final ForeignKeyDef fk;

    public ChildRows(TableDef child, ForeignKeyDef fk) {
        this.child = child;
        this.fk = fk;
    }

    /**
     * The child rows referencing {@code parentValues} (in the constraint's column order) in {@code tx}'s view.
     * With {@code ownWrites}, each row found is read again by key ({@link Transaction#get} sees every write of the
     * transaction, while a scan inside a statement sees its writes as they were when the statement began) and
     * kept only if it still references the parent: rows the statement deleted or changed are left out, which
     * also ends a cycle of ON DELETE CASCADE.
     */
    public List<Row> find(Transaction tx, Object[] parentValues, boolean ownWrites) {
        KeyWriter target = new KeyWriter(32);
        writeValues(target, fk.columnIds(), parentValues);
        byte[] wanted = target.toByteArray();
        List<Row> out = new ArrayList<>();
        for (Row candidate : candidates(tx, parentValues)) {
            Row row = candidate;
            if (ownWrites) {
                Optional<byte[]> now = tx.get(candidate.key());
                if (now.isEmpty()) continue;
                row = new Row(candidate.key(), RowCodec.decode(child, candidate.key(), now.get()));
            }
            Object[] values = ParentKeys.childValues(child, fk, row.values());
            if (values == null) continue;
            KeyWriter w = new KeyWriter(32);
            writeValues(w, fk.columnIds(), values);
            if (Arrays.equals(w.toByteArray(), wanted)) out.add(row);
        }
        return out;
    }

    /** The rows the cheapest access path finds for {@code parentValues} (a superset when it is a full scan). */
    private List<Row> candidates(Transaction tx, Object[] parentValues) {
        Set<Integer> wanted = new HashSet<>(fk.columnIds());
        int n = wanted.size();
        List<Row> out = new ArrayList<>();
        if (!child.hasHiddenRowId() && child.primaryKey().size() >= n
                && new HashSet<>(child.primaryKey().subList(0, n)).equals(wanted)) {
            KeyWriter w = new KeyWriter(32).writeId(child.id());
            writeValues(w, child.primaryKey().subList(0, n), parentValues);
            scanRows(tx, w.toByteArray(), out);
            return out;
        }
        for (IndexDef ix : child.indexes()) {
            if (ix.columnIds().size() < n || !new HashSet<>(ix.columnIds().subList(0, n)).equals(wanted)) continue;
            KeyWriter w = new KeyWriter(32).writeId(ix.id());
            writeValues(w, ix.columnIds().subList(0, n), parentValues);
            byte[] start = w.toByteArray();
            List<byte[]> rowKeys = new ArrayList<>();
            Iterator<KvEntry> it = tx.scan(start, KeyRanges.prefixEnd(start));
            while (it.hasNext()) {
                KvEntry e = it.next();
                rowKeys.add(IndexKeys.rowKey(child, ix, e.key(), e.value()));
            }
            tx.prefetch(rowKeys);
            for (byte[] rowKey : rowKeys) {
                Optional<byte[]> row = tx.get(rowKey);
                if (row.isPresent()) out.add(new Row(rowKey, RowCodec.decode(child, rowKey, row.get())));
            }
            return out;
        }
        scanRows(tx, RowKeys.tableStart(child.id()), out); // the index was dropped: correct, slow
        return out;
    }

    private void scanRows(Transaction tx, byte[] prefix, List<Row> out) {
        Iterator<KvEntry> it = tx.scan(prefix, KeyRanges.prefixEnd(prefix));
        while (it.hasNext()) {
            KvEntry e = it.next();
            out.add(new Row(e.key(), RowCodec.decode(child, e.key(), e.value())));
        }
    }

    /** Writes the values of the child columns {@code columnIds} (taken from {@code values} by the constraint). */
    private void writeValues(KeyWriter w, List<Integer> columnIds, Object[] values) {
        for (int id : columnIds) {
            ValueCodec.write(w, child.columnById(id).type(), values[fk.columnIds().indexOf(id)]);
        }
    }
}
