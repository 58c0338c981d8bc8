package io.shardsql.sql.catalog;

import io.shardsql.storage.keys.KeyOrder;

import java.util.Collections;
import java.util.List;

/**
 * A secondary index. Its id prefixes its entries' keys, like a table id prefixes rows. An index created
 * on a table with rows is built online: writers maintain it from {@link State#WRITE_ONLY} on, a backfill
 * then copies the rows that existed before, and only a {@link State#PUBLIC} index is used by queries.
 *
 * @param constraint whether the index is a table's {@code UNIQUE} constraint (then the constraint has the
 *                   index's name, as in PostgreSQL; DROP CONSTRAINT drops it, DROP INDEX refuses to)
 * @param orders     per indexed column (same length as {@code columnIds}), its direction and NULL placement
 *                   as declared ({@code a DESC NULLS LAST}); the entries' keys are encoded in that order, so
 *                   the index's natural order is the declared one. {@link KeyOrder#ASC} for every column of
 *                   an index declared without directions.
 */
public record IndexDef(int id, String name, boolean unique, List<Integer> columnIds, State state,
                       boolean constraint, List<KeyOrder> orders) {

    /**
     * Where the index is in its online build: {@code WRITE_ONLY} while writers maintain it and the backfill runs,
     * {@code PUBLIC} once queries may use it.
     */
    public enum State { WRITE_ONLY, PUBLIC }

    public IndexDef {
        columnIds = List.copyOf(columnIds);
        orders = orders == null ? Collections.nCopies(columnIds.size(), KeyOrder.ASC) : List.copyOf(orders);
        if (columnIds.isEmpty()) throw new IllegalArgumentException("index " + name + " has no columns");
        if (orders.size() != columnIds.size()) {
            throw new IllegalArgumentException("index " + name + " has " + columnIds.size() + " columns but "
                    + orders.size() + " orders");
        }
        if (constraint && !unique) {
            throw new IllegalArgumentException("index " + name + " of a constraint is not unique");
        }
    }

    /** An index whose columns are all ascending (NULLS LAST). */
    public IndexDef(int id, String name, boolean unique, List<Integer> columnIds, State state, boolean constraint) {
        this(id, name, unique, columnIds, state, constraint, null);
    }

    /** An index that is not a constraint's, its columns all ascending. */
    public IndexDef(int id, String name, boolean unique, List<Integer> columnIds, State state) {
        this(id, name, unique, columnIds, state, false, null);
    }

    public IndexDef withState(State s) { return new IndexDef(id, name, unique, columnIds, s, constraint, orders); }

    /** The same index under another id (TRUNCATE gives a table's indexes fresh ids). */
    public IndexDef withId(int newId) {
        return new IndexDef(newId, name, unique, columnIds, state, constraint, orders);
    }

    /** Whether every column is {@link KeyOrder#ASC}: the index as declared without directions. */
    public boolean allAscending() {
        return orders.stream().allMatch(o -> o == KeyOrder.ASC);
    }

    /** The order of the {@code i}-th indexed column. */
    public KeyOrder order(int i) { return orders.get(i); }
}
