package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalFilter;

import java.util.Optional;

/**
 * Pushes a WHERE into the scan below it: its primary-key part becomes key bounds (equality on the whole
 * key makes a point get on one shard, on a key prefix or with a range on the next key column a key
 * range scan), and its tests of other columns against values become a filter the shards run on the
 * rows they scan ({@link PushedFilter}). The filter stays above the scan (bounds and shard filter
 * accept a superset of what it accepts), so whatever they do not express is still checked.
 */
public final class ShardFilterRule extends RelRule<ShardRuleConfig> {
    public static final ShardFilterRule INSTANCE = (ShardFilterRule) ShardRuleConfig.of("ShardFilterRule",
            KeyFields.filterOnPlainScan(), ShardFilterRule::new).toRule();

    private ShardFilterRule(ShardRuleConfig config) {
        super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalFilter filter = call.rel(0);
        ShardTableScan scan = call.rel(1);
        ScanSpec spec = scan.spec();
        TableDef def = spec.table();
        Optional<KeyBounds> bounds = Optional.empty();
        if (!def.hasHiddenRowId()) bounds = KeyFields.bounds(filter, spec, def.primaryKey());
        ScanSpec narrowed = bounds.map(spec::withBounds).orElse(spec);
        Optional<PushedFilter> pushed = narrowed.isPointGet() ? Optional.empty()
                : PushedFilter.find(filter.getCluster().getRexBuilder(), filter.getCondition(), spec);
        if (bounds.isEmpty() && pushed.isEmpty()) return;
        ShardTableScan scanned = scan.with(pushed.map(narrowed::withShardFilter).orElse(narrowed));
        call.transformTo(filter.copy(filter.getTraitSet(), scanned, filter.getCondition()));
    }
}
