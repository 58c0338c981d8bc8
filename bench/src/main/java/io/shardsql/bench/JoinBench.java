package io.shardsql.bench;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.exec.PlanningProbe;
import io.shardsql.sql.exec.Session;
import io.shardsql.sql.exec.StatementResult;
import io.shardsql.testkit.MiniCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Joins of many ten-row tables ({@link JoinQueries}: a chain and a star listed in FROM with equality
 * conditions in WHERE, and the chain written with JOIN ... ON). Part one, without a cluster through the
 * engine's {@link PlanningProbe}: the time to parse, validate and optimise each join, and to generate and
 * compile its code, with the engine's join ordering and, for an A/B, with the exhaustive search only
 * ({@code --exhaustive}: the planner before heuristic join ordering). Part two, on a 3-node MiniCluster:
 * each join run once cold (planned, compiled and run, as a statement seen for the first time) and then
 * warm (the cached plan run again), through a node's engine and through JDBC, and beside it H2
 * (embedded, in memory) through JDBC. Each answer is checked against the computed one.
 *
 * <pre>bench/run-bench.sh JoinBench [--sizes 2,4,8,16,37,64] [--shapes CHAIN,STAR,CHAIN_ON] [--exhaustive]
 *     [--parts plan,run] [--databases shardsql,jdbc,h2]</pre>
 */
