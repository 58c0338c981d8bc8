package io.shardsql.sql.catalog;

import java.util.List;

/**
 * A secondary index. Its id prefixes its entries' keys, like a table id prefixes rows. An index created
 * on a table with rows is built online: writers maintain it from {@link State#WRITE_ONLY} on, a backfill
 * then copies the rows that existed before, and only a {@link State#PUBLIC} index is used by queries.
 *
 * @param constraint whether the index is a table's {@code UNIQUE} constraint (then the constraint has the
 *                   index's name, as in PostgreSQL; DROP CONSTRAINT drops it, DROP INDEX refuses to)
 */
public record IndexDef(int id, String name, boolean unique, List<Integer> columnIds, State state,
                       boolean constraint) {

    /**
     * Where the index is in its online build: {@code WRITE_ONLY} while writers maintain it and the backfill runs,
     * {@code PUBLIC} once queries may use it.
     */
    public enum State { WRITE_ONLY, PUBLIC }

    public IndexDef {
        columnIds = List.copyOf(columnIds);
        if (columnIds.isEmpty()) throw new IllegalArgumentException("index " + name + " has no columns");
        if (constraint && !unique) {
            throw new IllegalArgumentException("index " + name + " of a constraint is not unique");
        }
    }

    /** An index that is not a constraint's. */
    public IndexDef(int id, String name, boolean unique, List<Integer> columnIds, State state) {
        this(id, name, unique, columnIds, state, false);
    }

    public IndexDef withState(State s) { return new IndexDef(id, name, unique, columnIds, s, constraint); }
}
