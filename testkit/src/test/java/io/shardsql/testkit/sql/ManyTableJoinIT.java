package io.shardsql.testkit.sql;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Joins of up to 64 ten-row tables through JDBC, as generated queries and test suites write them: listed
 * in FROM with equality conditions in WHERE (a chain and a star), and with JOIN ... ON (inner, and with left
 * joins whose right side is sometimes missing). Each answer is checked against the one computed here. Before
 * heuristic join ordering a 37-table join did not plan in five minutes; the timeout per query is generous.
 * Row {@code i} of table {@code k} holds {@code a = (3i + k) mod 10 + 1} (a permutation of the ids) and
 * {@code b = 100i + k}.
 */
@Timeout(600)
class ManyTableJoinIT {
    private static final int TABLES = 64;
    private static final int ROWS = 10;
    private static final Duration PER_QUERY = Duration.ofSeconds(60);
    private static MiniCluster cluster;
    private static Connection conn;

    @BeforeAll
    static void start() throws Exception {
        cluster = MiniCluster.builder().nodes(3).shards(4).start();
        cluster.awaitReady();
        conn = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
        try (Statement s = conn.createStatement()) {
            for (int k = 1; k <= TABLES; k++) {
                s.execute("CREATE TABLE mj" + k + " (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER)");
                StringJoiner rows = new StringJoiner(", ", "INSERT INTO mj" + k + " VALUES ", "");
                // Even tables lack row 10, so that left joins have something to miss.
                for (int i = 1; i <= (k % 2 == 0 ? ROWS - 1 : ROWS); i++) {
                    rows.add("(" + i + ", " + a(k, i) + ", " + (100 * i + k) + ")");
                }
                s.execute(rows.toString());
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (conn != null) conn.close();
        if (cluster != null) cluster.close();
    }

    private static int a(int k, int i) {
        return (3 * i + k) % ROWS + 1;
    }

    private static boolean present(int k, int i) {
        return k % 2 != 0 || i != ROWS;
    }

    private static List<String> query(String sql) {
        return assertTimeoutPreemptively(PER_QUERY, () -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) rows.add(rs.getInt(1) + "," + rs.getObject(2));
            }
            return rows;
        });
    }

    /** The chain t1.a = t2.id, t2.a = t3.id, ... over n tables: for each row of t1, tN.b or none. */
    private static List<String> expectedChain(int n, boolean left) {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            Integer row = present(1, i) ? i : null;
            if (row == null) continue;
            for (int k = 2; k <= n && row != null; k++) {
                int next = a(k - 1, row);
                row = present(k, next) ? next : null;
            }
            if (row != null) rows.add(i + "," + (100 * row + n));
            else if (left) rows.add(i + ",null");
        }
        return rows;
    }

    @Test
    void chainsListedInFrom() {
        for (int n : new int[] {2, 8, 37, TABLES}) {
            StringJoiner from = new StringJoiner(", ");
            StringJoiner where = new StringJoiner(" AND ");
            for (int k = 1; k <= n; k++) from.add("mj" + k);
            for (int k = 2; k <= n; k++) where.add("mj" + (k - 1) + ".a = mj" + k + ".id");
            assertThat(query("SELECT mj1.id, mj" + n + ".b FROM " + from + " WHERE " + where + " ORDER BY mj1.id"))
                    .as("chain of %d", n).containsExactlyElementsOf(expectedChain(n, false));
        }
    }

    @Test
    void starListedInFrom() {
        StringJoiner from = new StringJoiner(", ");
        StringJoiner where = new StringJoiner(" AND ");
        for (int k = 1; k <= TABLES; k++) from.add("mj" + k);
        for (int k = 2; k <= TABLES; k++) where.add("mj1.id = mj" + k + ".id");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i < ROWS; i++) expected.add(i + "," + (100 * i + TABLES)); // row 10 misses in even tables
        assertThat(query("SELECT mj1.id, mj" + TABLES + ".b FROM " + from + " WHERE " + where + " ORDER BY mj1.id"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void chainsWithJoinOn() {
        for (boolean left : new boolean[] {false, true}) {
            StringBuilder sql = new StringBuilder("SELECT mj1.id, mj" + TABLES + ".b FROM mj1");
            for (int k = 2; k <= TABLES; k++) {
                sql.append(left ? " LEFT JOIN mj" : " JOIN mj").append(k).append(" ON mj").append(k - 1)
                        .append(".a = mj").append(k).append(".id");
            }
            assertThat(query(sql + " ORDER BY mj1.id")).as(left ? "left joins" : "inner joins")
                    .containsExactlyElementsOf(expectedChain(TABLES, left));
        }
    }
}
