package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.List;

/**
 * A catalog table as Calcite sees it: its columns and key, and {@link #toRel} turns a reference to it
 * into a full {@link ShardTableScan}, which our rules then narrow.
 */
public final class ShardTable extends AbstractTable implements TranslatableTable {
    /** Row count the planner assumes (we keep no statistics yet); only ratios between plans matter. */
    static final double ASSUMED_ROWS = 10_000;

    private final TableDef def;
    private final int shardCount;

    public ShardTable(TableDef def, int shardCount) {
        this.def = def;
        this.shardCount = shardCount;
    }

    public TableDef def() { return def; }

    public int shardCount() { return shardCount; }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
        RelDataTypeFactory.Builder b = f.builder();
        for (ColumnDef c : def.columns()) {
            boolean nullable = c.nullable() && !def.primaryKey().contains(c.id());
            b.add(c.name(), ShardTypes.relType(f, c.type(), nullable));
        }
        return b.build();
    }

    @Override
    public Statistic getStatistic() {
        List<ImmutableBitSet> keys = def.hasHiddenRowId() ? List.of()
                : List.of(ImmutableBitSet.of(def.primaryKey().stream().mapToInt(def::position).toArray()));
        return Statistics.of(ASSUMED_ROWS, keys);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
        ScanSpec spec = ScanSpec.fullScan(def);
        return new ShardTableScan(context.getCluster(), ShardTableScan.traits(context.getCluster(), spec), table,
                this, spec);
    }

    @Override
    public <C> C unwrap(Class<C> type) {
        if (type == InitializerExpressionFactory.class) return type.cast(new ColumnDefaults(def));
        return super.unwrap(type);
    }
}
