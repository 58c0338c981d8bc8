package io.shardsql.sql.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table: its id (the prefix of its row keys), columns, primary key (column ids; empty means the table
 * has a hidden row id as its key), indexes (a UNIQUE constraint is one of them) and CHECK constraints.
 * and FOREIGN KEY constraints. Immutable; DDL produces a new version. Every {@code with...} method carries the other
 * parts over: a new version of a table is made from the old one with them, never with a shorter constructor.
 *
 * @param nextColumnId the id the next added column gets (ids are never reused)
 * @param checks       the table's CHECK constraints, in the order they were added
 * @param foreignKeys  the table's FOREIGN KEY constraints (this table is their child), in the order added
 */
public record TableDef(int id, String name, List<ColumnDef> columns, List<Integer> primaryKey, List<IndexDef> indexes,
                       int nextColumnId, List<CheckDef> checks, List<ForeignKeyDef> foreignKeys) {

    public TableDef {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        checks = checks == null ? List.of() : List.copyOf(checks);
        foreignKeys = foreignKeys == null ? List.of() : List.copyOf(foreignKeys);
        for (int pk : primaryKey) {
            if (columns.stream().noneMatch(c -> c.id() == pk)) throw new IllegalArgumentException("primary key column "
                    + pk + " is not a column");
        }
    }

    /** A table without FOREIGN KEY constraints. */
    public TableDef(int id, String name, List<ColumnDef> columns, List<Integer> primaryKey, List<IndexDef> indexes,
                    int nextColumnId, List<CheckDef> checks) {
        this(id, name, columns, primaryKey, indexes, nextColumnId, checks, List.of());
    }

    /** A table without CHECK or FOREIGN KEY constraints. */
    public TableDef(int id, String name, List<ColumnDef> columns, List<Integer> primaryKey, List<IndexDef> indexes,
                    int nextColumnId) {
        this(id, name, columns, primaryKey, indexes, nextColumnId, List.of(), List.of());
    }

    public boolean hasHiddenRowId() { return primaryKey.isEmpty(); }

    // Loops, not streams: these run for every row a scan decodes.

    public Optional<ColumnDef> column(String columnName) {
        for (ColumnDef c : columns) {
            if (c.name().equals(columnName)) return Optional.of(c);
        }
        return Optional.empty();
    }

    public ColumnDef columnById(int columnId) {
        for (ColumnDef c : columns) {
            if (c.id() == columnId) return c;
        }
        throw new IllegalArgumentException("table " + name + " has no column " + columnId);
    }

    /** Position of column {@code columnId} in {@link #columns()}. */
    public int position(int columnId) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id() == columnId) return i;
        }
        throw new IllegalArgumentException("table " + name + " has no column " + columnId);
    }

    public List<ColumnDef> primaryKeyColumns() {
        if (primaryKey.size() == 1) return List.of(columnById(primaryKey.get(0)));
        List<ColumnDef> out = new ArrayList<>(primaryKey.size());
        for (int id : primaryKey) out.add(columnById(id));
        return out;
    }

    public TableDef withColumn(ColumnDef c) {
        List<ColumnDef> cs = new ArrayList<>(columns);
        cs.add(c);
        return new TableDef(id, name, cs, primaryKey, indexes, Math.max(nextColumnId, c.id() + 1), checks,
                foreignKeys);
    }

    /** The table with {@code c} in place of its column of the same id (ALTER COLUMN), in the same position. */
    public TableDef withColumnReplaced(ColumnDef c) {
        List<ColumnDef> cs = new ArrayList<>(columns);
        cs.replaceAll(old -> old.id() == c.id() ? c : old);
        return new TableDef(id, name, cs, primaryKey, indexes, nextColumnId, checks, foreignKeys);
    }

    public TableDef withoutColumn(int columnId) {
        List<ColumnDef> cs = new ArrayList<>(columns);
        cs.removeIf(c -> c.id() == columnId);
        return new TableDef(id, name, cs, primaryKey, indexes, nextColumnId, checks, foreignKeys);
    }

    public TableDef withIndexes(List<IndexDef> newIndexes) {
        return new TableDef(id, name, columns, primaryKey, newIndexes, nextColumnId, checks, foreignKeys);
    }

    public TableDef withChecks(List<CheckDef> newChecks) {
        return new TableDef(id, name, columns, primaryKey, indexes, nextColumnId, newChecks, foreignKeys);
    }

    public TableDef withForeignKeys(List<ForeignKeyDef> newForeignKeys) {
        return new TableDef(id, name, columns, primaryKey, indexes, nextColumnId, checks, newForeignKeys);
    }

    /** This table under another id and name, everything else kept (RENAME, TRUNCATE). */
    public TableDef withIdAndName(int newId, String newName) {
        return new TableDef(newId, newName, columns, primaryKey, indexes, nextColumnId, checks, foreignKeys);
    }

    /** This table with {@code newColumns} (same ids; RENAME COLUMN), everything else kept. */
    public TableDef withColumns(List<ColumnDef> newColumns) {
        return new TableDef(id, name, newColumns, primaryKey, indexes, nextColumnId, checks, foreignKeys);
    }

    /** The FOREIGN KEY constraint called {@code fkName}, if the table has one. */
    public Optional<ForeignKeyDef> foreignKey(String fkName) {
        for (ForeignKeyDef f : foreignKeys) {
            if (f.name().equals(fkName)) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** The CHECK constraint called {@code checkName}, if the table has one. */
    public Optional<CheckDef> check(String checkName) {
        for (CheckDef c : checks) {
            if (c.name().equals(checkName)) return Optional.of(c);
        }
        return Optional.empty();
    }
}
