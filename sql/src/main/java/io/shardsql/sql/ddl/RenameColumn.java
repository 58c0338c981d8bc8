package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CheckDef;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.sql.parser.SqlAlterTableRename;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER TABLE t RENAME [COLUMN] a TO b}: catalog only. Rows, indexes and the primary key refer to columns
 * by id, and defaults name sequences, not columns, so only the column's name changes. 42P01 / 42703 if the
 * table or column is absent; 42701 if the table has a column {@code b}. The views that read the table are
 * rewritten to read it with the old column name ({@link ViewRewrites}) and checked; 0A000 if one cannot be.
 */
final class RenameColumn implements CatalogChange {
    private final SqlAlterTableRename stmt;
    private final CatalogStore catalog;
    private final ViewAnalyzer views;

    RenameColumn(SqlAlterTableRename stmt, CatalogStore catalog, ViewAnalyzer views) {
        this.stmt = stmt;
        this.catalog = catalog;
        this.views = views;
    }

    @Override
    public void apply(Transaction tx) {
        TableDef table = Names.table(catalog.read(tx), Names.of(stmt.table()));
        ColumnDef column = Names.column(table, stmt.column().getSimple());
        String newName = stmt.newName().getSimple();
        if (table.column(newName).isPresent()) {
            throw new ShardSqlException(ErrorCode.DUPLICATE_COLUMN, "column \"" + newName + "\" of relation \""
                    + table.name() + "\" already exists");
        }
        for (CheckDef c : table.checks()) {
            if (c.uses(column.id())) { // kept as SQL text naming the column
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot rename column \""
                        + column.name() + "\": CHECK constraint \"" + c.name()
                        + "\" reads it (drop the constraint, rename, add it again)");
            }
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (ColumnDef c : table.columns()) {
            columns.add(c.id() != column.id() ? c : new ColumnDef(c.id(), newName, c.type(), c.nullable(),
                    c.defaultValue(), c.defaultExpr(), c.identity()));
        }
        TableDef renamed = table.withColumns(columns); // foreign keys name columns by id
        catalog.put(tx, renamed);
        for (ViewDef v : catalog.read(tx).views().values()) {
            if (!v.dependsOn(table.name())) continue;
            catalog.putView(tx, ViewRewrites.renameColumn(v, renamed, column.name(), newName).orElseThrow(() ->
                    new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot rename column \"" + column.name()
                            + "\": view " + v.name() + " reads \"" + table.name() + "\" under a WITH item of the same"
                            + " name (drop the view, and create it again after)")));
        }
        ViewDependents.check(tx, catalog, views, table.name(), ErrorCode.FEATURE_NOT_SUPPORTED,
                "rename column \"" + column.name() + "\" of \"" + table.name() + "\"");
    }
}
