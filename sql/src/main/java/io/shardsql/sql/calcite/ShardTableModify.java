package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

import java.util.ArrayList;
import java.util.List;

/**
 * INSERT, UPDATE or DELETE of the rows its input produces, inside the statement's transaction: the
 * generated code hands the input rows to {@link ShardWrites#apply}, which returns the row count.
 * Being part of one transaction, a statement is atomic however many shards its rows live on.
 */
public final class ShardTableModify extends TableModify implements EnumerableRel {
    private final OnConflict onConflict;

    ShardTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Prepare.CatalogReader catalogReader,
                     RelNode input, Operation operation, List<String> updateColumnList,
                     List<RexNode> sourceExpressionList, boolean flattened, OnConflict onConflict) {
        super(cluster, traits, table, catalogReader, input, operation, updateColumnList, sourceExpressionList,
                flattened);
        this.onConflict = onConflict;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new ShardTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs),
                getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened(), onConflict);
    }

    /** This INSERT, handling key conflicts as {@code c} says (the SQL's ON CONFLICT clause, or UPSERT). */
    public ShardTableModify withOnConflict(OnConflict c) {
        return new ShardTableModify(getCluster(), getTraitSet(), getTable(), getCatalogReader(), getInput(),
                getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened(), c);
    }

    @Override
    public org.apache.calcite.rel.RelWriter explainTerms(org.apache.calcite.rel.RelWriter pw) {
        return super.explainTerms(pw).itemIf("onConflict", onConflict.action(),
                onConflict.action() != OnConflict.Action.ERROR);
    }

    public ModifySpec spec() {
        TableDef def = getTable().unwrap(ShardTable.class).def();
        List<Integer> updated = new ArrayList<>();
        if (getUpdateColumnList() != null) {
            for (String name : getUpdateColumnList()) {
                updated.add(def.position(def.column(name).orElseThrow().id()));
            }
        }
        return new ModifySpec(def, getOperation(), updated, onConflict);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        BlockBuilder block = new BlockBuilder();
        Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        Expression rows = block.append("rows", input.block);
        Expression arrays = block.append("arrays", input.physType.convertTo(rows, JavaRowFormat.ARRAY));
        block.add(Expressions.return_(null, Expressions.call(ShardWrites.class, "apply",
                implementor.getRootExpression(), implementor.stash(spec(), ModifySpec.class), arrays)));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
                pref.prefer(JavaRowFormat.SCALAR));
        return implementor.result(physType, block.toBlock());
    }
}
