package io.shardsql.sql.catalog;

import java.util.List;

/**
 * A view: a named query that every query naming the view expands in its place (a macro, as in
 * PostgreSQL); nothing is stored but the definition. Immutable; CREATE OR REPLACE VIEW puts a new one.
 *
 * @param name      the view's name; views share one namespace with tables, indexes and sequences
 * @param sql       the query, as ShardSqlParser.unparse wrote it (it parses back to the same tree)
 * @param columns   the view's columns in order: their names (from the column list, else the query's), their
 *                  types and the query's names for them, as when the view was created or replaced
 * @param dependsOn the tables and views the query reads, by name: what DROP ... RESTRICT protects
 */
public record ViewDef(String name, String sql, List<Column> columns, List<String> dependsOn) {

    /**
     * A column of a view: its name, its SQL type as text ({@code INTEGER}, {@code VARCHAR(10)}, ...), and the
     * name the query gives it (the same unless the view's column list renames it).
     */
    public record Column(String name, String type, String queryName) {}

    public ViewDef {
        columns = List.copyOf(columns);
        dependsOn = List.copyOf(dependsOn);
        if (columns.isEmpty()) throw new IllegalArgumentException("view " + name + " has no columns");
    }

    /** The column names, in order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** Whether the view's query reads {@code relation} (a table or a view) directly. */
    public boolean dependsOn(String relation) {
        return dependsOn.contains(relation);
    }
}
