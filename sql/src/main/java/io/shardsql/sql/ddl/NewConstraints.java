package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.CheckDef;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.sql.parser.SqlCheckConstraint;
import io.shardsql.sql.parser.SqlTableConstraint;
import io.shardsql.sql.parser.SqlForeignKeyConstraint;
import io.shardsql.sql.parser.SqlUniqueConstraint;
import io.shardsql.sql.rows.CheckConstraints;
import io.shardsql.txn.Transaction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CHECK, UNIQUE and FOREIGN KEY constraints of a {@code CREATE TABLE}, added to the new table's definition
 * in the order written (FOREIGN KEYs last): each CHECK validated ({@link CheckConstraints#validate}) and named
 * ({@link ConstraintNames}); each UNIQUE a unique index, {@link IndexDef#constraint() of the constraint},
 * PUBLIC at once (the table is new and empty: nothing to build); each FOREIGN KEY resolved
 * ({@link ForeignKeyDefinitions}), with an index on its columns when the table has none.
 */
final class NewConstraints {
    private final CatalogStore catalog;
    private final CheckConstraints checks;

    NewConstraints(CatalogStore catalog, CheckConstraints checks) {
        this.catalog = catalog;
        this.checks = checks;
    }

    /** {@code table} with {@code constraints} added. */
    TableDef addAll(Transaction tx, CatalogSnapshot snapshot, TableDef table, List<SqlTableConstraint> constraints) {
        Set<String> pending = new HashSet<>();
        List<CheckDef> newChecks = new ArrayList<>(table.checks());
        List<IndexDef> newIndexes = new ArrayList<>(table.indexes());
        List<SqlForeignKeyConstraint> foreignKeys = new ArrayList<>();
        for (SqlTableConstraint c : constraints) {
            if (c instanceof SqlForeignKeyConstraint fk) {
                foreignKeys.add(fk); // after the others: a self-reference may name a UNIQUE written later
            } else if (c instanceof SqlCheckConstraint check) {
                CheckDef def = check(table, check, pending);
                pending.add(def.name());
                newChecks.add(def);
            } else {
                IndexDef ix = unique(tx, snapshot, table, (SqlUniqueConstraint) c, pending);
                pending.add(ix.name());
                newIndexes.add(ix);
            }
        }
        TableDef done = table.withChecks(newChecks).withIndexes(newIndexes);
        for (SqlForeignKeyConstraint fk : foreignKeys) {
            done = withForeignKey(tx, snapshot, done, fk, pending, IndexDef.State.PUBLIC);
        }
        return done;
    }

    /**
     * {@code table} with FOREIGN KEY {@code fk} added and, if the table has no index to find its rows by the
     * referencing columns, a new one on them in {@code indexState}.
     */
    TableDef withForeignKey(Transaction tx, CatalogSnapshot snapshot, TableDef table, SqlForeignKeyConstraint fk,
                            Set<String> pending, IndexDef.State indexState) {
        ForeignKeyDef def = ForeignKeyDefinitions.resolve(snapshot, table, fk, pending);
        pending.add(def.name());
        List<ForeignKeyDef> keys = new ArrayList<>(table.foreignKeys());
        keys.add(def);
        TableDef out = table.withForeignKeys(keys);
        if (!ForeignKeyDefinitions.needsIndex(out, def)) return out;
        String indexName = ConstraintNames.foreignKeyIndex(snapshot, out, def.name(), pending);
        pending.add(indexName);
        List<IndexDef> indexes = new ArrayList<>(out.indexes());
        indexes.add(new IndexDef(catalog.allocateId(tx), indexName, false, def.columnIds(), indexState));
        return out.withIndexes(indexes);
    }

    /** The CHECK, validated against {@code table} and named (PostgreSQL's name when it has none). */
    CheckDef check(TableDef table, SqlCheckConstraint check, Set<String> pending) {
        String given = check.name() == null ? null : check.name().getSimple();
        refuseSubQueries(check.expression(), given != null ? given : table.name() + "_check");
        String text = ShardSqlParser.unparse(check.expression());
        if (given != null) ConstraintNames.requireFreeConstraintName(table, given, pending);
        List<Integer> columns = checks.validate(table,
                new CheckDef(given != null ? given : table.name() + "_check", text, List.of()));
        String name = given != null ? given : ConstraintNames.check(table, columns, pending);
        return new CheckDef(name, text, columns);
    }

    /** 0A000 for a sub-query, as PostgreSQL ("cannot use subquery in check constraint"). */
    private static void refuseSubQueries(SqlNode expression, String name) {
        expression.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind().belongsTo(SqlKind.QUERY)) {
                    throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                            "cannot use subquery in check constraint \"" + name + "\"");
                }
                return super.visit(call);
            }
        });
    }

    private IndexDef unique(Transaction tx, CatalogSnapshot snapshot, TableDef table, SqlUniqueConstraint u,
                            Set<String> pending) {
        List<Integer> columns = new ArrayList<>();
        for (String column : u.columnNames()) {
            int id = Names.column(table, column).id();
            if (columns.contains(id)) {
                throw new ShardSqlException(ErrorCode.DUPLICATE_COLUMN, "column \"" + column
                        + "\" appears twice in unique constraint");
            }
            columns.add(id);
        }
        String name;
        if (u.name() != null) {
            name = u.name().getSimple();
            ConstraintNames.requireFreeUniqueName(snapshot, table, name, pending);
        } else {
            name = ConstraintNames.unique(snapshot, table, u.columnNames(), pending);
        }
        return new IndexDef(catalog.allocateId(tx), name, true, columns, IndexDef.State.PUBLIC, true);
    }
}
