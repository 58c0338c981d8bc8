package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalFilter;

import java.util.Optional;

/**
 * Offers, for each public secondary index whose leading columns the WHERE bounds (equality on a prefix,
 * then a range), a scan through that index: the matching entries are read, then the rows they point
 * to. The planner weighs these against the primary-key and full scans by cost. The filter stays above.
 */
public final class ShardIndexRule extends RelRule<ShardRuleConfig> {
    public static final ShardIndexRule INSTANCE = (ShardIndexRule) ShardRuleConfig.of("ShardIndexRule",
            KeyFields.filterOnPlainScan(), ShardIndexRule::new).toRule();

    private ShardIndexRule(ShardRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalFilter filter = call.rel(0);
        ShardTableScan scan = call.rel(1);
        ScanSpec spec = scan.spec();
        TableDef def = spec.table();
        for (IndexDef index : def.indexes()) {
            if (index.state() != IndexDef.State.PUBLIC) continue;
            Optional<KeyBounds> bounds = KeyFields.bounds(filter, spec, index.columnIds());
            if (bounds.isEmpty()) continue;
            ShardTableScan through = scan.with(spec.withIndex(index, bounds.get()));
            call.transformTo(filter.copy(filter.getTraitSet(), through, filter.getCondition()));
        }
    }
}
