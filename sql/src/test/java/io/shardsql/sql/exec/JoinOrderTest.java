package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.ShardSqlParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * How joins of many tables are planned: exhaustively up to {@link JoinOrderProgram#DEFAULT_HEURISTIC_FROM}
 * joins, heuristically beyond, and then into equi-joins with no cross product. Before heuristic ordering a
 * join of 37 tables listed in FROM did not plan in five minutes; the timeouts here are generous, the
 * assertions are on the plan. Planning needs no cluster: the catalog is given.
 */
class JoinOrderTest {
    private static final int TABLES = 64;
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final Pattern JOIN = Pattern.compile("Enumerable(\\w*)Join\\(condition=\\[([^\\]]*)\\]");
    private static final PlanningSchema SCHEMA = schema();

    /** Tables t1 .. t64: (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER). */
    private static PlanningSchema schema() {
        SqlType integer = SqlType.of(SqlType.Kind.INTEGER);
        Map<String, TableDef> tables = new HashMap<>();
        for (int k = 1; k <= TABLES; k++) {
            tables.put("t" + k, new TableDef(100 + k, "t" + k,
                    java.util.List.of(new ColumnDef(1, "id", integer, false, null),
                            new ColumnDef(2, "a", integer, true, null), new ColumnDef(3, "b", integer, true, null)),
                    java.util.List.of(1), java.util.List.of(), 4));
        }
        return PlanningSchema.of(new CatalogSnapshot(1, tables), 4, null, ClusterView.NONE, SnapshotCommands.NONE);
    }

    /** {@code SELECT t1.id, tN.b FROM t1, ..., tN WHERE t1.a = t2.id AND ...}, plus {@code extra}. */
    private static String commaChain(int n, String extra) {
        StringJoiner from = new StringJoiner(", ");
        StringJoiner where = new StringJoiner(" AND ");
        for (int k = 1; k <= n; k++) from.add("t" + k);
        for (int k = 2; k <= n; k++) where.add("t" + (k - 1) + ".a = t" + k + ".id");
        if (!extra.isEmpty()) where.add(extra);
        return "SELECT t1.id, t" + n + ".b FROM " + from + " WHERE " + where;
    }

    /** {@code FROM t1, ..., tN WHERE t1.id = t2.id AND t1.id = t3.id ...}: every table joined to t1. */
    private static String commaStar(int n) {
        StringJoiner from = new StringJoiner(", ");
        StringJoiner where = new StringJoiner(" AND ");
        for (int k = 1; k <= n; k++) from.add("t" + k);
        for (int k = 2; k <= n; k++) where.add("t1.id = t" + k + ".id");
        return "SELECT t1.id, t" + n + ".b FROM " + from + " WHERE " + where;
    }

    private static QueryPlanner.Optimised optimise(String sql) {
        return assertTimeoutPreemptively(GENEROUS, () -> QueryPlanner.optimise(ShardSqlParser.parse(sql), SCHEMA));
    }

    private static String explain(QueryPlanner.Optimised plan) {
        return assertTimeoutPreemptively(GENEROUS, () -> QueryPlanner.compile(plan).explain());
    }

    /** Every join of the plan is a hash join on an equality: none is a cross product or a nested loop. */
    private static void assertEquiJoinsOnly(String explain, int joins) {
        Matcher m = JOIN.matcher(explain);
        int found = 0;
        while (m.find()) {
            found++;
            assertThat(m.group(1)).as("join operator").isEqualTo("Hash");
            assertThat(m.group(2)).as("join condition").startsWith("=(");
        }
        assertThat(found).isEqualTo(joins);
        assertThat(explain).doesNotContain("NestedLoopJoin");
    }

    @Test
    void joinsOfManyTablesListedInFromAreOrderedHeuristicallyIntoEquiJoins() {
        for (int n : new int[] {37, TABLES}) {
            QueryPlanner.Optimised chain = optimise(commaChain(n, ""));
            assertThat(chain.joinOrder()).isEqualTo(JoinOrderProgram.Strategy.HEURISTIC);
            assertEquiJoinsOnly(explain(chain), n - 1);
            QueryPlanner.Optimised star = optimise(commaStar(n));
            assertThat(star.joinOrder()).isEqualTo(JoinOrderProgram.Strategy.HEURISTIC);
            assertEquiJoinsOnly(explain(star), n - 1);
        }
    }

    @Test
    void explicitJoinsOfManyTablesAreOrderedHeuristically() {
        StringBuilder sql = new StringBuilder("SELECT t1.id, t" + TABLES + ".b FROM t1");
        for (int k = 2; k <= TABLES; k++) sql.append(" JOIN t").append(k).append(" ON t").append(k - 1).append(".a = t")
                .append(k).append(".id");
        QueryPlanner.Optimised plan = optimise(sql.toString());
        assertThat(plan.joinOrder()).isEqualTo(JoinOrderProgram.Strategy.HEURISTIC);
        assertEquiJoinsOnly(explain(plan), TABLES - 1);
    }

    @Test
    void ourScanRulesStillApplyOnTheHeuristicPath() {
        String explain = explain(optimise(commaChain(40, "t20.id = 7 AND t30.b > 5")));
        assertThat(explain).contains("ShardTableScan(table=[[t20]], access=[point get], key=[id = 7]")
                .contains("ShardTableScan(table=[[t1]], access=[full scan], columns=[[id, a]]");
        assertEquiJoinsOnly(explain, 39);
    }

    @Test
    void outerJoinsAmongManyTablesAreOrderedToo() {
        StringBuilder sql = new StringBuilder("SELECT t1.id, t8.b FROM t1");
        for (int k = 2; k <= 8; k++) {
            sql.append(k % 2 == 0 ? " LEFT JOIN t" : " JOIN t").append(k).append(" ON t").append(k - 1)
                    .append(".a = t").append(k).append(".id");
        }
        QueryPlanner.Optimised plan = optimise(sql.toString());
        assertThat(plan.joinOrder()).isEqualTo(JoinOrderProgram.Strategy.HEURISTIC);
        String explain = explain(plan);
        assertThat(explain).contains("joinType=[left]").doesNotContain("MultiJoin");
    }

    @Test
    void joinsOfFewTablesAreSearchedExhaustively() {
        int tables = JoinOrderProgram.DEFAULT_HEURISTIC_FROM; // one join fewer than the heuristic needs
        assertThat(optimise(commaChain(tables, "")).joinOrder()).isEqualTo(JoinOrderProgram.Strategy.EXHAUSTIVE);
        assertThat(optimise(commaChain(tables + 1, "")).joinOrder()).isEqualTo(JoinOrderProgram.Strategy.HEURISTIC);
        assertThat(optimise("SELECT * FROM t1").joinOrder()).isEqualTo(JoinOrderProgram.Strategy.EXHAUSTIVE);
    }
}
