package io.shardsql.testkit.sql;

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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Statements as ORMs and tools send them (issue 19, "Big statements"): a 5,000-row multi-row VALUES and
 * IN lists of 100,000 values run (their rows are stashed beside the compiled plan, not compiled into it:
 * {@code StashedValues}); nesting thousands deep fails with 54001 and a short message; no error carries
 * generated code.
 */
@Timeout(300)
class BigStatementsIT {
    private static MiniCluster cluster;

    @BeforeAll
    static void start() throws SQLException {
        cluster = MiniCluster.builder().nodes(1).replication(1).shards(2).start();
        cluster.awaitReady();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bs_t (id INT PRIMARY KEY, v INT, name VARCHAR(20), d DATE, x DECIMAL(10, 2))");
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void aFiveThousandRowValuesInsertsEveryRow() throws Exception {
        String rows = IntStream.range(0, 5000)
                .mapToObj(i -> "(" + i + ", " + (i % 100) + ", 'n" + i + "', DATE '2026-01-01', " + i + ".25)")
                .collect(Collectors.joining(", "));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO bs_t VALUES " + rows)).isEqualTo(5000);
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(v), min(name), max(x), min(d) FROM bs_t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(5000);
                assertThat(rs.getLong(2)).isEqualTo(50L * 99 * 50);
                assertThat(rs.getString(3)).isEqualTo("n0");
                assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("4999.25");
                assertThat(rs.getDate(5).toString()).isEqualTo("2026-01-01");
            }
            String values = IntStream.range(0, 500).mapToObj(i -> "(" + i + ", 'a')")
                    .collect(Collectors.joining(", "));
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM (VALUES " + values + ") AS t (a, b) WHERE a >= 250")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(250);
            }
        }
    }

    @Test
    void inListsOfAHundredThousandValuesRun() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bs_in (id INT PRIMARY KEY, v INT)");
            s.executeUpdate("INSERT INTO bs_in VALUES " + IntStream.range(0, 1000)
                    .mapToObj(i -> "(" + i + ", " + i + ")").collect(Collectors.joining(", ")));
            String list = IntStream.range(0, 100_000).mapToObj(i -> String.valueOf(i * 2))
                    .collect(Collectors.joining(", "));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM bs_in WHERE id IN (" + list + ")")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(500);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM bs_in WHERE v IN (" + list + ")")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(500);
            }
        }
    }

    @Test
    void nestingThousandsDeepIs54001WithAShortMessage() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            String deep = "SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000);
            SQLException e = catchThrowableOfType(() -> s.executeQuery(deep).close(), SQLException.class);
            assertThat(e.getSQLState()).isEqualTo("54001");
            assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("public ");
            try (ResultSet rs = s.executeQuery("SELECT " + "(".repeat(200) + "1" + ")".repeat(200))) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }
}
