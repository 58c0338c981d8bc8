package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The names of a table's CHECK and UNIQUE constraints, as PostgreSQL chooses and checks them:
 *
 * <pre>
 * CHECK reading one column        t_col_check     (numbered t_col_check1, ... if taken)
 * CHECK reading none or several   t_check
 * UNIQUE (a, b)                   t_a_b_key       (an index: a relation name, numbered if any relation has it)
 * </pre>
 *
 * A name a constraint of the same table has is 42710; the name of a UNIQUE constraint is its index's, so
 * a relation (table, index, sequence) with it is 42P07.
 */
final class ConstraintNames {
    private ConstraintNames() {}

    /** Whether {@code table} has a constraint (CHECK, FOREIGN KEY, or a UNIQUE's index) called {@code name}. */
    static boolean isConstraintOf(TableDef table, String name) {
        return table.check(name).isPresent() || table.foreignKey(name).isPresent()
                || table.indexes().stream().anyMatch(ix -> ix.constraint() && ix.name().equals(name));
    }

    /** 42710 if {@code table} (or the statement so far: {@code pending}) has a constraint called {@code name}. */
    static void requireFreeConstraintName(TableDef table, String name, Set<String> pending) {
        if (isConstraintOf(table, name) || pending.contains(name)) {
            throw new ShardSqlException(ErrorCode.DUPLICATE_OBJECT, "constraint \"" + name + "\" for relation \""
                    + table.name() + "\" already exists");
        }
    }

    /** The name of an unnamed CHECK that reads {@code columnIds}. */
    static String check(TableDef table, List<Integer> columnIds, Set<String> pending) {
        String base = table.name() + (columnIds.size() == 1
                ? "_" + table.columnById(columnIds.get(0)).name() : "") + "_check";
        return numbered(base, name -> isConstraintOf(table, name) || pending.contains(name));
    }

    /** The name of an unnamed UNIQUE over {@code columns}: {@code t_a_b_key}, free among relations. */
    static String unique(CatalogSnapshot catalog, TableDef table, List<String> columns, Set<String> pending) {
        String base = table.name() + "_" + String.join("_", columns) + "_key";
        return numbered(base, name -> Names.taken(catalog, name) || pending.contains(name)
                || table.name().equals(name) || isConstraintOf(table, name));
    }

    /** The name of an unnamed FOREIGN KEY over {@code columns}: {@code t_a_b_fkey}, as PostgreSQL. */
    static String foreignKey(TableDef table, List<String> columns, Set<String> pending) {
        String base = table.name() + "_" + String.join("_", columns) + "_fkey";
        return numbered(base, name -> isConstraintOf(table, name) || pending.contains(name));
    }

    /** The name of the index made for FOREIGN KEY {@code fk} of {@code table} (CockroachDB's form), free. */
    static String foreignKeyIndex(CatalogSnapshot catalog, TableDef table, String fk, Set<String> pending) {
        String base = table.name() + "_auto_index_" + fk;
        return numbered(base, name -> Names.taken(catalog, name) || pending.contains(name)
                || table.indexes().stream().map(IndexDef::name).anyMatch(name::equals));
    }

    /** 42710 / 42P07 if a UNIQUE constraint may not be called {@code name}. */
    static void requireFreeUniqueName(CatalogSnapshot catalog, TableDef table, String name, Set<String> pending) {
        requireFreeConstraintName(table, name, pending);
        if (Names.taken(catalog, name) || table.name().equals(name)
                || table.indexes().stream().map(IndexDef::name).anyMatch(name::equals)) {
            throw new ShardSqlException(ErrorCode.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
    }

    private static String numbered(String base, Predicate<String> taken) {
        String name = base;
        for (int i = 1; taken.test(name); i++) name = base + i;
        return name;
    }
}
