package io.shardsql.testkit.txn;

import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.history.Anomaly;
import io.shardsql.testkit.history.CheckResult;
import io.shardsql.testkit.history.Consistency;
import io.shardsql.testkit.history.ListAppendChecker;
import io.shardsql.testkit.history.ListAppendClient;
import io.shardsql.testkit.history.ListAppendGenerator;
import io.shardsql.testkit.history.ListAppendWorkload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * SERIALIZABLE through the driver on a three-node, four-shard cluster: the doctors-on-call write skew (two
 * transactions each read both doctors and take a different one off call) commits once and fails the other
 * with 40001, where REPEATABLE READ commits both; the phantom variant (each counts a range and inserts into it);
 * a randomized list-append run at SERIALIZABLE that the history checker, checking serializability, finds no
 * cycle in, and a REPEATABLE READ run in which it finds write skew (G2) — so the check can fail.
 */
@Timeout(300)
class SerializableIT {
    private static MiniCluster cluster;

    @BeforeAll
    static void start() throws SQLException {
        cluster = BankIT.cluster().shards(4).start();
        cluster.awaitReady();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE doctors (name VARCHAR(20) PRIMARY KEY, on_call INT NOT NULL)");
            s.execute("CREATE TABLE shifts (id INT PRIMARY KEY, shift INT NOT NULL)");
            ListAppendClient.createTable(c);
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void writeSkewCommitsOnceUnderSerializable() throws SQLException {
        resetDoctors();
        try (Connection a = begin(Connection.TRANSACTION_SERIALIZABLE);
             Connection b = begin(Connection.TRANSACTION_SERIALIZABLE)) {
            assertThat(onCall(a)).isEqualTo(2);
            assertThat(onCall(b)).isEqualTo(2);
            offCall(a, "alice");
            offCall(b, "bob");

            a.commit();
            SQLException e = catchThrowableOfType(b::commit, SQLException.class);

            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("40001");
            assertThat(e.getMessage()).contains("could not serialize access due to read/write dependencies");
            assertThat(b.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
        }
        assertThat(onCallNow()).isEqualTo(1);
    }

    @Test
    void writeSkewStaysPossibleUnderRepeatableRead() throws SQLException {
        resetDoctors();
        try (Connection a = begin(Connection.TRANSACTION_REPEATABLE_READ);
             Connection b = begin(Connection.TRANSACTION_REPEATABLE_READ)) {
            assertThat(onCall(a)).isEqualTo(2);
            assertThat(onCall(b)).isEqualTo(2);
            offCall(a, "alice");
            offCall(b, "bob");

            a.commit();
            b.commit();
        }
        assertThat(onCallNow()).isZero();
    }

    @Test
    void anInsertIntoARangeTheOtherCountedFailsUnderSerializable() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM shifts");
            s.executeUpdate("INSERT INTO shifts VALUES (1, 1), (2, 2)");
        }
        try (Connection a = begin(Connection.TRANSACTION_SERIALIZABLE);
             Connection b = begin(Connection.TRANSACTION_SERIALIZABLE);
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            assertThat(count(sa, "SELECT count(*) FROM shifts WHERE shift = 1")).isEqualTo(1);
            assertThat(count(sb, "SELECT count(*) FROM shifts WHERE shift = 1")).isEqualTo(1);
            sa.executeUpdate("INSERT INTO shifts VALUES (10, 1)"); // at most two on shift 1, each thinks
            sb.executeUpdate("INSERT INTO shifts VALUES (11, 1)");

            a.commit();
            SQLException e = catchThrowableOfType(b::commit, SQLException.class);
            assertThat((Object) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("40001");
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM shifts WHERE shift = 1")).isEqualTo(2);
        }
    }

    @Test
    void aRandomizedRunAtSerializableHasNoDependencyCycle() throws Exception {
        CheckResult r = listAppend(Connection.TRANSACTION_SERIALIZABLE, Integer.getInteger("serializable.txns", 80),
                "SerializableIT (SERIALIZABLE)");
        assertThat(r.anomalies()).as(r.summary()).isEmpty();
        assertThat(r.ok()).isGreaterThanOrEqualTo(80);
    }

    @Test
    @Tag("soak") // writeSkewStaysPossibleUnderRepeatableRead shows it deterministically in every build
    void aRandomizedRunAtRepeatableReadShowsWriteSkew() throws Exception {
        // Write skew needs two transactions to meet just so; runs are repeated (each short) until one shows it.
        CheckResult found = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (found == null && System.nanoTime() < deadline) {
            CheckResult r = listAppend(Connection.TRANSACTION_REPEATABLE_READ, 60, "SerializableIT (REPEATABLE READ)");
            assertThat(r.anomalies().stream().filter(a -> a.type() != Anomaly.Type.G2)).as(r.summary()).isEmpty();
            if (!r.of(Anomaly.Type.G2).isEmpty()) found = r;
        }
        assertThat(found).as("no REPEATABLE READ run showed G2 within 180 s").isNotNull();
    }

    @Test
    @Tag("soak")
    void aLongRandomizedRunAtSerializableHasNoDependencyCycle() throws Exception {
        CheckResult r = listAppend(Connection.TRANSACTION_SERIALIZABLE,
                Integer.getInteger("serializable.soak.txns", 5_000), "SerializableIT soak (SERIALIZABLE)");
        assertThat(r.anomalies()).as(r.summary()).isEmpty();
    }

    /**
     * Runs list-append transactions at {@code isolation} (6 clients over 4 keys, reads and appends mixed, so
     * that transactions read keys others write) until {@code transactions} committed; checks the history
     * for serializability.
     */
    private static CheckResult listAppend(int isolation, int transactions, String name) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + ListAppendClient.TABLE); // a fresh generator starts from key 0
        }
        long started = System.nanoTime();
        ListAppendWorkload w = new ListAppendWorkload(ListAppendRun.urls(cluster), "admin",
                MiniCluster.ADMIN_PASSWORD, new ListAppendGenerator(4, 200, 4)).isolation(isolation);
        try {
            w.start(6, 29 + started % 1000);
            await(transactions + " transactions committed").atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(100)).until(() -> w.ok() >= transactions);
            w.stop(Duration.ofSeconds(60));
            w.finalRead();
        } finally {
            w.close();
        }
        CheckResult r = ListAppendChecker.check(w.history().transactions(), Consistency.SERIALIZABLE);
        System.out.printf("%s: %d transactions in %d ms: %s%n", name, w.history().transactions().size(),
                (System.nanoTime() - started) / 1_000_000, r.summary());
        return r;
    }

    private static void resetDoctors() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM doctors");
            s.executeUpdate("INSERT INTO doctors VALUES ('alice', 1), ('bob', 1)");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }

    private static Connection begin(int isolation) throws SQLException {
        Connection c = connect();
        c.setAutoCommit(false);
        c.setTransactionIsolation(isolation);
        return c;
    }

    /** How many doctors are on call, as {@code c}'s transaction sees it (a scan of the whole table). */
    private static int onCall(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            return count(s, "SELECT count(*) FROM doctors WHERE on_call = 1");
        }
    }

    private static int onCallNow() throws SQLException {
        try (Connection c = connect()) {
            return onCall(c);
        }
    }

    private static void offCall(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE doctors SET on_call = 0 WHERE name = '" + name + "'")).isEqualTo(1);
        }
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
