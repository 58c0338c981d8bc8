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
 * Autocommit INSERTs that do not read their keys (issue 21, bulk load): a batch ({@code executeBatch}) or a
 * multi-row {@code INSERT ... VALUES} in autocommit writes its rows as inserts, and the shards check when the
 * commit prepares that no key is taken. A taken key anywhere — a stored row, a stored unique value, or a key
 * repeated inside the batch — fails the whole batch or statement with 23505, the message naming the row, and
 * nothing of it is written; a deleted row's key is free again. Three nodes, four shards, so a batch spans
 * every shard and commits in two phases.
 */
@Timeout(180)
class BulkInsertIT {
    private static final int ROWS = 200;
    private static MiniCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(4).start();
        cluster.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void aBatchWithATakenKeyInTheMiddleFailsWholeWithNothingWritten() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bi_pk (id BIGINT PRIMARY KEY, v VARCHAR(20))");
            s.execute("INSERT INTO bi_pk VALUES (1000150, 'stored')");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bi_pk VALUES (?, ?)")) {
                for (long id = 1_000_000; id < 1_000_000 + ROWS; id++) add(p, id, "new");
                BatchUpdateException e = catchThrowableOfType(p::executeBatch, BatchUpdateException.class);
                assertThat(e.getSQLState()).isEqualTo("23505");
                assertThat(e.getMessage()).contains("bi_pk").contains("(id)=(1000150) already exists");
            }
            assertThat(rows(s, "SELECT id, v FROM bi_pk")).containsExactly("1000150,stored");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bi_pk VALUES (?, ?)")) {
                for (long id = 1; id <= ROWS; id++) add(p, id, "ok" + id);
                assertThat(p.executeBatch()).hasSize(ROWS).containsOnly(1);
            }
            assertThat(count(s, "bi_pk")).isEqualTo(ROWS + 1);
            assertThat(rows(s, "SELECT v FROM bi_pk WHERE id = 77")).containsExactly("ok77");
        }
    }

    @Test
    void aKeyRepeatedInsideABatchFailsItBeforeTheCommit() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bi_rep (id INT PRIMARY KEY, v VARCHAR(20))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bi_rep VALUES (?, ?)")) {
                for (int id = 0; id < 50; id++) add(p, id, "a");
                add(p, 20, "again");
                for (int id = 50; id < 60; id++) add(p, id, "b");
                BatchUpdateException e = catchThrowableOfType(p::executeBatch, BatchUpdateException.class);
                assertThat(e.getSQLState()).isEqualTo("23505");
                assertThat(e.getMessage()).contains("(id)=(20) already exists");
                assertThat(e.getUpdateCounts()).isEmpty(); // autocommit: nothing of the batch was applied
            }
            assertThat(count(s, "bi_rep")).isZero();
        }
    }

    @Test
    void aTakenUniqueValueFailsTheBatchNamingTheIndex() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bi_uq (id INT PRIMARY KEY, email VARCHAR(40), tag VARCHAR(10))");
            s.execute("CREATE UNIQUE INDEX bi_uq_email ON bi_uq (email)");
            s.execute("CREATE INDEX bi_uq_tag ON bi_uq (tag)");
            s.execute("INSERT INTO bi_uq VALUES (1, 'taken@x', 't')");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bi_uq VALUES (?, ?, ?)")) {
                for (int id = 10; id < 40; id++) {
                    p.setInt(1, id);
                    p.setString(2, id == 25 ? "taken@x" : "u" + id + "@x");
                    p.setString(3, "t");
                    p.addBatch();
                }
                BatchUpdateException e = catchThrowableOfType(p::executeBatch, BatchUpdateException.class);
                assertThat(e.getSQLState()).isEqualTo("23505");
                assertThat(e.getMessage()).contains("bi_uq_email").contains("(email)=(taken@x) already exists");
            }
            assertThat(count(s, "bi_uq")).isEqualTo(1);
            assertThat(rows(s, "SELECT id FROM bi_uq WHERE tag = 't'")).containsExactly("1");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bi_uq VALUES (?, ?, ?)")) {
                for (int id = 10; id < 40; id++) {
                    p.setInt(1, id);
                    p.setString(2, id % 2 == 0 ? null : "u" + id + "@x"); // NULLs never collide
                    p.setString(3, "t");
                    p.addBatch();
                }
                assertThat(p.executeBatch()).hasSize(30).containsOnly(1);
            }
            assertThat(count(s, "bi_uq")).isEqualTo(31);
            assertThat(rows(s, "SELECT id FROM bi_uq WHERE email = 'u13@x'")).containsExactly("13");
        }
    }

    @Test
    void aMultiRowInsertWithATakenKeyInTheMiddleWritesNothing() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bi_multi (id INT PRIMARY KEY, v VARCHAR(20))");
            s.execute("INSERT INTO bi_multi VALUES (55, 'stored')");
            SQLException e = catchThrowableOfType(() -> s.executeUpdate(valuesFor(0, 100, "bi_multi")),
                    SQLException.class);
            assertThat(e.getSQLState()).isEqualTo("23505");
            assertThat(e.getMessage()).contains("(id)=(55) already exists");
            assertThat(count(s, "bi_multi")).isEqualTo(1);
            assertThat(s.executeUpdate(valuesFor(100, 200, "bi_multi"))).isEqualTo(100);
            assertThat(count(s, "bi_multi")).isEqualTo(101);
            SQLException single = catchThrowableOfType(() -> s.executeUpdate("INSERT INTO bi_multi VALUES (150, 'x')"),
                    SQLException.class);
            assertThat(single.getSQLState()).isEqualTo("23505");
            assertThat(single.getMessage()).contains("(id)=(150) already exists");
            assertThat(rows(s, "SELECT v FROM bi_multi WHERE id = 150")).containsExactly("r150");
        }
    }

    @Test
    void aRowBreakingACheckInTheMiddleOfABatchOrAMultiRowInsertWritesNothing() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bi_chk (id INT PRIMARY KEY, n INT CHECK (n >= 0))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bi_chk VALUES (?, ?)")) {
                for (int id = 0; id < 40; id++) {
                    p.setInt(1, id);
                    p.setInt(2, id == 20 ? -1 : id);
                    p.addBatch();
                }
                BatchUpdateException e = catchThrowableOfType(p::executeBatch, BatchUpdateException.class);
                assertThat(e.getSQLState()).isEqualTo("23514");
            }
            SQLException e = catchThrowableOfType(
                    () -> s.executeUpdate("INSERT INTO bi_chk VALUES (1, 1), (2, -2), (3, 3)"), SQLException.class);
            assertThat(e.getSQLState()).isEqualTo("23514");
            assertThat(count(s, "bi_chk")).isZero();
        }
    }

    @Test
    void aDeletedRowsKeyCanBeInsertedAgain() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bi_del (id INT PRIMARY KEY, v VARCHAR(20))");
            assertThat(s.executeUpdate(valuesFor(0, 50, "bi_del"))).isEqualTo(50);
            assertThat(s.executeUpdate("DELETE FROM bi_del WHERE id < 25")).isEqualTo(25);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bi_del VALUES (?, ?)")) {
                for (int id = 0; id < 25; id++) add(p, id, "back");
                assertThat(p.executeBatch()).hasSize(25).containsOnly(1);
            }
            assertThat(count(s, "bi_del")).isEqualTo(50);
            assertThat(rows(s, "SELECT v FROM bi_del WHERE id = 3")).containsExactly("back");
        }
    }

    @Test
    void insideATransactionABatchStillFailsAtTheStatementAndTheRowsBeforeCount() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bi_tx (id INT PRIMARY KEY, v VARCHAR(20))");
            s.execute("INSERT INTO bi_tx VALUES (5, 'stored')");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bi_tx VALUES (?, ?)")) {
                for (int id = 0; id < 10; id++) add(p, id, "t");
                BatchUpdateException e = catchThrowableOfType(p::executeBatch, BatchUpdateException.class);
                assertThat(e.getSQLState()).isEqualTo("23505");
                assertThat(e.getUpdateCounts()).containsExactly(1, 1, 1, 1, 1);
            }
            c.rollback();
            c.setAutoCommit(true);
            assertThat(rows(s, "SELECT id FROM bi_tx")).containsExactly("5");
        }
    }

    private static String valuesFor(int from, int to, String table) {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int id = from; id < to; id++) sql.append(id == from ? "" : ", ").append("(").append(id).append(", 'r")
                .append(id).append("')");
        return sql.toString();
    }

    private static void add(PreparedStatement p, long id, String v) throws SQLException {
        p.setLong(1, id);
        p.setString(2, v);
        p.addBatch();
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) row.append(i == 1 ? "" : ",").append(rs.getString(i));
                out.add(row.toString());
            }
        }
        return out;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }
}
