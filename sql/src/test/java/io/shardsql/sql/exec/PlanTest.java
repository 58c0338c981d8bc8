package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.ShardSqlParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access path the planner picks for each shape of WHERE, as EXPLAIN shows it. Planning needs no
 * cluster: the catalog is given.
 */
class PlanTest {
    private static final SqlType INT = SqlType.of(SqlType.Kind.INTEGER);
    private static final SqlType TEXT = SqlType.varchar(0);

    /** orders(region, id) keyed on both; customer indexed; code uniquely indexed. */
    private static final TableDef ORDERS = new TableDef(10, "orders",
            List.of(new ColumnDef(1, "region", INT, false, null), new ColumnDef(2, "id", INT, false, null),
                    new ColumnDef(3, "customer", TEXT, true, null), new ColumnDef(4, "code", TEXT, true, null),
                    new ColumnDef(5, "total", SqlType.decimal(10, 2), true, null)),
            List.of(1, 2),
            List.of(new IndexDef(11, "orders_customer", false, List.of(3), IndexDef.State.PUBLIC),
                    new IndexDef(12, "orders_code", true, List.of(4), IndexDef.State.PUBLIC),
                    new IndexDef(13, "orders_total", false, List.of(5), IndexDef.State.WRITE_ONLY)),
            6);
    private static final TableDef LOG = new TableDef(20, "log",
            List.of(new ColumnDef(1, "msg", TEXT, true, null)), List.of(), List.of(), 2);
    private static final PlanningSchema SCHEMA = PlanningSchema.of(
            new CatalogSnapshot(1, Map.of("orders", ORDERS, "log", LOG)), 4, null, ClusterView.NONE, SnapshotCommands.NONE);

    private static String explain(String sql) {
        return QueryPlanner.plan(ShardSqlParser.parse(sql), SCHEMA).explain();
    }

    @Test
    void wholePrimaryKeyIsAPointGetOnOneShard() {
        assertThat(explain("SELECT customer FROM orders WHERE region = 1 AND id = 7"))
                .contains("access=[point get]", "key=[region = 1, id = 7]", "shards=[1 of 4]");
        assertThat(explain("SELECT * FROM orders WHERE id = ? AND region = ?"))
                .contains("access=[point get]", "key=[region = ?1, id = ?0]");
    }

    @Test
    void keyPrefixOrRangeIsAKeyRangeScan() {
        assertThat(explain("SELECT * FROM orders WHERE region = 3"))
                .contains("access=[key range scan]", "key=[region = 3]", "shards=[all 4]");
        assertThat(explain("SELECT * FROM orders WHERE region = 3 AND id BETWEEN 10 AND 20"))
                .contains("access=[key range scan]", "key=[region = 3, id >= 10, id <= 20]");
        assertThat(explain("SELECT * FROM orders WHERE region > 3"))
                .contains("access=[key range scan]", "key=[region > 3]");
    }

    @Test
    void predicatesOnNoKeyAreAFullScanWithTheFilterAbove() {
        String plan = explain("SELECT * FROM orders WHERE total > 5");
        assertThat(plan).contains("access=[full scan]", "EnumerableCalc");
        assertThat(explain("SELECT * FROM orders WHERE id = 7")).contains("access=[full scan]"); // not a key prefix
        assertThat(explain("SELECT * FROM orders WHERE region = 1 OR id = 7")).contains("access=[full scan]");
    }

    @Test
    void publicSecondaryIndexesAreUsedWriteOnlyOnesAreNot() {
        assertThat(explain("SELECT id FROM orders WHERE code = 'x'")).contains("access=[index point get orders_code]");
        assertThat(explain("SELECT id FROM orders WHERE customer = ?"))
                .contains("access=[index scan orders_customer]", "key=[customer = ?0]");
        assertThat(explain("SELECT id FROM orders WHERE total = 5")).contains("access=[full scan]");
        // The primary key beats an index when both apply.
        assertThat(explain("SELECT id FROM orders WHERE region = 1 AND id = 2 AND customer = 'c'")).contains("access=[point get]");
    }

    @Test
    void aggregatesOverAWholeTableRunOnTheShards() {
        String plan = explain("SELECT count(*), sum(total), avg(id), min(customer), max(region) FROM orders");
        assertThat(plan).contains("ShardPartialAggregate", "aggregate on shards=[");
        assertThat(explain("SELECT customer, count(*) FROM orders GROUP BY customer"))
                .contains("ShardPartialAggregate", "group=[[customer]]");
        // What the shards cannot decide exactly stays here.
        // DISTINCT becomes a grouping, which the shards do; the count of the groups is made here
        assertThat(explain("SELECT count(DISTINCT customer) FROM orders"))
                .contains("aggregate on shards=[]", "group=[[customer]]");
        assertThat(explain("SELECT sum(total * 2) FROM orders")).doesNotContain("ShardPartialAggregate");
        assertThat(explain("SELECT count(*) FROM orders WHERE total > 5")).doesNotContain("ShardPartialAggregate");
        assertThat(explain("SELECT count(*) FROM log")).doesNotContain("ShardPartialAggregate"); // no primary key
    }

    @Test
    void columnsAndLimitsArePushedIntoTheScan() {
        assertThat(explain("SELECT customer, total FROM orders")).contains("columns=[[customer, total]]");
        assertThat(explain("SELECT * FROM orders LIMIT 5")).contains("limit=[5]");
        assertThat(explain("SELECT * FROM orders LIMIT 5 OFFSET 10")).contains("limit=[15]");
        assertThat(explain("SELECT * FROM orders ORDER BY total LIMIT 5")).doesNotContain("limit=[");
    }

    @Test
    void orderByTheLeadingKeyColumnsUsesTheScanOrder() {
        String plan = explain("SELECT * FROM orders ORDER BY region, id LIMIT 5");
        assertThat(plan).doesNotContain("EnumerableSort").contains("limit=[5]");
        // The filter above the scan stays, so the limit cannot go below it; the sort still goes.
        assertThat(explain("SELECT id FROM orders WHERE region = 3 ORDER BY region LIMIT 2"))
                .doesNotContain("EnumerableSort").doesNotContain("limit=[").contains("key range scan");
        assertThat(explain("SELECT * FROM orders ORDER BY id")).contains("EnumerableSort"); // not a key prefix
        assertThat(explain("SELECT * FROM orders ORDER BY region DESC")).contains("EnumerableSort");
        assertThat(explain("SELECT * FROM orders WHERE customer = 'c' ORDER BY region, id")).contains("EnumerableSort"); // index order
    }

    @Test
    void writesAreShardTableModifies() {
        assertThat(explain("INSERT INTO orders VALUES (1, 2, 'c', 'x', 1.5)")).contains("ShardTableModify", "operation=[INSERT]");
        assertThat(explain("UPDATE orders SET total = 0 WHERE region = 1 AND id = 2"))
                .contains("operation=[UPDATE]", "access=[point get]");
        assertThat(explain("DELETE FROM log WHERE msg = 'x'")).contains("operation=[DELETE]", "access=[full scan]");
        assertThat(explain("INSERT INTO orders VALUES (1, 2, 'c', 'x', 1.5) ON CONFLICT DO NOTHING")).contains("onConflict=[NOTHING]");
    }
}
