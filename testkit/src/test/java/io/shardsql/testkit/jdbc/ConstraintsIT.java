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
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * CHECK and UNIQUE constraints on a three-node cluster through the JDBC driver: a constraint added through
 * one node holds for statements on every other node at once (it is part of the versioned table definition),
 * batches and transactions that break one change nothing, and ALTER TABLE ADD UNIQUE builds its index online
 * while other nodes keep inserting.
 */
@Timeout(300)
class ConstraintsIT {
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

    @Test
    void aConstraintAddedOnOneNodeHoldsOnEveryNode() throws SQLException {
        try (Connection c0 = connect(0); Connection c1 = connect(1); Connection c2 = connect(2);
             Statement s0 = c0.createStatement(); Statement s1 = c1.createStatement(); Statement s2 = c2.createStatement()) {
            s0.execute("CREATE TABLE cit_acct (id INT PRIMARY KEY, owner TEXT UNIQUE, balance INT CHECK (balance >= 0))");
            assertThat(s1.executeUpdate("INSERT INTO cit_acct VALUES (1, 'ann', 10), (2, 'bob', 0)")).isEqualTo(2);
            SQLException check = catchThrowableOfType(
                    () -> s2.executeUpdate("UPDATE cit_acct SET balance = balance - 5"), SQLException.class);
            assertThat((Throwable) check).isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThat(check.getSQLState()).isEqualTo("23514");
            assertThat(check.getErrorCode()).isEqualTo(5012);
            assertThat(check.getMessage()).contains("cit_acct_balance_check");
            SQLException unique = catchThrowableOfType(
                    () -> s2.executeUpdate("INSERT INTO cit_acct VALUES (3, 'ann', 1)"), SQLException.class);
            assertThat(unique.getSQLState()).isEqualTo("23505");
            assertThat(unique.getMessage()).contains("cit_acct_owner_key");
            // nothing changed: the UPDATE that failed on one row wrote none
            assertThat(count(s0, "SELECT sum(balance) FROM cit_acct")).isEqualTo(10);

            s1.execute("ALTER TABLE cit_acct ADD CONSTRAINT small CHECK (balance < 100)");
            SQLException added = catchThrowableOfType(
                    () -> s2.executeUpdate("INSERT INTO cit_acct VALUES (4, 'cy', 100)"), SQLException.class);
            assertThat(added.getSQLState()).isEqualTo("23514");
            assertThat(added.getMessage()).contains("\"small\"");

            s2.execute("ALTER TABLE cit_acct DROP CONSTRAINT small");
            assertThat(s0.executeUpdate("INSERT INTO cit_acct VALUES (4, 'cy', 100)")).isEqualTo(1);
            s0.execute("DROP TABLE cit_acct");
        }
    }

