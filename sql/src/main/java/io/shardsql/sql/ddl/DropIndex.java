package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlDropIndex;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code DROP INDEX [IF EXISTS]} (of any state, so an index left WRITE_ONLY by a CREATE INDEX whose
 * node died can be dropped): the index leaves its table's definition, its entries are purged after
 * commit. 42704 if absent; 2BP01 for the index of a UNIQUE constraint (as PostgreSQL: drop the constraint).
 */
final class DropIndex implements CatalogChange {
    private final SqlDropIndex stmt;
    private final CatalogStore catalog;

    DropIndex(SqlDropIndex stmt, CatalogStore catalog) {
        this.stmt = stmt;
        this.catalog = catalog;
    }

    @Override
    public void apply(Transaction tx) {
        String name = Names.of(stmt.name());
        Optional<Names.IndexOf> found = Names.index(catalog.read(tx), name);
        if (found.isEmpty()) {
            if (stmt.ifExists()) return;
            throw new ShardSqlException(ErrorCode.UNDEFINED_OBJECT, "index \"" + name + "\" does not exist");
        }
        IndexDef index = found.get().index();
        if (index.constraint()) {
            throw new ShardSqlException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + name
                    + " because constraint " + name + " on table " + found.get().table().name() + " requires it"
                    + " (drop the constraint with ALTER TABLE ... DROP CONSTRAINT)");
        }
        TableDef table = found.get().table();
        List<IndexDef> left = new ArrayList<>(table.indexes());
        left.removeIf(ix -> ix.id() == index.id());
        ForeignKeyDependents.refuseIfReferenced(catalog.read(tx), table, table.withIndexes(left), "index " + name);
        remove(catalog, tx, table, index.id());
    }

    /** Removes index {@code indexId} from {@code table} and marks its entries for purging. */
    static TableDef remove(CatalogStore catalog, Transaction tx, TableDef table, int indexId) {
        List<IndexDef> left = new ArrayList<>(table.indexes());
        left.removeIf(ix -> ix.id() == indexId);
        TableDef changed = table.withIndexes(left);
        catalog.put(tx, changed);
        Purger.mark(tx, indexId, Purger.INDEX);
        return changed;
    }
}
