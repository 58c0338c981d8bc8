package io.shardsql.sql.exec;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.Bindable;

import java.util.List;
import java.util.Map;

/**
 * A statement planned and compiled against one catalog version: run it any number of times with new
 * parameters ({@link #bindable} over a {@link io.shardsql.sql.calcite.ShardDataContext} that includes
 * {@link #stashed}).
 *
 * @param rowType     the result columns (for DML: one BIGINT, the row count)
 * @param parameters  the type of each {@code ?}, in order
 * @param explain     the physical plan, as EXPLAIN prints it
 * @param needs       the privileges it needs on the tables it reads and writes ({@link PlanAccess})
 */
public record PreparedPlan(long catalogVersion, Kind kind, Bindable<?> bindable, Map<String, Object> stashed,
                           RelDataType rowType, List<RelDataType> parameters, String explain,
                           PlanningSchema schema, java.util.Set<TableNeed> needs) {

    /** What a plan is: a query, which returns rows, or DML, which changes rows and returns their count. */
    public enum Kind { QUERY, DML }

    public List<String> columnNames() {
        return rowType.getFieldNames();
    }
}
