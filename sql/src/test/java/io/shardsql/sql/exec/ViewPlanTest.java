package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.sql.privilege.Grants;
import io.shardsql.sql.privilege.Privilege;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Views as the planner sees them: defined from a query (columns, types, what they read), expanded in place
 * (the plan reads the tables, with the view's filters pushed into the scans), the privileges a statement over a
 * view needs (SELECT on the view, not on its tables), and DML into a view refused. No cluster: the catalog is given.
 */
@Timeout(60)
class ViewPlanTest {
    private static final SqlType INT = SqlType.of(SqlType.Kind.INTEGER);
    private static final TableDef ORDERS = new TableDef(10, "orders",
            List.of(new ColumnDef(1, "id", INT, false, null), new ColumnDef(2, "customer", SqlType.varchar(20), true,
                    null), new ColumnDef(3, "total", SqlType.decimal(10, 2), true, null)), List.of(1), List.of(), 4);

    private final Map<String, ViewDef> views = new HashMap<>();
    private final ViewDefinitions definitions = new ViewDefinitions(c -> PlanningSchema.of(c, 4, null,
            ClusterView.NONE, SnapshotCommands.NONE));

    private CatalogSnapshot catalog() {
        return new CatalogSnapshot(1 + views.size(), Map.of("orders", ORDERS), Map.of(), Grants.NONE, views);
    }

    private ViewDef define(String name, List<String> columns, String query) {
        ViewDef v = definitions.define(catalog(), null, name, columns, ShardSqlParser.parse(query));
        views.put(name, v);
        return v;
    }

    private PreparedPlan plan(String sql) {
        return QueryPlanner.plan(ShardSqlParser.parse(sql), PlanningSchema.of(catalog(), 4, null, ClusterView.NONE,
                SnapshotCommands.NONE));
    }

    @Test
    void aViewKeepsItsColumnsTypesAndWhatItReads() {
        ViewDef v = define("big", List.of("order_id"),
                "SELECT id, total * 2, upper(customer) FROM orders WHERE total > 10");
        assertThat(v.columnNames()).containsExactly("order_id", "?column?", "upper");
        assertThat(v.columns().get(0)).isEqualTo(new ViewDef.Column("order_id", "INTEGER", "id"));
        assertThat(v.dependsOn()).containsExactly("orders");
        assertThat(ShardSqlParser.parse(v.sql()).toString()).contains("orders");
        ViewDef w = define("bigger", List.of(), "SELECT order_id FROM big JOIN orders ON big.order_id = orders.id");
        assertThat(w.dependsOn()).containsExactlyInAnyOrder("big", "orders");
    }

    @Test
    void aQueryOverAViewReadsTheTableWithTheViewsFilterOnTheShards() {
        define("by_customer", List.of("who", "amount"), "SELECT customer, total FROM orders WHERE id = 7");
        PreparedPlan p = plan("SELECT who FROM by_customer WHERE amount > 1");
        assertThat(p.explain()).contains("ShardTableScan(table=[[orders]]", "access=[point get]");
        assertThat(p.rowType().getFieldNames()).containsExactly("who");
        assertThat(p.needs()).containsExactly(new TableNeed("by_customer", Privilege.SELECT, false));
    }

    @Test
    void nestedViewsNeedOnlyTheOuterView() {
        define("v1", List.of(), "SELECT id, total FROM orders");
        define("v2", List.of(), "SELECT id FROM v1 WHERE total > 0");
        PreparedPlan p = plan("SELECT * FROM v2 JOIN orders ON v2.id = orders.id");
        assertThat(p.needs()).containsExactlyInAnyOrder(new TableNeed("v2", Privilege.SELECT, false),
                new TableNeed("orders", Privilege.SELECT, false));
        assertThat(plan("INSERT INTO orders SELECT id, 'x', 1 FROM v2").needs())
                .contains(new TableNeed("v2", Privilege.SELECT, false),
                        new TableNeed("orders", Privilege.INSERT, false))
                .doesNotContain(new TableNeed("orders", Privilege.SELECT, false));
    }

    @Test
    void dmlIntoAViewIsRefused() {
        define("v", List.of(), "SELECT id FROM orders");
        for (String sql : List.of("INSERT INTO v VALUES (1)", "UPDATE v SET id = 2", "DELETE FROM v",
                "INSERT INTO public.v VALUES (1)")) {
            assertThatThrownBy(() -> plan(sql)).isInstanceOf(ShardSqlException.class)
                    .satisfies(e -> assertThat(((ShardSqlException) e).code())
                            .isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED))
                    .hasMessageContaining("view \"v\"");
        }
    }

    @Test
    void badColumnListsAreRefused() {
        assertThatThrownBy(() -> define("x", List.of("a", "b", "c"), "SELECT id, total FROM orders"))
                .satisfies(e -> assertThat(((ShardSqlException) e).code()).isEqualTo(ErrorCode.SYNTAX_ERROR));
        assertThatThrownBy(() -> define("x", List.of("a", "a"), "SELECT id, total FROM orders"))
                .satisfies(e -> assertThat(((ShardSqlException) e).code()).isEqualTo(ErrorCode.DUPLICATE_COLUMN));
        assertThatThrownBy(() -> define("x", List.of(), "SELECT id, id FROM orders"))
                .satisfies(e -> assertThat(((ShardSqlException) e).code()).isEqualTo(ErrorCode.DUPLICATE_COLUMN));
    }

    @Test
    void aViewStillMeansItsQueryUntilAColumnItReadsChanges() {
        ViewDef star = define("star", List.of(), "SELECT * FROM orders");
        ViewDef named = define("named", List.of(), "SELECT id, customer FROM orders");
        assertThat(star.sql()).as("kept as written, not as validated").contains("*").doesNotContain("customer");
        assertThat(definitions.stillMeans(catalog(), star)).isTrue();
        TableDef withMore = ORDERS.withColumn(new ColumnDef(4, "note", SqlType.varchar(0), true, null));
        TableDef withoutTotal = ORDERS.withoutColumn(3);
        CatalogSnapshot more = new CatalogSnapshot(9, Map.of("orders", withMore), Map.of(), Grants.NONE, views);
        CatalogSnapshot less = new CatalogSnapshot(9, Map.of("orders", withoutTotal), Map.of(), Grants.NONE, views);
        assertThat(definitions.stillMeans(more, star)).isTrue();
        assertThat(definitions.stillMeans(less, star)).isFalse();
        assertThat(definitions.stillMeans(less, named)).isTrue();
        assertThat(plan("SELECT * FROM star").rowType().getFieldNames()).containsExactly("id", "customer", "total");
    }
}
