package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalFilter;

import java.util.ArrayList;
import java.util.List;
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
            b -> b.operand(LogicalFilter.class).oneInput(s -> s.operand(ShardTableScan.class)
                    .predicate(scan -> scan.spec().bounds().isAll() && scan.spec().index() == null && scan.spec().limit() < 0
                            && scan.spec().shardFilter() == null)
                    .noInputs()),
            ShardFilterRule::new).toRule();

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
        if (!def.hasHiddenRowId()) {
            List<Integer> keyFields = new ArrayList<>();
            for (int columnId : def.primaryKey()) keyFields.add(keyField(spec, def, columnId));
            bounds = KeyConditions.find(filter.getCluster().getRexBuilder(), filter.getCondition(), keyFields);
        }
        ScanSpec narrowed = bounds.map(spec::withBounds).orElse(spec);
        Optional<PushedFilter> pushed = narrowed.isPointGet() ? Optional.empty()
                : PushedFilter.find(filter.getCluster().getRexBuilder(), filter.getCondition(), spec);
        if (bounds.isEmpty() && pushed.isEmpty()) return;
        ShardTableScan scanned = scan.with(pushed.map(narrowed::withShardFilter).orElse(narrowed));
        call.transformTo(filter.copy(filter.getTraitSet(), scanned, filter.getCondition()));
    }

    /**
     * The scan's output field holding column {@code columnId}, or -1 when it cannot bound keys: not in
     * the output, or CHAR(n), whose padded comparison a byte range would not reproduce.
     */
    static int keyField(ScanSpec spec, TableDef def, int columnId) {
        if (def.columnById(columnId).type().kind() == io.shardsql.sql.catalog.SqlType.Kind.CHAR) return -1;
        return spec.columns().indexOf(def.position(columnId));
    }
}
