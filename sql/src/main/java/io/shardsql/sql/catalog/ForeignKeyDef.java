package io.shardsql.sql.catalog;

import java.util.List;

/**
 * A {@code FOREIGN KEY} constraint of a table (the child): each row's values in {@code columnIds} must be the
 * values of {@code parentColumnIds} in a row of the referenced table (the parent), unless one of them is NULL
 * (MATCH SIMPLE, PostgreSQL's default). The parent is named by its table id and the columns by their ids, so
 * that renaming the parent, the child or a column changes nothing here.
 *
 * @param name            the constraint's name, unique among the child's constraints
 * @param columnIds       the child's referencing columns, in the order written
 * @param parentTableId   the id of the referenced table (the child itself for a self-reference)
 * @param parentColumnIds the referenced columns, in the same order: the parent's primary key or a UNIQUE
 *                        constraint's columns (in any order)
 * @param onDelete        what a delete of a referenced parent row does
 * @param onUpdate        what a change of a referenced parent row's referenced columns does
 */
public record ForeignKeyDef(String name, List<Integer> columnIds, int parentTableId, List<Integer> parentColumnIds,
                            Action onDelete, Action onUpdate) {

    /** A referential action ({@code ON DELETE} / {@code ON UPDATE}). The ordinal is stored: append only. */
    public enum Action {
        NO_ACTION("NO ACTION"), RESTRICT("RESTRICT"), CASCADE("CASCADE"), SET_NULL("SET NULL"),
        SET_DEFAULT("SET DEFAULT");

        private final String sql;

        Action(String sql) {
            this.sql = sql;
        }

        /** As SQL writes it ({@code NO ACTION}, {@code SET NULL}, ...). */
        public String sql() { return sql; }
    }

    public ForeignKeyDef {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("foreign key without a name");
        columnIds = List.copyOf(columnIds);
        parentColumnIds = List.copyOf(parentColumnIds);
        if (columnIds.isEmpty() || columnIds.size() != parentColumnIds.size()) {
            throw new IllegalArgumentException("foreign key " + name + ": " + columnIds.size()
                    + " referencing columns, " + parentColumnIds.size() + " referenced");
        }
    }

    /** Whether column {@code columnId} of the child is one of the referencing columns. */
    public boolean uses(int columnId) {
        return columnIds.contains(columnId);
    }

    /** The same constraint referencing table {@code id} instead (TRUNCATE gives tables new ids). */
    public ForeignKeyDef withParentTableId(int id) {
        return new ForeignKeyDef(name, columnIds, id, parentColumnIds, onDelete, onUpdate);
    }
}
