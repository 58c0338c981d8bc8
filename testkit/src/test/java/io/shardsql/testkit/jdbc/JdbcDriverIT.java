package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver's features against a three-node cluster, over real sockets. */
@Timeout(300)
class JdbcDriverIT {
    static MiniCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(2).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }

    /** A URL naming only node {@code i}. */
    static String urlOf(int i) {
        return "jdbc:shardsql://127.0.0.1:" + cluster.config(i).self().sqlPort() + "/";
    }

    @Test
    void everySqlTypeGoesInAndComesBackWithItsSetterAndGetter() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE types_t (id INT PRIMARY KEY, b BOOLEAN, sm SMALLINT, bi BIGINT, r REAL, d DOUBLE, "
                    + "n DECIMAL(12, 3), v VARCHAR(20), bin VARBINARY(8), dt DATE, tm TIME, ts TIMESTAMP)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO types_t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setInt(1, 1);
                p.setBoolean(2, true);
                p.setShort(3, (short) -7);
                p.setLong(4, Long.MAX_VALUE);
                p.setFloat(5, 1.5f);
                p.setDouble(6, -2.25);
                p.setBigDecimal(7, new BigDecimal("123456789.125"));
                p.setString(8, "héllo");
                p.setBytes(9, new byte[] {1, 2, (byte) 0xFF});
                p.setDate(10, java.sql.Date.valueOf("2026-11-25"));
                p.setTime(11, java.sql.Time.valueOf("13:45:07"));
                p.setTimestamp(12, java.sql.Timestamp.valueOf("2026-11-25 13:45:07.123"));
                assertThat(p.executeUpdate()).isEqualTo(1);
                p.setInt(1, 2);
                for (int i = 2; i <= 12; i++) p.setNull(i, Types.NULL);
                assertThat(p.executeUpdate()).isEqualTo(1);
                p.setObject(1, 3);
                p.setObject(2, false);
                p.setObject(3, (short) 1);
                p.setObject(4, 5L);
                p.setObject(5, 0.25f);
                p.setObject(6, 0.5d);
                p.setObject(7, "1.5", Types.DECIMAL);
                p.setObject(8, "x");
                p.setObject(9, new byte[0]);
                p.setObject(10, LocalDate.of(2000, 2, 29));
                p.setObject(11, LocalTime.of(23, 59, 59));
                p.setObject(12, LocalDateTime.of(1999, 12, 31, 23, 59, 59));
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM types_t ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean("b")).isTrue();
                assertThat(rs.getShort("sm")).isEqualTo((short) -7);
                assertThat(rs.getLong("bi")).isEqualTo(Long.MAX_VALUE);
                assertThat(rs.getFloat("r")).isEqualTo(1.5f);
                assertThat(rs.getDouble("d")).isEqualTo(-2.25);
                assertThat(rs.getBigDecimal("n")).isEqualByComparingTo("123456789.125");
                assertThat(rs.getString("v")).isEqualTo("héllo");
                assertThat(rs.getBytes("bin")).containsExactly(1, 2, 0xFF);
                assertThat(rs.getDate("dt")).isEqualTo(java.sql.Date.valueOf("2026-11-25"));
                assertThat(rs.getTime("tm")).isEqualTo(java.sql.Time.valueOf("13:45:07"));
                assertThat(rs.getTimestamp("ts")).isEqualTo(java.sql.Timestamp.valueOf("2026-11-25 13:45:07.123"));
                assertThat(rs.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(2026, 11, 25));
                assertThat(rs.getString("n")).isEqualTo("123456789.125");
                assertThat(rs.getInt("sm")).isEqualTo(-7);

                assertThat(rs.next()).isTrue();
                for (int i = 2; i <= 12; i++) {
                    assertThat(rs.getObject(i)).isNull();
                    assertThat(rs.wasNull()).isTrue();
                }
                assertThat(rs.getInt("sm")).isZero();
                assertThat(rs.wasNull()).isTrue();

                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(LocalDateTime.of(1999, 12, 31, 23, 59, 59));
                assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 59));
                assertThat(rs.getBytes("bin")).isEmpty();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void metadataDescribesResultsParametersAndTheSchema() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta_t (id BIGINT PRIMARY KEY, name VARCHAR(30) NOT NULL, price DECIMAL(8, 2))");
            s.execute("CREATE UNIQUE INDEX meta_name ON meta_t (name)");
            try (PreparedStatement p = c.prepareStatement("SELECT id, name, price FROM meta_t WHERE id = ? AND name = ?")) {
                ResultSetMetaData md = p.getMetaData();
                assertThat(md.getColumnCount()).isEqualTo(3);
                assertThat(md.getColumnLabel(2)).isEqualTo("name");
                assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
                assertThat(md.getColumnType(3)).isEqualTo(Types.DECIMAL);
                assertThat(md.getScale(3)).isEqualTo(2);
                ParameterMetaData pm = p.getParameterMetaData();
                assertThat(pm.getParameterCount()).isEqualTo(2);
                assertThat(pm.getParameterType(1)).isEqualTo(Types.BIGINT);
                assertThat(pm.getParameterType(2)).isEqualTo(Types.VARCHAR);
            }
            DatabaseMetaData db = c.getMetaData();
            assertThat(db.getDatabaseProductName()).isEqualTo("ShardSQL");
            assertThat(db.getIdentifierQuoteString()).isEqualTo("\"");
            assertThat(db.storesLowerCaseIdentifiers()).isTrue();
            assertThat(db.supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)).isTrue();
            try (ResultSet rs = db.getTables(null, null, "meta_t", new String[] {"TABLE"})) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_NAME")).isEqualTo("meta_t");
                assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
                assertThat(rs.next()).isFalse();
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = db.getColumns(null, null, "meta_t", "%")) {
                while (rs.next()) columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getInt("NULLABLE"));
            }
            assertThat(columns).containsExactly("id:" + Types.BIGINT + ":0", "name:" + Types.VARCHAR + ":0", "price:" + Types.DECIMAL + ":1");
            try (ResultSet rs = db.getPrimaryKeys(null, null, "meta_t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
                assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 1);
            }
            s.execute("CREATE VIEW meta_v AS SELECT id FROM meta_t");
            s.execute("CREATE INDEX meta_desc ON meta_t (price DESC, id)");
            try (ResultSet rs = db.getTables(null, "public", "meta_%", null)) {
                List<String> found = new ArrayList<>();
                while (rs.next()) found.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
                assertThat(found).contains("meta_t:TABLE", "meta_v:VIEW");
            }
            try (ResultSet rs = db.getTables(null, null, "meta_v", new String[] {"TABLE"})) {
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = db.getTables(null, null, "meta_%", new String[] {"VIEW"})) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_NAME")).isEqualTo("meta_v");
                assertThat(rs.next()).isFalse();
            }
            List<String> order = new ArrayList<>();
            try (ResultSet rs = db.getIndexInfo(null, null, "meta_t", false, false)) {
                while (rs.next()) {
                    if ("meta_desc".equals(rs.getString("INDEX_NAME"))) {
                        order.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("ASC_OR_DESC"));
                    }
                }
            }
            assertThat(order).containsExactly("price:D", "id:A");
            s.execute("DROP VIEW meta_v");
            s.execute("DROP INDEX meta_desc");
            boolean sawUnique = false;
            try (ResultSet rs = db.getIndexInfo(null, null, "meta_t", true, false)) {
                while (rs.next()) sawUnique |= "meta_name".equals(rs.getString("INDEX_NAME")) && !rs.getBoolean("NON_UNIQUE");
            }
            assertThat(sawUnique).isTrue();
            try (ResultSet rs = db.getTypeInfo()) {
                List<String> types = new ArrayList<>();
                while (rs.next()) types.add(rs.getString("TYPE_NAME"));
                assertThat(types).contains("INTEGER", "VARCHAR", "DECIMAL", "TIMESTAMP");
            }
            try (ResultSet rs = db.getSchemas()) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void transactionsCommitRollBackAndReportTheRealIsolationLevel() throws SQLException {
        try (Connection a = connect(); Connection b = connect(); Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE acct_t (id INT PRIMARY KEY, v INT)");
            a.setAutoCommit(false);
            a.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(a.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            sa.executeUpdate("INSERT INTO acct_t VALUES (1, 1), (2, 2)");
            assertThat(count(sb, "acct_t")).isZero();
            a.commit();
            assertThat(count(sb, "acct_t")).isEqualTo(2);
            sa.executeUpdate("DELETE FROM acct_t");
            a.rollback();
            assertThat(count(sb, "acct_t")).isEqualTo(2);

            // Two transactions write the same row: the second committer gets 40001 as SQLTransactionRollbackException.
            b.setAutoCommit(false);
            sa.executeUpdate("UPDATE acct_t SET v = 10 WHERE id = 1");
            SQLException conflict = null;
            try {
                sb.executeUpdate("UPDATE acct_t SET v = 20 WHERE id = 1");
                a.commit();
                b.commit();
            } catch (SQLException e) {
                conflict = e;
            }
            assertThat((Throwable) conflict).isInstanceOf(SQLTransactionRollbackException.class);
            assertThat(conflict.getSQLState()).isEqualTo("40001");
            assertThat(conflict.getErrorCode()).isZero();
            a.rollback();
            b.rollback();

            a.setReadOnly(true);
            assertThat(a.isReadOnly()).isTrue();
            assertThatThrownBy(() -> sa.executeUpdate("INSERT INTO acct_t VALUES (3, 3)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            a.rollback();
            a.setReadOnly(false);
            a.setAutoCommit(true);
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void errorsCarryTheirSqlStateAndTheConnectionStaysUsable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("SELEC 1")).isInstanceOfSatisfying(SQLSyntaxErrorException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("42601"));
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            s.execute("CREATE TABLE err_t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO err_t VALUES (1)");
            assertThatThrownBy(() -> s.execute("INSERT INTO err_t VALUES (1)"))
                    .isInstanceOfSatisfying(SQLIntegrityConstraintViolationException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("23505");
                        assertThat(e.getErrorCode()).isEqualTo(5011);
                    });
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void batchesRunInOneRoundTripAndFailAsABatchUpdateException() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch_jt (id INT PRIMARY KEY, v VARCHAR(10))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO batch_jt VALUES (?, ?)")) {
                for (int i = 0; i < 500; i++) {
                    p.setInt(1, i);
                    p.setString(2, "v" + i);
                    p.addBatch();
                }
                int[] counts = p.executeBatch();
                assertThat(counts).hasSize(500).containsOnly(1);
                p.setInt(1, 1000);
                p.setString(2, "ok");
                p.addBatch();
                p.setInt(1, 1);
                p.setString(2, "dup");
                p.addBatch();
                assertThatThrownBy(p::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            }
            assertThat(count(s, "batch_jt")).isEqualTo(500); // the failed batch left nothing (autocommit: one transaction)
            assertThat(s.executeLargeUpdate("UPDATE batch_jt SET v = 'x'")).isEqualTo(500L);
            s.addBatch("DELETE FROM batch_jt WHERE id < 10");
            s.addBatch("DELETE FROM batch_jt WHERE id < 20");
            assertThat(s.executeBatch()).containsExactly(10, 10);
        }
    }

    @Test
    void aBatchInsideATransactionReportsTheSetsBeforeTheFailingOneAndFailsTheTransaction() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch_tx (id INT PRIMARY KEY, v VARCHAR(10))");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO batch_tx VALUES (?, ?)")) {
                for (int i = 0; i < 50; i++) {
                    p.setInt(1, i);
                    p.setString(2, "a" + i);
                    p.addBatch();
                }
                assertThat(p.executeBatch()).hasSize(50).containsOnly(1);
                // rows held back by the batch are visible to the transaction's next statement
                assertThat(count(s, "batch_tx")).isEqualTo(50);
                for (int i = 100; i < 107; i++) {
                    p.setInt(1, i == 103 ? 7 : i); // set 3 repeats a key of the first batch
                    p.setString(2, "b" + i);
                    p.addBatch();
                }
                assertThatThrownBy(p::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("23505");
                    assertThat(e.getUpdateCounts()).containsExactly(1, 1, 1);
                });
            }
            assertThatThrownBy(() -> count(s, "batch_tx")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            c.rollback();
            c.setAutoCommit(true);
            assertThat(count(s, "batch_tx")).isZero();
        }
    }

    @Test
    void resultsStreamByFetchSizeAndStopAtMaxRows() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE fetch_t (id INT PRIMARY KEY)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO fetch_t VALUES (?)")) {
                for (int i = 0; i < 1000; i++) {
                    p.setInt(1, i);
                    p.addBatch();
                }
                p.executeBatch();
            }
            s.setFetchSize(37);
            int n = 0;
            try (ResultSet rs = s.executeQuery("SELECT id FROM fetch_t ORDER BY id")) {
                while (rs.next()) assertThat(rs.getInt(1)).isEqualTo(n++);
            }
            assertThat(n).isEqualTo(1000);
            s.setMaxRows(10);
            n = 0;
            try (ResultSet rs = s.executeQuery("SELECT id FROM fetch_t")) {
                while (rs.next()) n++;
            }
            assertThat(n).isEqualTo(10);
            s.setMaxRows(0);
            // Closing a result early frees its cursor: many early closes do not hit the cursor limit.
            for (int i = 0; i < 100; i++) {
                try (ResultSet rs = s.executeQuery("SELECT id FROM fetch_t")) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
    }

    private static void createSlowTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS slow_jt (id INT PRIMARY KEY)");
            try (PreparedStatement p = c.prepareStatement("UPSERT INTO slow_jt VALUES (?)")) {
                for (int i = 0; i < 120; i++) {
                    p.setInt(1, i);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    private static final String SLOW_QUERY = "SELECT count(*) FROM slow_jt a, slow_jt b, slow_jt c, slow_jt d";

    @Test
    void aQueryTimeoutEndsTheStatementWith57014() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            createSlowTable(c);
            s.setQueryTimeout(1);
            assertThatThrownBy(() -> s.executeQuery(SLOW_QUERY)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            s.setQueryTimeout(0);
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void cancelFromAnotherThreadEndsTheRunningQuery() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            createSlowTable(c);
            CompletableFuture<SQLException> run = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = s.executeQuery(SLOW_QUERY)) {
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
                s.cancel();
                return run.isDone();
            });
            SQLException cancelled = run.get(1, TimeUnit.SECONDS);
            assertThat((Throwable) cancelled).isNotNull();
            assertThat(cancelled.getSQLState()).isEqualTo("57014");
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void theDriverFailsOverToTheNextHostAndReports08006WhenItsNodeDies() throws SQLException {
        // A URL whose first host listens nowhere: the driver goes on to the second.
        String url = "jdbc:shardsql://127.0.0.1:1," + urlOf(2).substring("jdbc:shardsql://".length());
        try (Connection c = DriverManager.getConnection(url, "admin", MiniCluster.ADMIN_PASSWORD)) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shardsql://127.0.0.1:1/", "admin", "x"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
        assertThatThrownBy(() -> DriverManager.getConnection(urlOf(0), "admin", "wrong"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));

        Connection onNode3 = DriverManager.getConnection(urlOf(2), "admin", MiniCluster.ADMIN_PASSWORD);
        try {
            cluster.stopNode(2);
            assertThat(onNode3.isValid(5)).isFalse();
            assertThatThrownBy(() -> onNode3.createStatement().executeQuery("SELECT 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08006"));
        } finally {
            onNode3.close();
            cluster.startNode(2);
        }
        try (Connection c = DriverManager.getConnection(url, "admin", MiniCluster.ADMIN_PASSWORD)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
