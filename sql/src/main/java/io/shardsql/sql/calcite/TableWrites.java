package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.TableDef;
import io.shardsql.txn.Transaction;

import java.util.List;

/**
 * Writes rows of a table inside a transaction, checking its constraints and keeping its indexes.
 * Rows are {@code Object[]} in {@link TableDef#columns()} order holding catalog values.
 */
public interface TableWrites {

    /**
     * A hint before inserting {@code rows}: read ahead what their inserts will check (see
     * TableWriter#prefetchForInsert).
     */
    default void prepareInserts(Transaction tx, TableDef table, List<Object[]> rows) {}

    /**
     * Checks {@code row} as an insert would — its values (NOT NULL, types) and the table's CHECK constraints —
     * without writing it: PostgreSQL checks a proposed row before it looks for a conflict, so an
     * {@code ON CONFLICT} row that breaks a constraint fails even when it conflicts.
     */
    default void check(TableDef table, Object[] row) {}

    /** Inserts a new row; a row with the same key already present is a unique violation (23505). */
    void insert(Transaction tx, TableDef table, Object[] row);

    /**
     * {@link #insert} without reading the row's keys: the commit checks them (23505 from {@code commit}), see
     * TableWriter#insertUnread. Only for a transaction that commits right after and rolls back on any failure.
     */
    default void insertUnread(Transaction tx, TableDef table, Object[] row) {
        insert(tx, table, row);
    }

    /** Replaces {@code oldRow} (as read in this transaction) with {@code newRow}; the key may change. */
    void update(Transaction tx, TableDef table, Object[] oldRow, Object[] newRow);

    /** Deletes {@code row} (as read in this transaction). */
    void delete(Transaction tx, TableDef table, Object[] row);

    /** {@link #update} of the row stored under {@code rowKey} (tables with a hidden row id need it). */
    void update(Transaction tx, TableDef table, byte[] rowKey, Object[] oldRow, Object[] newRow);

    /** {@link #delete} of the row stored under {@code rowKey}. */
    void delete(Transaction tx, TableDef table, byte[] rowKey, Object[] row);
}
