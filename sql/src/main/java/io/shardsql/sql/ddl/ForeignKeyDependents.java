package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.ForeignKeyReferences;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What DDL on a referenced (parent) table does to the FOREIGN KEYs that reference it, as PostgreSQL: DROP TABLE
 * refuses (2BP01) unless CASCADE, which drops those constraints from their tables; dropping the key a
 * constraint references (a UNIQUE constraint, a unique index, a column of it) refuses with 2BP01.
 */
final class ForeignKeyDependents {
    private ForeignKeyDependents() {}

    /**
     * Before {@code parent} is dropped: with {@code cascade}, removes the other tables' constraints that
     * reference it; else 2BP01 if there is one.
     */
    static void dropOrRefuse(Transaction tx, CatalogStore catalog, CatalogSnapshot snapshot, TableDef parent,
                             boolean cascade) {
        List<TableDef> children = new ArrayList<>();
        for (ForeignKeyReferences.Reference r : ForeignKeyReferences.of(snapshot).referencing(parent.id())) {
            if (r.child().id() == parent.id()) continue; // goes with the table
            if (!cascade) {
                throw new ShardSqlException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table "
                        + parent.name() + " because other objects depend on it: constraint " + r.key().name()
                        + " on table " + r.child().name() + " depends on table " + parent.name()
                        + " (use DROP ... CASCADE to drop the dependent objects too)");
            }
            if (children.stream().noneMatch(c -> c.id() == r.child().id())) children.add(r.child());
        }
        for (TableDef child : children) {
            List<ForeignKeyDef> kept = new ArrayList<>(child.foreignKeys());
            kept.removeIf(f -> f.parentTableId() == parent.id());
            catalog.put(tx, catalog.read(tx).table(child.name()).orElse(child).withForeignKeys(kept));
        }
    }

    /**
     * 2BP01 if a constraint that references {@code before} would have no key left to reference in
     * {@code after} (the same table without an index or a column); {@code what} names what is dropped.
     */
    static void refuseIfReferenced(CatalogSnapshot snapshot, TableDef before, TableDef after, String what) {
        List<ForeignKeyReferences.Reference> refs = new ArrayList<>();
        for (ForeignKeyReferences.Reference r : ForeignKeyReferences.of(snapshot).referencing(before.id())) {
            if (r.child().id() != before.id()) refs.add(r);
        }
        for (ForeignKeyDef f : after.foreignKeys()) {
            if (f.parentTableId() == after.id()) refs.add(new ForeignKeyReferences.Reference(after, f));
        }
        for (ForeignKeyReferences.Reference r : refs) {
            if (!hasKey(after, r.key().parentColumnIds())) {
                throw new ShardSqlException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop " + what
                        + " because other objects depend on it: constraint " + r.key().name() + " on table "
                        + r.child().name() + " depends on it");
            }
        }
    }

    /** Whether {@code table} has its primary key or a unique index on exactly the columns {@code columnIds}. */
    static boolean hasKey(TableDef table, List<Integer> columnIds) {
        Set<Integer> wanted = new HashSet<>(columnIds);
        if (wanted.size() != columnIds.size()) return false;
        if (!table.hasHiddenRowId() && new HashSet<>(table.primaryKey()).equals(wanted)) return true;
        for (IndexDef ix : table.indexes()) {
            if (ix.unique() && ix.state() == IndexDef.State.PUBLIC && new HashSet<>(ix.columnIds()).equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
