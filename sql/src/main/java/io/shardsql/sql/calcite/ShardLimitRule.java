package io.shardsql.sql.calcite;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Pushes LIMIT (plus OFFSET) into the scan when the scan's own order will do — no ORDER BY, or one
 * its key order satisfies — so the shards stop being read once enough rows came back. The limit (and
 * sort, which the planner then drops) stays above the scan too.
 */
public final class ShardLimitRule extends RelRule<ShardRuleConfig> {
    public static final ShardLimitRule INSTANCE = (ShardLimitRule) ShardRuleConfig.of("ShardLimitRule",
            b -> b.operand(LogicalSort.class).predicate(s -> s.fetch != null)
                    .oneInput(s -> s.operand(ShardTableScan.class).predicate(scan -> scan.spec().limit() < 0)
                            .noInputs()),
            ShardLimitRule::new).toRule();

    private ShardLimitRule(ShardRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        ShardTableScan scan = call.rel(1);
        // Without ORDER BY any rows do; with it, only if the scan already returns rows in that order.
        if (!sort.getCollation().getFieldCollations().isEmpty()
                && !scan.getTraitSet().satisfies(scan.getTraitSet().replace(sort.getCollation()))) return;
        long fetch = literal(sort.fetch);
        long offset = sort.offset == null ? 0 : literal(sort.offset);
        if (fetch < 0 || offset < 0) return; // a parameter: not known while planning
        ShardTableScan limited = scan.with(scan.spec().withLimit(fetch + offset));
        call.transformTo(sort.copy(sort.getTraitSet(), limited, sort.getCollation(), sort.offset, sort.fetch));
    }

    private static long literal(RexNode n) {
        return n instanceof RexLiteral l ? l.getValueAs(Long.class) : -1;
    }
}
