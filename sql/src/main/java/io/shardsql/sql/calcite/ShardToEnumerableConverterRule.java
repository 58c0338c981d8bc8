package io.shardsql.sql.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Puts a {@link ShardToEnumerableConverter} wherever enumerable operators consume shard rows. */
public final class ShardToEnumerableConverterRule extends ConverterRule {
    public static final ShardToEnumerableConverterRule INSTANCE = Config.INSTANCE
            .withConversion(RelNode.class, ShardRel.CONVENTION, EnumerableConvention.INSTANCE,
                    "ShardToEnumerableConverterRule")
            .withRuleFactory(ShardToEnumerableConverterRule::new)
            .toRule(ShardToEnumerableConverterRule.class);

    private ShardToEnumerableConverterRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        return new ShardToEnumerableConverter(rel.getCluster(),
                rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
    }
}
