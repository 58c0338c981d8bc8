package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.rows.PartialAggregation;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes an aggregate over a whole table on the shards: {@code COUNT(*)}, {@code COUNT(c)}, {@code SUM}
 * of integers and decimals, {@code MIN} and {@code MAX} (and the {@code SUM0} Calcite reduces SUM and AVG
 * to), grouped by plain columns or not, become a {@link ShardPartialAggregate} that returns one partial
 * row per group per page scanned, under an aggregate that combines them (counts summed, sums summed,
 * minimums and maximums compared again). Only a scan of every row qualifies: a WHERE the shards cannot
 * decide exactly, a LIMIT, an index or DISTINCT keeps the rows coming here.
 */
public final class ShardAggregateRule extends RelRule<ShardRuleConfig> {
    public static final ShardAggregateRule INSTANCE = (ShardAggregateRule) ShardRuleConfig.of("ShardAggregateRule",
            b -> b.operand(LogicalAggregate.class).predicate(a -> a.getGroupType() == Aggregate.Group.SIMPLE)
                    .oneInput(s -> s.operand(ShardTableScan.class).predicate(ShardAggregateRule::wholeTable)
                            .noInputs()),
            ShardAggregateRule::new).toRule();

    private ShardAggregateRule(ShardRuleConfig config) {
        super(config);
    }

    private static boolean wholeTable(ShardTableScan scan) {
        ScanSpec s = scan.spec();
        return s.index() == null && s.limit() < 0 && s.shardFilter() == null && s.bounds().isAll()
                && !s.table().hasHiddenRowId();
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalAggregate agg = call.rel(0);
        ShardTableScan scan = call.rel(1);
        ScanSpec spec = scan.spec();
        TableDef def = spec.table();
        RelDataTypeFactory types = agg.getCluster().getTypeFactory();
        RelDataTypeFactory.Builder partialType = types.builder();
        List<RelDataTypeField> scanFields = scan.getRowType().getFieldList();

        List<Integer> groups = new ArrayList<>();
        List<SqlType> outputs = new ArrayList<>();
        List<Boolean> zeroIfNull = new ArrayList<>();
        for (int field : agg.getGroupSet()) {
            ColumnDef c = def.columns().get(spec.columns().get(field));
            if (!PartialAggregation.groupable(c.type())) return;
            groups.add(spec.columns().get(field));
            outputs.add(c.type());
            partialType.add(scanFields.get(field));
        }
        int g = groups.size();
        List<PartialAggregation.Call> calls = new ArrayList<>();
        List<AggregateCall> finals = new ArrayList<>();
        for (AggregateCall c : agg.getAggCallList()) {
            if (c.isDistinct() || c.hasFilter() || c.isApproximate() || !c.getCollation().getFieldCollations().isEmpty()
                    || c.getArgList().size() > 1) return;
            int column = c.getArgList().isEmpty() ? -1 : spec.columns().get(c.getArgList().get(0));
            SqlType columnType = column < 0 ? null : def.columns().get(column).type();
            PartialAggregation.Op op;
            SqlAggFunction combine;
            SqlType output;
            switch (c.getAggregation().getKind()) {
                case COUNT -> {
                    op = column < 0 ? PartialAggregation.Op.COUNT_STAR : PartialAggregation.Op.COUNT;
                    combine = SqlStdOperatorTable.SUM0;
                    output = SqlType.of(SqlType.Kind.BIGINT);
                }
                case SUM, SUM0 -> {
                    if (column < 0) return;
                    op = PartialAggregation.Op.SUM;
                    combine = c.getAggregation();
                    output = sumOutput(columnType, c.getType());
                }
                case MIN, MAX -> {
                    if (column < 0) return;
                    op = c.getAggregation().getKind() == org.apache.calcite.sql.SqlKind.MIN ? PartialAggregation.Op.MIN
                            : PartialAggregation.Op.MAX;
                    combine = c.getAggregation();
                    output = columnType;
                }
                default -> {
                    return;
                }
            }
            if (output == null || columnType != null && !PartialAggregation.supports(op, columnType)) return;
            calls.add(new PartialAggregation.Call(op, column));
            outputs.add(output);
            zeroIfNull.add(c.getAggregation().getKind() == org.apache.calcite.sql.SqlKind.SUM0);
            partialType.add("p" + calls.size(), c.getType());
            finals.add(AggregateCall.create(combine, false, false, false, List.of(), List.of(g + calls.size() - 1),
                    -1, null, RelCollations.EMPTY, c.getType(), c.getName()));
        }
        if (g == 0 && calls.isEmpty()) return; // no column to send back
        AggregateSpec partial = new AggregateSpec(spec, groups, calls, outputs, zeroIfNull);
        RelDataType rowType = partialType.uniquify().build();
        ShardPartialAggregate shards = new ShardPartialAggregate(scan.getCluster(),
                scan.getCluster().traitSetOf(ShardRel.CONVENTION), scan.getTable(), scan.shardTable(), partial,
                rowType);
        call.transformTo(LogicalAggregate.create(shards, agg.getHints(), ImmutableBitSet.range(g), null, finals));
    }

    /** The catalog type whose Calcite form the partial sum takes: the sum's own type for integers. */
    private static SqlType sumOutput(SqlType column, RelDataType sumType) {
        if (column.kind() == SqlType.Kind.DECIMAL) return column;
        return switch (sumType.getSqlTypeName()) {
            case SMALLINT -> SqlType.of(SqlType.Kind.SMALLINT);
            case INTEGER -> SqlType.of(SqlType.Kind.INTEGER);
            case BIGINT -> SqlType.of(SqlType.Kind.BIGINT);
            default -> null;
        };
    }
}
