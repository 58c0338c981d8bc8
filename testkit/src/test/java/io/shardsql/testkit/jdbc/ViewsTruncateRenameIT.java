package io.shardsql.testkit.jdbc;

import io.shardsql.sql.rows.RowKeys;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Views, TRUNCATE and RENAME (issue 19, "DDL") through the JDBC driver on a real cluster: TRUNCATE of a table
 * whose deletion would not fit the transaction's write buffer (it swaps ids, and the old keys are purged after
 * the commit) while a reader with an older snapshot still sees the rows; who may create, read, replace and
 * drop views, and truncate or rename tables (42501, nothing changed); prepared statements over a view and a
 * renamed column planned again when the catalog changes. The script records (views.test, truncate.test,
 * rename.test) hold the statement-by-statement cases.
 */
@Timeout(300)
class ViewsTruncateRenameIT {
    private static final String PW = "long-enough-1";
    private static final int ROWS = 8000;
    private static MiniCluster cluster;
    private static Connection admin;
    private static TransactionManager raw;

    @BeforeAll
    static void start() throws Exception {
        cluster = MiniCluster.builder().nodes(1).replication(1).shards(2).set("txn.write-buffer-memory", "256k").start();
        cluster.awaitReady();
        admin = connect("admin", MiniCluster.ADMIN_PASSWORD);
        raw = cluster.transactions();
    }

    @AfterAll
    static void stop() throws Exception {
        if (admin != null) admin.close();
        if (cluster != null) cluster.close();
    }