    @Test
    void aBatchOrATransactionThatBreaksACheckWritesNothing() throws SQLException {
        try (Connection c = connect(1); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cit_batch (id INT PRIMARY KEY, qty INT CONSTRAINT qty_positive CHECK (qty > 0))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO cit_batch VALUES (?, ?)")) {
                for (int i = 1; i <= 50; i++) {
                    p.setInt(1, i);
                    p.setInt(2, i == 37 ? 0 : i);
                    p.addBatch();
                }
                BatchUpdateException e = catchThrowableOfType(p::executeBatch, BatchUpdateException.class);
                assertThat(e.getSQLState()).isEqualTo("23514");
                assertThat(e.getMessage()).contains("qty_positive");
            }
            assertThat(count(s, "SELECT count(*) FROM cit_batch")).isZero();

            c.setAutoCommit(false);
            assertThat(s.executeUpdate("INSERT INTO cit_batch VALUES (1, 1)")).isEqualTo(1);
            SQLException e = catchThrowableOfType(() -> s.executeUpdate("INSERT INTO cit_batch VALUES (2, -2)"),
                    SQLException.class);
            assertThat(e.getSQLState()).isEqualTo("23514");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(count(s, "SELECT count(*) FROM cit_batch")).isZero();
            s.execute("DROP TABLE cit_batch");
        }
    }

    /**
     * ADD CHECK outside a block enforces the constraint first, waits for older transactions, then validates:
     * a transaction that began before it (and writes with the old definition) cannot slip a failing row past.
     */
    @Test
    void addCheckWaitsForOlderWritersAndValidatesTheirRows() throws Exception {
        ExecutorService alterer = Executors.newSingleThreadExecutor();
        try (Connection c0 = connect(0); Connection c1 = connect(1); Connection c2 = connect(2);
             Statement s0 = c0.createStatement(); Statement s1 = c1.createStatement(); Statement s2 = c2.createStatement()) {
            s0.execute("CREATE TABLE cit_race (id INT PRIMARY KEY, n INT)");
            s0.executeUpdate("INSERT INTO cit_race VALUES (1, 1)");
            c2.setAutoCommit(false);
            assertThat(count(s2, "SELECT count(*) FROM cit_race")).isEqualTo(1); // its snapshot: before the ALTER
            Future<?> alter = alterer.submit(() -> {
                s1.execute("ALTER TABLE cit_race ADD CONSTRAINT positive CHECK (n > 0)");
                return null;
            });
            // step 1 committed: new transactions are checked already, while the ALTER waits for the older one
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count(s0, "SELECT count(*) FROM sys.constraints WHERE constraint_name = 'positive'") == 1);
            SQLException refused = catchThrowableOfType(
                    () -> s0.executeUpdate("INSERT INTO cit_race VALUES (3, -1)"), SQLException.class);
            assertThat(refused.getSQLState()).isEqualTo("23514");
            assertThat(alter.isDone()).as("the ALTER waits for the transaction that began before it").isFalse();
            assertThat(s2.executeUpdate("INSERT INTO cit_race VALUES (2, -5)")).isEqualTo(1); // old definition
            c2.commit();
            ExecutionException failed = catchThrowableOfType(() -> alter.get(120, TimeUnit.SECONDS),
                    ExecutionException.class);
            assertThat(((SQLException) failed.getCause()).getSQLState()).isEqualTo("23514");
            assertThat(failed.getCause().getMessage()).contains("is violated by some row");
            assertThat(count(s0, "SELECT count(*) FROM sys.constraints WHERE table_name = 'cit_race'")).isZero();
            assertThat(s0.executeUpdate("INSERT INTO cit_race VALUES (3, -1)")).isEqualTo(1);
            s0.execute("DROP TABLE cit_race");
        } finally {
            alterer.shutdownNow();
        }
    }

    @Test
    void addUniqueBuildsItsIndexWhileOtherNodesInsert() throws Exception {
        try (Connection c0 = connect(0); Statement s0 = c0.createStatement()) {
            s0.execute("CREATE TABLE cit_online (id INT PRIMARY KEY, email TEXT)");
            try (PreparedStatement p = c0.prepareStatement("INSERT INTO cit_online VALUES (?, ?)")) {
                for (int i = 0; i < 600; i++) {
                    p.setInt(1, i);
                    p.setString(2, "u" + i + "@x");
                    p.addBatch();
                }
                p.executeBatch();
            }
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(2);
            List<Future<Integer>> written = new ArrayList<>();
            for (int w = 1; w <= 2; w++) {
                int node = w;
                written.add(writers.submit(() -> {
                    int n = 0;
                    try (Connection c = connect(node); Statement s = c.createStatement()) {
                        for (int i = 0; !stop.get() && i < 200; i++) {
                            int id = node * 10_000 + i;
                            n += s.executeUpdate("INSERT INTO cit_online VALUES (" + id + ", 'w" + id + "@x')");
                        }
                    }
                    return n;
                }));
            }
            try {
                s0.execute("ALTER TABLE cit_online ADD UNIQUE (email)");
            } finally {
                stop.set(true);
                writers.shutdown();
            }
            int inserted = 0;
            for (Future<Integer> f : written) inserted += f.get();
            assertThat(count(s0, "SELECT count(*) FROM cit_online")).isEqualTo(600 + inserted);
            try (Connection c2 = connect(2); Statement s2 = c2.createStatement()) {
                SQLException e = catchThrowableOfType(
                        () -> s2.executeUpdate("INSERT INTO cit_online VALUES (-1, 'u7@x')"), SQLException.class);
                assertThat(e.getSQLState()).isEqualTo("23505");
                assertThat(e.getMessage()).contains("cit_online_email_key");
                assertThat(count(s2, "SELECT count(*) FROM sys.constraints WHERE table_name = 'cit_online'"))
                        .isEqualTo(1);
                // rows from before the ALTER and rows written during its build are found through the index
                for (String email : List.of("u0@x", "u599@x", "w10000@x", "w20000@x")) {
                    assertThat(count(s2, "SELECT count(*) FROM cit_online WHERE email = '" + email + "'"))
                            .as(email).isEqualTo(1);
                }
            }
            s0.execute("DROP TABLE cit_online");
        }
    }
}
