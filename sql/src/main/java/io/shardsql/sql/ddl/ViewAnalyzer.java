package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ViewDef;
import org.apache.calcite.sql.SqlNode;

import java.util.List;

/**
 * What a view's query means under a catalog: the planner's side of CREATE VIEW and of the DDL that must keep
 * views valid (DROP COLUMN, RENAME). The SQL engine provides it (the ddl package does not plan queries).
 */
public interface ViewAnalyzer {

    /** An engine without a planner (DDL tests): views are 0A000. */
    ViewAnalyzer NONE = new ViewAnalyzer() {
        @Override
        public ViewDef define(CatalogSnapshot catalog, String user, String name, List<String> columns,
                              SqlNode query) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "views need the SQL engine's planner");
        }

        @Override
        public boolean stillMeans(CatalogSnapshot catalog, ViewDef view) {
            return false;
        }
    };

    /**
     * The view {@code name} whose query is {@code query} and whose column names start with {@code columns}
     * (empty: the query's names): validates the query under {@code catalog} (42P01, 42703, ... as a query
     * would fail), checks that {@code user} (null: the engine) may read what it reads (42501), and that the
     * names are fine (42601 more names than columns, 42701 a name twice).
     */
    ViewDef define(CatalogSnapshot catalog, String user, String name, List<String> columns, SqlNode query);

    /**
     * Whether {@code view}'s stored query still gives, under {@code catalog}, the columns it was defined with
     * (same query names and types, in order; more columns after them are fine, as a table's ADD COLUMN under a
     * {@code SELECT *} gives).
     */
    boolean stillMeans(CatalogSnapshot catalog, ViewDef view);
}
