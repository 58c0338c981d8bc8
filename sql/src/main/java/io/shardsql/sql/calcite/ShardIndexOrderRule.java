package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.IndexDef;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalSort;

import java.util.Map;

/**
 * Offers, for an ORDER BY right above a scan nothing has narrowed yet, a scan through each public index
 * whose declared order gives that ORDER BY ({@code ORDER BY a DESC, b} on an index {@code (a DESC, b)}):
 * the entries come out of the shards already in that order, so the sort goes and a LIMIT is pushed into
 * the scan ({@link ShardLimitRule}), which then stops after that many entries. The planner weighs it
 * against the scan of the rows plus a sort by cost: without a LIMIT a full index scan (one row lookup
 * per entry) rarely wins.
 */
public final class ShardIndexOrderRule extends RelRule<ShardRuleConfig> {
    public static final ShardIndexOrderRule INSTANCE = (ShardIndexOrderRule) ShardRuleConfig.of(
            "ShardIndexOrderRule",
            b -> b.operand(LogicalSort.class).predicate(s -> !s.getCollation().getFieldCollations().isEmpty())
                    .oneInput(s -> s.operand(ShardTableScan.class)
                            .predicate(scan -> scan.spec().bounds().isAll() && scan.spec().index() == null
                                    && scan.spec().limit() < 0 && scan.spec().shardFilter() == null)
                            .noInputs()),
            ShardIndexOrderRule::new).toRule();

    private ShardIndexOrderRule(ShardRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        ShardTableScan scan = call.rel(1);
        for (IndexDef index : scan.spec().table().indexes()) {
            if (index.state() != IndexDef.State.PUBLIC) continue;
            ShardTableScan through = scan.with(scan.spec().withIndex(index, KeyBounds.ALL));
            RelTraitSet traits = through.getTraitSet();
            if (!traits.satisfies(traits.replace(sort.getCollation()))) continue;
            call.transformTo(sort.copy(sort.getTraitSet(), through, sort.getCollation(), sort.offset, sort.fetch),
                    Map.of(through, scan));
        }
    }
}
