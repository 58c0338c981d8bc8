package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.CheckDef;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlAlterTableDropColumn;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ALTER TABLE t DROP [COLUMN] [IF EXISTS] c}. Rows are not rewritten: their value under the
 * dropped column id is skipped on read and left out when the row is next written; the id is never
 * reused. Indexes that contain the column (UNIQUE constraints included) and CHECK constraints that read it
 * are dropped with it (as PostgreSQL does), and so are FOREIGN KEYs of the column; the indexes' entries are
 * purged. A column a FOREIGN KEY of another table references is 2BP01. A primary-key column, or the
 * last column, cannot be dropped (0A000); nor a column a view reads (2BP01: the view, checked again without
 * the column, would fail or change).
 */
final class DropColumn implements CatalogChange {
    private final SqlAlterTableDropColumn stmt;
    private final CatalogStore catalog;
    private final ViewAnalyzer views;

    DropColumn(SqlAlterTableDropColumn stmt, CatalogStore catalog, ViewAnalyzer views) {
        this.stmt = stmt;
        this.catalog = catalog;
        this.views = views;
    }

    @Override
    public void apply(Transaction tx) {
        TableDef table = Names.table(catalog.read(tx), Names.of(stmt.table()));
        String name = Names.of(stmt.column());
        Optional<ColumnDef> found = table.column(name);
        if (found.isEmpty() && stmt.ifExists()) return;
        ColumnDef column = found.orElseGet(() -> Names.column(table, name));
        if (table.primaryKey().contains(column.id())) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot drop column \"" + name
                    + "\": it is part of the primary key of \"" + table.name() + "\"");
        }
        if (table.columns().size() == 1) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot drop column \"" + name
                    + "\": it is the last column of \"" + table.name() + "\"");
        }
        List<IndexDef> kept = new ArrayList<>();
        for (IndexDef ix : table.indexes()) {
            if (ix.columnIds().contains(column.id())) {
                Purger.mark(tx, ix.id(), Purger.INDEX);
            } else {
                kept.add(ix);
            }
        }
        List<CheckDef> checks = new ArrayList<>(table.checks());
        checks.removeIf(c -> c.uses(column.id())); // as PostgreSQL: a CHECK that reads the column goes with it
        List<ForeignKeyDef> keys = new ArrayList<>(table.foreignKeys());
        keys.removeIf(f -> f.uses(column.id())); // as PostgreSQL: a FOREIGN KEY of the column goes with it
        TableDef after = table.withoutColumn(column.id()).withIndexes(kept).withChecks(checks).withForeignKeys(keys);
        ForeignKeyDependents.refuseIfReferenced(catalog.read(tx), table, after, "column " + name + " of table "
                + table.name());
        catalog.put(tx, after);
        ViewDependents.check(tx, catalog, views, table.name(), ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST,
                "drop column \"" + name + "\" of table \"" + table.name() + "\"");
    }
}
