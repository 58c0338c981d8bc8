package io.shardsql.sql.rows;

import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.txn.Transaction;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Where the parent row of a FOREIGN KEY's values is: under the parent's row key when the referenced columns are
 * its primary key, else under the entry of the unique index on them (whose value is the row's pk:
 * {@link IndexKeys}). Both are one point read at the reader's snapshot.
 */
public final class ParentKeys {
    private ParentKeys() {}

    /**
     * The referencing values of {@code row} of {@code child}, in the constraint's column order, or null if one is
     * NULL (MATCH SIMPLE: then the row references nothing).
     */
    public static Object[] childValues(TableDef child, ForeignKeyDef fk, Object[] row) {
        Object[] out = new Object[fk.columnIds().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = row[child.position(fk.columnIds().get(i))];
            if (out[i] == null) return null;
        }
        return out;
    }

    /** The referenced values of parent row {@code row}, in the constraint's column order, or null if one is NULL. */
    public static Object[] parentValues(TableDef parent, ForeignKeyDef fk, Object[] row) {
        Object[] out = new Object[fk.parentColumnIds().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = row[parent.position(fk.parentColumnIds().get(i))];
            if (out[i] == null) return null;
        }
        return out;
    }

    /** The key to read for the parent of {@code values}: a row key, or a unique index entry key. */
    public static byte[] lookupKey(TableDef parent, ForeignKeyDef fk, Object[] values) {
        if (byPrimaryKey(parent, fk)) return RowKeys.key(parent, inOrder(fk, parent.primaryKey(), values));
        IndexDef ix = uniqueIndex(parent, fk);
        return IndexKeys.prefix(parent, ix, inOrder(fk, ix.columnIds(), values));
    }

    /** The row key of the parent of {@code values} in {@code tx}'s view, if there is one. */
    public static Optional<byte[]> parentRow(Transaction tx, TableDef parent, ForeignKeyDef fk, Object[] values) {
        byte[] key = lookupKey(parent, fk, values);
        Optional<byte[]> found = tx.get(key);
        if (found.isEmpty() || byPrimaryKey(parent, fk)) return found.map(v -> key);
        byte[] pk = found.get();
        byte[] tableId = RowKeys.tableStart(parent.id());
        return Optional.of(ByteBuffer.allocate(tableId.length + pk.length).put(tableId).put(pk).array());
    }

    private static boolean byPrimaryKey(TableDef parent, ForeignKeyDef fk) {
        return !parent.hasHiddenRowId()
                && new HashSet<>(parent.primaryKey()).equals(new HashSet<>(fk.parentColumnIds()));
    }

    private static IndexDef uniqueIndex(TableDef parent, ForeignKeyDef fk) {
        HashSet<Integer> wanted = new HashSet<>(fk.parentColumnIds());
        for (IndexDef ix : parent.indexes()) {
            if (ix.unique() && ix.state() == IndexDef.State.PUBLIC && new HashSet<>(ix.columnIds()).equals(wanted)) {
                return ix;
            }
        }
        throw new IllegalStateException("table " + parent.name() + " has no unique key for foreign key " + fk.name());
    }

    /** {@code values} (in the constraint's referenced column order) rearranged into {@code columnIds}' order. */
    private static Object[] inOrder(ForeignKeyDef fk, List<Integer> columnIds, Object[] values) {
        List<Object> out = new ArrayList<>(columnIds.size());
        for (int id : columnIds) out.add(values[fk.parentColumnIds().indexOf(id)]);
        return out.toArray();
    }
}
