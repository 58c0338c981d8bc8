package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.calcite.MemoryCharges;
import io.shardsql.sql.calcite.RowSizes;
import io.shardsql.sql.calcite.StatementMemory;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.ShardSqlParser;
import org.apache.calcite.plan.RelOptUtil;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the statement's memory is counted ({@link MemoryCharges}): under the operators that hold what they
 * read, and nowhere else; the plans with the counters compile; the budget fails with 53200 past its limit.
 */
class MemoryChargesTest {
    private static final SqlType INT = SqlType.of(SqlType.Kind.INTEGER);
    private static final SqlType TEXT = SqlType.varchar(0);
    private static final TableDef T = new TableDef(10, "t", List.of(new ColumnDef(1, "id", INT, false, null),
            new ColumnDef(2, "g", TEXT, true, null), new ColumnDef(3, "v", INT, true, null)), List.of(1), List.of(), 4);
    private static final TableDef U = new TableDef(20, "u", List.of(new ColumnDef(1, "id", INT, false, null),
            new ColumnDef(2, "g", TEXT, true, null)), List.of(1), List.of(), 3);
    private static final PlanningSchema SCHEMA = PlanningSchema.of(
            new CatalogSnapshot(1, Map.of("t", T, "u", U)), 4, null, ClusterView.NONE, SnapshotCommands.NONE);

    /** The plan that runs, with its counters, as text; compiling it checks their generated code. */
    private static String charged(String sql) {
        QueryPlanner.Optimised plan = QueryPlanner.optimise(ShardSqlParser.parse(sql), SCHEMA);
        QueryPlanner.compile(plan);
        return RelOptUtil.toString(MemoryCharges.place(plan.best()));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aSortCountsItsInputEvenUnderALimit() {
        String plan = charged("SELECT id, g FROM t ORDER BY g");
        assertThat(plan).contains("MemoryCharge(operator=[sort])");
        // the planner sorts everything and then takes the first rows: the sort holds all of them
        assertThat(charged("SELECT id FROM t ORDER BY g LIMIT 5")).contains("MemoryCharge(operator=[sort])");
    }

    @Test
    void aJoinCountsWhatItHolds() {
        // an equi-join is a merge join over two sorts, which count
        String merge = charged("SELECT t.id, u.id FROM t JOIN u ON t.g = u.g");
        assertThat(merge).contains("EnumerableMergeJoin");
        assertThat(count(merge, "MemoryCharge(operator=[sort])")).as(merge).isEqualTo(2);
        // any other join keeps its right side as a list
        String loop = charged("SELECT t.id, u.id FROM t JOIN u ON t.v < u.id");
        assertThat(count(loop, "MemoryCharge(operator=[nested loop join])")).as(loop).isEqualTo(1);
    }

    @Test
    void anAggregateCountsGroupsOrRowsWhenItKeepsValues() {
        assertThat(charged("SELECT g, count(*), sum(v) FROM t GROUP BY g"))
                .contains("MemoryCharge(operator=[aggregate], groups=[true])");
        // DISTINCT is planned as two aggregates, each of whose groups count
        assertThat(count(charged("SELECT g, count(DISTINCT v) FROM t GROUP BY g"),
                "MemoryCharge(operator=[aggregate], groups=[true])")).isEqualTo(2);
        assertThat(charged("SELECT count(*), max(g) FROM t")).doesNotContain("MemoryCharge"); // one group
    }

    @Test
    void streamingPlansAndSetOperationsAreCountedAsTheyHold() {
        assertThat(charged("SELECT id FROM t WHERE v > 3")).doesNotContain("MemoryCharge");
        assertThat(charged("SELECT id FROM t UNION ALL SELECT id FROM u")).doesNotContain("MemoryCharge");
        assertThat(count(charged("SELECT g FROM t EXCEPT SELECT g FROM u"), "operator=[set operation]"))
                .isEqualTo(2);
    }

    @Test
    void theBudgetFailsWith53200PastItsLimitNamingTheOperatorAndTheSetting() {
        StatementMemory m = new StatementMemory(1000);
        m.charge(600, "sort");
        m.charge(400, "sort");
        assertThat(m.used()).isEqualTo(1000);
        assertThatThrownBy(() -> m.charge(1, "hash join")).isInstanceOfSatisfying(ShardSqlException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_MEMORY_EXCEEDED);
            assertThat(e.code().sqlState()).isEqualTo("53200");
            assertThat(e.getMessage()).contains("hash join").contains("sql.statement-memory").contains("1000");
        });
    }

    @Test
    void aCounterThatRunsAgainNoLongerHoldsWhatItsLastRunCounted() {
        StatementMemory m = new StatementMemory(1000);
        for (int run = 0; run < 5; run++) { // the inner side of a correlated sub-query, once per outer row
            m.startRun(7);
            m.charge(7, 800, "sort");
        }
        assertThat(m.used()).isEqualTo(800);
        m.startRun(8);
        assertThatThrownBy(() -> m.charge(8, 201, "sort")).isInstanceOf(ShardSqlException.class);
    }

    @Test
    void rowSizesGrowWithTheirValues() {
        long small = RowSizes.of(new Object[] {1, "a"});
        long large = RowSizes.of(new Object[] {1, "a".repeat(1000)});
        assertThat(large - small).isEqualTo(999);
        assertThat(RowSizes.of(new Object[] {null, null})).isEqualTo(16 + 2 * 4);
        assertThat(RowSizes.of(new BigDecimal("12345678901234567890.5"))).isGreaterThan(56);
        assertThat(RowSizes.of(new byte[100])).isEqualTo(116);
    }
}
