package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.CheckDef;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlAlterTableDropConstraint;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ALTER TABLE t DROP CONSTRAINT [IF EXISTS] c}: a CHECK or a FOREIGN KEY leaves the table's definition;
 * a UNIQUE constraint's index is dropped (its entries purged after commit, as DROP INDEX does), unless a FOREIGN
 * KEY references its columns (2BP01). 42704 if the table
 * has no constraint of that name (a plain index is not a constraint: DROP INDEX drops it).
 */
final class DropConstraint implements CatalogChange {
    private final SqlAlterTableDropConstraint stmt;
    private final CatalogStore catalog;

    DropConstraint(SqlAlterTableDropConstraint stmt, CatalogStore catalog) {
        this.stmt = stmt;
        this.catalog = catalog;
    }

    @Override
    public void apply(Transaction tx) {
        TableDef table = Names.table(catalog.read(tx), Names.of(stmt.table()));
        String name = stmt.name().getSimple();
        if (table.check(name).isPresent()) {
            List<CheckDef> left = new ArrayList<>(table.checks());
            left.removeIf(c -> c.name().equals(name));
            catalog.put(tx, table.withChecks(left));
            return;
        }
        Optional<IndexDef> index = table.indexes().stream().filter(ix -> ix.constraint() && ix.name().equals(name))
                .findFirst();
        if (index.isPresent()) {
            List<IndexDef> left = new ArrayList<>(table.indexes());
            left.removeIf(ix -> ix.id() == index.get().id());
            ForeignKeyDependents.refuseIfReferenced(catalog.read(tx), table, table.withIndexes(left),
                    "constraint " + name + " on table " + table.name());
            DropIndex.remove(catalog, tx, table, index.get().id());
            return;
        }
        if (table.foreignKey(name).isPresent()) {
            List<ForeignKeyDef> left = new ArrayList<>(table.foreignKeys());
            left.removeIf(f -> f.name().equals(name));
            catalog.put(tx, table.withForeignKeys(left)); // an index made for it stays, as CockroachDB's does
            return;
        }
        if (stmt.ifExists()) return;
        throw new ShardSqlException(ErrorCode.UNDEFINED_OBJECT, "constraint \"" + name + "\" of relation \""
                + table.name() + "\" does not exist");
    }
}
