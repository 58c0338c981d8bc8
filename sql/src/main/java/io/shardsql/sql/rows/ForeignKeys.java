package io.shardsql.sql.rows;

import io.shardsql.sql.catalog.TableDef;
import io.shardsql.txn.Transaction;

import java.util.List;

/**
 * The FOREIGN KEY constraints of tables ({@link TableDef#foreignKeys()}), enforced inside the writing
 * transaction: {@link TableWriter} asks on every write. The child side checks that a written row's parent
 * exists and locks it (shared); the parent side, after a parent row is deleted or its referenced key changed,
 * locks it (exclusive), finds its children with a fresh read and refuses or carries out the constraint's action.
 * How and why: docs/transactions.md, "Foreign keys".
 */
public interface ForeignKeys {

    /** No FOREIGN KEY is ever enforced (tests and tools that write rows without an engine). */
    ForeignKeys NONE = new ForeignKeys() {};

    /**
     * A hint before {@code rows} (checked and normalized) of {@code table} are inserted: reads their parents
     * and locks them in one round per shard, so that the inserts' checks that follow need no round trip.
     */
    default void prefetchParents(Transaction tx, TableDef table, List<Object[]> rows) {}

    /**
     * Before {@code newRow} of {@code table} is written ({@code oldRow}: the row it replaces, or null for an
     * insert): 23503 if a referencing value changed to one no parent row has; else the parents are locked
     * (shared) for the rest of the transaction.
     */
    default void checkChild(Transaction tx, TableDef table, Object[] oldRow, Object[] newRow) {}

    /** After {@code row} of {@code table}, stored under {@code rowKey}, was deleted by {@code writer}. */
    default void afterParentDelete(Transaction tx, TableDef table, byte[] rowKey, Object[] row, TableWriter writer) {}

    /** After the row under {@code rowKey} of {@code table} was changed from {@code oldRow} to {@code newRow}. */
    default void afterParentUpdate(Transaction tx, TableDef table, byte[] rowKey, Object[] oldRow, Object[] newRow,
                                   TableWriter writer) {}
}
