package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code INSERT / UPDATE / DELETE ... RETURNING} over the wire and JDBC's generated keys in all their forms
 * (issue 19, "Keys"): {@code RETURN_GENERATED_KEYS}, column names and column indexes, on a Statement and
 * a PreparedStatement, batches included; with and without a transaction; a failed statement has no
 * keys and changes nothing.
 */
@Timeout(180)
class GeneratedKeysIT {
    private static MiniCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(1).replication(1).shards(2).start();
        cluster.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void returningGivesAResultSetWithAndWithoutATransaction() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gk_r (id SERIAL PRIMARY KEY, name VARCHAR(10), n INT DEFAULT 5)");
            assertThat(s.execute("INSERT INTO gk_r (name) VALUES ('a'), ('b') RETURNING id, n")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("id");
                assertThat(rows(rs)).containsExactly("1,5", "2,5");
            }
            try (ResultSet rs = s.executeQuery("UPDATE gk_r SET n = n + 1 WHERE id = 2 RETURNING *")) {
                assertThat(rows(rs)).containsExactly("2,b,6");
            }
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("DELETE FROM gk_r WHERE id = 1 RETURNING name")) {
                assertThat(rows(rs)).containsExactly("a");
            }
            try (ResultSet rs = s.executeQuery("INSERT INTO gk_r (name) VALUES ('c') RETURNING id")) {
                assertThat(rows(rs)).containsExactly("3");
            }
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT id FROM gk_r ORDER BY id")) {
                assertThat(rows(rs)).containsExactly("1", "2");
            }
        }
    }

    @Test
    void statementsReturnGeneratedKeysInEveryForm() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gk_s (id BIGSERIAL PRIMARY KEY, name VARCHAR(10), created TIMESTAMP DEFAULT now())");
            assertThat(s.executeUpdate("INSERT INTO gk_s (name) VALUES ('a'), ('b')", Statement.RETURN_GENERATED_KEYS))
                    .isEqualTo(2);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.getMetaData().getColumnCount()).isEqualTo(3);
                List<String> ids = new ArrayList<>();
                while (keys.next()) {
                    ids.add(keys.getString("id"));
                    assertThat(keys.getTimestamp("created")).isNotNull();
                }
                assertThat(ids).containsExactly("1", "2");
            }
            assertThat(s.executeUpdate("INSERT INTO gk_s (name) VALUES ('c')", new String[] {"ID"})).isEqualTo(1);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.getMetaData().getColumnCount()).isEqualTo(1);
                assertThat(rows(keys)).containsExactly("3");
            }
            assertThat(s.executeUpdate("INSERT INTO gk_s (name) VALUES ('d');", new int[] {2, 1})).isEqualTo(1);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(rows(keys)).containsExactly("d,4");
            }
            assertThat(s.execute("UPDATE gk_s SET name = 'x' WHERE id <= 2", Statement.RETURN_GENERATED_KEYS))
                    .isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(2);
            assertThat(s.getGeneratedKeys().next()).isTrue();
            // a statement that cannot have keys runs as written and has none
            assertThat(s.executeUpdate("CREATE TABLE gk_other (id INT PRIMARY KEY)", Statement.RETURN_GENERATED_KEYS))
                    .isZero();
            assertThat(s.getGeneratedKeys().next()).isFalse();
            assertThat(s.executeUpdate("INSERT INTO gk_s (name) VALUES ('e')", Statement.NO_GENERATED_KEYS))
                    .isEqualTo(1);
            assertThat(s.getGeneratedKeys().next()).isFalse();
            // a failure has no keys and changes nothing
            SQLException e = catchThrowableOfType(() -> s.executeUpdate("INSERT INTO gk_s (id, name) VALUES (1, 'dup')",
                    Statement.RETURN_GENERATED_KEYS), SQLException.class);
            assertThat(e.getSQLState()).isEqualTo("23505");
            assertThat(s.getGeneratedKeys().next()).isFalse();
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM gk_s")) {
                assertThat(rows(rs)).containsExactly("5");
            }
        }
    }

    @Test
    void preparedStatementsAndBatchesReturnGeneratedKeys() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gk_p (id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name VARCHAR(10))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO gk_p (name) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, "a");
                assertThat(p.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = p.getGeneratedKeys()) {
                    assertThat(rows(keys)).containsExactly("1,a");
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO gk_p (name) VALUES (?)", new String[] {"id"})) {
                for (String n : List.of("b", "c", "d")) {
                    p.setString(1, n);
                    p.addBatch();
                }
                assertThat(p.executeBatch()).containsExactly(1, 1, 1);
                try (ResultSet keys = p.getGeneratedKeys()) {
                    assertThat(rows(keys)).containsExactly("2", "3", "4");
                }
                // a failing set: the counts before it, the keys of those sets, and its own rows not written
                p.setString(1, "e");
                p.addBatch();
                p.setString(1, "far too long a name");
                p.addBatch();
                BatchUpdateException failed = catchThrowableOfType(p::executeBatch, BatchUpdateException.class);
                assertThat(failed.getSQLState()).isEqualTo("22001");
                assertThat(failed.getUpdateCounts()).containsExactly(1);
                try (ResultSet keys = p.getGeneratedKeys()) {
                    assertThat(rows(keys)).containsExactly("5");
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE gk_p SET name = ? WHERE id = ?", new int[] {1})) {
                p.setString(1, "z");
                p.setInt(2, 2);
                assertThat(p.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = p.getGeneratedKeys()) {
                    assertThat(rows(keys)).containsExactly("2");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM gk_p")) {
                assertThat(rows(rs)).containsExactly("5");
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }

    /** Each row as its columns' strings joined by commas. */
    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= n; i++) b.append(i > 1 ? "," : "").append(rs.getString(i));
            out.add(b.toString());
        }
        return out;
    }
}
