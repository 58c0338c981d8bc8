package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code SELECT ... FOR UPDATE / FOR SHARE [NOWAIT | SKIP LOCKED]} through the driver, two or three
 * connections on a three-node cluster: a locked row makes a concurrent UPDATE wait until the locker
 * commits (then the UPDATE applies to the committed row); NOWAIT fails with 55P03 and SKIP LOCKED leaves
 * the row out; shared locks coexist and keep an UPDATE waiting until the last one goes; a row changed after
 * the locker's snapshot cannot be locked (40001); rollback and closing the connection release the locks.
 */
@Timeout(180)
class RowLocksIT {
    /** How long a blocked statement must stay blocked to count as waiting. */
    private static final Duration STAYS_BLOCKED = Duration.ofMillis(700);
    private static MiniCluster cluster;
    private static ExecutorService pool;

    @BeforeAll
    static void start() throws SQLException {
        cluster = MiniCluster.builder().nodes(3).shards(2).set("txn.lock-wait-timeout", "20s").start();
        cluster.awaitReady();
        pool = Executors.newCachedThreadPool();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE rl_t (id INT PRIMARY KEY, v INT)");
            s.executeUpdate("INSERT INTO rl_t VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60), (7, 70),"
                    + " (8, 80), (9, 90)");
        }
    }

    @AfterAll
    static void stop() {
        if (pool != null) pool.shutdownNow();
        if (cluster != null) cluster.close();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }

    @Test
    void forUpdateMakesAConcurrentUpdateWaitUntilTheLockerCommits() throws Exception {
        try (Connection a = connect(); Statement sa = a.createStatement();
             Connection b = connect(); Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            assertThat(ints(sa, "SELECT v FROM rl_t WHERE id = 1 FOR UPDATE")).containsExactly(10);

            CompletableFuture<Integer> update = CompletableFuture.supplyAsync(() -> update(sb,
                    "UPDATE rl_t SET v = v + 1 WHERE id = 1"), pool);
            assertStaysBlocked(update);
            assertThat(sa.executeUpdate("UPDATE rl_t SET v = 100 WHERE id = 1")).isEqualTo(1);
            a.commit();

            assertThat(update.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(ints(sa, "SELECT v FROM rl_t WHERE id = 1")).containsExactly(101); // on the committed row
            a.commit();
        }
    }

    @Test
    void nowaitFailsWith55P03AndSkipLockedLeavesTheLockedRowOut() throws Exception {
        try (Connection a = connect(); Statement sa = a.createStatement();
             Connection b = connect(); Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(ints(sa, "SELECT id FROM rl_t WHERE id = 2 FOR UPDATE")).containsExactly(2);

            SQLException nowait = catchThrowableOfType(SQLException.class,
                    () -> ints(sb, "SELECT id FROM rl_t WHERE id IN (2, 3) FOR UPDATE NOWAIT"));
            assertThat((Throwable) nowait).isNotNull();
            assertThat(nowait.getSQLState()).isEqualTo("55P03");
            b.rollback();
            assertThat(ints(sb, "SELECT id FROM rl_t WHERE id BETWEEN 2 AND 4 ORDER BY id LIMIT 1"
                    + " FOR UPDATE SKIP LOCKED")).containsExactly(3);
            assertThat(ints(sb, "SELECT id FROM rl_t WHERE id BETWEEN 2 AND 4 ORDER BY id FOR SHARE SKIP LOCKED"))
                    .containsExactly(3, 4); // 3 is b's own already
            try (PreparedStatement ps = b.prepareStatement("SELECT id, v FROM rl_t WHERE id BETWEEN ? AND ?"
                    + " ORDER BY id LIMIT ? OFFSET ? FOR UPDATE SKIP LOCKED")) {
                assertThat(ps.getMetaData().getColumnCount()).isEqualTo(2);
                ps.setInt(1, 1);
                ps.setInt(2, 5);
                ps.setInt(3, 2);
                ps.setInt(4, 1);
                List<Integer> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getInt(1));
                }
                assertThat(ids).containsExactly(3, 4); // 2 is a's: of 1, 3, 4, 5 the offset drops 1
            }
            // rows are locked only as far as OFFSET + LIMIT pulls them (1 was, 5 was not)
            assertThat(ints(sa, "SELECT id FROM rl_t WHERE id = 5 FOR UPDATE NOWAIT")).containsExactly(5);
            SQLException offsetRow = catchThrowableOfType(SQLException.class,
                    () -> ints(sa, "SELECT id FROM rl_t WHERE id = 1 FOR UPDATE NOWAIT"));
            assertThat(offsetRow.getSQLState()).isEqualTo("55P03");
            a.commit();
            b.commit();
        }
    }

    @Test
    void sharedLocksCoexistAndAnUpdateWaitsForTheLastOne() throws Exception {
        try (Connection a = connect(); Statement sa = a.createStatement();
             Connection b = connect(); Statement sb = b.createStatement();
             Connection c = connect(); Statement sc = c.createStatement()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(ints(sa, "SELECT v FROM rl_t WHERE id = 5 FOR SHARE")).containsExactly(50);
            assertThat(ints(sb, "SELECT v FROM rl_t WHERE id = 5 FOR KEY SHARE NOWAIT")).containsExactly(50);

            CompletableFuture<Integer> update = CompletableFuture.supplyAsync(() -> update(sc,
                    "UPDATE rl_t SET v = 55 WHERE id = 5"), pool);
            assertStaysBlocked(update);
            a.commit();
            assertStaysBlocked(update);
            b.rollback();

            assertThat(update.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(ints(sc, "SELECT v FROM rl_t WHERE id = 5")).containsExactly(55);
        }
    }

    @Test
    void aRowChangedAfterTheSnapshotCannotBeLocked() throws Exception {
        try (Connection a = connect(); Statement sa = a.createStatement();
             Connection b = connect(); Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            assertThat(ints(sa, "SELECT v FROM rl_t WHERE id = 6")).containsExactly(60); // the snapshot is taken
            assertThat(sb.executeUpdate("UPDATE rl_t SET v = 66 WHERE id = 6")).isEqualTo(1);

            SQLException e = catchThrowableOfType(SQLException.class,
                    () -> ints(sa, "SELECT v FROM rl_t WHERE id = 6 FOR UPDATE"));
            assertThat((Throwable) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("40001");
            a.rollback();
            assertThat(ints(sa, "SELECT v FROM rl_t WHERE id = 6 FOR UPDATE")).containsExactly(66); // a new snapshot
            a.rollback();
        }
    }

    @Test
    void rollbackAndClosingTheConnectionReleaseTheLocks() throws Exception {
        try (Connection b = connect(); Statement sb = b.createStatement()) {
            b.setAutoCommit(false);
            try (Connection a = connect(); Statement sa = a.createStatement()) {
                a.setAutoCommit(false);
                assertThat(ints(sa, "SELECT id FROM rl_t WHERE id IN (7, 8) ORDER BY id FOR UPDATE"))
                        .containsExactly(7, 8);
                assertThat(nowaitFails(b, sb, "SELECT id FROM rl_t WHERE id = 7 FOR UPDATE NOWAIT")).isTrue();
                a.rollback();
                assertThat(ints(sb, "SELECT id FROM rl_t WHERE id = 7 FOR UPDATE NOWAIT")).containsExactly(7);
                b.rollback();

                assertThat(ints(sa, "SELECT id FROM rl_t WHERE id = 8 FOR SHARE")).containsExactly(8);
                assertThat(nowaitFails(b, sb, "SELECT id FROM rl_t WHERE id = 8 FOR UPDATE NOWAIT")).isTrue();
            } // closed with its transaction open
            await("the closed connection's lock is released").atMost(Duration.ofSeconds(30))
                    .until(() -> !nowaitFails(b, sb, "SELECT id FROM rl_t WHERE id = 8 FOR UPDATE NOWAIT"));
            b.commit();
        }
    }

    @Test
    void forUpdateInAutocommitTakesAndReleasesItsLocksAtOnce() throws Exception {
        try (Connection a = connect(); Statement sa = a.createStatement();
             Connection b = connect(); Statement sb = b.createStatement()) {
            assertThat(a.getMetaData().supportsSelectForUpdate()).isTrue();
            assertThat(ints(sa, "SELECT v FROM rl_t WHERE id = 9 FOR UPDATE")).containsExactly(90);
            try (ResultSet rs = sa.executeQuery("SELECT * FROM rl_t WHERE id = 9 FOR SHARE")) {
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("v")).isEqualTo(90);
            }
            assertThat(sb.executeUpdate("UPDATE rl_t SET v = 99 WHERE id = 9")).isEqualTo(1);
            SQLException join = catchThrowableOfType(SQLException.class, () -> ints(sa,
                    "SELECT x.id FROM rl_t x JOIN rl_t y ON x.id = y.id FOR UPDATE"));
            assertThat(join.getSQLState()).isEqualTo("0A000");
            assertThat(ints(sa, "SELECT v FROM rl_t WHERE id = 9")).containsExactly(99);
        }
    }

    /** Whether the locking query fails with 55P03 (the block is rolled back then). */
    private static boolean nowaitFails(Connection c, Statement s, String sql) throws SQLException {
        try {
            ints(s, sql);
            return false;
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) throw e;
            c.rollback();
            return true;
        }
    }

    /** {@code f} stays waiting for the lock all through {@code STAYS_BLOCKED}, as AnomalyIT checks it. */
    private static void assertStaysBlocked(CompletableFuture<?> f) {
        await("still waiting for the lock").during(STAYS_BLOCKED).atMost(STAYS_BLOCKED.multipliedBy(4))
                .until(() -> !f.isDone());
    }

    private static int update(Statement s, String sql) {
        try {
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getSQLState() + " " + e.getMessage(), e);
        }
    }

    private static List<Integer> ints(Statement s, String sql) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }
}
