package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogKeys;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.ForeignKeyReferences;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SequenceCodec;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlTruncateTable;
import io.shardsql.txn.Transaction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code TRUNCATE [TABLE] t [, ...] [RESTART IDENTITY]}: empties each table in O(1) by giving it, and each of
 * its indexes, a new id in the catalog — the table then starts with no rows and no index entries — and marks
 * the old ids for the {@link Purger}, which deletes their keys once the change has committed (as DROP TABLE
 * does). It is one catalog change: transactional, whatever the table's size, and never near the write-buffer
 * limit. Sequences the tables own start again with RESTART IDENTITY (in the statement's transaction; every
 * node drops the values it reserved), else they go on.
 *
 * <p>Foreign keys (PostgreSQL's rules): a table another table references by a FOREIGN KEY is truncated only
 * with that table in the same statement, or with CASCADE, which adds every such table (transitively); else
 * 0A000. The foreign keys among the truncated tables follow their parents to the new ids.
 *
 * <p>Errors: 42P01 unknown table; 42809 a view; 0A000 a referenced table without its children; 55006 while an
 * index of the table is being built (WRITE_ONLY).
 */
final class TruncateTable implements CatalogChange {
    private final SqlTruncateTable stmt;
    private final CatalogStore catalog;

    TruncateTable(SqlTruncateTable stmt, CatalogStore catalog) {
        this.stmt = stmt;
        this.catalog = catalog;
    }

    @Override
    public void apply(Transaction tx) {
        CatalogSnapshot snapshot = catalog.read(tx);
        List<TableDef> tables = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SqlNode n : stmt.tables()) {
            String name = Names.of((SqlIdentifier) n);
            if (!seen.add(name)) continue;
            if (snapshot.view(name).isPresent()) {
                throw new ShardSqlException(ErrorCode.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a table");
            }
            TableDef table = Names.table(snapshot, name);
            for (IndexDef ix : table.indexes()) {
                if (ix.state() != IndexDef.State.PUBLIC) {
                    throw new ShardSqlException(ErrorCode.OBJECT_IN_USE, "cannot truncate \"" + name + "\": index \""
                            + ix.name() + "\" is being built (or was left half-built: drop it)");
                }
            }
            tables.add(table);
        }
        addChildren(snapshot, tables);
        Map<Integer, Integer> newIds = new HashMap<>();
        for (TableDef table : tables) newIds.put(table.id(), catalog.allocateId(tx));
        for (TableDef table : tables) {
            List<IndexDef> indexes = new ArrayList<>();
            for (IndexDef ix : table.indexes()) {
                indexes.add(ix.withId(catalog.allocateId(tx)));
                Purger.mark(tx, ix.id(), Purger.INDEX);
            }
            List<ForeignKeyDef> keys = new ArrayList<>();
            for (ForeignKeyDef f : table.foreignKeys()) {
                keys.add(f.withParentTableId(newIds.getOrDefault(f.parentTableId(), f.parentTableId())));
            }
            catalog.put(tx, table.withIdAndName(newIds.get(table.id()), table.name()).withIndexes(indexes)
                    .withForeignKeys(keys));
            Purger.mark(tx, table.id(), Purger.TABLE);
            if (stmt.restartIdentity()) restartOwnedSequences(tx, snapshot, table.name());
        }
    }

    /** Adds the tables that reference a truncated one (CASCADE), or fails with 0A000 naming the first. */
    private void addChildren(CatalogSnapshot snapshot, List<TableDef> tables) {
        ForeignKeyReferences references = ForeignKeyReferences.of(snapshot);
        for (int i = 0; i < tables.size(); i++) {
            TableDef parent = tables.get(i);
            for (ForeignKeyReferences.Reference r : references.referencing(parent.id())) {
                if (tables.stream().anyMatch(t -> t.id() == r.child().id())) continue;
                if (!stmt.cascade()) {
                    throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot truncate a table referenced"
                            + " in a foreign key constraint: table \"" + r.child().name() + "\" references \""
                            + parent.name() + "\" (truncate table \"" + r.child().name()
                            + "\" at the same time, or use TRUNCATE ... CASCADE)");
                }
                tables.add(r.child());
            }
        }
    }

    private void restartOwnedSequences(Transaction tx, CatalogSnapshot snapshot, String table) {
        for (SequenceDef s : snapshot.sequences().values()) {
            if (!s.ownedBy().equals(table)) continue;
            catalog.putSequence(tx, new SequenceDef(s.id(), s.name(), s.increment(), s.start(), s.min(), s.max(),
                    s.cache(), s.ownedBy(), s.generation() + 1, s.incarnation()));
            tx.put(CatalogKeys.sequenceValue(s.id()),
                    SequenceCodec.encodeValue(new SequenceCodec.Value(s.incarnation(), s.start(), false)));
        }
    }
}
