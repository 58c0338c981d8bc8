package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.parser.SqlDropView;
import io.shardsql.txn.Transaction;

/**
 * {@code DROP VIEW [IF EXISTS] v [CASCADE | RESTRICT]}: removes the definition, its owner and grants. Views that
 * read it are dropped too with CASCADE, else 2BP01. 42P01 if absent; 42809 if {@code v} is not a view.
 */
final class DropView implements CatalogChange {
    private final SqlDropView stmt;
    private final CatalogStore catalog;

    DropView(SqlDropView stmt, CatalogStore catalog) {
        this.stmt = stmt;
        this.catalog = catalog;
    }

    @Override
    public void apply(Transaction tx) {
        String name = Names.of(stmt.name());
        CatalogSnapshot snapshot = catalog.read(tx);
        if (snapshot.view(name).isEmpty()) {
            if (Names.taken(snapshot, name)) {
                throw new ShardSqlException(ErrorCode.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a view");
            }
            if (stmt.ifExists()) return;
            throw new ShardSqlException(ErrorCode.UNDEFINED_TABLE, "view \"" + name + "\" does not exist");
        }
        ViewDependents.dropOrRefuse(tx, catalog, snapshot, name, "view " + name, stmt.cascade());
        catalog.removeView(tx, name);
    }
}
