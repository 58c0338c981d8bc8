package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * FOREIGN KEYs through the driver on a three-node, four-shard cluster: the race their design is for (a child
 * insert and a delete of its parent on two connections never both commit), ON DELETE CASCADE and SET NULL over
 * rows on every shard, a JDBC batch with one orphan writes nothing, and constraints made on one node hold on
 * the others. Every form and error of the SQL is in {@code sql/foreign_keys.test}.
 */
@Timeout(300)
class ForeignKeysIT {
    private static final int RACES = 30;
    private static MiniCluster cluster;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(4).set("txn.lock-wait-timeout", "20s").start();
        cluster.awaitReady();
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        if (pool != null) pool.shutdownNow();
        if (cluster != null) cluster.close();
    }

    private static Connection connect(int node) throws SQLException {
        return DriverManager.getConnection("jdbc:shardsql://127.0.0.1:" + cluster.config(node).self().sqlPort() + "/",
                "admin", MiniCluster.ADMIN_PASSWORD);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Both transactions take their snapshots first (so each sees the parent and no child), then one inserts a
     * child and commits while the other deletes the parent and commits, at the same time. Under snapshot
     * isolation alone both would commit and leave an orphan; the parent's row locks make one of them fail.
     */
    @Test
    void aChildInsertAndAParentDeleteNeverBothCommit() throws Exception {
        try (Connection setup = connect(0); Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE fkit_p (id INT PRIMARY KEY)");
            s.execute("CREATE TABLE fkit_c (id INT PRIMARY KEY, p INT REFERENCES fkit_p)");
        }
        int childCommits = 0;
        int parentCommits = 0;
        try (Connection a = connect(1); Statement sa = a.createStatement();
             Connection b = connect(2); Statement sb = b.createStatement();
             Connection check = connect(0); Statement sc = check.createStatement()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            for (int i = 0; i < RACES; i++) {
                sc.executeUpdate("INSERT INTO fkit_p VALUES (" + i + ")");
                assertThat(count(sa, "SELECT count(*) FROM fkit_p WHERE id = " + i)).isEqualTo(1);
                assertThat(count(sb, "SELECT count(*) FROM fkit_c WHERE p = " + i)).isZero();
                CountDownLatch go = new CountDownLatch(1);
                final int n = i;
                CompletableFuture<Boolean> child = CompletableFuture.supplyAsync(() -> commits(go, a,
                        sa, "INSERT INTO fkit_c VALUES (" + n + ", " + n + ")"), pool);
                CompletableFuture<Boolean> parent = CompletableFuture.supplyAsync(() -> commits(go, b,
                        sb, "DELETE FROM fkit_p WHERE id = " + n), pool);
                go.countDown();
                boolean childCommitted = child.get(60, TimeUnit.SECONDS);
                boolean parentCommitted = parent.get(60, TimeUnit.SECONDS);
                assertThat(childCommitted && parentCommitted).as("race %d: both committed", i).isFalse();
                if (childCommitted) childCommits++;
                if (parentCommitted) parentCommits++;
                assertThat(count(sc, "SELECT count(*) FROM fkit_c c WHERE NOT EXISTS"
                        + " (SELECT 1 FROM fkit_p p WHERE p.id = c.p)")).as("orphans after race %d", i).isZero();
            }
            System.out.printf("foreign key races: %d child inserts and %d parent deletes committed of %d each%n",
                    childCommits, parentCommits, RACES);
            assertThat(childCommits + parentCommits).as("some transactions commit").isPositive();
        }
    }

    /** Runs {@code sql} and commits once {@code go} opens; false if either failed (then it rolled back). */
    private static boolean commits(CountDownLatch go, Connection c, Statement s, String sql) {
        try {
            go.await();
            s.executeUpdate(sql);
            c.commit();
            return true;
        } catch (SQLException e) {
            assertThat(e.getSQLState()).as(e.getMessage()).isIn("23503", "40001");
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection reports it on its next statement
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cascadeAndSetNullReachChildrenOnEveryShard() throws SQLException {
        try (Connection c0 = connect(0); Statement s0 = c0.createStatement();
             Connection c1 = connect(1); Statement s1 = c1.createStatement()) {
            s0.execute("CREATE TABLE fkit_wh (w INT PRIMARY KEY)");
            s0.execute("CREATE TABLE fkit_dist (w INT, d INT, PRIMARY KEY (w, d),"
                    + " FOREIGN KEY (w) REFERENCES fkit_wh ON DELETE CASCADE)");
            s0.execute("CREATE TABLE fkit_cust (id INT PRIMARY KEY, w INT, d INT,"
                    + " FOREIGN KEY (w, d) REFERENCES fkit_dist ON DELETE CASCADE)");
            s0.execute("CREATE TABLE fkit_note (id INT PRIMARY KEY, w INT REFERENCES fkit_wh ON DELETE SET NULL)");
            s1.executeUpdate("INSERT INTO fkit_wh VALUES (1), (2)");
            StringBuilder dist = new StringBuilder("INSERT INTO fkit_dist VALUES (1, 0)");
            StringBuilder cust = new StringBuilder("INSERT INTO fkit_cust VALUES (0, 1, 0)");
            StringBuilder note = new StringBuilder("INSERT INTO fkit_note VALUES (0, 1)");
            for (int i = 1; i < 40; i++) {
                dist.append(", (").append(1 + i % 2).append(", ").append(i).append(')');
                cust.append(", (").append(i).append(", ").append(1 + i % 2).append(", ").append(i).append(')');
                note.append(", (").append(i).append(", ").append(1 + i % 2).append(')');
            }
            assertThat(s1.executeUpdate(dist.toString())).isEqualTo(40);
            assertThat(s1.executeUpdate(cust.toString())).isEqualTo(40);
            assertThat(s1.executeUpdate(note.toString())).isEqualTo(40);

            assertThat(s0.executeUpdate("DELETE FROM fkit_wh WHERE w = 1")).isEqualTo(1);
            assertThat(count(s1, "SELECT count(*) FROM fkit_dist")).isEqualTo(20);
            assertThat(count(s1, "SELECT count(*) FROM fkit_dist WHERE w = 1")).isZero();
            assertThat(count(s1, "SELECT count(*) FROM fkit_cust")).isEqualTo(20);
            assertThat(count(s1, "SELECT count(*) FROM fkit_cust WHERE w = 1")).isZero();
            assertThat(count(s1, "SELECT count(*) FROM fkit_note")).isEqualTo(40);
            assertThat(count(s1, "SELECT count(*) FROM fkit_note WHERE w IS NULL")).isEqualTo(20);
            assertThat(count(s1, "SELECT count(*) FROM fkit_note WHERE w = 2")).isEqualTo(20);
        }
    }

    @Test
    void aBatchWithOneOrphanWritesNothing() throws SQLException {
        try (Connection c = connect(1); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE fkit_bp (id INT PRIMARY KEY)");
            s.execute("CREATE TABLE fkit_bc (id INT PRIMARY KEY, p INT REFERENCES fkit_bp)");
            s.executeUpdate("INSERT INTO fkit_bp VALUES (1), (2), (3)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO fkit_bc VALUES (?, ?)")) {
                for (int i = 1; i <= 50; i++) {
                    p.setInt(1, i);
                    p.setInt(2, i == 37 ? 4 : 1 + i % 3);
                    p.addBatch();
                }
                BatchUpdateException e = catchThrowableOfType(p::executeBatch, BatchUpdateException.class);
                assertThat(e.getSQLState()).isEqualTo("23503");
                assertThat(e.getMessage()).contains("fkit_bc_p_fkey").contains("Key (p)=(4)");
            }
            assertThat(count(s, "SELECT count(*) FROM fkit_bc")).isZero();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO fkit_bc VALUES (?, ?)")) {
                for (int i = 1; i <= 50; i++) {
                    p.setInt(1, i);
                    p.setInt(2, 1 + i % 3);
                    p.addBatch();
                }
                assertThat(p.executeBatch()).hasSize(50);
            }
            assertThat(count(s, "SELECT count(*) FROM fkit_bc")).isEqualTo(50);
        }
    }

    @Test
    void databaseMetaDataListsImportedAndExportedKeys() throws SQLException {
        try (Connection c = connect(0); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE fkit_mp (a INT, b INT, u INT UNIQUE, PRIMARY KEY (a, b))");
            s.execute("CREATE TABLE fkit_mc (id INT PRIMARY KEY, x INT, y INT, u INT REFERENCES fkit_mp (u),"
                    + " CONSTRAINT mc_ab FOREIGN KEY (y, x) REFERENCES fkit_mp (b, a) ON DELETE CASCADE)");
            DatabaseMetaData md = c.getMetaData();
            List<String> imported = new ArrayList<>();
            try (ResultSet rs = md.getImportedKeys(null, null, "fkit_mc")) {
                while (rs.next()) {
                    imported.add(rs.getString("FK_NAME") + " " + rs.getString("PKTABLE_NAME") + "."
                            + rs.getString("PKCOLUMN_NAME") + " <- " + rs.getString("FKCOLUMN_NAME") + " #"
                            + rs.getShort("KEY_SEQ") + " del " + rs.getShort("DELETE_RULE") + " upd "
                            + rs.getShort("UPDATE_RULE") + " pk " + rs.getString("PK_NAME"));
                }
            }
            assertThat(imported).containsExactly(
                    "fkit_mc_u_fkey fkit_mp.u <- u #1 del " + DatabaseMetaData.importedKeyNoAction + " upd "
                            + DatabaseMetaData.importedKeyNoAction + " pk fkit_mp_u_key",
                    "mc_ab fkit_mp.b <- y #1 del " + DatabaseMetaData.importedKeyCascade + " upd "
                            + DatabaseMetaData.importedKeyNoAction + " pk fkit_mp_pkey",
                    "mc_ab fkit_mp.a <- x #2 del " + DatabaseMetaData.importedKeyCascade + " upd "
                            + DatabaseMetaData.importedKeyNoAction + " pk fkit_mp_pkey");
            int exported = 0;
            try (ResultSet rs = md.getExportedKeys(null, null, "fkit_mp")) {
                while (rs.next()) {
                    assertThat(rs.getString("FKTABLE_NAME")).isEqualTo("fkit_mc");
                    exported++;
                }
            }
            assertThat(exported).isEqualTo(3);
            try (ResultSet rs = md.getCrossReference(null, null, "fkit_mp", null, null, "fkit_mc")) {
                int n = 0;
                while (rs.next()) n++;
                assertThat(n).isEqualTo(3);
            }
            try (ResultSet rs = md.getCrossReference(null, null, "fkit_mc", null, null, "fkit_mp")) {
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aConstraintMadeOnOneNodeHoldsOnTheOthers() throws SQLException {
        try (Connection c0 = connect(0); Statement s0 = c0.createStatement();
             Connection c2 = connect(2); Statement s2 = c2.createStatement()) {
            s0.execute("CREATE TABLE fkit_np (id INT PRIMARY KEY)");
            s0.execute("CREATE TABLE fkit_nc (id INT PRIMARY KEY, p INT)");
            s0.executeUpdate("INSERT INTO fkit_np VALUES (1)");
            s0.execute("ALTER TABLE fkit_nc ADD CONSTRAINT nc_p FOREIGN KEY (p) REFERENCES fkit_np");
            SQLException e = catchThrowableOfType(() -> s2.executeUpdate("INSERT INTO fkit_nc VALUES (1, 2)"),
                    SQLException.class);
            assertThat((Throwable) e).isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThat(e.getSQLState()).isEqualTo("23503");
            assertThat(e.getMessage()).contains("\"nc_p\"");
            assertThat(s2.executeUpdate("INSERT INTO fkit_nc VALUES (1, 1)")).isEqualTo(1);
            SQLException delete = catchThrowableOfType(() -> s0.executeUpdate("DELETE FROM fkit_np"),
                    SQLException.class);
            assertThat(delete.getSQLState()).isEqualTo("23503");
            s2.execute("ALTER TABLE fkit_nc DROP CONSTRAINT nc_p");
            assertThat(s0.executeUpdate("DELETE FROM fkit_np")).isEqualTo(1);
        }
    }
}
