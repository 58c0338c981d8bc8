package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogKeys;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SequenceCodec;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlTruncateTable;
import io.shardsql.txn.Transaction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
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
 * <p>Errors: 42P01 unknown table; 42809 a view; 0A000 CASCADE (no foreign keys to cascade to yet); 55006 while an
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
        if (stmt.cascade()) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "TRUNCATE ... CASCADE is not supported");
        }
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
        for (TableDef table : tables) {
            List<IndexDef> indexes = new ArrayList<>();
            for (IndexDef ix : table.indexes()) {
                indexes.add(ix.withId(catalog.allocateId(tx)));
                Purger.mark(tx, ix.id(), Purger.INDEX);
            }
            catalog.put(tx, new TableDef(catalog.allocateId(tx), table.name(), table.columns(), table.primaryKey(),
                    indexes, table.nextColumnId(), table.checks()));
            Purger.mark(tx, table.id(), Purger.TABLE);
            if (stmt.restartIdentity()) restartOwnedSequences(tx, snapshot, table.name());
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
