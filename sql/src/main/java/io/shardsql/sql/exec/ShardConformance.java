package io.shardsql.sql.exec;

import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Calcite's LENIENT conformance (docs/sql.md) with checked arithmetic: an integer expression that
 * overflows its type fails (22003, as in PostgreSQL) instead of wrapping around (the planner rewrites
 * the arithmetic into Calcite's checked operators, {@code ConvertToChecked}).
 */
final class ShardConformance extends SqlDelegatingConformance {
    static final ShardConformance INSTANCE = new ShardConformance();

    private ShardConformance() {
        super(SqlConformanceEnum.LENIENT);
    }

    @Override
    public boolean checkedArithmetic() {
        return true;
    }
}
