package io.shardsql.sql.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

import java.util.List;

/**
 * Where rows leave the shard convention: the generated code calls {@link ShardScans#scan} with the
 * scan's {@link ScanSpec} and gets the rows in Calcite's representation: {@code Object[]}s, or for
 * one column the bare values ({@link ShardScans#scanValues}), for none empty lists; for a
 * {@link ShardPartialAggregate}, {@link ShardScans#aggregate} with its {@link AggregateSpec}.
 */
public final class ShardToEnumerableConverter extends ConverterImpl implements EnumerableRel {

    ShardToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
        super(cluster, org.apache.calcite.plan.ConventionTraitDef.INSTANCE, traits, input);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new ShardToEnumerableConverter(getCluster(), traitSet, sole(inputs));
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return super.computeSelfCost(planner, mq).multiplyBy(0.1);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        // The row format Calcite's own operators use for this row type: an array, but a bare value for one
        // column and a list for none (some operators assume it rather than asking their input).
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        String method;
        Expression spec;
        if (getInput() instanceof ShardPartialAggregate partial) {
            method = physType.getFormat() == JavaRowFormat.SCALAR ? "aggregateValues" : "aggregate";
            spec = implementor.stash(partial.spec(), AggregateSpec.class);
        } else {
            method = switch (physType.getFormat()) {
                case SCALAR -> "scanValues";
                case LIST -> "scanEmptyRows";
                default -> "scan";
            };
            spec = implementor.stash(((ShardTableScan) getInput()).spec(), ScanSpec.class);
        }
        BlockBuilder block = new BlockBuilder();
        block.add(Expressions.return_(null,
                Expressions.call(ShardScans.class, method, implementor.getRootExpression(), spec)));
        return implementor.result(physType, block.toBlock());
    }
}
