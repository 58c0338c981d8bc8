package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
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
 * {@code sql.idle-in-transaction-timeout} (issue 17, hole 6): a session that holds a transaction open and
 * sends nothing for longer is rolled back and closed with 25P03, so it stops holding garbage collection
 * back; {@code sys.gc_horizon} names it while it holds the horizon; a session idle outside a transaction,
 * or one that turned the timeout off for itself ({@code SET idle_in_transaction_session_timeout = 0}), is
 * left alone.
 */
@Timeout(180)
class IdleInTransactionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aSessionIdleInATransactionIsRolledBackAndClosedWith25P03() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().nodes(1).replication(1).shards(2)
                .set("sql.idle-in-transaction-timeout", TIMEOUT.toMillis() + "ms").start()) {
            cluster.awaitReady();
            try (Connection admin = connect(cluster); Statement a = admin.createStatement();
                 Connection idleOutside = connect(cluster); Connection idleInside = connect(cluster);
                 Connection optedOut = connect(cluster)) {
                a.execute("CREATE TABLE iit (id INT PRIMARY KEY)");
                idleInside.setAutoCommit(false);
                long began = System.nanoTime(); // before its last request: the clock starts after that one
                try (Statement s = idleInside.createStatement()) {
                    assertThat(s.executeUpdate("INSERT INTO iit VALUES (1)")).isEqualTo(1);
                }
                try (Statement s = optedOut.createStatement()) { // a session may turn it off for itself
                    s.execute("SET idle_in_transaction_session_timeout = 0");
                    optedOut.setAutoCommit(false);
                    assertThat(s.executeUpdate("INSERT INTO iit VALUES (3), (4)")).isEqualTo(2);
                }

                // while it waits, its transaction is listed with its session, and holds the horizon
                List<String> holders = strings(a, "SELECT holder FROM sys.transactions WHERE buffered_writes = 1");
                assertThat(holders).hasSize(1);
                String holder = holders.get(0);
                assertThat(holder).startsWith("session ").contains("admin@");
                await().atMost(TIMEOUT.multipliedBy(2)).until(() ->
                        strings(a, "SELECT holder FROM sys.gc_horizon WHERE holds_horizon").equals(List.of(holder)));

                // after the timeout its transaction is gone from the node ...
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> strings(a, "SELECT holder FROM sys.transactions WHERE buffered_writes = 1")
                                .isEmpty());
                assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(TIMEOUT);
                // ... its write with it, and its connection is closed with 25P03
                assertThat(strings(a, "SELECT CAST(id AS VARCHAR) FROM iit")).isEmpty();
                SQLException e = catchThrowableOfType(() -> {
                    try (Statement s = idleInside.createStatement()) {
                        s.executeQuery("SELECT 1");
                    }
                }, SQLException.class);
                assertThat((Throwable) e).isNotNull();
                assertThat(describe(e)).contains("25P03").contains("idle-in-transaction timeout");

                // a session idle as long but outside a transaction still works, and so does the one that opted out
                try (Statement s = idleOutside.createStatement()) {
                    assertThat(s.executeUpdate("INSERT INTO iit VALUES (2)")).isEqualTo(1);
                }
                optedOut.commit();
                assertThat(strings(a, "SELECT CAST(id AS VARCHAR) FROM iit ORDER BY id")).containsExactly("2", "3", "4");
            }
        }
    }

    private static Connection connect(MiniCluster cluster) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** The exception's SQLStates and messages, with its causes'. */
    private static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException q) b.append(q.getSQLState()).append(' ');
            b.append(c.getMessage()).append(" | ");
        }
        return b.toString();
    }
}
