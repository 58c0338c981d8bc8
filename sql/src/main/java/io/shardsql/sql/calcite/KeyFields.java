package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Key-field discovery shared by {@link ShardFilterRule} (the primary key) and {@link ShardIndexRule}
 * (each secondary index): both match a WHERE right above a scan nothing has narrowed yet, map the key's
 * columns to the scan's output fields, and look for conjuncts of the WHERE that bound those fields.
 */
final class KeyFields {
    private KeyFields() {}

    /**
     * The operands of both rules: a {@link LogicalFilter} on a {@link ShardTableScan} with no key bounds,
     * index, limit or shard filter yet.
     */
    static RelRule.OperandTransform filterOnPlainScan() {
        return b -> b.operand(LogicalFilter.class).oneInput(s -> s.operand(ShardTableScan.class)
                .predicate(scan -> scan.spec().bounds().isAll() && scan.spec().index() == null
                        && scan.spec().limit() < 0 && scan.spec().shardFilter() == null)
                .noInputs());
    }

    /**
     * The bounds {@code filter}'s condition puts on the key made of {@code columnIds} (in key order) of the
     * table {@code spec} scans; empty if it bounds none of it.
     */
    static Optional<KeyBounds> bounds(LogicalFilter filter, ScanSpec spec, List<Integer> columnIds) {
        return KeyConditions.find(filter.getCluster().getRexBuilder(), filter.getCondition(), of(spec, columnIds));
    }

    /** For each of {@code columnIds}, in order, its {@link #keyField}. */
    private static List<Integer> of(ScanSpec spec, List<Integer> columnIds) {
        TableDef def = spec.table();
        List<Integer> keyFields = new ArrayList<>(columnIds.size());
        for (int columnId : columnIds) keyFields.add(keyField(spec, def, columnId));
        return keyFields;
    }

    /**
     * The scan's output field holding column {@code columnId}, or -1 when it cannot bound keys: not in
     * the output, or CHAR(n), whose padded comparison a byte range would not reproduce.
     */
    private static int keyField(ScanSpec spec, TableDef def, int columnId) {
        if (def.columnById(columnId).type().kind() == SqlType.Kind.CHAR) return -1;
        return spec.columns().indexOf(def.position(columnId));
    }
}
