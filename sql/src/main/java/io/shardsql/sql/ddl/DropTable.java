package io.shardsql.sql.ddl;

import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlDropTable;
import io.shardsql.txn.Transaction;

import java.util.Optional;

/**
 * {@code DROP TABLE [IF EXISTS]}: removes the definition and marks the table's and its indexes' key
 * ranges for the {@link Purger}, which deletes them once this change has committed; drops the sequences the
 * table owns (SERIAL, identity). 42P01 if absent.
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
        Optional<TableDef> found = catalog.read(tx).table(name);
        if (found.isEmpty() && stmt.ifExists()) return;
        TableDef table = found.orElseGet(() -> Names.table(catalog.read(tx), name));
        catalog.remove(tx, name);
        OwnedSequences.dropOwnedBy(tx, catalog, name);
        Purger.mark(tx, table.id(), Purger.TABLE);
        for (IndexDef ix : table.indexes()) Purger.mark(tx, ix.id(), Purger.INDEX);
    }
}
