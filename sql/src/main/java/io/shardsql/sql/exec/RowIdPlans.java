package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.calcite.ShardTable;
import io.shardsql.sql.calcite.ShardTableModify;
import io.shardsql.sql.calcite.ShardTableScan;
import io.shardsql.sql.calcite.ShardToEnumerableConverter;
import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;

/**
 * An UPDATE or DELETE of a table without a declared primary key learns each row's key from the scan
 * that reads it ({@code ShardDataContext.rowRead}), which is right only when rows flow from that scan to
 * the write one by one: through filters and projections, not joins, sorts, aggregates or limits. This
 * checks the compiled plan is such a pipeline, and refuses the statement (0A000) otherwise.
 */
final class RowIdPlans {
    private RowIdPlans() {}

    static void check(RelNode best) {
        if (!(best instanceof ShardTableModify m) || m.getOperation() == TableModify.Operation.INSERT) return;
        TableDef def = m.getTable().unwrap(ShardTable.class).def();
        if (!def.hasHiddenRowId()) return;
        RelNode n = m.getInput();
        while (n instanceof EnumerableCalc || n instanceof EnumerableFilter || n instanceof EnumerableProject
                || n instanceof ShardToEnumerableConverter) {
            n = n.getInput(0);
        }
        if (!(n instanceof ShardTableScan scan) || scan.spec().table().id() != def.id()) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, m.getOperation() + " of " + def.name()
                    + ", a table without a primary key, can only filter the table itself"
                    + " (no joins, sub-queries, ORDER BY or LIMIT); "
                    + "give the table a primary key");
        }
    }
}
