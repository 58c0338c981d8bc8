package io.shardsql.sql.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.util.ImmutableIntList;

import java.util.List;

/**
 * Passes its input's rows through unchanged, counting them against the statement's memory
 * ({@link ChargedRows}): placed by {@link MemoryCharges} under the operators that hold what they read. Rows
 * leave it in the form they came in (an array, one value, or a generated row class, whose size is estimated
 * from the row type).
 */
public final class MemoryCharge extends SingleRel implements EnumerableRel {
    private final String operator;
    /** Null: every row counts; else only rows with new values at these fields (an aggregate's groups). */
    private final int[] groupKeys;
    private final long perGroup;

    MemoryCharge(RelNode input, String operator, int[] groupKeys, long perGroup) {
        super(input.getCluster(), input.getTraitSet(), input);
        this.operator = operator;
        this.groupKeys = groupKeys;
        this.perGroup = perGroup;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new MemoryCharge(sole(inputs), operator, groupKeys, perGroup);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("operator", operator).itemIf("groups", groupKeys != null,
                groupKeys != null);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder block = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
        Expression rows = block.append("rows", input.block);
        Expression charged = groupKeys == null
                ? Expressions.call(ChargedRows.class, "rows", implementor.getRootExpression(), rows,
                        Expressions.constant(getId()), Expressions.constant(operator),
                        Expressions.constant(RowSizes.estimate(getRowType())))
                : Expressions.call(ChargedRows.class, "groups", implementor.getRootExpression(), rows,
                        Expressions.constant(getId()), Expressions.constant(operator),
                        input.physType.generateAccessor(ImmutableIntList.of(groupKeys)),
                        Expressions.constant(perGroup));
        block.add(Expressions.return_(null, charged));
        return implementor.result(input.physType, block.toBlock()); // the rows as they came
    }
}
