package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Memory and size bounds over JDBC (issue 17, hole 6), with small limits so a test reaches them: a statement
 * whose sort, join build side, aggregate groups or INSERT ... SELECT / UPDATE input would hold more than
 * {@code sql.statement-memory} fails with 53200; a transaction whose writes pass {@code txn.write-buffer-memory}
 * fails with 53200; a commit whose writes to a shard do not fit one Raft entry ({@code raft.log.entry-max-bytes})
 * fails with 54000, while one just under it commits. Each failure changes nothing, and another session's small
 * queries go on succeeding throughout.
 */
@Timeout(120)
class MemoryLimitsIT {
    private static final int ROWS = 10_000;
    private static final String PAD = "p".repeat(100);
    private static final long ENTRY_MAX = 256 << 10;

    @Test
    void statementsAndTransactionsPastTheirBoundsFailClearlyAndChangeNothing() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().nodes(1).replication(1).shards(1)
                .set("sql.statement-memory", "1m").set("txn.write-buffer-memory", "2m")
                .set("raft.log.entry-max-bytes", ENTRY_MAX).start()) {
            cluster.awaitReady();
            try (Connection c = connect(cluster); Statement s = c.createStatement();
                 Connection other = connect(cluster)) {
                s.execute("CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(200))");
                s.execute("CREATE TABLE copy (id INT PRIMARY KEY, pad VARCHAR(200))");
                s.execute("CREATE TABLE small (id INT PRIMARY KEY)");
                s.execute("INSERT INTO small VALUES (1000000), (1000001), (1000002)");
                c.setAutoCommit(false);
                for (int i = 0; i < ROWS; i += 1000) {
                    load(c, "big", i, i + 1000, 1000);
                    c.commit();
                }
                c.setAutoCommit(true);
                try (OtherSession bystander = new OtherSession(other)) {
                    boundedStatements(s);
                    boundedTransactions(c, s);
                    assertThat(bystander.finish()).isGreaterThan(0);
                }
            }
        }
    }

    /** Sort, join, aggregate, INSERT ... SELECT and UPDATE past sql.statement-memory (1 MB; big holds ~1.8 MB). */
    private static void boundedStatements(Statement s) throws SQLException {
        assertFails(s, "SELECT id, pad FROM big ORDER BY pad DESC, id", "53200", "sort");
        assertFails(s, "SELECT count(*) FROM big a JOIN big b ON a.pad = b.pad", "53200", "sort"); // a merge join
        assertFails(s, "SELECT count(*) FROM big a JOIN big b ON a.pad < b.pad", "53200", "nested loop join");
        assertFails(s, "SELECT pad || CAST(id AS VARCHAR), count(*) FROM big GROUP BY pad || CAST(id AS VARCHAR)",
                "53200", "aggregate");
        assertFails(s, "INSERT INTO copy SELECT id, pad FROM big", "53200", "INSERT or UPDATE input");
        assertFails(s, "UPDATE big SET pad = 'x' || pad", "53200", "INSERT or UPDATE input");
        assertThat(count(s, "SELECT count(*) FROM copy")).isZero();
        assertThat(count(s, "SELECT count(*) FROM big WHERE pad LIKE 'x%'")).isZero();
        // what streams, or holds little, still runs over the same rows
        assertThat(count(s, "SELECT count(*) FROM big WHERE pad <> 'none'")).isEqualTo(ROWS);
        assertThat(count(s, "SELECT count(*) FROM big a JOIN small b ON a.id = b.id")).isEqualTo(3);
        assertThat(count(s, "SELECT count(DISTINCT pad) FROM big WHERE id < 1000100")).isEqualTo(1);
        assertThat(count(s, "SELECT count(*) FROM (SELECT id, max(pad) FROM big GROUP BY id HAVING id < 1002000) t"))
                .isEqualTo(2000);
    }

    /** A transaction past txn.write-buffer-memory (2 MB); commits past and just under one Raft entry (256 KB). */
    private static void boundedTransactions(Connection c, Statement s) throws SQLException {
        c.setAutoCommit(false);
        // ~185 bytes a row in the buffer: 20,000 rows would take ~3.7 MB
        SQLException full = catchThrowableOfType(() -> load(c, "copy", 0, 2 * ROWS, 1000), SQLException.class);
        assertThat(describe(full)).contains("53200").contains("txn.write-buffer-memory");
        c.rollback();
        assertThat(count(s, "SELECT count(*) FROM copy")).isZero();

        load(c, "copy", 0, 3000, 1000); // ~400 KB encoded: within the buffer, not within one entry
        SQLException tooLarge = catchThrowableOfType(c::commit, SQLException.class);
        assertThat(describe(tooLarge)).contains("54000").contains("raft.log.entry-max-bytes")
                .contains(Long.toString(ENTRY_MAX - 1024));
        c.rollback();
        c.setAutoCommit(true);
        assertThat(count(s, "SELECT count(*) FROM copy")).isZero();

        // the refusal names the size: rows of one size cost the same, so the largest count that fits is known
        Matcher m = Pattern.compile("its (\\d+) writes to shard-0 take (\\d+) bytes").matcher(describe(tooLarge));
        assertThat(m.find()).isTrue();
        long header = 1 + 1 + 8 + 4 + 64 + 8 + 4;
        long perRow = (Long.parseLong(m.group(2)) - header) / Long.parseLong(m.group(1));
        int fits = (int) ((ENTRY_MAX - 1024 - header) / perRow);
        c.setAutoCommit(false);
        load(c, "copy", 0, fits, 1000);
        c.commit();
        c.setAutoCommit(true);
        assertThat(count(s, "SELECT count(*) FROM copy")).isEqualTo(fits);
        c.setAutoCommit(false);
        load(c, "copy", fits, fits + 1, 1000); // one more row than fits, in a second transaction: fine
        c.commit();
        c.setAutoCommit(true);
        assertThat(count(s, "SELECT count(*) FROM copy")).isEqualTo(fits + 1);
    }

    /** Rows {@code from <= id < to} of {@code table}, {@code batch} rows per JDBC batch. */
    private static void load(Connection c, String table, int from, int to, int batch) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            for (int i = from; i < to; i++) {
                p.setInt(1, 1_000_000 + i); // ids of one encoded length, so every row has one size
                p.setString(2, PAD);
                p.addBatch();
                if ((i - from + 1) % batch == 0 || i == to - 1) p.executeBatch();
            }
        }
    }

    private static void assertFails(Statement s, String sql, String sqlState, String what) {
        SQLException e = catchThrowableOfType(() -> {
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) rs.getObject(1);
                }
            }
        }, SQLException.class);
        assertThat((Throwable) e).as(sql).isNotNull();
        assertThat(describe(e)).as(sql).contains(sqlState).contains(what).contains("sql.statement-memory");
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static Connection connect(MiniCluster cluster) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
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

    /** Another session running a small query over and over while the large ones fail; every run must succeed. */
    private static final class OtherSession implements AutoCloseable {
        private final AtomicInteger runs = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stop;
        private final Thread thread;

        OtherSession(Connection c) {
            thread = new Thread(() -> {
                try (Statement s = c.createStatement()) {
                    while (!stop) {
                        assertThat(count(s, "SELECT count(*) FROM small")).isEqualTo(3);
                        runs.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "other-session");
            thread.start();
        }

        /** Stops it; returns how many queries ran, or throws what failed. */
        int finish() throws InterruptedException {
            stop = true;
            thread.join(30_000);
            if (failure.get() != null) throw new AssertionError("the other session failed", failure.get());
            return runs.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(30_000);
        }
    }
}
