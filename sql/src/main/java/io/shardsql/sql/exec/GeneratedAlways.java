package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlInsertOverriding;
import io.shardsql.sql.parser.SqlReturning;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import java.util.List;
import java.util.Optional;

/**
 * {@code GENERATED ALWAYS AS IDENTITY} columns take no value from a statement (PostgreSQL's 428C9): an
 * INSERT may only give them {@code DEFAULT}, an UPDATE may not set them. Checked on the statement as
 * written, before planning (so a plan, cached by text and catalog version, never has to).
 *
 * <p>{@code INSERT ... OVERRIDING SYSTEM VALUE} lets the statement's values in (PostgreSQL's way to load
 * rows with their ids); {@code OVERRIDING USER VALUE} turns the values a VALUES list gives identity
 * columns (ALWAYS or BY DEFAULT) into {@code DEFAULT}, so the sequences give them, as PostgreSQL ignores
 * them. With a query as the source it is refused (0A000): the query's column would have to be cut out.
 */
final class GeneratedAlways {
    private GeneratedAlways() {}

    static void check(SqlNode statement, CatalogSnapshot catalog) {
        SqlNode s = statement instanceof SqlReturning r ? r.statement() : statement;
        if (s instanceof SqlInsertOverriding o) override(o, catalog);
        else if (s instanceof SqlInsert insert) checkInsert(insert, catalog);
        else if (s instanceof SqlUpdate update) checkUpdate(update, catalog);
    }

    /** OVERRIDING SYSTEM VALUE: nothing to check; OVERRIDING USER VALUE: identity values become DEFAULT. */
    private static void override(SqlInsertOverriding insert, CatalogSnapshot catalog) {
        if (insert.overriding() == SqlInsertOverriding.Kind.SYSTEM) return;
        Optional<TableDef> found = table(insert.getTargetTable(), catalog);
        if (found.isEmpty()) return; // the planner says the table does not exist
        List<String> names = targetNames(insert, found.get());
        for (int i = 0; i < names.size(); i++) {
            Optional<ColumnDef> c = found.get().column(names.get(i));
            if (c.isEmpty() || c.get().identity() == ColumnDef.Identity.NONE) continue;
            if (insert.getSource().getKind() != SqlKind.VALUES) {
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "OVERRIDING USER VALUE with a query "
                        + "giving identity column \"" + c.get().name() + "\" is not supported; leave the column out "
                        + "or use VALUES");
            }
            for (SqlNode row : ((SqlCall) insert.getSource()).getOperandList()) {
                SqlCall values = (SqlCall) row;
                if (i < values.operandCount()) {
                    values.setOperand(i, SqlStdOperatorTable.DEFAULT.createCall(values.operand(i).getParserPosition()));
                }
            }
        }
    }

    private static List<String> targetNames(SqlInsert insert, TableDef t) {
        SqlNodeList targets = insert.getTargetColumnList();
        return targets == null ? t.columns().stream().map(ColumnDef::name).toList()
                : targets.stream().map(n -> ((SqlIdentifier) n).getSimple()).toList();
    }

    private static void checkInsert(SqlInsert insert, CatalogSnapshot catalog) {
        Optional<TableDef> found = table(insert.getTargetTable(), catalog);
        if (found.isEmpty() || noneAlways(found.get())) return;
        TableDef t = found.get();
        List<String> names = targetNames(insert, t);
        for (int i = 0; i < names.size(); i++) {
            Optional<ColumnDef> c = t.column(names.get(i));
            if (c.isEmpty() || c.get().identity() != ColumnDef.Identity.ALWAYS) continue;
            if (!onlyDefaults(insert.getSource(), i)) throw refused(c.get().name());
        }
    }

    private static void checkUpdate(SqlUpdate update, CatalogSnapshot catalog) {
        Optional<TableDef> found = table(update.getTargetTable(), catalog);
        if (found.isEmpty() || noneAlways(found.get())) return;
        for (int i = 0; i < update.getTargetColumnList().size(); i++) {
            String name = ((SqlIdentifier) update.getTargetColumnList().get(i)).getSimple();
            Optional<ColumnDef> c = found.get().column(name);
            if (c.isPresent() && c.get().identity() == ColumnDef.Identity.ALWAYS
                    && update.getSourceExpressionList().get(i).getKind() != SqlKind.DEFAULT) {
                throw new ShardSqlException(ErrorCode.GENERATED_ALWAYS, "column \"" + name
                        + "\" can only be updated to DEFAULT");
            }
        }
    }

    /** Whether every row of {@code source} (a VALUES) has DEFAULT at {@code position}; a query never has. */
    private static boolean onlyDefaults(SqlNode source, int position) {
        if (source.getKind() != SqlKind.VALUES) return false;
        for (SqlNode row : ((SqlCall) source).getOperandList()) {
            List<SqlNode> values = ((SqlCall) row).getOperandList();
            if (position < values.size() && values.get(position).getKind() != SqlKind.DEFAULT) return false;
        }
        return true;
    }

    private static Optional<TableDef> table(SqlNode target, CatalogSnapshot catalog) {
        if (!(target instanceof SqlIdentifier id)) return Optional.empty();
        return catalog.table(id.names.get(id.names.size() - 1));
    }

    private static boolean noneAlways(TableDef t) {
        for (ColumnDef c : t.columns()) if (c.identity() == ColumnDef.Identity.ALWAYS) return false;
        return true;
    }

    private static ShardSqlException refused(String column) {
        return new ShardSqlException(ErrorCode.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \""
                + column + "\": it is GENERATED ALWAYS AS IDENTITY");
    }
}
