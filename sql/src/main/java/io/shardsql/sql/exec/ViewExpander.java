package io.shardsql.sql.exec;

import io.shardsql.sql.parser.ShardSqlParser;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands the views one statement reads, in place, while it is converted to relational algebra (a view is a
 * macro): {@link StoredView#toRel} calls {@link #expandView} with the view's stored query, which is parsed,
 * validated and converted here like any query, into the statement's cluster. One per statement.
 *
 * <p>It remembers what the statement's privileges are about ({@link PlanAccess}): the views the statement
 * names itself, on which the user needs SELECT, and every table scan that came out of a view — those are read
 * with the view owner's rights (checked when the view was created), not the user's, as in PostgreSQL.
 */
final class ViewExpander implements RelOptTable.ViewExpander {
    private final PlanningSchema schema;
    private final RelOptCluster cluster;
    private final Set<String> views = new LinkedHashSet<>();
    private final Set<RelNode> scansInViews = Collections.newSetFromMap(new IdentityHashMap<>());
    private int depth;

    ViewExpander(PlanningSchema schema, RelOptCluster cluster) {
        this.schema = schema;
        this.cluster = cluster;
    }

    @Override
    public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
                              List<String> viewPath) {
        SqlNode query = ShardSqlParser.parse(queryString);
        SqlValidator validator = QueryPlanner.newValidator(schema);
        SqlNode validated = QueryPlanner.validate(validator, query);
        depth++;
        RelRoot root;
        try {
            root = new SqlToRelConverter(this, validator, schema.reader(), cluster, Convertlets.TABLE,
                    QueryPlanner.CONVERTER).convertQuery(validated, false, false);
        } finally {
            depth--;
        }
        RelNode rel = root.project();
        if (depth == 0) {
            views.add(viewPath.get(viewPath.size() - 1));
            collectScans(rel);
        }
        return RelRoot.of(rel, root.kind);
    }

    /** The views the statement names itself (not those other views read). */
    Set<String> views() { return views; }

    /** Whether {@code scan} reads a table for a view (the view's owner's privileges cover it). */
    boolean inView(TableScan scan) { return scansInViews.contains(scan); }

    private void collectScans(RelNode node) {
        if (node instanceof TableScan) scansInViews.add(node);
        node.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                collectScans(subQuery.rel);
                return super.visitSubQuery(subQuery);
            }
        });
        for (RelNode input : node.getInputs()) collectScans(input);
    }
}
