package io.shardsql.sql.calcite;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

import java.util.List;

/**
 * A table's rows aggregated where they are stored: every shard folds the pages it scans into partial
 * results per group ({@link io.shardsql.sql.rows.PartialAggregation}), and only those come back; the
 * aggregate above (put there by {@link ShardAggregateRule}) combines them. EXPLAIN shows what the shards
 * compute.
 */
public final class ShardPartialAggregate extends AbstractRelNode implements ShardRel {
    private final RelOptTable table;
    private final ShardTable shardTable;
    private final AggregateSpec spec;
    private final RelDataType type;

    ShardPartialAggregate(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, ShardTable shardTable,
                          AggregateSpec spec, RelDataType type) {
        super(cluster, traits);
        this.table = table;
        this.shardTable = shardTable;
        this.spec = spec;
        this.type = type;
    }

    public AggregateSpec spec() { return spec; }

    @Override
    public RelOptTable getTable() { return table; }

    @Override
    protected RelDataType deriveRowType() { return type; }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new ShardPartialAggregate(getCluster(), traitSet, table, shardTable, spec, type);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double groups = spec.groups().isEmpty() ? 1 : ShardTable.ASSUMED_ROWS * 0.1;
        return groups * shardTable.shardCount();
    }

    /** Every row is still read on its shard, but none is shipped or decoded here. */
    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double scanned = ShardTable.ASSUMED_ROWS * 0.25;
        double trips = shardTable.shardCount();
        return planner.getCostFactory().makeCost(estimateRowCount(mq), scanned + trips, trips);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .item("table", table.getQualifiedName())
                .item("access", spec.scan().access())
                .item("aggregate on shards", spec.describeCalls())
                .itemIf("group", spec.groupNames(), !spec.groups().isEmpty())
                .item("shards", "all " + shardTable.shardCount());
    }
}
