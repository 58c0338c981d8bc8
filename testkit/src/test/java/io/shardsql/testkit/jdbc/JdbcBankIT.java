package io.shardsql.testkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bank over the JDBC driver and a HikariCP pool of 32 connections spread over all three nodes:
 * transfer threads move money between accounts on different shards in explicit transactions (retried
 * on 40001), reader threads check in read-only transactions that the total never changes, and mixed
 * threads run point reads, range scans, prepared batches and single inserts beside them. Every
 * committed transfer also writes a journal row in the same transaction, so at the end the balances
 * must be exactly the opening balances plus the journal: nothing lost, nothing half-applied.
 */
@Timeout(600)
class JdbcBankIT {
    private static final int ACCOUNTS = 64;
    private static final long OPENING = 1_000;
    private static final long SECONDS = Long.getLong("jdbc.bank.seconds", 20);

    @Test
    void transfersReadersAndMixedStatementsOverAPoolLoseNothing() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().nodes(3).shards(4).start()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(cluster.jdbcUrl());
            config.setUsername("admin");
            config.setPassword(MiniCluster.ADMIN_PASSWORD);
            config.setMaximumPoolSize(32);
            config.setConnectionTimeout(60_000);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
                    s.execute("CREATE TABLE journal (id BIGINT PRIMARY KEY, src INT, dst INT, amount BIGINT)");
                    s.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, body VARCHAR(100))");
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO accounts VALUES (?, ?)")) {
                        for (int i = 0; i < ACCOUNTS; i++) {
                            p.setInt(1, i);
                            p.setLong(2, OPENING);
                            p.addBatch();
                        }
                        p.executeBatch();
                    }
                }
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong journalIds = new AtomicLong();
                AtomicLong transfers = new AtomicLong(), retries = new AtomicLong(), checks = new AtomicLong(), mixed = new AtomicLong();
                Map<String, Long> unknownOutcomes = new ConcurrentHashMap<>();
                ExecutorService threads = Executors.newFixedThreadPool(32);
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 20; t++) {
                    long seed = t;
                    work.add(threads.submit(() -> {
                        Random random = new Random(seed);
                        while (!stop.get()) {
                            int from = random.nextInt(ACCOUNTS), to = random.nextInt(ACCOUNTS);
                            if (from == to) continue;
                            long amount = 1 + random.nextInt(50);
                            long journalId = journalIds.incrementAndGet();
                            while (!stop.get()) {
                                try (Connection c = pool.getConnection()) {
                                    if (transfer(c, from, to, amount, journalId)) transfers.incrementAndGet();
                                    break;
                                } catch (SQLTransactionRollbackException e) {
                                    retries.incrementAndGet(); // 40001: try the whole transaction again
                                } catch (SQLException e) {
                                    if ("40003".equals(e.getSQLState())) { // outcome unknown: the journal tells
                                        unknownOutcomes.put("j" + journalId, journalId);
                                        break;
                                    }
                                    throw e;
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (int t = 0; t < 6; t++) {
                    work.add(threads.submit(() -> {
                        while (!stop.get()) {
                            try (Connection c = pool.getConnection()) {
                                c.setReadOnly(true);
                                c.setAutoCommit(false);
                                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sum(balance), count(*) FROM accounts")) {
                                    rs.next();
                                    assertThat(rs.getLong(1)).isEqualTo(ACCOUNTS * OPENING);
                                    assertThat(rs.getLong(2)).isEqualTo(ACCOUNTS);
                                }
                                c.commit();
                                c.setAutoCommit(true);
                                c.setReadOnly(false);
                                checks.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (int t = 0; t < 6; t++) {
                    long seed = 100 + t;
                    work.add(threads.submit(() -> {
                        Random random = new Random(seed);
                        long noteBase = seed * 1_000_000;
                        while (!stop.get()) {
                            try (Connection c = pool.getConnection()) {
                                mixedStatement(c, random, noteBase + mixed.incrementAndGet() * 100);
                            } catch (SQLTransactionRollbackException e) {
                                retries.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                Thread.sleep(SECONDS * 1000); // the workload's duration: the threads work meanwhile
                stop.set(true);
                for (Future<?> f : work) f.get();
                threads.shutdown();

                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    long[] balances = new long[ACCOUNTS];
                    try (ResultSet rs = s.executeQuery("SELECT id, balance FROM accounts")) {
                        while (rs.next()) balances[rs.getInt(1)] = rs.getLong(2);
                    }
                    long[] expected = new long[ACCOUNTS];
                    java.util.Arrays.fill(expected, OPENING);
                    long journalRows = 0;
                    try (ResultSet rs = s.executeQuery("SELECT src, dst, amount FROM journal")) {
                        while (rs.next()) {
                            expected[rs.getInt(1)] -= rs.getLong(3);
                            expected[rs.getInt(2)] += rs.getLong(3);
                            journalRows++;
                        }
                    }
                    assertThat(balances).containsExactly(expected);
                    assertThat(journalRows).isBetween(transfers.get(), transfers.get() + unknownOutcomes.size());
                }
                System.out.printf("JdbcBankIT: %d transfers, %d retries, %d total checks, %d mixed statements, %d unknown outcomes in %d s%n",
                        transfers.get(), retries.get(), checks.get(), mixed.get(), unknownOutcomes.size(), SECONDS);
                assertThat(transfers.get()).isPositive();
                assertThat(checks.get()).isPositive();
            }
        }
    }

    /** One transfer in an explicit transaction; false if the source could not pay. */
    private static boolean transfer(Connection c, int from, int to, long amount, long journalId) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement read = c.prepareStatement("SELECT balance FROM accounts WHERE id = ?");
             PreparedStatement write = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
             PreparedStatement journal = c.prepareStatement("INSERT INTO journal VALUES (?, ?, ?, ?)")) {
            read.setInt(1, from);
            long balance;
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                balance = rs.getLong(1);
            }
            if (balance < amount) {
                c.rollback();
                return false;
            }
            write.setLong(1, -amount);
            write.setInt(2, from);
            write.executeUpdate();
            write.setLong(1, amount);
            write.setInt(2, to);
            write.executeUpdate();
            journal.setLong(1, journalId);
            journal.setInt(2, from);
            journal.setInt(3, to);
            journal.setLong(4, amount);
            journal.executeUpdate();
            c.commit();
            return true;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection may be gone; the pool replaces it
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void mixedStatement(Connection c, Random random, long noteId) throws SQLException {
        switch (random.nextInt(4)) {
            case 0 -> {
                try (PreparedStatement p = c.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
                    p.setInt(1, random.nextInt(ACCOUNTS));
                    try (ResultSet rs = p.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getLong(1)).isNotNegative();
                    }
                }
            }
            case 1 -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM accounts WHERE id BETWEEN 10 AND 19")) {
                    int n = 0;
                    while (rs.next()) n++;
                    assertThat(n).isEqualTo(10);
                }
            }
            case 2 -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
                    for (int i = 0; i < 20; i++) {
                        p.setLong(1, noteId + i);
                        p.setString(2, "note " + i);
                        p.addBatch();
                    }
                    assertThat(p.executeBatch()).hasSize(20);
                }
            }
            default -> {
                try (Statement s = c.createStatement()) {
                    assertThat(s.executeUpdate("INSERT INTO notes VALUES (" + (noteId + 50) + ", 'single')")).isEqualTo(1);
                }
            }
        }
    }
}
