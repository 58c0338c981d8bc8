package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlAlterTableAddColumn;
import io.shardsql.sql.parser.SqlCheckConstraint;
import io.shardsql.sql.parser.SqlColumnDef;
import io.shardsql.sql.rows.CheckConstraints;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.txn.Transaction;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] c type [NOT NULL] [DEFAULT literal]}. Rows are not
 * rewritten: a row written before reads the column as its DEFAULT (row values are keyed by column id).
 * As in PostgreSQL, NOT NULL without a DEFAULT is refused (23502) if the table has rows, and a new
 * column cannot be a primary key (0A000). 42P01, 42701 (unless IF NOT EXISTS) as PostgreSQL says. A CHECK
 * written on the column is added as {@code ADD CHECK} adds one (the rows there must pass it with the column's
 * DEFAULT); UNIQUE on it is 0A000 for now (it needs the online index build: ADD UNIQUE after the column).
 */
final class AddColumn implements CatalogChange {
    private final SqlAlterTableAddColumn stmt;
    private final CatalogStore catalog;

    private final CheckConstraints checks;

    AddColumn(SqlAlterTableAddColumn stmt, CatalogStore catalog, CheckConstraints checks) {
        this.checks = checks;
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
        List<SqlCheckConstraint> columnChecks = new ArrayList<>();
        for (SqlNode c : stmt.column().constraints()) {
            if (c instanceof io.shardsql.sql.parser.SqlForeignKeyConstraint) {
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "ADD COLUMN cannot add a column with"
                        + " REFERENCES (\"" + name + "\") yet: add the column, then ALTER TABLE ... ADD FOREIGN KEY");
            }
            if (!(c instanceof SqlCheckConstraint check)) {
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "ADD COLUMN cannot add a UNIQUE column (\""
                        + name + "\") yet: add the column, then ALTER TABLE ... ADD UNIQUE");
            }
            columnChecks.add(check);
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
        TableDef altered = table.withColumn(column);
        // the rows there are read the new column as its DEFAULT: a CHECK on it must hold for that value
        if (!columnChecks.isEmpty()) altered = AddCheck.withValidated(tx, altered, columnChecks, catalog, checks);
        catalog.put(tx, altered);
    }
}
