package io.shardsql.testkit.sql;

import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.ddl.DdlSettings;
import io.shardsql.sql.exec.RowCursor;
import io.shardsql.sql.exec.Session;
import io.shardsql.sql.exec.SqlEngine;
import io.shardsql.sql.exec.StatementResult;
import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential test: the same random tables ({@link RandomData}) and the same random queries
 * ({@link RandomQueries}) run on ShardSQL (a 3-node, 4-shard {@link MiniCluster}) and on H2 (in memory,
 * PostgreSQL mode); the results must be equal as multisets, or in order where the query's ORDER BY fixes
 * it. The seed is printed; {@code -Ddiff.seed=N} repeats a run, {@code -Ddiff.queries=N} changes how many
 * queries run. A mismatch reports the seed, the query and both results.
 */
@Timeout(300)
class H2DifferentialIT {
    private static final int QUERIES = Integer.getInteger("diff.queries", 250);
    private static final int MAX_REPORTED = 5;

    private static MiniCluster cluster;
    private static SqlEngine engine;
    private static Connection h2;

    @BeforeAll
    static void start() throws SQLException {
        cluster = MiniCluster.builder().nodes(3).shards(4).start();
        cluster.awaitReady();
        engine = SqlEngine.create(cluster.transactions(), 4, DdlSettings.defaults());
        h2 = DriverManager.getConnection("jdbc:h2:mem:diff;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (h2 != null) h2.close();
        if (cluster != null) cluster.close();
    }

    @Test
    void randomQueriesAgreeWithH2() throws SQLException {
        long seed = Long.getLong("diff.seed", System.nanoTime());
        System.out.println("H2DifferentialIT seed: " + seed + " (repeat with -Ddiff.seed=" + seed + ")");
        Random random = new Random(seed);
        List<String> mismatches = new ArrayList<>();
        try (Session session = engine.openSession(); Statement h2s = h2.createStatement()) {
            for (String sql : RandomData.createTables()) run(session, h2s, sql);
            long t0 = System.nanoTime();
            for (String sql : RandomData.inserts(random, 300, 120)) run(session, h2s, sql);
            long t1 = System.nanoTime();
            RandomQueries queries = new RandomQueries(random);
            int ran = 0;
            for (; ran < QUERIES && mismatches.size() < MAX_REPORTED; ran++) {
                String mismatch = compare(session, h2s, queries.next());
                if (mismatch != null) mismatches.add(mismatch);
            }
            System.out.printf("H2DifferentialIT: loaded in %d ms, %d queries in %d ms%n",
                    (t1 - t0) / 1_000_000, ran, (System.nanoTime() - t1) / 1_000_000);
            for (String sql : RandomData.dropTables()) run(session, h2s, sql);
        }
        assertTrue(mismatches.isEmpty(), () -> "seed " + seed + ": " + mismatches.size() + " mismatch(es)\n\n"
                + String.join("\n\n", mismatches));
    }

    private static void run(Session session, Statement h2s, String sql) throws SQLException {
        session.execute(sql, List.of());
        h2s.execute(sql);
    }

    /** The difference between the engines' answers to {@code q}, or null. */
    private static String compare(Session session, Statement h2s, RandomQueries.Query q) throws SQLException {
        List<String> expected;
        try (ResultSet rs = h2s.executeQuery(q.sql())) {
            expected = ResultRows.of(rs);
        }
        List<String> actual;
        try {
            StatementResult.Rows rows = (StatementResult.Rows) session.execute(q.sql(), List.of());
            try (RowCursor cursor = rows.cursor()) {
                actual = ResultRows.of(cursor.toList());
            }
        } catch (ShardSqlException | ClassCastException e) {
            actual = List.of("error " + (e instanceof ShardSqlException s ? s.code().sqlState() + ": " : "") + e.getMessage());
        }
        if (!q.ordered()) {
            expected = new ArrayList<>(expected);
            actual = new ArrayList<>(actual);
            expected.sort(null);
            actual.sort(null);
        }
        if (expected.equals(actual)) return null;
        return "query: " + q.sql() + "\n--- H2 (" + expected.size() + " rows):\n" + String.join("\n", expected)
                + "\n--- ShardSQL (" + actual.size() + " rows):\n" + String.join("\n", actual);
    }
}
