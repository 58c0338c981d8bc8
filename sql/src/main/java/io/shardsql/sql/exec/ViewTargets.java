package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;

import java.util.List;

/**
 * Views are read-only in ShardSQL: INSERT, UPDATE, DELETE and upserts into a view fail with 0A000 before
 * planning. (PostgreSQL writes through simple views — "automatically updatable views" — and refuses the others
 * with 55000; we do neither kind yet, so the error says the feature is missing.)
 */
final class ViewTargets {
    private ViewTargets() {}

    static void check(SqlNode statement, PlanningSchema schema) {
        String verb;
        SqlNode target;
        if (statement instanceof SqlInsert i) {
            verb = "insert into";
            target = i.getTargetTable();
        } else if (statement instanceof SqlUpdate u) {
            verb = "update";
            target = u.getTargetTable();
        } else if (statement instanceof SqlDelete d) {
            verb = "delete from";
            target = d.getTargetTable();
        } else if (statement instanceof SqlMerge m) {
            verb = "merge into";
            target = m.getTargetTable();
        } else {
            return;
        }
        if (!(target instanceof SqlIdentifier id)) return;
        if (isView(schema, id.names)) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot " + verb + " view \""
                    + id.names.get(id.names.size() - 1) + "\": views are read-only in ShardSQL");
        }
    }

    private static boolean isView(PlanningSchema schema, List<String> names) {
        CalciteSchema s = schema.root();
        for (int i = 0; i < names.size() - 1 && s != null; i++) s = s.getSubSchema(names.get(i), true);
        if (s == null) return false;
        CalciteSchema.TableEntry entry = s.getTable(names.get(names.size() - 1), true);
        return entry != null && entry.getTable() instanceof StoredView;
    }
}
