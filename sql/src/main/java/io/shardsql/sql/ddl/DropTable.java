package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlDropTable;
import io.shardsql.txn.Transaction;

import java.util.Optional;

/**
 * {@code DROP TABLE [IF EXISTS] t [CASCADE | RESTRICT]}: removes the definition and marks the table's and its
 * indexes' key ranges for the {@link Purger}, which deletes them once this change has committed; drops the
 * sequences the table owns (SERIAL, identity), and with CASCADE the views that read the table (directly or
 * through other views; without CASCADE they make it 2BP01). 42P01 if absent; 42809 if {@code t} is a view.
 */
final class DropTable implements CatalogChange {
    private final SqlDropTable stmt;
    private final CatalogStore catalog;

    DropTable(SqlDropTable stmt, CatalogStore catalog) {
        this.stmt = stmt;
        this.catalog = catalog;
    }

    @Override
    public void apply(Transaction tx) {
        String name = Names.of(stmt.name());
        CatalogSnapshot snapshot = catalog.read(tx);
        if (snapshot.view(name).isPresent()) {
            throw new ShardSqlException(ErrorCode.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a table"
                    + " (use DROP VIEW)");
        }
        Optional<TableDef> found = snapshot.table(name);
        if (found.isEmpty() && stmt.ifExists()) return;
        TableDef table = found.orElseGet(() -> Names.table(snapshot, name));
        ViewDependents.dropOrRefuse(tx, catalog, snapshot, name, "table " + name, stmt.cascade());
        ForeignKeyDependents.dropOrRefuse(tx, catalog, snapshot, table, stmt.cascade());
        catalog.remove(tx, name);
        OwnedSequences.dropOwnedBy(tx, catalog, name);
        Purger.mark(tx, table.id(), Purger.TABLE);
        for (IndexDef ix : table.indexes()) Purger.mark(tx, ix.id(), Purger.INDEX);
    }
}
