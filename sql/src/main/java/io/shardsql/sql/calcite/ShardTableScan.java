package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;

import java.util.List;

/**
 * Reads rows of one table from the shards, as its {@link ScanSpec} says: a point get when the whole
 * primary key is known, a key range scan when a key prefix or range is, else a full scan; each a
 * merged, streaming scan over the shards in key order — declared as the scan's collation, so an ORDER
 * BY on the leading key columns needs no sort. EXPLAIN shows the access path, the key bounds and how
 * many shards it touches.
 */
public final class ShardTableScan extends TableScan implements ShardRel {
    private final ShardTable shardTable;
    private final ScanSpec spec;

    public ShardTableScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, ShardTable shardTable,
                          ScanSpec spec) {
        super(cluster, traits, List.of(), table);
        this.shardTable = shardTable;
        this.spec = spec;
    }

    public ScanSpec spec() { return spec; }

    public ShardTable shardTable() { return shardTable; }

    public ShardTableScan with(ScanSpec newSpec) {
        return new ShardTableScan(getCluster(), traits(getCluster(), newSpec), getTable(), shardTable, newSpec);
    }

    /** Our convention, and the collation the scan's rows come out in ({@link ScanSpec#collation}). */
    static RelTraitSet traits(RelOptCluster cluster, ScanSpec spec) {
        return cluster.traitSetOf(ShardRel.CONVENTION).replace(RelCollations.of(spec.collation()));
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new ShardTableScan(getCluster(), traitSet, getTable(), shardTable, spec);
    }

    @Override
    public RelDataType deriveRowType() {
        List<RelDataTypeField> all = table.getRowType().getFieldList();
        RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
        for (int c : spec.columns()) b.add(all.get(c));
        return b.build();
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double rows;
        if (spec.isPointGet() || spec.isIndexPointGet()) rows = 1;
        else {
            rows = ShardTable.ASSUMED_ROWS * Math.pow(0.1, spec.bounds().equal().size());
            if (spec.bounds().lower() != null) rows *= 0.5;
            if (spec.bounds().upper() != null) rows *= 0.5;
            // Rows the shards filter out are still read there, but not shipped: a little cheaper, never as
            // cheap as an index that finds the rows.
            if (spec.shardFilter() != null) rows *= 0.8;
        }
        return spec.limit() >= 0 ? Math.min(rows, spec.limit()) : Math.max(rows, 1);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = estimateRowCount(mq);
        double width = 0.5 + 0.5 * spec.columns().size() / Math.max(1, spec.table().columns().size());
        // A point get is one round trip to one shard; a range asks every shard; through an index, every
        // row costs one more round trip (its lookup).
        double trips = spec.isPointGet() ? 1 : spec.isIndexPointGet() ? 2 : shardTable.shardCount();
        if (spec.index() != null && !spec.isIndexPointGet()) trips += rows;
        return planner.getCostFactory().makeCost(rows * width, rows * width + trips, trips);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        TableDef def = spec.table();
        boolean allColumns = spec.columns().size() == def.columns().size()
                && spec.columns().equals(java.util.stream.IntStream.range(0, def.columns().size()).boxed().toList());
        return super.explainTerms(pw)
                .item("access", spec.access())
                .itemIf("key", spec.bounds().describe(spec.keyColumnNames()), !spec.bounds().isAll())
                .itemIf("filter on shards", spec.shardFilter() == null ? "" : spec.shardFilter().describe(def),
                        spec.shardFilter() != null)
                .itemIf("columns", spec.columns().stream().map(i -> def.columns().get(i).name()).toList(), !allColumns)
                .itemIf("limit", spec.limit(), spec.limit() >= 0)
                .item("shards", shards());
    }

    private String shards() {
        int n = shardTable.shardCount();
        if (spec.isPointGet()) return "1 of " + n;
        if (spec.isIndexPointGet()) return "1 of " + n + " for the entry, 1 for the row";
        return spec.index() != null ? "all " + n + ", then 1 per row" : "all " + n;
    }
}
