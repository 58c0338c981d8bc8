package io.shardsql.sql.calcite;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

import java.util.function.Function;

/**
 * The configuration of one of our {@link RelRule}s: its operands, description and how to build it.
 * (Calcite's own rules generate theirs with the Immutables annotation processor; a record does it.)
 */
record ShardRuleConfig(String description, RelRule.OperandTransform operandSupplier,
                       RelBuilderFactory relBuilderFactory,
                       Function<ShardRuleConfig, RelOptRule> factory) implements RelRule.Config {

    static ShardRuleConfig of(String description, RelRule.OperandTransform operands,
                              Function<ShardRuleConfig, RelOptRule> factory) {
        return new ShardRuleConfig(description, operands, RelFactories.LOGICAL_BUILDER, factory);
    }

    @Override
    public RelOptRule toRule() { return factory.apply(this); }

    @Override
    public ShardRuleConfig withRelBuilderFactory(RelBuilderFactory f) {
        return new ShardRuleConfig(description, operandSupplier, f, factory);
    }

    @Override
    public ShardRuleConfig withDescription(String d) {
        return new ShardRuleConfig(d, operandSupplier, relBuilderFactory, factory);
    }

    @Override
    public ShardRuleConfig withOperandSupplier(RelRule.OperandTransform t) {
        return new ShardRuleConfig(description, t, relBuilderFactory, factory);
    }
}