@Command(name = "join-bench", mixinStandardHelpOptions = true)
public final class JoinBench implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "2,4,8,16,37,64", description = "tables per join")
    List<Integer> sizes;

    @Option(names = "--shapes", split = ",", defaultValue = "CHAIN,STAR,CHAIN_ON", description = "join shapes")
    List<JoinQueries> shapes;

    @Option(names = "--exhaustive", description = "plan every join exhaustively (the planner before)")
    boolean exhaustive;

    @Option(names = "--parts", split = ",", defaultValue = "plan,run", description = "plan (no cluster), run")
    Set<String> parts;

    @Option(names = "--databases", split = ",", defaultValue = "shardsql,jdbc,h2",
            description = "where part two runs the joins: shardsql (a node's engine), jdbc, h2")
    Set<String> databases;

    @Option(names = "--heuristic-from", description = "joins from which the order is heuristic (default: the engine's)")
    Integer heuristicFrom;

    @Option(names = "--explain", description = "print each plan (part one)")
    boolean explain;

    @Option(names = "--repeat", defaultValue = "5", description = "measured repetitions (after one warm-up)")
    int repeat;

    public static void main(String[] args) {
        System.exit(new CommandLine(new JoinBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int maxTables = sizes.stream().mapToInt(Integer::intValue).max().orElse(2);
        if (parts.contains("plan")) plan(maxTables);
        if (parts.contains("run")) run(maxTables);
        return 0;
    }

    private void plan(int maxTables) {
        Map<String, TableDef> tables = new HashMap<>();
        SqlType integer = SqlType.of(SqlType.Kind.INTEGER);
        for (int k = 1; k <= maxTables; k++) {
            tables.put(JoinQueries.table(k), new TableDef(100 + k, JoinQueries.table(k),
                    List.of(new ColumnDef(1, "id", integer, false, null), new ColumnDef(2, "a", integer, true, null),
                            new ColumnDef(3, "b", integer, true, null)), List.of(1), List.of(), 4));
        }
        PlanningProbe probe = PlanningProbe.of(new CatalogSnapshot(1, tables), 4);
        int heuristicFrom = exhaustive ? Integer.MAX_VALUE
                : this.heuristicFrom != null ? this.heuristicFrom : PlanningProbe.defaultHeuristicFrom();
        for (int i = 0; i < 20; i++) probe.planPhases(JoinQueries.CHAIN.sql(3), heuristicFrom); // JIT warm-up
        System.out.println("| shape | tables | join order | parse + optimise ms (CPU) | codegen + compile ms (CPU) "
                + "| elapsed ms | hash joins |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|");
        for (JoinQueries shape : shapes) {
            for (int n : sizes) {
                double[] optimise = new double[repeat];
                double[] compile = new double[repeat];
                double[] elapsed = new double[repeat];
                PlanningProbe.PhaseTimes t = probe.planPhases(shape.sql(n), heuristicFrom); // warm-up
                for (int r = 0; r < repeat; r++) {
                    t = probe.planPhases(shape.sql(n), heuristicFrom);
                    optimise[r] = t.optimiseCpuNanos() / 1e6;
                    compile[r] = t.compileCpuNanos() / 1e6;
                    elapsed[r] = (t.optimiseNanos() + t.compileNanos()) / 1e6;
                }
                int hashJoins = t.explain().split("EnumerableHashJoin", -1).length - 1;
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f | %.1f | %d |%n", shape, n,
                        t.joinOrder(), median(optimise), median(compile), median(elapsed), hashJoins);
                if (explain) System.out.println(t.explain());
                System.out.flush();
            }
        }
    }

    private void run(int maxTables) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("| database | shape | tables | cold ms (plan + run) | warm ms (cached plan) |");
        lines.add("|---|---|---:|---:|---:|");
        if (databases.contains("shardsql") || databases.contains("jdbc")) {
            try (MiniCluster cluster = ClusterSettings.startSettled(MiniCluster.builder().nodes(3).shards(4))) {
                cluster.awaitReady();
                Session session = cluster.node(0).sql().openSession();
                for (int k = 1; k <= maxTables; k++) {
                    session.execute(JoinQueries.createTable(k));
                    session.execute(JoinQueries.insert(k));
                }
                if (databases.contains("shardsql")) {
                    measure("ShardSQL engine (node 0)", sql -> rows(session.execute(sql)), lines);
                }
                if (databases.contains("jdbc")) {
                    try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin",
                            MiniCluster.ADMIN_PASSWORD)) {
                        measure("ShardSQL JDBC", sql -> jdbcRows(c, sql), lines);
                    }
                }
                session.close();
            }
        }
        if (databases.contains("h2")) {
            try (Connection c = DriverManager.getConnection("jdbc:h2:mem:joins;DB_CLOSE_DELAY=-1")) {
                for (int k = 1; k <= maxTables; k++) {
                    try (Statement s = c.createStatement()) {
                        s.execute(JoinQueries.createTable(k));
                        s.execute(JoinQueries.insert(k));
                    }
                }
                measure("H2 (embedded, JDBC)", sql -> jdbcRows(c, sql), lines);
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    /** Runs a join and returns its rows as {@code "id,b"}. */
    private interface Runner {
        List<String> run(String sql) throws Exception;
    }

    private void measure(String database, Runner runner, List<String> lines) throws Exception {
        runner.run(JoinQueries.CHAIN.sql(2) + " LIMIT 1"); // connection and JIT warm-up: not among the cases
        for (JoinQueries shape : shapes) {
            for (int n : sizes) {
                String sql = shape.sql(n);
                long t0 = System.nanoTime();
                List<String> rows = runner.run(sql);
                double cold = (System.nanoTime() - t0) / 1e6;
                if (!rows.equals(shape.expected(n))) {
                    throw new IllegalStateException(database + " " + shape + " " + n + ": " + rows);
                }
                double[] warm = new double[repeat];
                for (int r = 0; r < repeat; r++) {
                    long w0 = System.nanoTime();
                    runner.run(sql);
                    warm[r] = (System.nanoTime() - w0) / 1e6;
                }
                String line = String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.2f |", database, shape, n, cold,
                        median(warm));
                System.err.println(line);
                lines.add(line);
            }
        }
    }

    private static List<String> rows(StatementResult result) {
        List<String> rows = new ArrayList<>();
        try (var cursor = ((StatementResult.Rows) result).cursor()) {
            while (cursor.hasNext()) {
                Object[] row = cursor.next();
                rows.add(row[0] + "," + row[1]);
            }
        }
        return rows;
    }

    private static List<String> jdbcRows(Connection c, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) rows.add(rs.getInt(1) + "," + rs.getInt(2));
        }
        return rows;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
