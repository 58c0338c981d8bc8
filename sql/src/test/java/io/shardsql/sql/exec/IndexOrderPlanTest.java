package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.storage.keys.KeyOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An index's declared order (a DESC, b ASC) is the order its scan returns rows in: no sort above it. */
@Timeout(60)
class IndexOrderPlanTest {
    private static final SqlType INT = SqlType.of(SqlType.Kind.INTEGER);

    /** events(id PK, a, b, note); index events_a_b on (a DESC, b ASC). */
    private static final TableDef EVENTS = new TableDef(10, "events",
            List.of(new ColumnDef(1, "id", INT, false, null), new ColumnDef(2, "a", INT, true, null),
                    new ColumnDef(3, "b", INT, true, null), new ColumnDef(4, "note", SqlType.varchar(0), true, null)),
            List.of(1),
            List.of(new IndexDef(11, "events_a_b", false, List.of(2, 3), IndexDef.State.PUBLIC, false,
                    List.of(KeyOrder.DESC, KeyOrder.ASC))),
            5);
    private static final PlanningSchema SCHEMA = PlanningSchema.of(
            new CatalogSnapshot(1, Map.of("events", EVENTS)), 3, null, ClusterView.NONE, SnapshotCommands.NONE);

    private static String explain(String sql) {
        return QueryPlanner.plan(ShardSqlParser.parse(sql), SCHEMA).explain();
    }

    @Test
    void orderByTheIndexOrderWithALimitReadsTheIndexAndStops() {
        for (String sql : List.of("SELECT * FROM events ORDER BY a DESC, b LIMIT 5",
                "SELECT * FROM events ORDER BY a DESC, b ASC NULLS LAST LIMIT 5",
                "SELECT id, a FROM events ORDER BY a DESC LIMIT 5",
                "SELECT * FROM events ORDER BY a DESC NULLS FIRST LIMIT 5")) {
            assertThat(explain(sql)).as(sql).doesNotContain("EnumerableSort")
                    .contains("access=[index scan events_a_b]", "limit=[5]");
        }
    }

    @Test
    void aRangeOnTheDescendingColumnIsAnIndexRange() {
        // The WHERE stays above the scan as a Calc, which does not pass the scan's order on (as for a
        // primary-key range, see PlanTest): the sort stays, over the index range (docs/sql.md, "Index order").
        String plan = explain("SELECT * FROM events WHERE a > 5 AND a <= 50 ORDER BY a DESC, b LIMIT 3");
        assertThat(plan).contains("access=[index scan events_a_b]", "key=[a > 5, a <= 50]");
    }

    @Test
    void anotherOrderStillSorts() {
        for (String sql : List.of("SELECT * FROM events ORDER BY a LIMIT 5",
                "SELECT * FROM events ORDER BY a DESC NULLS LAST LIMIT 5",
                "SELECT * FROM events ORDER BY a DESC, b DESC LIMIT 5",
                "SELECT * FROM events ORDER BY b LIMIT 5")) {
            assertThat(explain(sql)).as(sql).contains("EnumerableSort");
        }
    }
}
