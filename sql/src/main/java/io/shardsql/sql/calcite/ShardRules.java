package io.shardsql.sql.calcite;

import org.apache.calcite.plan.RelOptRule;

import java.util.List;

/** Our planner rules, one class each; the planner adds them beside Calcite's. */
public final class ShardRules {
    private ShardRules() {}

    public static final List<RelOptRule> ALL = List.of(
            ShardFilterRule.INSTANCE,
            ShardIndexRule.INSTANCE,
            ShardIndexOrderRule.INSTANCE,
            ShardProjectRule.INSTANCE,
            ShardLimitRule.INSTANCE,
            ShardAggregateRule.INSTANCE,
            ShardToEnumerableConverterRule.INSTANCE,
            ShardTableModifyRule.INSTANCE);
}
