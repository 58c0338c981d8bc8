package io.shardsql.sql.ddl;

import io.shardsql.txn.Transaction;

/**
 * A DDL statement that is one transactional change of the catalog: {@link #apply} checks everything
 * against the catalog of {@code tx} first and only then writes, so a statement that fails writes
 * nothing. It may run inside the caller's open transaction.
 */
sealed interface CatalogChange permits CreateTable, DropTable, AddColumn, DropColumn, DropIndex,
        CreateSequence, AlterSequence, DropSequence, CreateView, DropView, TruncateTable, RenameTable, RenameColumn,
        AddCheck, DropConstraint, AddForeignKey, AlterColumn {
    void apply(Transaction tx);
}
