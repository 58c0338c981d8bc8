package io.shardsql.sql.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableModify;

/** INSERT, UPDATE and DELETE of one of our tables become a {@link ShardTableModify}. */
public final class ShardTableModifyRule extends ConverterRule {
    public static final ShardTableModifyRule INSTANCE = Config.INSTANCE
            .withConversion(LogicalTableModify.class, m -> m.getTable().unwrap(ShardTable.class) != null,
                    Convention.NONE, EnumerableConvention.INSTANCE, "ShardTableModifyRule")
            .withRuleFactory(ShardTableModifyRule::new)
            .toRule(ShardTableModifyRule.class);

    private ShardTableModifyRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalTableModify m = (LogicalTableModify) rel;
        RelNode input = convert(m.getInput(), m.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
        return new ShardTableModify(m.getCluster(), m.getTraitSet().replace(EnumerableConvention.INSTANCE),
                m.getTable(), m.getCatalogReader(), input, m.getOperation(), m.getUpdateColumnList(),
                m.getSourceExpressionList(), m.isFlattened(), OnConflict.ERROR);
    }
}
