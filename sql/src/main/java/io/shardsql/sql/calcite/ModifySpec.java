package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.rel.core.TableModify;

import java.util.List;

/**
 * What a {@link ShardTableModify} writes. Its input rows are, for INSERT, the new row; for DELETE, the
 * row; for UPDATE, the old row followed by the new values of {@code updateColumns} (positions in
 * {@link TableDef#columns()}), in that order. {@code onConflict} applies to INSERT.
 */
public record ModifySpec(TableDef table, TableModify.Operation operation, List<Integer> updateColumns,
                         OnConflict onConflict) {
    public ModifySpec {
        updateColumns = List.copyOf(updateColumns);
    }
}
