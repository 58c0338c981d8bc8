package io.shardsql.sql.exec;

import io.shardsql.sql.parser.SqlInsertOnConflict;
import io.shardsql.sql.privilege.Access;
import io.shardsql.sql.privilege.Privilege;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The privileges a query or DML statement needs, found in its logical plan before optimisation (so every
 * table of joins, sub-queries in any clause and INSERT ... SELECT sources is there), as PostgreSQL asks:
 *
 * <pre>
 * every table or view the statement names and reads     SELECT (not the tables a view reads: its owner's
 *                                                         rights cover those, checked at CREATE VIEW)
 * the target of INSERT / UPDATE / DELETE                 INSERT / UPDATE / DELETE
 * UPDATE or DELETE with a WHERE, or a SET that reads     also SELECT on the target
 *   a column
 * UPSERT, INSERT ... ON CONFLICT DO UPDATE               also UPDATE and SELECT on the target
 * a table of sys or information_schema                   Authorizer#checkSystemTable; writing one is
 *                                                         refused here (42501), whoever asks
 * </pre>
 *
 * Kept with the plan ({@link PreparedPlan#needs}) and checked at every execution against the session's
 * user, so a cached plan shared by users never skips the check.
 */
final class PlanAccess {
    private PlanAccess() {}

    static Set<TableNeed> of(SqlNode statement, RelNode logical, ViewExpander views) {
        Set<TableNeed> needs = new LinkedHashSet<>();
        String[] target = new String[1];
        collect(logical, needs, target, views);
        for (String view : views.views()) needs.add(new TableNeed(view, Privilege.SELECT, false));
        if (target[0] != null) {
            TableNeed select = new TableNeed(target[0], Privilege.SELECT, false);
            boolean findsRows = statement instanceof SqlUpdate || statement instanceof SqlDelete;
            if (findsRows && !readsTarget(statement)) needs.remove(select); // the scan that finds every row
            if (readsTarget(statement)) needs.add(select);
            if (upserts(statement)) needs.add(new TableNeed(target[0], Privilege.UPDATE, false));
        }
        return Set.copyOf(needs);
    }

    private static void collect(RelNode node, Set<TableNeed> needs, String[] target, ViewExpander views) {
        if (node instanceof TableScan scan && !views.inView(scan)) {
            List<String> name = scan.getTable().getQualifiedName();
            boolean system = name.size() == 2 && name.get(0).equals("sys");
            boolean information = name.size() == 2 && name.get(0).equals(InformationSchema.NAME);
            String table = information ? String.join(".", name) : name.get(name.size() - 1);
            needs.add(new TableNeed(table, Privilege.SELECT, system || information));
        }
        if (node instanceof TableModify modify) {
            List<String> name = modify.getTable().getQualifiedName();
            if (name.size() == 2 && (name.get(0).equals("sys") || name.get(0).equals(InformationSchema.NAME))) {
                throw Access.denied("permission denied for table " + String.join(".", name)
                        + ": system tables are read-only");
            }
            target[0] = name.get(name.size() - 1);
            needs.add(new TableNeed(target[0], switch (modify.getOperation()) {
                case INSERT -> Privilege.INSERT;
                case UPDATE -> Privilege.UPDATE;
                case DELETE -> Privilege.DELETE;
                default -> Privilege.UPDATE; // MERGE: not parsed by ShardSQL
            }, false));
        }
        node.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                collect(subQuery.rel, needs, target, views);
                return super.visitSubQuery(subQuery);
            }
        });
        for (RelNode input : node.getInputs()) collect(input, needs, target, views);
    }

    /**
     * Whether the statement reads its target's rows beyond finding them all: a WHERE clause, a SET value
     * that names a column, or a conflict clause that compares or updates.
     */
    private static boolean readsTarget(SqlNode statement) {
        if (statement instanceof SqlUpdate u) {
            return u.getCondition() != null || namesColumn(u.getSourceExpressionList());
        }
        if (statement instanceof SqlDelete d) return d.getCondition() != null;
        return upserts(statement) || statement instanceof SqlInsertOnConflict c && c.conflictTarget() != null
                && c.conflictTarget().size() > 0;
    }

    private static boolean upserts(SqlNode statement) {
        if (statement instanceof SqlInsertOnConflict c) return c.action() == SqlInsertOnConflict.Action.UPDATE;
        return statement instanceof SqlInsert i && i.isUpsert();
    }

    private static boolean namesColumn(SqlNode node) {
        if (node == null) return false;
        boolean[] found = new boolean[1];
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                found[0] = true;
                return null;
            }
        });
        return found[0];
    }
}
