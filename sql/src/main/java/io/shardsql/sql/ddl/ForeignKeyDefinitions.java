package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlForeignKeyConstraint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@code FOREIGN KEY} as written into a {@link ForeignKeyDef}, with PostgreSQL's checks and SQLStates:
 * the referenced table exists (42P01; the child itself for a self-reference), the columns exist (42703) and
 * are not repeated (42701), as many referencing as referenced columns and these are the parent's primary key
 * or a UNIQUE constraint / unique index (42830), the paired columns have the same type (42804), and the actions
 * are ones ShardSQL carries out (0A000 for SET DEFAULT, and for ON UPDATE CASCADE / SET NULL / SET DEFAULT).
 * Also says whether the child needs an index on its referencing columns ({@link #needsIndex}).
 */
final class ForeignKeyDefinitions {
    private ForeignKeyDefinitions() {}

    /** The constraint {@code fk} of {@code child} (whose definition so far is given), named. */
    static ForeignKeyDef resolve(CatalogSnapshot snapshot, TableDef child, SqlForeignKeyConstraint fk,
                                 Set<String> pending) {
        String parentName = Names.of(fk.parent());
        TableDef parent = parentName.equals(child.name()) ? child : Names.table(snapshot, parentName);
        List<Integer> columns = columnIds(child, fk.columnNames(), "foreign key");
        List<Integer> parentColumns;
        if (fk.parentColumnNames().isEmpty()) {
            if (parent.hasHiddenRowId()) {
                throw new ShardSqlException(ErrorCode.INVALID_FOREIGN_KEY, "there is no primary key for referenced"
                        + " table \"" + parent.name() + "\"");
            }
            parentColumns = parent.primaryKey();
        } else {
            parentColumns = columnIds(parent, fk.parentColumnNames(), "foreign key");
        }
        if (parentColumns.size() != columns.size()) {
            throw new ShardSqlException(ErrorCode.INVALID_FOREIGN_KEY, "number of referencing and referenced"
                    + " columns for foreign key disagree");
        }
        if (!ForeignKeyDependents.hasKey(parent, parentColumns)) {
            throw new ShardSqlException(ErrorCode.INVALID_FOREIGN_KEY, "there is no unique constraint matching"
                    + " given keys for referenced table \"" + parent.name() + "\"");
        }
        String name;
        if (fk.name() != null) {
            name = fk.name().getSimple();
            ConstraintNames.requireFreeConstraintName(child, name, pending);
        } else {
            name = ConstraintNames.foreignKey(child, fk.columnNames(), pending);
        }
        requireSameTypes(name, child, columns, parent, parentColumns);
        ForeignKeyDef.Action onDelete = action(fk.onDelete());
        ForeignKeyDef.Action onUpdate = action(fk.onUpdate());
        if (onDelete == ForeignKeyDef.Action.SET_DEFAULT) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "ON DELETE SET DEFAULT is not supported"
                    + " (use NO ACTION, RESTRICT, CASCADE or SET NULL)");
        }
        if (onUpdate != ForeignKeyDef.Action.NO_ACTION && onUpdate != ForeignKeyDef.Action.RESTRICT) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "ON UPDATE " + onUpdate.sql()
                    + " is not supported (use NO ACTION or RESTRICT: a referenced key that is still referenced"
                    + " cannot change)");
        }
        return new ForeignKeyDef(name, columns, parent.id(), parentColumns, onDelete, onUpdate);
    }

    /**
     * Whether {@code child} has no index (its primary key included) whose leading columns are exactly the
     * referencing columns of {@code fk} (in any order): then one must be made, for deletes of parent rows to find
     * their children (a decision of ours: docs/decisions.md).
     */
    static boolean needsIndex(TableDef child, ForeignKeyDef fk) {
        Set<Integer> wanted = new HashSet<>(fk.columnIds());
        int n = wanted.size();
        if (!child.hasHiddenRowId() && child.primaryKey().size() >= n
                && new HashSet<>(child.primaryKey().subList(0, n)).equals(wanted)) {
            return false;
        }
        for (IndexDef ix : child.indexes()) {
            if (ix.columnIds().size() >= n && new HashSet<>(ix.columnIds().subList(0, n)).equals(wanted)) return false;
        }
        return true;
    }

    private static List<Integer> columnIds(TableDef table, List<String> names, String what) {
        List<Integer> ids = new ArrayList<>();
        for (String column : names) {
            ColumnDef c = table.column(column).orElseThrow(() -> new ShardSqlException(ErrorCode.UNDEFINED_COLUMN,
                    "column \"" + column + "\" referenced in foreign key constraint does not exist"));
            if (ids.contains(c.id())) {
                throw new ShardSqlException(ErrorCode.DUPLICATE_COLUMN, "column \"" + column + "\" appears twice in "
                        + what + " constraint");
            }
            ids.add(c.id());
        }
        return ids;
    }

    private static void requireSameTypes(String name, TableDef child, List<Integer> columns, TableDef parent,
                                         List<Integer> parentColumns) {
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef c = child.columnById(columns.get(i));
            ColumnDef p = parent.columnById(parentColumns.get(i));
            if (c.type().kind() != p.type().kind()) {
                throw new ShardSqlException(ErrorCode.DATATYPE_MISMATCH, "foreign key constraint \"" + name
                        + "\" cannot be implemented: key columns \"" + c.name() + "\" and \"" + p.name()
                        + "\" are of incompatible types: " + c.type().kind().name().toLowerCase() + " and "
                        + p.type().kind().name().toLowerCase());
            }
        }
    }

    private static ForeignKeyDef.Action action(String sql) {
        for (ForeignKeyDef.Action a : ForeignKeyDef.Action.values()) {
            if (a.sql().equals(sql)) return a;
        }
        throw new IllegalArgumentException("no referential action " + sql);
    }
}
