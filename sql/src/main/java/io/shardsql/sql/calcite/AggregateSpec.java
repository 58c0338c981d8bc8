package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.rows.PartialAggregation;

import java.util.List;

/**
 * What a {@link ShardPartialAggregate} computes on the shards: the rows of {@code scan}'s table grouped by
 * the columns at {@code groups} (positions in {@link TableDef#columns()}), with {@code calls}; each output
 * column in Calcite's representation of {@code outputs} (the groups' column types, then each call's
 * partial type), and {@code zeroIfNull} marking the calls whose partial is a SUM0 (0 where no value was).
 */
public record AggregateSpec(ScanSpec scan, List<Integer> groups, List<PartialAggregation.Call> calls,
                            List<SqlType> outputs, List<Boolean> zeroIfNull) {
    public AggregateSpec {
        groups = List.copyOf(groups);
        calls = List.copyOf(calls);
        outputs = List.copyOf(outputs);
        zeroIfNull = List.copyOf(zeroIfNull);
    }

    public TableDef table() { return scan.table(); }

    /** For EXPLAIN: {@code count(*), sum(v), min(s)}. */
    String describeCalls() {
        return String.join(", ", calls.stream().map(c -> switch (c.op()) {
            case COUNT_STAR -> "count(*)";
            default -> c.op().name().toLowerCase(java.util.Locale.ROOT) + "(" + table().columns().get(c.column()).name()
                    + ")";
        }).toList());
    }

    List<String> groupNames() {
        return groups.stream().map(g -> table().columns().get(g).name()).toList();
    }
}
