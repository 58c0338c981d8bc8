package io.shardsql.sql.catalog;

import java.util.List;

/**
 * A {@code CHECK} constraint of a table: a row may be stored only if the expression is not FALSE (TRUE or
 * NULL, the SQL rule). The expression is kept as SQL text, in the form the parser unparses it to, and
 * names the table's columns by name; {@code columnIds} are the columns it reads, so that a DROP COLUMN
 * drops the constraints that use the column (as PostgreSQL does).
 *
 * @param name       the constraint's name, unique among the table's constraints
 * @param expression the boolean expression, as SQL text over the table's columns
 * @param columnIds  the ids of the columns the expression reads, in the table's column order
 */
public record CheckDef(String name, String expression, List<Integer> columnIds) {

    public CheckDef {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("check constraint without a name");
        if (expression == null || expression.isEmpty()) {
            throw new IllegalArgumentException("check constraint " + name + " without an expression");
        }
        columnIds = List.copyOf(columnIds);
    }

    /** Whether the expression reads the column {@code columnId}. */
    public boolean uses(int columnId) {
        return columnIds.contains(columnId);
    }
}
