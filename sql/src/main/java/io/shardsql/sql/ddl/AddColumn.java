package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlAlterTableAddColumn;
import io.shardsql.sql.parser.SqlColumnDef;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.txn.Transaction;

/**
 * {@code ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] c type [NOT NULL] [DEFAULT literal]}. Rows are not
 * rewritten: a row written before reads the column as its DEFAULT (row values are keyed by column id).
 * As in PostgreSQL, NOT NULL without a DEFAULT is refused (23502) if the table has rows, and a new
 * column cannot be a primary key (0A000). 42P01, 42701 (unless IF NOT EXISTS) as PostgreSQL says.
 */
final class AddColumn implements CatalogChange {
    private final SqlAlterTableAddColumn stmt;
    private final CatalogStore catalog;

    AddColumn(SqlAlterTableAddColumn stmt, CatalogStore catalog) {
        this.stmt = stmt;
        this.catalog = catalog;
    }

    @Override
    public void apply(Transaction tx) {
        TableDef table = Names.table(catalog.read(tx), Names.of(stmt.table()));
        String name = stmt.column().simpleName();
        if (table.column(name).isPresent()) {
            if (stmt.ifNotExists()) return;
            throw new ShardSqlException(ErrorCode.DUPLICATE_COLUMN,
                    "column \"" + name + "\" of relation \"" + table.name()
                    + "\" already exists");
        }
        if (stmt.column().primaryKey()) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "ADD COLUMN cannot add a primary key column (\"" + name + "\")");
        }
        if (!stmt.column().constraints().isEmpty()) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "ADD COLUMN cannot add a column with"
                    + " CHECK or UNIQUE (\"" + name + "\") yet: add the column, then ALTER TABLE ... ADD CONSTRAINT");
        }
        if (stmt.column().generated() != SqlColumnDef.Generated.NONE) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "ADD COLUMN cannot add a SERIAL or identity column (\"" + name + "\") yet");
        }
        ColumnDef column = OldRows.withValueForOldRows(Columns.of(stmt.column(), table.nextColumnId(), false),
                () -> tx.scan(RowKeys.tableStart(table.id()), RowKeys.tableEnd(table.id())).hasNext());
        if (!column.nullable() && column.defaultValue() == null
                && tx.scan(RowKeys.tableStart(table.id()), RowKeys.tableEnd(table.id())).hasNext()) {
            throw new ShardSqlException(ErrorCode.NOT_NULL_VIOLATION,
                    "column \"" + name + "\" of relation \"" + table.name()
                    + "\" contains null values: a NOT NULL column added to a table with rows needs a DEFAULT");
        }
        catalog.put(tx, table.withColumn(column));
    }
}
