package io.shardsql.testkit.jdbc;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement that scans the transaction's own writes while the transaction writes (issue 17, hole 2),
 * through the driver: a {@code DELETE} that writes as it reads, and an open cursor (fetch size 2) followed
 * by writes of the same transaction. Each statement sees the rows as they were when it started.
 */
@Timeout(180)
class ScanWhileWritingIT {
    private static MiniCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(2).start();
        cluster.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }

    @Test
    void aDeleteOverStoredAndOwnRowsRemovesEachOnce() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sw_del (id INT PRIMARY KEY, v INT)");
            s.execute("CREATE INDEX sw_del_v ON sw_del (v)");
            s.executeUpdate("INSERT INTO sw_del VALUES (1, 10), (3, 30), (5, 50), (7, 70), (20, 200)");
            c.setAutoCommit(false);
            assertThat(s.executeUpdate("INSERT INTO sw_del VALUES (2, 20)")).isEqualTo(1);
            assertThat(s.executeUpdate("INSERT INTO sw_del VALUES (4, 40), (6, 60), (8, 80)")).isEqualTo(3);
            assertThat(s.executeUpdate("DELETE FROM sw_del WHERE id < 10")).isEqualTo(8);
            assertThat(ids(s, "SELECT id FROM sw_del ORDER BY id")).containsExactly(20);
            c.commit();
            c.setAutoCommit(true);
            assertThat(ids(s, "SELECT id FROM sw_del WHERE v < 1000 ORDER BY id")).containsExactly(20);
        }
    }

    @Test
    void anOpenCursorKeepsTheRowsOfItsStatementWhileTheTransactionWrites() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); Statement w = c.createStatement()) {
            s.execute("CREATE TABLE sw_cur (id INT PRIMARY KEY, v INT)");
            s.executeUpdate("INSERT INTO sw_cur VALUES (1, 1), (3, 3), (5, 5), (7, 7), (9, 9)");
            c.setAutoCommit(false);
            w.executeUpdate("INSERT INTO sw_cur VALUES (2, 2), (4, 4), (6, 6), (8, 8)");
            s.setFetchSize(2);
            List<String> seen = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id, v FROM sw_cur")) {
                assertThat(rs.next()).isTrue();
                seen.add(rs.getInt(1) + "=" + rs.getInt(2));
                // later statements of the transaction delete, update and add rows the cursor has not reached
                assertThat(w.executeUpdate("DELETE FROM sw_cur WHERE id BETWEEN 3 AND 4")).isEqualTo(2);
                assertThat(w.executeUpdate("UPDATE sw_cur SET v = v * 100 WHERE id >= 5")).isEqualTo(5);
                assertThat(w.executeUpdate("INSERT INTO sw_cur VALUES (10, 10), (55, 55)")).isEqualTo(2);
                while (rs.next()) seen.add(rs.getInt(1) + "=" + rs.getInt(2));
            }
            assertThat(seen).containsExactly("1=1", "2=2", "3=3", "4=4", "5=5", "6=6", "7=7", "8=8", "9=9");
            assertThat(ids(w, "SELECT id FROM sw_cur ORDER BY id")).containsExactly(1, 2, 5, 6, 7, 8, 9, 10, 55);
            c.commit();
        }
    }

    private static List<Integer> ids(Statement s, String sql) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }
}