    @Test
    void truncateOfATableLargerThanTheWriteBufferSwapsIdsAndOlderSnapshotsStillSeeTheRows() throws Exception {
        exec(admin, "CREATE TABLE tb (id INT PRIMARY KEY, pad VARCHAR(200), k INT)", "CREATE INDEX tb_k ON tb (k)");
        try (PreparedStatement p = admin.prepareStatement("INSERT INTO tb VALUES (?, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                p.setInt(1, i);
                p.setString(2, "p".repeat(150));
                p.setInt(3, i % 10);
                p.addBatch();
                if (i % 250 == 249) p.executeBatch();
            }
        }
        int tableId = Integer.parseInt(value(admin, "SELECT CAST(table_id AS VARCHAR) FROM sys.tables"
                + " WHERE table_name = 'tb'"));
        assertThat(state(admin, "DELETE FROM tb")).as("deleting every row does not fit 256 KB").isEqualTo("53200");

        try (Connection reader = connect("admin", MiniCluster.ADMIN_PASSWORD)) {
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(value(reader, "SELECT count(*) FROM tb")).isEqualTo(Integer.toString(ROWS));
            assertThat(exec(admin, "TRUNCATE TABLE tb")).isZero();
            assertThat(value(admin, "SELECT count(*) FROM tb")).isEqualTo("0");
            assertThat(value(admin, "SELECT count(*) FROM tb WHERE k = 3")).isEqualTo("0"); // the index is empty
            // a snapshot from before the TRUNCATE still reads the old rows (MVCC keeps them for it)
            assertThat(value(reader, "SELECT count(*) FROM tb WHERE k = 3")).isEqualTo(Integer.toString(ROWS / 10));
            reader.commit();
            assertThat(value(reader, "SELECT count(*) FROM tb")).isEqualTo("0");
        }
        assertThat(value(admin, "SELECT CAST(table_id AS VARCHAR) FROM sys.tables WHERE table_name = 'tb'"))
                .isNotEqualTo(Integer.toString(tableId));
        exec(admin, "INSERT INTO tb VALUES (1, 'again', 3)");
        assertThat(rows(admin, "SELECT pad FROM tb WHERE k = 3")).containsExactly("again");
        // the old id's rows are deleted after the commit, in batches of their own
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> keysUnder(tableId) == 0);
    }

    @Test
    void viewsAreCreatedWithSelectOnTheirTablesAndReadWithSelectOnTheView() throws Exception {
        exec(admin, "CREATE TABLE vp (id INT PRIMARY KEY, secret INT)", "INSERT INTO vp VALUES (1, 10), (2, 20)",
                "CREATE USER vera PASSWORD '" + PW + "'", "CREATE USER victor PASSWORD '" + PW + "'");
        try (Connection vera = connect("vera", PW); Connection victor = connect("victor", PW)) {
            assertThat(state(vera, "CREATE VIEW vv AS SELECT id FROM vp")).isEqualTo("42501"); // no CREATE
            exec(admin, "GRANT CREATE ON DATABASE shardsql TO vera");
            assertThat(state(vera, "CREATE VIEW vv AS SELECT id FROM vp")).isEqualTo("42501"); // no SELECT on vp
            assertThat(state(admin, "SELECT * FROM vv")).isEqualTo("42P01"); // nothing was created
            exec(admin, "GRANT SELECT ON vp TO vera");
            exec(vera, "CREATE VIEW vv AS SELECT id FROM vp WHERE secret > 15");
            assertThat(rows(vera, "SELECT id FROM vv")).containsExactly("2");
            assertThat(state(victor, "SELECT id FROM vv")).isEqualTo("42501");
            exec(vera, "GRANT SELECT ON vv TO victor"); // the creator owns the view
            assertThat(rows(victor, "SELECT id FROM vv")).containsExactly("2"); // vp is read with vera's rights
            assertThat(state(victor, "SELECT id FROM vp")).isEqualTo("42501");
            assertThat(state(victor, "SELECT vv.id FROM vv JOIN vp ON vv.id = vp.id")).isEqualTo("42501");
            assertThat(state(victor, "INSERT INTO vv VALUES (3)")).isEqualTo("0A000");
            assertThat(state(victor, "DROP VIEW vv")).isEqualTo("42501");
            assertThat(state(victor, "ALTER TABLE vv RENAME TO vw")).isEqualTo("42501");
            exec(admin, "GRANT CREATE ON DATABASE shardsql TO victor");
            assertThat(state(victor, "CREATE OR REPLACE VIEW vv AS SELECT id FROM vp")).isEqualTo("42501");
            assertThat(rows(victor, "SELECT id FROM vv")).containsExactly("2"); // unchanged
            // TRUNCATE needs DELETE; RENAME needs the owner
            assertThat(state(victor, "TRUNCATE vp")).isEqualTo("42501");
            assertThat(state(vera, "ALTER TABLE vp RENAME COLUMN secret TO hidden")).isEqualTo("42501");
            assertThat(value(admin, "SELECT count(*) FROM vp")).isEqualTo("2");
            exec(vera, "DROP VIEW vv");
            exec(admin, "GRANT DELETE ON vp TO victor");
            exec(victor, "TRUNCATE vp");
            assertThat(value(admin, "SELECT count(*) FROM vp")).isEqualTo("0");
        }
    }

    @Test
    void preparedStatementsOverViewsAndRenamedColumnsArePlannedAgainWhenTheCatalogChanges() throws Exception {
        exec(admin, "CREATE TABLE pr (id INT PRIMARY KEY, name VARCHAR(10))", "INSERT INTO pr VALUES (1, 'a'), (2, 'b')",
                "CREATE VIEW pr_v (code, label) AS SELECT id, upper(name) FROM pr");
        try (PreparedStatement p = admin.prepareStatement("SELECT label FROM pr_v WHERE code = ?")) {
            assertThat(p.getMetaData().getColumnName(1)).isEqualTo("label");
            p.setInt(1, 2);
            assertThat(firstString(p)).isEqualTo("B");
            exec(admin, "CREATE OR REPLACE VIEW pr_v (code, label) AS SELECT id, lower(name) FROM pr");
            assertThat(firstString(p)).isEqualTo("b");
        }
        exec(admin, "DROP VIEW pr_v");
        try (PreparedStatement p = admin.prepareStatement("SELECT name FROM pr WHERE id = ?")) {
            p.setInt(1, 1);
            assertThat(firstString(p)).isEqualTo("a");
            exec(admin, "ALTER TABLE pr RENAME COLUMN name TO title");
            SQLException e = catchThrowableOfType(() -> firstString(p), SQLException.class);
            assertThat(e.getSQLState()).isEqualTo("42703");
        }
        exec(admin, "ALTER TABLE pr RENAME TO pr2");
        assertThat(rows(admin, "SELECT title FROM pr2 ORDER BY id")).containsExactly("a", "b");
        assertThat(state(admin, "SELECT * FROM pr")).isEqualTo("42P01");
    }

    private static long keysUnder(int tableId) {
        return raw.run(TxnMode.READ_ONLY, 5, tx -> {
            long n = 0;
            for (var it = tx.scan(RowKeys.tableStart(tableId), RowKeys.tableEnd(tableId)); it.hasNext(); it.next()) n++;
            return n;
        });
    }

    private static String firstString(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), user, password);
    }

    /** Runs each statement; returns the last one's update count (-1 for a query). */
    private static int exec(Connection c, String... sqls) throws SQLException {
        int n = -1;
        try (Statement s = c.createStatement()) {
            for (String sql : sqls) {
                if (s.execute(sql)) {
                    try (ResultSet rs = s.getResultSet()) {
                        while (rs.next()) { } // drain
                    }
                    n = -1;
                } else {
                    n = s.getUpdateCount();
                }
            }
        }
        return n;
    }

    private static String value(Connection c, String sql) throws SQLException {
        List<String> out = rows(c, sql);
        assertThat(out).as(sql).hasSize(1);
        return out.get(0);
    }

    private static String state(Connection c, String sql) {
        SQLException e = catchThrowableOfType(() -> exec(c, sql), SQLException.class);
        assertThat((Throwable) e).as(sql).isNotNull();
        return e.getSQLState();
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
